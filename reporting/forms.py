from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from iop.concurrency import VersionFormMixin
from iop.uploads import UploadField
from partnerships.forms import (
    DateInput,
    LongSelect,
    PlainTextarea,
    PreparedChoices,
    ReasonFormMixin,
    WrittenTextInput,
)
from partnerships.models import Partnership
from reporting.models import GENDERS, BudgetLine, FeedbackEntry, ReportingPeriod, Status
from reporting.validation import age_field, custom_field, parse_report


def count_input():
    return forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 8})


class ReportFilterForm(forms.Form):
    """The report list's filters. A refused value is named next to its field and left out; the
    valid filters still apply."""

    q = forms.CharField(
        label=_("Sök organisation"), required=False, max_length=200, widget=WrittenTextInput
    )
    partnership = forms.TypedChoiceField(
        label=_("Partnerskap"), coerce=int, required=False, empty_value=None, widget=LongSelect
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla"))] + list(Status.choices),
        widget=LongSelect,  # the same select, written as one string rather than templates
    )

    def __init__(self, *args, partnerships=(), **kwargs):
        """`partnerships`: (pk, title) of those the user may see, in order."""
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = PreparedChoices([("", _("Alla"))] + list(partnerships))

    def filter(self, reports):
        data = self.cleaned_data
        if data.get("q"):
            reports = reports.filter(organisation__name__icontains=data["q"])
        if data.get("partnership"):
            reports = reports.filter(period__partnership_id=data["partnership"])
        if data.get("status"):
            reports = reports.filter(status=data["status"])
        return reports


class FeedbackFilterForm(forms.Form):
    """Synpunkter och klagomål for one partnership, as the partnership's reporting page links
    to it. A refused value is named next to the field and the list shows everything."""

    partnership = forms.TypedChoiceField(
        label=_("Partnerskap"), coerce=int, required=False, empty_value=None, widget=LongSelect
    )

    def __init__(self, *args, partnerships=(), **kwargs):
        """`partnerships`: (pk, title) of those the user may see, in order."""
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = [("", _("Alla"))] + list(partnerships)

    def filter(self, entries):
        if self.cleaned_data.get("partnership"):
            entries = entries.filter(period__partnership_id=self.cleaned_data["partnership"])
        return entries


class ActivityReportForm(VersionFormMixin, forms.Form):
    """The fields a report template asks for. Validation is `parse_report`, shared with the
    submit service; the messages land next to their fields. The hidden `version` is the
    report's version when the form was opened (no lost update between colleagues)."""

    def __init__(self, *args, template, report=None, **kwargs):
        self.instance = report
        super().__init__(*args, **kwargs)
        self.template = template
        self.groups = []

        def count(name, label, group):
            self.fields[name] = forms.CharField(label=label, required=False, widget=count_input())
            group.append(name)

        head = []
        count("total", _("Antal personer som nåtts totalt"), head)
        self.groups.append((_("Personer som nåtts"), head, ""))
        if template.require_gender:
            names = []
            for key, label in GENDERS:
                count(f"gender_{key}", label, names)
            self.groups.append((_("Per kön"), names, _("Summan ska vara lika med totalt antal.")))
        if template.age_bands:
            names = []
            for index, band in enumerate(template.age_bands):
                count(age_field(index), _("%(band)s år") % {"band": band}, names)
            self.groups.append(
                (_("Per åldersgrupp"), names, _("Summan ska vara lika med totalt antal."))
            )
        if template.ask_country:
            self.fields["country"] = forms.CharField(
                label=_("Antal per ursprungsland"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("En rad per land: ”Land: antal”, t.ex. ”Syrien: 4”."),
            )
            self.groups.append((_("Ursprungsland"), ["country"], ""))
        if template.custom_counts:
            names = []
            for index, label in enumerate(template.custom_counts):
                count(custom_field(index), label, names)
            self.groups.append((_("Övriga antal"), names, ""))
        names = []
        for key, label, _required in template.question_items():
            self.fields[key] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
            names.append(key)
        if names:
            self.groups.append(
                (
                    _("Frågor"),
                    names,
                    _("Skriv inga namn eller personnummer på dem ni möter."),
                )
            )

    def field_groups(self):
        return [
            {"legend": legend, "fields": [self[name] for name in names], "help": help_text}
            for legend, names, help_text in self.groups
        ]

    def raw(self):
        return {name: self.data.get(name, "") for name in self.fields if name != "version"}

    def labels(self):
        """{field name: label}, to name the questions in a "someone else saved" message."""
        return {name: field.label for name, field in self.fields.items() if name != "version"}

    def sent_version(self):
        """The version the page was opened at, as sent (None if missing or not a number)."""
        try:
            return int(self.data.get(self.add_prefix("version")))
        except (TypeError, ValueError):
            return None

    def clean(self):
        super().clean()
        figures, answers, errors = parse_report(self.template, self.raw())
        for field, message in errors.items():
            self.add_error(field, message)
            # Screen readers announce the message when the field gets focus.
            self.fields[field].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"id_{field}_error"}
            )
        self.figures, self.answers = figures, answers
        return self.cleaned_data


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Vad behöver kompletteras?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class TemplateForm(ReasonFormMixin):
    decision = forms.CharField(label=_("Beslut"), max_length=300, required=False)
    require_gender = forms.BooleanField(
        label=_("Antal per kön krävs"), required=False, initial=True
    )
    age_bands = forms.CharField(
        label=_("Åldersgrupper"),
        required=False,
        help_text=_("Kommaseparerade, t.ex. 0–17, 18–25, 26–64, 65+. Tomt: ingen uppdelning."),
    )
    ask_country = forms.BooleanField(label=_("Antal per ursprungsland"), required=False)
    custom_counts = forms.CharField(
        label=_("Egna antal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ett per rad, t.ex. Antal genomförda aktiviteter."),
    )
    questions = forms.CharField(
        label=_("Frågor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En per rad. En fråga per mål i partnerskapet läggs till automatiskt."),
    )
    ask_feedback = forms.BooleanField(
        label=_("Sammanfattning av synpunkter och klagomål"), required=False, initial=True
    )
    ask_followup = forms.BooleanField(
        label=_("Uppföljning med deltagarna"), required=False, initial=True
    )

    def clean_age_bands(self):
        return [band.strip() for band in self.cleaned_data["age_bands"].split(",") if band.strip()]

    def clean_custom_counts(self):
        return _lines(self.cleaned_data["custom_counts"])

    def clean_questions(self):
        return _lines(self.cleaned_data["questions"])


