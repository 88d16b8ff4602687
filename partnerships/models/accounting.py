"""How a partnership's payments are booked in the municipality's accounts: from a day on, an
expense account, a cost centre (kostnadsställe) and optionally a project. The SIE export
(partnerships/sie.py) books each payment by the code in force on the day it was paid."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models.partnerships import Partnership

ACCOUNT = RegexValidator(r"^\d{4,6}$", _("Ett konto är fyra till sex siffror, t.ex. 4590."))
OBJECT_CODE = RegexValidator(
    r"^[0-9A-Za-zÅÄÖåäö_.\-]{1,20}$",
    _("Högst 20 tecken: bokstäver, siffror, punkt, bindestreck eller understreck."),
)


class AccountingCodeQuerySet(models.QuerySet):
    def timelines(self):
        """{partnership id: [codes, latest first]}: what `in_force` reads, in one query."""
        found = {}
        for code in self.order_by("partnership_id", "-valid_from"):
            found.setdefault(code.partnership_id, []).append(code)
        return found


def in_force(codes, day):
    """The code in force on `day`: the latest whose first day is on or before it (`codes`
    latest first, as `timelines` gives them), or None when none had begun."""
    return next((code for code in codes if code.valid_from <= day), None)


class AccountingCode(models.Model):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="accounting_codes",
        verbose_name=_("partnerskap"),
    )
    valid_from = models.DateField(_("gäller från"))
    account = models.CharField(_("kostnadskonto"), max_length=6, validators=[ACCOUNT])
    cost_centre = models.CharField(_("kostnadsställe"), max_length=20, validators=[OBJECT_CODE])
    project = models.CharField(_("projekt"), max_length=20, blank=True, validators=[OBJECT_CODE])

    history = HistoricalRecords()
    objects = AccountingCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("kontering")
        verbose_name_plural = _("konteringar")
        ordering = ["partnership", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "valid_from"], name="one_accounting_code_a_day"
            )
        ]

    def __str__(self):
        return f"{self.account} / {self.cost_centre} ({self.valid_from.isoformat()})"
