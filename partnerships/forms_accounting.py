"""A partnership's kontering and the SIE export's period."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.forms import ReasonFormMixin, date_widgets
from partnerships.models import AccountingCode


class AccountingCodeForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = AccountingCode
        fields = ["valid_from", "account", "cost_centre", "project"]
        widgets = date_widgets("valid_from")
        help_texts = {
            "valid_from": _("Utbetalningar från och med den dagen bokförs så här."),
            "account": _("Kontot som utbetalningarna bokförs på, t.ex. %(account)s.")
            % {"account": settings.IOP_SIE_EXPENSE_ACCOUNT},
            "project": _("Frivilligt."),
        }
        error_messages = {
            "valid_from": {"required": _("Ange från vilken dag konteringen gäller.")},
            "account": {"required": _("Ange kostnadskontot.")},
            "cost_centre": {"required": _("Ange kostnadsstället.")},
        }


class SieExportForm(forms.Form):
    start = forms.DateField(
        label=_("Utbetalda från och med"),
        widget=date_widgets("start")["start"],
        error_messages={
            "required": _("Ange första dagen."),
            "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD."),
        },
    )
    end = forms.DateField(
        label=_("till och med"),
        widget=date_widgets("end")["end"],
        error_messages={
            "required": _("Ange sista dagen."),
            "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD."),
        },
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise ValidationError({"end": _("Sista dagen kan inte vara före den första.")})
            if end.year != start.year:
                raise ValidationError(
                    {"end": _("En fil gäller ett räkenskapsår: välj två datum inom samma år.")}
                )
        return data
