"""Staff correct a reporting period's dates in the browser (an overlap is refused, naming the
other period, with what was typed kept), and terminate a party and see on its bilaga that the
payments after the notice period are cancelled. A representative can do neither."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.models import Payment
from partnerships.services.money import payment_plan_set
from reporting.services.periods import periods_generate
from tests.browser.conftest import assert_accessible, login
from tests.factories import (
    AnnexFactory,
    CompensationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PublicOrganisationFactory,
    RepresentativeFactory,
    UserFactory,
)


@pytest.fixture
def agreement(transactional_db):
    """A 2024 partnership with Gatans förening paid quarterly, half-year reporting periods, a
    handläggare and the förening's representative."""
    staff = UserFactory(username="handlaggare", first_name="Hanna", last_name="Handläggare")
    partnership = PartnershipFactory(title="Gatans partnerskap", start_date=date(2024, 1, 1))
    ParticipationFactory(
        partnership=partnership, organisation=PublicOrganisationFactory(name="Staden")
    )
    ngo = OrganisationFactory(name="Gatans förening")
    RepresentativeFactory(username="forening", organisation=ngo)
    party = ParticipationFactory(partnership=partnership, organisation=ngo)
    annex = AnnexFactory(partnership=partnership, participation=party)
    CompensationFactory(annex=annex, amount=Decimal("1200000"))
    payment_plan_set(annex=annex, rule="quarterly_in_advance", actor=staff, reason="Plan")
    periods_generate(partnership=partnership, rule="half_year", actor=staff, reason="Regel")
    return partnership, annex


def field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def test_staff_change_a_periods_dates_and_an_overlap_is_refused(page, agreement):
    partnership, _annex = agreement
    base = page.base_url
    login(page, "handlaggare")
    page.goto(f"{base}{reverse('reporting:partnership', args=[partnership.pk])}")
    page.get_by_role("link", name="Ändra datum 2024-07-01 – 2024-12-31").click()
    field(page, "Från").fill("2024-06-01")
    page.get_by_label("Anledning till ändringen").fill("Rapport före semestern")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    expect(page.locator("form.form")).to_contain_text(
        "överlappar rapportperioden 2024-01-01 – 2024-06-30"
    )
    expect(field(page, "Från")).to_have_value("2024-06-01")
    expect(page.get_by_label("Anledning till ändringen")).to_have_value("Rapport före semestern")
    assert_accessible(page)

    field(page, "Från").fill("2024-07-01")
    field(page, "Till och med").fill("2024-11-30")
    field(page, "Sista dag att rapportera").fill("2024-12-20")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text(
        "Perioden är ändrad till 2024-07-01 – 2024-11-30"
    )
    row = page.locator("tr", has_text="2024-07-01 – 2024-11-30")
    expect(row).to_contain_text("2024-12-20")
    period = partnership.reporting_periods.get(start=date(2024, 7, 1))
    assert "Rapport före semestern" in period.history.first().history_change_reason

    page.get_by_role("button", name="Logga ut").click()
    login(page, "forening")
    response = page.goto(f"{base}{reverse('reporting:period_change', args=[period.pk])}")
    assert response.status in (403, 404)


def test_staff_terminate_a_party_and_see_the_payments_after_notice_cancelled(page, agreement):
    partnership, annex = agreement
    base = page.base_url
    login(page, "handlaggare")
    page.goto(f"{base}{partnership.get_absolute_url()}")
    page.get_by_role("link", name="Uppsägning Gatans förening").click()
    field(page, "Slag").select_option(label="Styrgruppen säger upp parten efter åtgärdsplan")
    field(page, "Datum").fill("2024-03-15")
    field(page, "Sista dag för rättelse eller åtgärdsplan").fill("2024-03-01")
    field(page, "Annat beslut").fill("Styrgruppen 2024-03-15 § 4")
    field(page, "Motivering").fill("Åtgärdsplanen följdes inte")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("Uppsägningen är registrerad")

    page.goto(f"{base}{partnership.get_absolute_url()}")
    party_row = page.locator("#parter tr", has_text="Gatans förening")
    expect(party_row).to_contain_text("Styrgruppen sade upp parten")
    expect(party_row).to_contain_text("Utbetalningar upphör efter 2024-06-15.")

    page.goto(f"{base}{annex.get_absolute_url()}")
    box = page.get_by_test_id("payments-end")
    expect(box).to_contain_text("Utbetalningar upphör efter 2024-06-15.")
    expect(box).to_contain_text("2024-07-01")
    expect(box).to_contain_text("2024-10-01")
    expect(page.locator("tr", has_text="2024-04-01")).to_contain_text("Planerad")
    expect(page.locator("tr", has_text="2024-10-01")).to_contain_text("Inställd")
    assert_accessible(page)
    cancelled = Payment.objects.filter(annex=annex, status=Payment.Status.CANCELLED)
    assert sorted(p.due_on for p in cancelled) == [date(2024, 7, 1), date(2024, 10, 1)]

    page.get_by_role("button", name="Logga ut").click()
    login(page, "forening")
    response = page.goto(f"{base}{reverse('partnerships:notice_create', args=[partnership.pk])}")
    assert response.status in (403, 404)
