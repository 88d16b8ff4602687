"""The forms of an agreement brought in from its document: the upload, and the review where
every proposal is shown with the passage it came from and can be changed or left out. They
validate only; `partnerships.services.imports` creates what was accepted."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.forms import PartnershipForm
from partnerships.importing.extract import ACCEPTED
from partnerships.models import Clause, Organisation
from partnerships.validators import validate_org_number


class ImportUploadForm(forms.Form):
    document = forms.FileField(
        label=_("Avtalet (huvudavtalet)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
        error_messages={"required": _("Välj avtalets fil.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = _(
            "PDF (med text eller inskannad), Word (docx) eller textfil (txt), högst %(max)s MB. "
            "En inskannad PDF läses med textigenkänning (OCR), vilket tar några sekunder per sida."
        ) % {"max": f"{settings.MAX_UPLOAD_BYTES / 1024 / 1024:.0f}"}


def _from_document(passage, corrected=()):
    if not passage:
        return _("Finns inte i dokumentet; fyll i eller lämna tomt.")
    text = _("Ur dokumentet: ”%(passage)s”") % {"passage": passage}
    if corrected:
        text += " " + corrected_note(corrected)
    return text


def corrected_note(corrected):
    """What the review says of a passage whose OCR misreadings were corrected."""
    return _("Rättad felläsning (OCR): %(changes)s.") % {"changes": "; ".join(corrected)}


class ImportPartnershipForm(PartnershipForm):
    """The partnership's own fields, as the form that creates one has them, each with the
    passage its proposal came from as its help text."""

    def __init__(self, *args, passages=None, corrected=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("reason", None)
        self.fields.pop("version", None)
        for name, field in self.fields.items():
            if name in (passages or {}):
                field.help_text = _from_document(passages[name], (corrected or {}).get(name))


class _AcceptForm(forms.Form):
    accept = forms.BooleanField(label=_("Ta med"), required=False)

    def accepted(self):
        return self.is_valid() and self.cleaned_data["accept"]


class ImportGoalForm(_AcceptForm):
    text = forms.CharField(label=_("Mål"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("accept") and not (data.get("text") or "").strip():
            self.add_error("text", _("Skriv målet eller ta bort bocken vid ”Ta med”."))
        return data


class ImportClauseForm(_AcceptForm):
    number = forms.CharField(label=_("Nummer"), max_length=20, required=False)
    heading = forms.CharField(label=_("Rubrik"), max_length=200, required=False)
    holds = forms.ChoiceField(
        label=_("Visar uppgifter om"),
        choices=[("", "—"), *Clause.Holds.choices],
        required=False,
    )
    body = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):
        data = super().clean()
        if data.get("accept"):
            if not (data.get("heading") or "").strip():
                self.add_error("heading", _("Skriv avsnittets rubrik."))
            if not ((data.get("body") or "").strip() or data.get("holds")):
                self.add_error(
                    "body", _("Skriv avsnittets text eller välj vilka uppgifter det visar.")
                )
        return data


class ImportPartyForm(_AcceptForm):
    organisation = forms.TypedChoiceField(
        label=_("Organisation i registret"), coerce=int, required=False, empty_value=None
    )
    name = forms.CharField(label=_("Namn"), max_length=200, required=False)
    org_number = forms.CharField(label=_("Organisationsnummer"), max_length=11, required=False)
    kind = forms.ChoiceField(label=_("Typ"), choices=Organisation.Kind.choices)
    unit = forms.CharField(label=_("Enhet"), max_length=300, required=False)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.taken = {number: name for _pk, name, number in organisations}
        self.fields["organisation"].choices = [
            ("", _("Ny organisation (skapas med namn och nummer nedan)")),
            *((pk, f"{name} ({number})") for pk, name, number in organisations),
        ]

    def clean(self):
        data = super().clean()
        if not data.get("accept") or data.get("organisation"):
            return data
        if not (data.get("name") or "").strip():
            self.add_error("name", _("Skriv organisationens namn."))
        number = (data.get("org_number") or "").strip()
        try:
            validate_org_number(number)
        except ValidationError as exc:
            self.add_error("org_number", exc)
        else:
            if number in self.taken:
                self.add_error(
                    "org_number",
                    _("%(name)s har redan det numret: välj den i listan ovan.")
                    % {"name": self.taken[number]},
                )
        return data


class ImportAnnexForm(_AcceptForm):
    number = forms.IntegerField(label=_("Nummer"), min_value=1, max_value=99, required=False)
    title = forms.CharField(label=_("Rubrik"), max_length=300, required=False)
    registration_number = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)
    party = forms.TypedChoiceField(label=_("Part"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "—"), *parties]

    def clean(self):
        data = super().clean()
        if data.get("accept"):
            if not (data.get("title") or "").strip():
                self.add_error("title", _("Skriv bilagans rubrik."))
            if data.get("party") is None:
                self.add_error("party", _("Välj den part bilagan gäller."))
        return data
