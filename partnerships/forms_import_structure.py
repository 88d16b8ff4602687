"""The review's forms for what an agreement says beyond the partnership's own fields and that
partnerships holds: the payment schedule (each bilaga's payment plan) and the signature blocks.
Like partnerships.forms_import they validate only; each row is kept only when "Ta med" is
ticked. The groups' and the reporting's forms are governance's and reporting's."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.forms import DateInput
from partnerships.models import PaymentPlan


def from_document(passage):
    """The help text that shows where a proposal came from."""
    if not passage:
        return _("Finns inte i dokumentet; fyll i eller lämna tomt.")
    return _("Ur dokumentet: ”%(passage)s”") % {"passage": passage}


class AcceptForm(forms.Form):
    """A proposed row: kept only when "Ta med" is ticked; its other fields are checked only
    then, so that a row left out never stops the rest from being created."""

    accept = forms.BooleanField(label=_("Ta med"), required=False)
    passage = ""

    def accepted(self):
        return self.is_valid() and self.cleaned_data["accept"]

    def require(self, data, messages):
        for name, message in messages.items():
            value = data.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                self.add_error(name, message)


class ImportPaymentForm(AcceptForm):
    rule = forms.ChoiceField(
        label=_("Utbetalningsregel"), choices=[("", "—"), *PaymentPlan.Rule.choices], required=False
    )
    dates = forms.CharField(
        label=_("Datum (MM-DD)"),
        max_length=200,
        required=False,
        help_text=_("För angivna datum: t.ex. 01-15, 07-15, kommaseparerade."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("accept"):
            return data
        self.require(data, {"rule": _("Välj hur ersättningen betalas ut.")})
        if data.get("rule") == PaymentPlan.Rule.DATES:
            try:
                PaymentPlan(rule=data["rule"], dates=data.get("dates", "")).clean()
            except ValidationError as exc:
                for message in exc.message_dict.get("dates", []):
                    self.add_error("dates", message)
        return data


class ImportSignatureForm(AcceptForm):
    party = forms.TypedChoiceField(label=_("Part"), coerce=int, required=False, empty_value=None)
    signatory_name = forms.CharField(
        label=_("Namn på firmatecknare"), max_length=200, required=False
    )
    signatory_title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    place = forms.CharField(label=_("Ort"), max_length=100, required=False)
    signed_on = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "—"), *parties]

    def clean(self):
        data = super().clean()
        if data.get("accept"):
            self.require(
                data,
                {
                    "party": _("Välj den part som skrivit under."),
                    "signed_on": _(
                        "Ange datumet då avtalet undertecknades (dokumentet anger inget), eller "
                        "ta bort bocken vid ”Ta med”."
                    ),
                },
            )
        return data
