"""The demo: the real agreements and everything that happened under them, loaded app by app
through the same services as the staff views (see partnerships/demo/), each thing on the day
it happened, up to the day the demo is loaded: what was due before then is done (marked as
demo data), what falls due from then on is open."""

from django.db import transaction
from django.utils import timezone

from governance.demo import load_governance_demo
from iop.batching import batched
from iop.history import system_user
from partnerships.demo import lifecycle, load, money
from reporting.demo import load_reporting_demo
from reporting.demo_past import fill_past, periods_follow


@transaction.atomic
@batched()  # each partnership's deadlines computed once, at the end, not on every save
def load_demo():
    ctx = load.DemoContext(actor=system_user(), today=timezone.localdate())
    load.load_agreements(ctx)  # organisations, agreements, parties, bilagor, users
    lifecycle.load(ctx)  # committee cases, lifecycle steps, extensions by agreement
    money.plan(ctx)  # payment plans from each bilaga's first year, later years' on their days
    load_reporting_demo(ctx)  # report templates, periods, budgets
    # The automatic extensions up to today, the payments due before each paid first and the
    # reporting periods following each.
    for partnership, day in lifecycle.extensions(ctx, before_each=lambda d: money.pay(ctx, d)):
        periods_follow(ctx, partnership, day)
    lifecycle.end_run_out(ctx)  # "Avtalstiden löpte ut" once the last possible end has passed
    money.pay(ctx, ctx.today)  # every payment due before today paid on its day
    load_governance_demo(ctx)  # groups, members, chairs, meetings held up to today
    fill_past(ctx)  # reports, statements, half-year reports, annual compilations
    return ctx
