"""Activity reports (verksamhetsrapporter) and the frozen copy of each submission."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models.deadlines import urgency
from partnerships.transitions import HasLifecycle
from reporting.models.periods import ReportingPeriod
from reporting.models.report_templates import ReportTemplate
from reporting.models.review import HANDED_IN, REVIEW_FLOW, ReviewedQuerySet, Status


class ActivityReportQuerySet(ReviewedQuerySet):
    """`visible_to(user)`: an organisation's report is its own (granted to it when started),
    not the other parties' of the same partnership."""

    def accepted(self):
        return self.filter(status=Status.ACCEPTED)


class ActivityReport(HasLifecycle, models.Model):
    """A verksamhetsrapport: one organisation's report for one period of one partnership."""

    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="activity_reports",
        verbose_name=_("period"),
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="activity_reports",
        verbose_name=_("organisation"),
    )
    template = models.ForeignKey(
        ReportTemplate,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("rapportmall"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    figures = models.JSONField(_("antal"), default=dict, blank=True)
    answers = models.JSONField(_("svar"), default=dict, blank=True)
    # Exactly what was typed, valid or not, so that nothing is lost between visits.
    draft = models.JSONField(_("utkast"), default=dict, blank=True)
    return_comment = models.TextField(_("kommentar vid återsändning"), blank=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    updated_at = models.DateTimeField(_("senast sparad"), auto_now=True)

    history = HistoricalRecords()
    objects = ActivityReportQuerySet.as_manager()
    lifecycle = REVIEW_FLOW

    class Meta:
        verbose_name = _("verksamhetsrapport")
        verbose_name_plural = _("verksamhetsrapporter")
        ordering = ["-period__start", "organisation__name"]
        indexes = [
            # The portal's and the deadlines' "my organisation's reports in this state", the
            # staff list filtered by status, and the compilations' accepted reports per period
            # (period alone is covered by the unique constraint below).
            models.Index(fields=["organisation", "status"], name="report_org_status_idx"),
            models.Index(fields=["status", "period"], name="report_status_period_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "organisation"],
                name="unique_report_per_period_and_organisation",
                violation_error_message=_("Det finns redan en rapport för perioden."),
            )
        ]

    def __str__(self):
        return _("Verksamhetsrapport %(org)s %(period)s") % {
            "org": self.organisation,
            "period": self.period,
        }

    def get_absolute_url(self):
        return reverse("reporting:report_detail", args=[self.pk])

    @property
    def status_label(self):
        """What get_status_display gives, without making a dict of every choice on each call
        (once a row on the report lists)."""
        return Status(self.status).label

    @property
    def is_editable(self):
        return self.status in (Status.DRAFT, Status.RETURNED)

    def urgency(self, today):
        """Its due date as Kommande shows the same report's deadline (`urgency`): late while
        not handed in after its period's last day."""
        return urgency(self.period.due_date, today, done=self.status in HANDED_IN)

    @property
    def total(self):
        return self.figures.get("total") or 0


class ActivityReportVersion(models.Model):
    """A frozen copy of a report as it was submitted; one per submission, never changed."""

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    figures = models.JSONField(default=dict)
    answers = models.JSONField(default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("inskickad"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inskickad version")
        verbose_name_plural = _("inskickade versioner")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="unique_report_version")
        ]

    def __str__(self):
        return _("Version %(n)s") % {"n": self.number}
