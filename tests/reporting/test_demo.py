"""The reporting demo loader, on a context shaped like the real one."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from iop.history import system_user
from reporting.demo import load_reporting_demo
from tests.factories import (
    AnnexFactory,
    CompensationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)


def test_bostad_forst_template_and_periods_safe_to_run_twice(db):
    streetminds = OrganisationFactory(name="Street Minds")
    bostad = PartnershipFactory(start_date=date(2023, 7, 1), end_date=date(2024, 6, 30))
    participation = ParticipationFactory(partnership=bostad, organisation=streetminds)
    annex = AnnexFactory(partnership=bostad, participation=participation)
    CompensationFactory(annex=annex, amount=Decimal("1200000"))
    ctx = SimpleNamespace(
        actor=system_user(),
        organisations={"streetminds": streetminds},
        partnerships={"bostad-forst": bostad},
        today=timezone.localdate(),  # the day the demo is loaded
    )
    load_reporting_demo(ctx)
    load_reporting_demo(ctx)
    template = bostad.report_templates.get()
    assert template.require_gender  # "statistik ... uppdelat på kön" in the agreement
    assert template.age_bands
    periods = list(bostad.reporting_periods.order_by("start"))
    assert [(p.start, p.end) for p in periods] == [
        (date(2023, 7, 1), date(2023, 12, 31)),
        (date(2024, 1, 1), date(2024, 6, 30)),
    ]
    assert annex.budget_lines.count() == 3
