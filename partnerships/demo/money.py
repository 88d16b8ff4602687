"""Demo: the payments under each bilaga, planned when its first year starts, each later year's
when its compensation row is recorded, and paid on their due days up to the day the demo is
loaded (each through `payment_mark_paid`, on its own day); those due from then on stay planned."""

from partnerships.demo.clock import at, on_day
from partnerships.demo.load import add_compensations
from partnerships.models import Annex, Payment, PaymentPlan
from partnerships.services.money import payment_mark_paid, payment_plan_set, payments_generate

PLAN_REASON = "Demodata: utbetalning kvartalsvis i förskott enligt bilagan"
PAID_REASON = "Demodata: utbetald enligt plan"


def _annexes(ctx):
    return Annex.objects.filter(partnership__in=ctx.partnerships.values()).exclude(
        compensations=None
    )


def plan(ctx):
    """A quarterly plan for every bilaga with compensation, set on the day its first year starts
    (a bilaga renewed later keeps its first start in its history); then each compensation row
    a later change brought (an extension), recorded on that day with its year's payments, the
    payments due before then paid first."""
    for annex in _annexes(ctx).filter(payment_plan=None).distinct():
        first = annex.compensations.order_by("period_start").first()
        with on_day(first.period_start):
            payment_plan_set(
                annex=annex,
                rule=PaymentPlan.Rule.QUARTERLY,
                actor=ctx.actor,
                reason=PLAN_REASON,
            )
    for annex, until, day, reason in sorted(ctx.later_compensations, key=lambda c: c[2]):
        if day > ctx.today:  # not happened yet: the row as the agreement has it, no payments
            add_compensations(ctx, annex, until=until, when=at(day), reason=reason)
            continue
        pay(ctx, day)
        with on_day(day):
            added = add_compensations(ctx, annex, until=until, when=at(day), reason=reason)
            if added and PaymentPlan.objects.filter(annex=annex).exists():
                payments_generate(annex=annex, actor=ctx.actor, reason=reason)
    ctx.later_compensations.clear()


def pay(ctx, before):
    """Pay every planned payment due before `before` (never after the demo's today), each on
    its due day and in full."""
    due = Payment.objects.filter(
        annex__partnership__in=ctx.partnerships.values(),
        status=Payment.Status.PLANNED,
        due_on__lt=min(before, ctx.today),
    ).order_by("due_on", "pk")
    for payment in due:
        with on_day(payment.due_on):
            payment_mark_paid(
                payment,
                paid_on=payment.due_on,
                paid_amount=payment.amount,
                actor=ctx.actor,
                reason=PAID_REASON,
            )
