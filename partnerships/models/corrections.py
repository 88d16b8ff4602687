"""Rättelser: a clerical slip (a misspelt name, a wrong diarienummer) corrected in a signed
agreement, recorded as its own act with a reason. What the parties agreed changes only through
an amendment (`Amendment`); what a rättelse may touch is each model's `CLERICAL_FIELDS`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models.parties import Annex
from partnerships.models.partnerships import Partnership

TERMS_LOCKED_MESSAGE = _(
    "Avtalet är undertecknat, så villkoren kan inte längre ändras här. Villkoren ändras genom "
    "en ändring som varje part undertecknar (Ny ändring eller tillägg); en felskrivning i namn "
    "eller diarienummer rättas med en rättelse."
)


class CorrectionQuerySet(models.QuerySet):
    def of_partnership(self, partnership):
        """The corrections of the agreement itself, newest first (not its bilagor's)."""
        return self.filter(partnership=partnership, annex__isnull=True).order_by("-made_at")

    def of_annex(self, annex):
        return self.filter(annex=annex).order_by("-made_at")


class Correction(models.Model):
    """A rättelse: which clerical fields of the agreement or a bilaga were corrected, from what
    to what, by whom, when and why. The corrected row's own history carries the same reason."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("partnerskap"),
    )
    annex = models.ForeignKey(
        Annex,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("bilaga"),
    )
    corrected = models.TextField(_("rättat"))
    reason = models.CharField(_("anledning"), max_length=500)
    made_at = models.DateTimeField(_("rättad"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rättad av"),
    )

    history = HistoricalRecords()
    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("rättelse")
        verbose_name_plural = _("rättelser")
        ordering = ["partnership", "-made_at"]

    def __str__(self):
        return _("Rättelse %(date)s: %(reason)s") % {
            "date": self.made_at.date().isoformat() if self.made_at else "",
            "reason": self.reason,
        }
