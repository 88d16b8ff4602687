"""What is compiled from the reports: the half-year report to the steering group and the annual
compilation for the committee."""

from datetime import date

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.agreement_year import span_label
from partnerships.transitions import HasLifecycle, Lifecycle, Transition
from reporting.models.periods import ReportingPeriod


class HalfYearReport(HasLifecycle, models.Model):
    """Samverkansgruppens rapport to the steering group, compiled from one period's accepted
    activity reports. The figures are computed from the reports; `figures` freezes them when
    the report is sent."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SENT = "sent", _("Skickad till styrgruppen")

    lifecycle = Lifecycle(
        Transition(
            "send",
            {State.DRAFT},
            State.SENT,
            label=_("Markera som skickad till styrgruppen"),
            stamp="sent_at",
        ),
    )

    period = models.OneToOneField(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="half_year_report",
        verbose_name=_("period"),
    )
    summary = models.TextField(_("sammanfattning"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    figures = models.JSONField(default=dict, blank=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("halvårsrapport")
        verbose_name_plural = _("halvårsrapporter")

    def __str__(self):
        return _("Halvårsrapport %(period)s") % {"period": self.period}

    def get_absolute_url(self):
        return reverse("reporting:halfyear_detail", args=[self.pk])

    @property
    def is_editable(self):
        """The summary is written until the report is sent to the steering group."""
        return self.status == self.State.DRAFT


class AnnualCompilation(HasLifecycle, models.Model):
    """Årlig sammanställning per partnership and year, for the committee. Assessed goal by goal
    while a draft; once sent to the committee it is what the committee read."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SENT = "sent", _("Skickad till nämnden")

    lifecycle = Lifecycle(
        Transition(
            "send",
            {State.DRAFT},
            State.SENT,
            label=_("Markera som skickad till nämnden"),
            stamp="sent_at",
        ),
    )

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="annual_compilations",
        verbose_name=_("partnerskap"),
    )
    # The calendar year, or the year an agreement year begins in; an agreement year's first and
    # last day are in `year_start` and `year_end` (empty for a calendar year).
    year = models.PositiveSmallIntegerField(_("år"))
    year_start = models.DateField(_("avtalsår från"), null=True, blank=True)
    year_end = models.DateField(_("avtalsår till och med"), null=True, blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    assessments = models.JSONField(_("bedömning per mål"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("årlig sammanställning")
        verbose_name_plural = _("årliga sammanställningar")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="unique_annual_per_year")
        ]

    def __str__(self):
        return _("Årlig sammanställning %(year)s") % {"year": self.label}

    def get_absolute_url(self):
        return reverse("reporting:annual_detail", args=[self.pk])

    @property
    def span(self):
        """(first day, last day) of the year it compiles."""
        if self.year_start and self.year_end:
            return self.year_start, self.year_end
        return date(self.year, 1, 1), date(self.year, 12, 31)

    @property
    def label(self):
        """ "2023" for a calendar year, "2017-05-01 – 2018-04-30" for an agreement year."""
        if self.year_start and self.year_end:
            return span_label(self.year_start, self.year_end)
        return str(self.year)

    @property
    def is_editable(self):
        """The assessment is written until the compilation is sent to the committee."""
        return self.status == self.State.DRAFT
