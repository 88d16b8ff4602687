"""The demo: the real agreements and everything that happened under them, loaded app by app
through the same services as the staff views (see partnerships/demo/)."""

from django.db import transaction

from governance.demo import load_governance_demo
from iop.batching import batched
from iop.history import system_user
from partnerships.demo import lifecycle, load
from reporting.demo import load_reporting_demo


@transaction.atomic
@batched()  # each partnership's deadlines computed once, at the end, not on every save
def load_demo():
    ctx = load.DemoContext(actor=system_user())
    load.load_agreements(ctx)  # organisations, agreements, parties, bilagor, users
    lifecycle.load(ctx)  # committee cases, lifecycle steps, extensions
    load_governance_demo(ctx)  # groups, members, chairs, meetings
    load_reporting_demo(ctx)  # report templates, periods, budgets
    return ctx
