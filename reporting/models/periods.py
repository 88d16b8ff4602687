"""Reporting periods: the stretch of time a report covers and its due date."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reporting.models.review import Status


class ReportingPeriodQuerySet(models.QuerySet):
    def scheduled(self):
        """The periods of the reporting schedule (by rule or given dates): those that may not
        overlap. An extra report is asked for besides them, over days a regular period may
        already cover."""
        return self.exclude(kind=ReportingPeriod.Kind.EXTRA)

    def overlapping(self, start, end):
        """The periods that share at least one day with `start`–`end` (both included)."""
        return self.filter(start__lte=end, end__gte=start)


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
    objects = ReportingPeriodQuerySet.as_manager()

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
        if not errors and (other := self.overlapped_period()):
            errors["start"] = _(
                "Perioden %(period)s överlappar rapportperioden %(other)s (%(kind)s). Två "
                "rapportperioder kan inte gälla samma dagar: ändra datumen eller perioden "
                "%(other)s först."
            ) % {"period": self, "other": other, "kind": other.get_kind_display().lower()}
        if errors:
            raise ValidationError(errors)

    def overlapped_period(self):
        """The first other scheduled period of the partnership that shares a day with this one
        (None for an extra report, which may, or when none does)."""
        if self.kind == self.Kind.EXTRA or not (self.partnership_id and self.start and self.end):
            return None
        return (
            ReportingPeriod.objects.scheduled()
            .filter(partnership_id=self.partnership_id)
            .exclude(pk=self.pk)
            .overlapping(self.start, self.end)
            .order_by("start", "pk")
            .first()
        )

    def change_refusal(self):
        """Why the period's dates may not be changed nor the period removed ("" when they may):
        a report in it has been submitted (and so read, reviewed or returned against these
        dates), or the cooperation group's half-year report for it has been sent."""
        submitted = (
            self.activity_reports.exclude(status=Status.DRAFT)
            .select_related("organisation")
            .order_by("organisation__name")
            .first()
        )
        if submitted is not None:
            return gettext(
                "Perioden %(period)s kan inte ändras eller tas bort: verksamhetsrapporten från "
                "%(org)s är %(status)s."
            ) % {
                "period": self,
                "org": submitted.organisation.name,
                "status": submitted.status_label.lower(),
            }
        half_year = getattr(self, "half_year_report", None)
        if half_year is not None and not half_year.is_editable:
            return gettext(
                "Perioden %(period)s kan inte ändras eller tas bort: samverkansgruppens "
                "halvårsrapport för den är skickad till styrgruppen."
            ) % {"period": self}
        return ""
