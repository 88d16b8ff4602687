"""Money under a bilaga: the payment schedule, payments, repayment claims and co-financing."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models.committee import DecisionReference
from partnerships.models.parties import AMOUNT_MIN, Annex, AnnexPartQuerySet, Compensation
from partnerships.transitions import HasLifecycle, Lifecycle, Transition


class PaymentPlan(models.Model):
    """How a bilaga's compensation is paid out."""

    class Rule(models.TextChoices):
        QUARTERLY = "quarterly_in_advance", _("Kvartalsvis i förskott")
        YEARLY = "yearly", _("En gång per avtalsår")
        DATES = "dates", _("På angivna datum")

    annex = models.OneToOneField(
        Annex, on_delete=models.CASCADE, related_name="payment_plan", verbose_name=_("bilaga")
    )
    rule = models.CharField(_("utbetalningsregel"), max_length=30, choices=Rule.choices)
    dates = models.CharField(
        _("datum (MM-DD)"),
        max_length=200,
        blank=True,
        help_text=_("För angivna datum: t.ex. 01-15, 07-15, kommaseparerade."),
    )

    history = HistoricalRecords()
    objects = AnnexPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("utbetalningsplan")
        verbose_name_plural = _("utbetalningsplaner")

    def __str__(self):
        return f"{self.annex}: {self.get_rule_display()}"

    def month_days(self):
        result = []
        for part in (self.dates or "").replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                month, day = (int(x) for x in part.split("-"))
                if not (1 <= month <= 12 and 1 <= day <= 31):
                    raise ValueError
            except ValueError:
                raise ValidationError(
                    {"dates": _("Skriv datumen som MM-DD, t.ex. 01-15, 07-15.")}
                ) from None
            result.append((month, day))
        return sorted(result)

    def clean(self):
        super().clean()
        if self.rule == self.Rule.DATES and not self.month_days():
            raise ValidationError({"dates": _("Ange minst ett datum.")})


class Payment(HasLifecycle, DecisionReference):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerad")
        PAID = "paid", _("Utbetald")
        STOPPED = "stopped", _("Stoppad")
        CANCELLED = "cancelled", _("Inställd")

    lifecycle = Lifecycle(
        Transition("pay", {Status.PLANNED}, Status.PAID, label=_("Utbetald")),
        Transition(
            "stop", {Status.PLANNED}, Status.STOPPED, label=_("Stoppa"), guards=("guard_stop",)
        ),
        # When the party leaves: payments due after its last day (money.cancel_payments_after).
        Transition("cancel", {Status.PLANNED}, Status.CANCELLED),
    )

    annex = models.ForeignKey(
        Annex, on_delete=models.CASCADE, related_name="payments", verbose_name=_("bilaga")
    )
    compensation = models.ForeignKey(
        Compensation,
        on_delete=models.CASCADE,
        related_name="payments",
        verbose_name=_("ersättning"),
    )
    due_on = models.DateField(_("förfallodag"))
    amount = models.DecimalField(
        _("belopp (kr)"), max_digits=14, decimal_places=2, validators=[AMOUNT_MIN]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    paid_on = models.DateField(_("utbetald den"), null=True, blank=True)
    paid_amount = models.DecimalField(
        _("utbetalt belopp (kr)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[AMOUNT_MIN],
    )
    note = models.CharField(_("kommentar"), max_length=500, blank=True)

    history = HistoricalRecords()
    objects = AnnexPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("utbetalning")
        verbose_name_plural = _("utbetalningar")
        ordering = ["annex", "due_on", "pk"]

    def __str__(self):
        return f"{self.due_on.isoformat()} {self.amount} kr"

    def guard_stop(self, *, decision=None, decision_reference="", **_kw):
        if not (decision or decision_reference):
            raise ValidationError(
                {"decision_reference": _("Ange beslutet om att stoppa betalningen.")}
            )


class RepaymentClaim(HasLifecycle, DecisionReference):
    class Status(models.TextChoices):
        CLAIMED = "claimed", _("Krävd")
        REPAID = "repaid", _("Återbetald")
        WRITTEN_OFF = "written_off", _("Avskriven")

    lifecycle = Lifecycle(
        Transition("repay", {Status.CLAIMED}, Status.REPAID, label=_("Återbetald")),
        Transition("write_off", {Status.CLAIMED}, Status.WRITTEN_OFF, label=_("Avskriven")),
    )

    annex = models.ForeignKey(
        Annex,
        on_delete=models.CASCADE,
        related_name="repayment_claims",
        verbose_name=_("bilaga"),
    )
    claimed_on = models.DateField(_("datum"))
    amount = models.DecimalField(
        _("belopp (kr)"), max_digits=14, decimal_places=2, validators=[AMOUNT_MIN]
    )
    reason = models.TextField(_("skäl"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CLAIMED
    )

    history = HistoricalRecords()
    objects = AnnexPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("återbetalningskrav")
        verbose_name_plural = _("återbetalningskrav")
        ordering = ["annex", "claimed_on", "pk"]

    def __str__(self):
        return f"{self.claimed_on.isoformat()} {self.amount} kr"


class CoFinancing(models.Model):
    """What the organisation itself contributes under a bilaga in a year."""

    annex = models.ForeignKey(
        Annex, on_delete=models.CASCADE, related_name="co_financing", verbose_name=_("bilaga")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.DecimalField(
        _("egna medel (kr)"), max_digits=14, decimal_places=2, default=0, validators=[AMOUNT_MIN]
    )
    volunteer_hours = models.PositiveIntegerField(
        _("ideella timmar"), default=0, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("kommentar"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = AnnexPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("medfinansiering")
        verbose_name_plural = _("medfinansiering")
        ordering = ["annex", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["annex", "year"],
                name="unique_co_financing_per_annex_year",
                violation_error_message=_("Det finns redan medfinansiering för det året."),
            )
        ]

    def __str__(self):
        return f"{self.annex} {self.year}"
