"""Payments under a bilaga: schedule generation, paying, stopping, cancelling, reclaiming, and
the per-party, per-year summary the partnership page shows. Writes go through these functions
(the services of the money part of the partnerships app)."""

from collections import defaultdict
from datetime import date
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear, NullIf
from django.utils.translation import gettext as _

from iop.batching import batched
from iop.history import save_with_history
from iop.prepared import Param, PreparedQuery
from partnerships.grants import is_administration
from partnerships.models import CoFinancing, Payment, PaymentPlan, RepaymentClaim
from partnerships.period_rules import add_months
from partnerships.transitions import transition


def _due_dates(plan, compensation):
    start, end = compensation.period_start, compensation.period_end
    if plan.rule == PaymentPlan.Rule.YEARLY:
        return [start]
    if plan.rule == PaymentPlan.Rule.QUARTERLY:
        days, day = [], start
        while day <= end:
            days.append(day)
            day = add_months(start, 3 * len(days))
        return days
    days = []
    for year in range(start.year, end.year + 1):
        for month, day_of_month in plan.month_days():
            try:
                candidate = date(year, month, day_of_month)
            except ValueError:
                continue
            if start <= candidate <= end:
                days.append(candidate)
    return days or [start]


def _split(amount, parts):
    """Equal parts in whole kronor; the remainder goes on the first payment."""
    share = (amount / parts).quantize(Decimal("1"), rounding=ROUND_DOWN)
    return [amount - share * (parts - 1)] + [share] * (parts - 1)


@transaction.atomic
def payment_plan_set(*, annex, rule, dates="", actor, reason) -> PaymentPlan:
    plan = PaymentPlan.objects.filter(annex=annex).first() or PaymentPlan(annex=annex)
    plan.rule, plan.dates = rule, dates
    plan = save_with_history(plan, actor=actor, reason=reason)
    payments_generate(annex=annex, actor=actor, reason=reason)
    return plan


@transaction.atomic
@batched()  # the partnership's deadlines refreshed once, not once per payment
def payments_generate(*, annex, actor, reason):
    """(Re)plan the payments of every compensation row: planned payments not yet paid are
    replaced; paid, stopped and cancelled ones stay as they are."""
    plan = PaymentPlan.objects.filter(annex=annex).first()
    if plan is None:
        raise ValidationError(_("Bilagan har ingen utbetalningsplan."))
    participation = annex.participation
    created = []
    for compensation in annex.compensations.all():
        existing = list(compensation.payments.all())
        if any(p.status != Payment.Status.PLANNED for p in existing):
            continue
        for payment in existing:
            payment._change_reason = reason
            payment._history_user = actor
            payment.delete()
        days = _due_dates(plan, compensation)
        for due, amount in zip(days, _split(compensation.amount, len(days)), strict=True):
            created.append(
                save_with_history(
                    Payment(annex=annex, compensation=compensation, due_on=due, amount=amount),
                    actor=actor,
                    reason=reason,
                )
            )
    if participation.left_on is not None and created:
        # A party that has left gets no payment after its last day: the same step, rule and
        # note as when it leaves.
        cancelled = {
            p.pk: p
            for p in cancel_payments_after(
                participation, participation.left_on, actor=actor, reason=reason
            )
        }
        created = [cancelled.get(p.pk, p) for p in created]
    return created


@transaction.atomic
def payment_mark_paid(payment, *, paid_on, paid_amount, actor, reason) -> Payment:
    return transition(
        payment,
        "pay",
        actor=actor,
        reason=reason,
        fields={"paid_on": paid_on, "paid_amount": paid_amount},
    )


@transaction.atomic
def payment_stop(payment, *, actor, reason, decision=None, decision_reference="") -> Payment:
    return transition(
        payment,
        "stop",
        actor=actor,
        reason=reason,
        fields={
            "note": reason,
            "committee_decision": decision,
            "decision_reference": decision_reference,
        },
        decision=decision,
        decision_reference=decision_reference,
    )


@transaction.atomic
def repayment_claim_create(*, annex, actor, reason, **fields) -> RepaymentClaim:
    return save_with_history(
        RepaymentClaim(annex=annex, reason=reason, **fields), actor=actor, reason=reason
    )


@transaction.atomic
def repayment_claim_step(claim, *, action, actor, reason) -> RepaymentClaim:
    """Repaid or written off (`action`: "repay" or "write_off", the steps of
    `RepaymentClaim.lifecycle`), from the bilaga's page."""
    return transition(claim, action, actor=actor, reason=reason)


@transaction.atomic
def co_financing_set(*, annex, year, amount, volunteer_hours, actor, reason, note=""):
    row = CoFinancing.objects.filter(annex=annex, year=year).first() or CoFinancing(
        annex=annex, year=year
    )
    row.amount, row.volunteer_hours, row.note = amount, volunteer_hours, note
    return save_with_history(row, actor=actor, reason=reason)


