"""Report templates, reporting periods, activity reports, financial statements, feedback and
complaints, half-year reports and annual compilations.

Figures are aggregated counts only: reports never hold names or personnummer of the people the
NGOs meet. Report contents live in JSON fields because what a report asks for is data (the
template decided by the steering group), not columns.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.grants import GrantedQuerySet, is_administration
from partnerships.models.parties import AnnexPartQuerySet
from partnerships.transitions import HasLifecycle, Lifecycle, Transition

GENDERS = [
    ("women", _("Kvinnor och flickor")),
    ("men", _("Män och pojkar")),
    ("other", _("Annan könsidentitet eller uppgift saknas")),
]
DEFAULT_AGE_BANDS = ["0–17", "18–25", "26–64", "65+"]


class ReportTemplate(models.Model):
    """What an activity report must contain, as decided by the steering group.

    One row per version: changing a template creates a new version, and every report points at
    the version it was written against. The partnership's goals are copied in at creation so a
    report keeps its questions even when a goal is reworded later.
    """

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="report_templates",
        verbose_name=_("partnerskap"),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    decision = models.CharField(
        _("beslut"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. styrgruppens möte 2024-02-01 § 3."),
    )
    steering_decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_templates",
        verbose_name=_("styrgruppens beslut"),
    )
    require_gender = models.BooleanField(_("antal per kön krävs"), default=True)
    age_bands = models.JSONField(_("åldersgrupper"), default=list, blank=True)
    ask_country = models.BooleanField(_("antal per ursprungsland"), default=False)
    custom_counts = models.JSONField(_("egna antal"), default=list, blank=True)
    questions = models.JSONField(_("frågor"), default=list, blank=True)
    goals = models.JSONField(_("mål att besvara"), default=list, blank=True)
    ask_feedback = models.BooleanField(_("sammanfattning av synpunkter och klagomål"), default=True)
    ask_followup = models.BooleanField(_("uppföljning med deltagarna"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rapportmall")
        verbose_name_plural = _("rapportmallar")
        ordering = ["partnership", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "version"], name="unique_template_version"
            )
        ]

    def __str__(self):
        return _("Rapportmall version %(version)s") % {"version": self.version}

    def question_items(self):
        """(key, label, required) for every narrative question in order."""
        items = [(f"goal{goal['id']}", goal["text"], True) for goal in self.goals]
        items += [(f"q{index}", text, True) for index, text in enumerate(self.questions, 1)]
        if self.ask_feedback:
            items.append(("feedback", str(_("Sammanfattning av synpunkter och klagomål")), True))
        if self.ask_followup:
            items.append(("followup", str(_("Uppföljning med deltagarna")), True))
        return items


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


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")
    RETURNED = "returned", _("Återsänd för komplettering")
    ACCEPTED = "accepted", _("Godkänd")


# Activity reports and financial statements share one flow: draft → submitted → accepted, or
# returned → submitted again.
REVIEW_FLOW = Lifecycle(
    Transition("submit", {Status.DRAFT, Status.RETURNED}, Status.SUBMITTED, stamp="submitted_at"),
    Transition("return", {Status.SUBMITTED}, Status.RETURNED, stamp="decided_at"),
    Transition("accept", {Status.SUBMITTED}, Status.ACCEPTED, stamp="decided_at"),
)


class ActivityReportQuerySet(GrantedQuerySet):
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


class BudgetLine(models.Model):
    """One line of a bilaga's yearly budget."""

    annex = models.ForeignKey(
        "partnerships.Annex",
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("bilaga"),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    label = models.CharField(_("budgetpost"), max_length=200)
    amount = models.DecimalField(
        _("budget per år (kr)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0, message=_("Beloppet kan inte vara negativt."))],
    )

    history = HistoricalRecords()
    objects = AnnexPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("budgetpost")
        verbose_name_plural = _("budgetposter")
        ordering = ["annex", "order", "pk"]

    def __str__(self):
        return self.label


class FinancialStatementQuerySet(GrantedQuerySet):
    """`visible_to(user)`: a bilaga's statements are the bilaga's party's (granted to it when
    started)."""


class FinancialStatement(HasLifecycle, models.Model):
    """An ekonomisk redovisning: how one bilaga's compensation was used in one agreement year."""

    annex = models.ForeignKey(
        "partnerships.Annex",
        on_delete=models.PROTECT,
        related_name="financial_statements",
        verbose_name=_("bilaga"),
    )
    year_start = models.DateField(_("avtalsår från"))
    year_end = models.DateField(_("avtalsår till och med"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    actuals = models.JSONField(_("utfall per budgetpost"), default=dict, blank=True)
    total_spent = models.DecimalField(
        _("använt totalt (kr)"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    own_money = models.DecimalField(
        _("egen insats i pengar (kr)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0, message=_("Beloppet kan inte vara negativt."))],
    )
    volunteer_hours = models.DecimalField(
        _("ideella timmar"),
        max_digits=10,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0, message=_("Antalet timmar kan inte vara negativt."))],
    )
    comment = models.TextField(_("kommentar"), blank=True)
    return_comment = models.TextField(_("kommentar vid återsändning"), blank=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)

    history = HistoricalRecords()
    lifecycle = REVIEW_FLOW
    objects = FinancialStatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("ekonomisk redovisning")
        verbose_name_plural = _("ekonomiska redovisningar")
        ordering = ["annex", "year_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["annex", "year_start"],
                name="unique_statement_per_annex_and_year",
                violation_error_message=_("Det finns redan en redovisning för avtalsåret."),
            )
        ]

    def __str__(self):
        return _("Ekonomisk redovisning %(start)s – %(end)s") % {
            "start": f"{self.year_start:%Y-%m-%d}",
            "end": f"{self.year_end:%Y-%m-%d}",
        }

    def get_absolute_url(self):
        return reverse("reporting:statement_detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.status in (Status.DRAFT, Status.RETURNED)


def attachment_path(instance, filename):
    # The name the user gave never reaches the file system.
    import uuid

    extension = {"application/pdf": "pdf"}.get(instance.content_type, "xlsx")
    if instance.content_type == "application/vnd.ms-excel":
        extension = "xls"
    return f"reporting/statements/{uuid.uuid4().hex}.{extension}"


class StatementAttachmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A statement's files are seen with the statement, by its party and staff."""
        if is_administration(user):
            return self
        return self.filter(statement__in=FinancialStatement.objects.visible_to(user))


class StatementAttachment(models.Model):
    statement = models.ForeignKey(
        FinancialStatement, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("fil"), upload_to=attachment_path)
    original_name = models.CharField(_("filnamn"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = StatementAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bifogad fil")
        verbose_name_plural = _("bifogade filer")
        ordering = ["statement", "uploaded_at"]

    def __str__(self):
        return self.original_name


class FeedbackEntryQuerySet(GrantedQuerySet):
    """`visible_to(user)`: an organisation's counts are its own (granted to it when
    registered); staff compile them."""


class FeedbackEntry(models.Model):
    """Synpunkter och klagomål, aggregated: how many of a kind in a period and how handled."""

    class Category(models.TextChoices):
        COMPLAINT = "complaint", _("Klagomål")
        OPINION = "opinion", _("Synpunkt")
        SUGGESTION = "suggestion", _("Förslag")
        PRAISE = "praise", _("Beröm")

    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="feedback_entries",
        verbose_name=_("period"),
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="feedback_entries",
        verbose_name=_("organisation"),
    )
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    count = models.PositiveIntegerField(_("antal"))
    handling = models.TextField(
        _("hur de hanterades"),
        help_text=_("Skriv inga namn eller personuppgifter."),
    )

    history = HistoricalRecords()
    objects = FeedbackEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("synpunkter och klagomål")
        verbose_name_plural = _("synpunkter och klagomål")
        ordering = ["period__start", "organisation__name", "category"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.count}"


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


class AnnualCompilation(models.Model):
    """Årlig sammanställning per partnership and year, for the committee."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="annual_compilations",
        verbose_name=_("partnerskap"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    summary = models.TextField(_("sammanfattning"), blank=True)
    assessments = models.JSONField(_("bedömning per mål"), default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("årlig sammanställning")
        verbose_name_plural = _("årliga sammanställningar")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="unique_annual_per_year")
        ]

    def __str__(self):
        return _("Årlig sammanställning %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("reporting:annual_detail", args=[self.pk])
