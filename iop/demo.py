"""The demo: the real agreements and everything that happened under them, loaded app by app
through the same services as the staff views (see partnerships/demo.py)."""

from django.db import transaction

from governance.demo import load_governance_demo
from iop.history import system_user
from partnerships import demo, demo_lifecycle
from reporting.demo import load_reporting_demo


@transaction.atomic
def load_demo():
    ctx = demo.DemoContext(actor=system_user())
    demo.load_agreements(ctx)  # organisations, agreements, parties, bilagor, users
    demo_lifecycle.load(ctx)  # committee cases, lifecycle steps, extensions
    load_governance_demo(ctx)  # groups, members, chairs, meetings
    load_reporting_demo(ctx)  # report templates, periods, budgets
    return ctx