@transaction.atomic
@batched()
def cancel_payments_after(participation, last_day, *, actor, reason):
    """A party that leaves keeps its compensation for the notice period; planned payments due
    after its last day are cancelled, each a step of `Payment.lifecycle` whose note says why
    (the party's leave reason: its notice, the steering group's termination, a rescission)."""
    cancelled = []
    payments = Payment.objects.filter(
        annex__participation=participation, status=Payment.Status.PLANNED, due_on__gt=last_day
    )
    why = (
        participation.get_leave_reason_display()
        if participation.leave_reason
        else _("Parten lämnar partnerskapet")
    )
    note = _("Inställd: %(why)s. Utbetalningar upphör efter %(day)s.") % {
        "why": why,
        "day": last_day.isoformat(),
    }
    for payment in payments:
        cancelled.append(
            transition(payment, "cancel", actor=actor, reason=reason, fields={"note": note})
        )
    return cancelled


def amount_paid():
    """What a paid payment paid: its paid amount, or (none recorded, or zero) its amount in full.
    The Ekonomi tab and the portfolio sum it."""
    return Coalesce(NullIf("paid_amount", Value(Decimal(0))), "amount")


def _payment_sums():
    """Each party's payments of each year summed by status in the database, so the page builds
    no payment, bilaga, party or organisation to add them up (`amount_paid`)."""
    return (
        Payment.objects.filter(annex__partnership_id=Param("partnership"))
        .annotate(party=F("annex__participation__organisation__name"), year=ExtractYear("due_on"))
        .values("party", "year")
        .annotate(
            planned=Sum("amount"),
            paid=Sum(amount_paid(), filter=Q(status=Payment.Status.PAID)),
            stopped=Sum("amount", filter=Q(status=Payment.Status.STOPPED)),
            cancelled=Sum("amount", filter=Q(status=Payment.Status.CANCELLED)),
        )
        .order_by()
    )


def _claim_sums():
    return (
        RepaymentClaim.objects.filter(annex__partnership_id=Param("partnership"))
        .annotate(
            party=F("annex__participation__organisation__name"), year=ExtractYear("claimed_on")
        )
        .values("party", "year")
        .annotate(reclaimed=Sum("amount"))
        .order_by()
    )


# Compiled once (iop/prepared.py).
PAYMENT_SUMS = PreparedQuery(_payment_sums)
CLAIM_SUMS = PreparedQuery(_claim_sums)
SUMMARY_KEYS = ("planned", "paid", "stopped", "cancelled", "reclaimed")


def summary_by_party_and_year(partnership):
    """[{"party": organisation name, "year", "planned", "paid", "stopped", "cancelled",
    "reclaimed"}] by party and year, in two grouped queries."""
    rows = defaultdict(lambda: dict.fromkeys(SUMMARY_KEYS, Decimal(0)))
    for sums in (
        *PAYMENT_SUMS.dicts(partnership=partnership.pk),
        *CLAIM_SUMS.dicts(partnership=partnership.pk),
    ):
        row = rows[sums.pop("party"), int(sums.pop("year"))]
        for key, value in sums.items():
            if value is not None:
                row[key] = value
    return [
        {"party": party, "year": year, **values} for (party, year), values in sorted(rows.items())
    ]


def paid_through_reason(through, note=""):
    """The one history reason of a catch-up step: what was recorded, and up to which day."""
    reason = _("Registrerat i efterhand: utbetalt enligt avtal t.o.m. %(day)s") % {
        "day": through.isoformat()
    }
    return f"{reason}. {note}" if note else reason


@transaction.atomic
@batched()  # the partnership's deadlines refreshed once, in this transaction
def payments_mark_paid_through(*, partnership, through, actor, note="", annex=None):
    """An agreement registered as it stands: every planned payment due up to `through` (of the
    partnership, or of one bilaga) becomes paid on its due day with its planned amount, each
    through the payment's `pay` step with one reason for the whole step. Payments due after
    `through`, and stopped or cancelled ones, are left as they are; a second run finds nothing
    left to pay. Staff only."""
    if not is_administration(actor):
        raise PermissionDenied
    payments = Payment.objects.filter(
        annex__partnership=partnership, status=Payment.Status.PLANNED, due_on__lte=through
    )
    if annex is not None:
        payments = payments.filter(annex=annex)
    reason = paid_through_reason(through, note)
    return [
        transition(
            payment,
            "pay",
            actor=actor,
            reason=reason,
            fields={"paid_on": payment.due_on, "paid_amount": payment.amount},
        )
        for payment in payments.order_by("due_on", "pk")
    ]
