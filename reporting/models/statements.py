"""Financial statements (ekonomiska redovisningar), the bilaga's budget lines they account
against, and their attached files."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.grants import is_administration
from partnerships.models.parties import AnnexPartQuerySet
from partnerships.transitions import HasLifecycle
from reporting.models.review import REVIEW_FLOW, ReviewedQuerySet, Status


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

    def deletion_refusal(self) -> str:
        """Why this line may not be removed ("" if it may): a financial statement handed in
        reports an amount against it, and lists its amounts by the bilaga's budget lines, so it
        would lose the row. One still being written (a draft, or returned) drops the amount when
        next saved."""
        handed_in = FinancialStatement.objects.filter(
            annex_id=self.annex_id, actuals__has_key=str(self.pk)
        ).exclude(status__in=(Status.DRAFT, Status.RETURNED))
        if handed_in.exists():
            return _(
                "Budgetposten har belopp i en inskickad ekonomisk redovisning och kan inte tas "
                "bort. Ändra den i stället."
            )
        return ""


class FinancialStatementQuerySet(ReviewedQuerySet):
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

    def compensation_for_year(self):
        """The bilaga's compensation that falls in this agreement year (through
        `annex.compensations.all()`, which a list may prefetch)."""
        return sum(
            (
                c.amount_between(self.year_start, self.year_end)
                for c in self.annex.compensations.all()
            ),
            Decimal(0),
        )

    def overcompensation(self):
        """How much the compensation exceeds the costs it was to cover (what was spent less the
        organisation's own money), or 0: the check the state-aid rules ask of a service of
        general economic interest, shown for every sent statement."""
        if self.status in (Status.DRAFT, Status.RETURNED):
            return Decimal(0)
        excess = self.compensation_for_year() - (self.total_spent - self.own_money)
        return max(excess, Decimal(0))


def attachment_path(instance, filename):
    # The name the user gave never reaches the file system.
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
