"""The agreement's text beyond the partnership's own fields: its goals and its further sections."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models.partnerships import Partnership


class Goal(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="goals", verbose_name=_("partnerskap")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    text = models.TextField(_("mål"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text[:80]


class Clause(models.Model):
    """Any further section of the agreement text (Metod, Brister, Tvist, ...), in document order."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="clauses",
        verbose_name=_("partnerskap"),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    heading = models.CharField(_("rubrik"), max_length=200)
    body = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.heading
