import html

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from iop.concurrency import VersionFormMixin
from partnerships.models import (
    Annex,
    Clause,
    Commitment,
    Compensation,
    Goal,
    Organisation,
    Participation,
    Partnership,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LongSelect(forms.Select):
    """A select of hundreds of plain options (every partnership) written as one string: the same
    HTML as Django's select, without its per-option dictionaries and templates (at 300 options
    those took longer than the rest of the deadlines page)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        choices = [("" if v is None else v, str(label)) for v, label in self.choices]
        # html.escape is what django.utils.html.escape calls, without its check for lazy
        # strings. The labels are escaped in one call, joined by a line break (escaping leaves
        # it as it is), unless a label holds one itself.
        labels = [label for _v, label in choices]
        escaped = html.escape("\n".join(labels)).split("\n")
        if len(escaped) != len(labels):
            escaped = [html.escape(label) for label in labels]
        options = []
        for (option_value, _label), label in zip(choices, escaped, strict=True):
            # A whole number (a partnership's pk) is digits, with nothing to escape.
            written = str(option_value)
            option_value = written if type(option_value) is int else html.escape(written)
            options.append(
                f'<option value="{option_value}"'
                f"{' selected' if written in chosen else ''}>{label}</option>"
            )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(
            f'<select name="{escape(name)}"{attrs}>\n' + "\n".join(options) + "\n</select>"
        )


class WrittenInputMixin:
    """An input written as one string: the HTML of Django's input template (attributes as its
    attrs.html writes them, through flatatt), without a template render for each field (about
    a tenth of a millisecond each, a good part of a list page's filter form)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = widget["value"]
        value = "" if value is None else f' value="{escape(value)}"'
        return mark_safe(
            f'<input type="{escape(widget["type"])}" name="{escape(name)}"{value}'
            f"{flatatt(widget['attrs'])}>"
        )


class WrittenTextInput(WrittenInputMixin, forms.TextInput):
    pass


class WrittenNumberInput(WrittenInputMixin, forms.NumberInput):
    pass


class WrittenDateInput(WrittenInputMixin, DateInput):
    pass


class WrittenCheckboxInput(WrittenInputMixin, forms.CheckboxInput):
    pass


class PlainTextarea(forms.Textarea):
    """Django's textarea, the same HTML written as one string rather than through the form
    renderer's two templates (a page with a textarea for each goal rendered them a dozen times)."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        attrs = "".join(
            f" {key}" if item is True else f' {key}="{conditional_escape(item)}"'
            for key, item in self.build_attrs(self.attrs, attrs).items()
            if item is not False
        )
        return mark_safe(
            f'<textarea name="{escape(name)}"{attrs}>\n{conditional_escape(value) if value else ""}</textarea>'
        )


class PreparedChoices(BaseChoiceIterator):
    """Choices already made as a list of (value, label) pairs, set on a field as they are: Django
    walks a plain list again each time it is set on a field and on the field's widget (for the
    deadline filter's 300 partnerships, twice for each of its two forms)."""

    def __init__(self, choices):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)


