"""Demo: the payments under each bilaga, planned when the bilaga starts and paid on their due
days up to the day the demo is loaded (each through `payment_mark_paid`, on its own day);
those due from then on stay planned."""

from partnerships.demo.clock import on_day
from partnerships.models import Annex, Payment, PaymentPlan
from partnerships.services.money import payment_mark_paid, payment_plan_set

PLAN_REASON = "Demodata: utbetalning kvartalsvis i förskott enligt bilagan"
PAID_REASON = "Demodata: utbetald enligt plan"


def _annexes(ctx):
    return Annex.objects.filter(partnership__in=ctx.partnerships.values()).exclude(
        compensations=None
    )


def plan(ctx):
    """A quarterly plan for every bilaga with compensation, set on the day the bilaga starts."""
    for annex in _annexes(ctx).filter(payment_plan=None).distinct():
        with on_day(annex.start_date):
            payment_plan_set(
                annex=annex,
                rule=PaymentPlan.Rule.QUARTERLY,
                actor=ctx.actor,
                reason=PLAN_REASON,
            )


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
