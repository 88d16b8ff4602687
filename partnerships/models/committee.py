"""The committee's side of the agreement: its cases, decisions, decision points and delegations,
and the decision reference every recorded step carries."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models.partnerships import Partnership


class CommitteeCase(models.Model):
    """The administration's proposal to the committee (tjänsteutlåtande)."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="committee_cases",
        verbose_name=_("partnerskap"),
    )
    title = models.CharField(_("rubrik"), max_length=500)
    proposal_date = models.DateField(_("datum för tjänsteutlåtandet"))
    registration_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    handler = models.CharField(_("handläggare"), max_length=200, blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nämndärende")
        verbose_name_plural = _("nämndärenden")
        ordering = ["partnership", "-proposal_date", "pk"]

    def __str__(self):
        return self.title[:120]


class CommitteeDecision(models.Model):
    """The committee's decision on a case, with numbered decision points and delegations."""

    case = models.ForeignKey(
        CommitteeCase,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("ärende"),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="committee_decisions",
        verbose_name=_("partnerskap"),
    )
    body = models.CharField(_("beslutande organ"), max_length=200, default="Socialnämnden")
    decided_on = models.DateField(_("beslutsdatum"))
    registration_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    paragraph = models.CharField(_("paragraf"), max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nämndbeslut")
        verbose_name_plural = _("nämndbeslut")
        ordering = ["partnership", "-decided_on", "pk"]

    def __str__(self):
        label = _("%(body)s beslut %(date)s") % {
            "body": self.body,
            "date": self.decided_on.isoformat() if self.decided_on else "",
        }
        if self.registration_number:
            label += f" ({self.registration_number})"
        return str(label)

    def clean(self):
        super().clean()
        if self.case_id and self.partnership_id and self.case.partnership_id != self.partnership_id:
            raise ValidationError({"case": _("Ärendet hör inte till det här partnerskapet.")})


class DecisionPoint(models.Model):
    decision = models.ForeignKey(
        CommitteeDecision,
        on_delete=models.CASCADE,
        related_name="points",
        verbose_name=_("beslut"),
    )
    number = models.PositiveSmallIntegerField(_("punkt"))
    text = models.TextField(_("beslutstext"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beslutspunkt")
        verbose_name_plural = _("beslutspunkter")
        ordering = ["decision", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "number"],
                name="unique_point_number_per_decision",
                violation_error_message=_("Beslutet har redan en punkt med det numret."),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"


class Delegation(models.Model):
    class Kind(models.TextChoices):
        CHANGE_COMMITMENTS = "change_commitments", _("Ändra åtaganden inom partnerskapet")
        STOP_PAYMENTS = (
            "stop_payments_and_reclaim",
            _("Stoppa utbetalning och kräva tillbaka medel"),
        )
        OTHER = "other", _("Annat")

    decision = models.ForeignKey(
        CommitteeDecision,
        on_delete=models.CASCADE,
        related_name="delegations",
        verbose_name=_("beslut"),
    )
    to_whom = models.CharField(_("till"), max_length=200)
    scope = models.TextField(_("omfattning"))
    kind = models.CharField(_("slag"), max_length=40, choices=Kind.choices, default=Kind.OTHER)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegationer")
        ordering = ["decision", "pk"]

    def __str__(self):
        return f"{self.to_whom}: {self.get_kind_display()}"


class DecisionReference(models.Model):
    """The decision behind a step: a committee decision, a steering-group decision (governance),
    or a free-text reference (kept for decisions made outside the app)."""

    committee_decision = models.ForeignKey(
        CommitteeDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nämndbeslut"),
    )
    decision_reference = models.CharField(
        _("beslut"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. styrgruppens beslut 2024-03-12 § 4."),
    )
    steering_decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("styrgruppens beslut"),
    )

    class Meta:
        abstract = True

    @property
    def decision_label(self):
        """The committee decision and the free text; a linked steering-group decision is shown
        as a link by templates/partnerships/partials/decision.html."""
        parts = [str(self.committee_decision)] if self.committee_decision_id else []
        if self.decision_reference:
            parts.append(self.decision_reference)
        return "; ".join(parts)