class PeriodRuleForm(ReasonFormMixin):
    rule = forms.ChoiceField(
        label=_("Regel"),
        choices=[
            (ReportingPeriod.Kind.HALF_YEAR, _("Varje halvår")),
            (ReportingPeriod.Kind.YEAR, _("Varje år")),
            (ReportingPeriod.Kind.GIVEN, _("Angivna datum")),
        ],
    )
    year_basis = forms.ChoiceField(
        label=_("Halvår och år följer"),
        choices=Partnership.YearBasis.choices,
        widget=forms.RadioSelect,
        required=False,  # without a choice: what the partnership follows
        help_text=_("Avtalsåret börjar den dag som står på partnerskapet."),
    )
    due_days = forms.IntegerField(
        label=_("Dagar efter periodens slut till sista dag"), min_value=0, max_value=365, initial=30
    )
    dates = forms.CharField(
        label=_("Angivna perioder"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bara för regeln Angivna datum: en period per rad, t.ex. 2024-01-01 2024-03-31."
        ),
    )

    def clean(self):
        data = super().clean()
        spans = []
        for number, line in enumerate((data.get("dates") or "").splitlines(), start=1):
            parts = line.replace("–", " ").split()
            if not parts:
                continue
            try:
                start, end = (date.fromisoformat(part) for part in parts)
            except ValueError:
                self.add_error(
                    "dates",
                    _("Rad %(n)s: skriv två datum, t.ex. 2024-01-01 2024-03-31.") % {"n": number},
                )
                return data
            if end < start:
                self.add_error("dates", _("Rad %(n)s: slutet är före början.") % {"n": number})
                return data
            spans.append((start, end))
        if (
            data.get("rule") == ReportingPeriod.Kind.GIVEN
            and not spans
            and "dates" not in self.errors
        ):
            self.add_error("dates", _("Ange minst en period."))
        data["dates"] = spans
        data["year_basis"] = data.get("year_basis") or None
        return data


class PeriodExtraForm(ReasonFormMixin):
    start = forms.DateField(label=_("Från"), widget=DateInput())
    end = forms.DateField(label=_("Till och med"), widget=DateInput())
    due_date = forms.DateField(label=_("Sista dag att rapportera"), widget=DateInput())


class PeriodMoveForm(ReasonFormMixin):
    due_date = forms.DateField(label=_("Ny sista dag att rapportera"), widget=DateInput())


class PeriodChangeForm(ReasonFormMixin):
    start = forms.DateField(label=_("Från"), widget=DateInput())
    end = forms.DateField(label=_("Till och med"), widget=DateInput())
    due_date = forms.DateField(label=_("Sista dag att rapportera"), widget=DateInput())


class BudgetLineForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["order", "label", "amount"]


class StatementForm(forms.Form):
    own_money = forms.CharField(label=_("Egen insats i pengar (kr)"), required=False)
    volunteer_hours = forms.CharField(label=_("Ideella timmar"), required=False)
    comment = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_names = []
        for line in lines:
            name = f"line_{line.pk}"
            self.fields[name] = forms.CharField(
                label=_("Utfall: %(label)s") % {"label": line.label}, required=False
            )
            self.fields[name].budget_line = line
            self.line_names.insert(len(self.line_names), name)
        order = self.line_names + ["own_money", "volunteer_hours", "comment"]
        self.order_fields(order)

    def actuals(self):
        return {name.removeprefix("line_"): self.cleaned_data.get(name) for name in self.line_names}


class AttachmentForm(forms.Form):
    # The shared upload field (iop/uploads.py): accept attribute, size and content checks;
    # the service checks again, as every write path must.
    file = UploadField(
        label=_("Fil (PDF eller kalkylark)"),
        allowed=("pdf", "xlsx", "xls"),
        error_messages={"required": _("Välj en fil.")},
    )


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = FeedbackEntry
        fields = ["period", "category", "count", "handling"]
        widgets = {"handling": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods
        self.fields["period"].label_from_instance = lambda p: (
            f"{p.partnership.title}: {p.start:%Y-%m-%d} – {p.end:%Y-%m-%d}"
        )


class FeedbackEditForm(VersionFormMixin, ReasonFormMixin, forms.ModelForm):
    """The organisation corrects an entry: what kind, how many, how handled (not the period:
    an entry for another period is a new entry)."""

    class Meta:
        model = FeedbackEntry
        fields = ["category", "count", "handling"]
        widgets = {"handling": forms.Textarea(attrs={"rows": 3})}


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Sammanfattning"), required=False, widget=PlainTextarea(attrs={"rows": 8})
    )


class AnnualForm(SummaryForm):
    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.CharField(
                label=_("Bedömning: %(goal)s") % {"goal": goal.text[:120]},
                required=False,
                widget=PlainTextarea(attrs={"rows": 4}),
            )

    def assessments(self):
        return {
            name.removeprefix("goal_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("goal_")
        }
