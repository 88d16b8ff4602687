"""Reporting periods: the stretch of time a report covers and its due date."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReportingPeriod(models.Model):
    class Kind(models.TextChoices):
        HALF_YEAR = "half_year", _("Halvår")
        YEAR = "year", _("Helår")
        GIVEN = "given", _("Angivna datum")
        EXTRA = "extra", _("Extra rapport")

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="reporting_periods",
        verbose_name=_("partnerskap"),
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    start = models.DateField(_("från"))
    end = models.DateField(_("till och med"))
    due_date = models.DateField(_("sista dag att rapportera"))
    reason = models.TextField(_("skäl"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rapportperiod")
        verbose_name_plural = _("rapportperioder")
        ordering = ["partnership", "start", "pk"]
        indexes = [
            # The report list is sorted newest period first: PostgreSQL walks the periods by
            # start and sorts only the reports of the first start date(s) it needs for the page,
            # instead of joining and sorting every report (30,000 at 10×).
            models.Index(fields=["start"], name="period_start_idx"),
        ]

    def __str__(self):
        return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Slutdatum kan inte vara före startdatum.")
        if self.end and self.due_date and self.due_date < self.end:
            errors["due_date"] = _("Sista dag att rapportera kan inte vara före periodens slut.")
        if self.kind == self.Kind.EXTRA and not (self.reason or "").strip():
            errors["reason"] = _("Ange varför en extra rapport behövs.")
        if errors:
            raise ValidationError(errors)
