"""The demo loader records the committee case and the lifecycle of both seed agreements."""

from datetime import date

import pytest

from iop.history import system_user
from partnerships.demo.lifecycle import load
from partnerships.demo.load import DemoContext
from partnerships.models import CommitteeDecision, Partnership
from partnerships.tabs import section_url
from tests.factories import ParticipationFactory, PartnershipFactory


@pytest.fixture
def ctx(db, city):
    demo_data = pytest.importorskip("partnerships.demo.data")
    bostad = PartnershipFactory(
        title="Bostad Först",
        start_date=date(2023, 7, 1),
        end_date=date(2024, 6, 30),
        status=Partnership.Status.ACTIVE,
    )
    ensam = PartnershipFactory(
        title="Ensamkommande",
        start_date=date(2019, 9, 1),
        end_date=date(2024, 6, 30),
        status=Partnership.Status.ENDED,
    )
    for partnership in (bostad, ensam):
        ParticipationFactory(partnership=partnership, organisation=city)
    context = DemoContext(actor=system_user(), data=demo_data)
    context.partnerships = {"bostad-forst": bostad, "ensamkommande": ensam}
    return context


def test_demo_committee_case_and_steps(ctx, staff_client):
    load(ctx)
    load(ctx)  # safe to run twice
    ensam = ctx.partnerships["ensamkommande"]
    decision = CommitteeDecision.objects.get(partnership=ensam)
    assert decision.decided_on == date(2023, 12, 12)
    assert decision.points.count() == 5
    assert {d.kind for d in decision.delegations.all()} == {
        "change_commitments",
        "stop_payments_and_reclaim",
    }
    steps = list(ensam.lifecycle_steps.all())
    assert [s.to_status for s in steps] == ["active", "terminating", "ended"]
    assert steps[-1].occurred_on == date(2024, 6, 30)
    assert steps[-1].committee_decision == decision
    bostad = ctx.partnerships["bostad-forst"]
    assert [s.to_status for s in bostad.lifecycle_steps.all()] == ["active"]
    assert ensam.extensions.get().new_end_date == date(2021, 8, 31)

    response = staff_client.get(section_url(ensam.pk, "livscykel"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Socialnämnden ger socialdirektören rätt att besluta om att stoppa" in content
    assert "Stoppa utbetalning och kräva tillbaka medel" in content


def test_full_demo_twice_records_lifecycle(db, client):
    from django.core.management import call_command

    call_command("load_demo", force=True, verbosity=0)
    call_command("load_demo", force=True, verbosity=0)
    ensam = Partnership.objects.get(registration_number="2.11.6-167/2019")
    assert [s.to_status for s in ensam.lifecycle_steps.all()] == ["active", "terminating", "ended"]
    assert ensam.committee_cases.count() == 1
    bostad = Partnership.objects.get(title__icontains="Bostad")
    # Signed to active; and, once its last possible end has passed, ended the day after.
    ran_out = ["ended"] if bostad.status == Partnership.Status.ENDED else []
    assert [s.to_status for s in bostad.lifecycle_steps.all()] == ["active", *ran_out]
    client.login(username="handlaggare", password="demo1234")
    page = client.get(section_url(bostad.pk, "livscykel")).content.decode()
    assert "Livscykel och period" in page
    # The period as the rule computes it, before the daily command has moved the end date.
    assert 'data-testid="current-end">2026-06-30' in page
    assert 'data-testid="final-end">2026-06-30' in page
    call_command("apply_extensions", "--date", "2026-06-30", verbosity=0)
    bostad.refresh_from_db()
    assert bostad.end_date == date(2026, 6, 30)
    assert bostad.extensions.count() == 4


def test_history_page_shows_lifecycle_steps(db, client):
    from django.core.management import call_command
    from django.urls import reverse

    call_command("load_demo", force=True, verbosity=0)
    client.login(username="handlaggare", password="demo1234")
    ensam = Partnership.objects.get(registration_number="2.11.6-167/2019")
    response = client.get(reverse("partnerships:history", args=[ensam.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Steg i avtalets livscykel" in page
    assert "Partnerskapet avslutat enligt socialnämndens beslut 2023-12-12" in page