class ReasonFormMixin(forms.Form):
    """Every change asks why; the answer goes into the history with the change."""

    reason = forms.CharField(
        label=_("Anledning till ändringen"),
        max_length=500,
        help_text=_("Kort motivering som sparas i historiken, t.ex. beslut eller ärende."),
        error_messages={"required": _("Skriv en kort anledning till ändringen.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def date_widgets(*names):
    return {name: DateInput() for name in names}


class OrganisationForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "kind",
            "name",
            "org_number",
            "unit_name",
            "bankgiro",
            "plusgiro",
            "email",
            "phone",
            "address",
            "description",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class PartnershipForm(VersionFormMixin, ReasonFormMixin, forms.ModelForm):
    # Twenty-odd fields: the reason, required, comes first (with its help text), not below the
    # last text box where nobody looks for it.
    field_order = ["reason"]

    class Meta:
        model = Partnership
        fields = [
            "title",
            "registration_number",
            "status",
            "start_date",
            "end_date",
            "extension_kind",
            "extension_months",
            "extension_last_date",
            "notice_day",
            "notice_month",
            "agreement_months_before_end",
            "funds_condition",
            "party_notice_months",
            "termination_notice_months",
            "agreement_year_day",
            "agreement_year_month",
            "year_basis",
            "background",
            "purpose",
            "target_group",
            "basis",
            "values",
            "gender_perspective",
            "information_dissemination",
            "confidentiality",
        ]
        widgets = date_widgets("start_date", "end_date", "extension_last_date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new partnership starts as a draft; status changes go through the lifecycle
        # (partnerships.states), never through this form.
        self.fields.pop("status")
        # A new partnership follows its agreement year (DESIGN.md); a form posted without the
        # choice keeps what the partnership follows.
        basis = self.fields["year_basis"]
        basis.required = False
        basis.widget = forms.RadioSelect(choices=[c for c in basis.choices if c[0]])
        if self.instance.pk is None:
            self.initial.setdefault("year_basis", Partnership.YearBasis.AGREEMENT)

    def clean_year_basis(self):
        return self.cleaned_data.get("year_basis") or self.instance.year_basis


class GoalForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["order", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class ClauseForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = Clause
        fields = ["order", "number", "heading", "holds", "body"]


class ParticipationForm(VersionFormMixin, ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = Participation
        fields = [
            "organisation",
            "unit",
            "joined_on",
            "accepted_conditions_on",
        ]
        # Leaving goes through notice, termination or rescission (partnerships.services.parties
        # .notice_give), which records the decision and cancels later payments.
        widgets = date_widgets("joined_on", "accepted_conditions_on")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        if self.instance.pk:
            self.fields.pop("organisation")


class AnnexForm(VersionFormMixin, ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = Annex
        fields = [
            "participation",
            "number",
            "title",
            "registration_number",
            "start_date",
            "end_date",
            "description",
        ]
        widgets = date_widgets("start_date", "end_date")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["participation"].queryset = partnership.participations.select_related(
            "organisation", "partnership"
        )
        if self.instance.pk:
            # A bilaga is one party's: its grants, signatures, statements and reports follow
            # that party, so the party is chosen once. A wrong choice is removed and made anew.
            self.fields["participation"].disabled = True
            self.fields["participation"].help_text = _(
                "Bilagans part väljs när bilagan skapas och kan inte bytas."
            )


class CommitmentForm(VersionFormMixin, ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["order", "title", "description"]

    def __init__(self, *args, annex, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.annex = annex


class CompensationForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = Compensation
        fields = ["period_start", "period_end", "amount", "note"]
        widgets = date_widgets("period_start", "period_end")

    def __init__(self, *args, annex, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.annex = annex


class DeleteForm(ReasonFormMixin):
    pass


class OrganisationSearchForm(forms.Form):
    """The organisation list's search: a form, so a value no database can take (NUL) or an
    oversized one is refused with a message instead of reaching the query."""

    q = forms.CharField(
        label=_("Sök namn eller organisationsnummer"), required=False, max_length=200
    )


class PartnershipFilterForm(forms.Form):
    q = forms.CharField(label=_("Sök"), required=False, max_length=200, widget=WrittenTextInput)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla"))] + list(Partnership.Status.choices),
        widget=LongSelect,  # through Django's option templates, half a millisecond a page
    )
    # Typed, not chosen from a list: a list of every party organisation (1,500 at ten times
    # Stockholm's size) is too long to read or to scroll through, and to send with every page.
    organisation = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=200,
        help_text=_("En parts namn eller organisationsnummer, eller en del av det."),
        widget=WrittenTextInput,
    )
    year = forms.IntegerField(
        label=_("År"),
        required=False,
        min_value=1990,
        max_value=2100,
        widget=WrittenNumberInput,
    )

    def clean_organisation(self):
        """The party organisations whose name or organisationsnummer holds the text typed (None
        when nothing was typed); refused when no party's does."""
        text = self.cleaned_data["organisation"].strip()
        if not text:
            return None
        organisations = Organisation.objects.filter(participations__isnull=False).search(text)
        if not organisations.exists():
            raise forms.ValidationError(
                _("Ingen part har ett namn eller organisationsnummer med ”%(text)s”."),
                params={"text": text},
            )
        return organisations

    def filter(self, queryset):
        data = self.cleaned_data
        queryset = queryset.search(data.get("q"))
        if data.get("status"):
            # As the list shows it: one that has run out is "Avslutad" before the daily command.
            queryset = queryset.in_status(data["status"])
        if data.get("organisation") is not None:
            queryset = queryset.with_party(data["organisation"])
        if data.get("year"):
            queryset = queryset.in_year(data["year"])
        return queryset


class CorrectionFormMixin(VersionFormMixin, forms.ModelForm):
    """A rättelse: only the model's `CLERICAL_FIELDS`, and why they are corrected (required,
    shown in the history and on the page)."""

    reason = forms.CharField(
        label=_("Anledning till rättelsen"),
        max_length=500,
        help_text=_("T.ex. ”Stavfel i diarienumret”. Visas i historiken och på sidan."),
        error_messages={"required": _("Skriv varför uppgiften rättas.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class PartnershipCorrectionForm(CorrectionFormMixin):
    class Meta:
        model = Partnership
        fields = Partnership.CLERICAL_FIELDS


class AnnexCorrectionForm(CorrectionFormMixin):
    class Meta:
        model = Annex
        fields = Annex.CLERICAL_FIELDS
