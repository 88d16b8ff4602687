"""Staff register an agreement that started two years ago as it stands: the payments due so
far recorded as paid and the meetings held so far as held, in one step each from the
partnership's Ekonomi tab. Kommande then lists none of those payments as overdue, and the
agreement's missing diarienummer shows as "saknas i underlaget"."""

import re
from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login

TITLE = "Avtal sedan två år"


def _agreement_two_years_old():
    from governance.models import Meeting
    from partnerships.services.money import payment_plan_set
    from tests.factories import (
        AnnexFactory,
        CompensationFactory,
        OrganisationFactory,
        ParticipationFactory,
        PartnershipFactory,
        PublicOrganisationFactory,
        UserFactory,
    )
    from tests.governance.factories import GroupFactory, MeetingFactory

    today = timezone.localdate()
    start = today.replace(day=1) - timedelta(days=730)
    staff = UserFactory(username="handlaggare")
    partnership = PartnershipFactory(
        title=TITLE,
        registration_number=None,
        party_notice_months=None,
        start_date=start,
        end_date=today + timedelta(days=365),
    )
    ParticipationFactory(partnership=partnership, organisation=PublicOrganisationFactory())
    party = ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Föreningen Gammal")
    )
    annex = AnnexFactory(partnership=partnership, participation=party)
    CompensationFactory(
        annex=annex,
        period_start=start,
        period_end=partnership.end_date,
        amount=Decimal(120000),
    )
    payment_plan_set(annex=annex, rule="quarterly_in_advance", actor=staff, reason="Plan")
    group = GroupFactory(partnership=partnership, established_on=start)
    for months_ago in (20, 14, 8, 2):
        MeetingFactory(
            group=group, date=today - timedelta(days=30 * months_ago), start_time=time(10)
        )
    MeetingFactory(group=group, date=today + timedelta(days=40), start_time=time(10))
    return partnership, Meeting


def _overdue_payments(page, partnership):
    page.goto(
        f"{page.base_url}/kommande/?partnership={TITLE}&kind=payment_due&overdue=on"
        f"&start={partnership.start_date.isoformat()}"
    )
    return page.locator("tr.deadline-overdue", has_text="Utbetalning till Föreningen Gammal")


def test_handlaggare_registers_an_agreement_as_it_stands(page, transactional_db):
    partnership, Meeting = _agreement_two_years_old()
    today = timezone.localdate()
    login(page, "handlaggare")

    overdue = _overdue_payments(page, partnership)
    expect(overdue.first).to_be_visible()
    assert overdue.count() >= 8

    page.goto(f"{page.base_url}{partnership.get_absolute_url()}")
    expect(page.locator(".subtitle")).to_contain_text("Diarienummer saknas i underlaget")
    expect(
        page.get_by_text("saknas i underlaget (ingen uppsägningstid för part i avtalet)")
    ).to_be_visible()

    page.get_by_role("link", name="Ekonomi").first.click()
    page.get_by_role("link", name="Registrera läget per datum").click()
    page.get_by_label("Läget per datum").fill("2099-01-01")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(
        page.locator(".errors").get_by_text("Datumet kan inte ligga efter i dag")
    ).to_be_visible()

    page.get_by_label("Läget per datum").fill(today.isoformat())
    page.get_by_label("Kommentar (valfri)").fill("Enligt pärmen hos ekonomienheten")
    assert_accessible(page)
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    expect(page.get_by_text(re.compile(r"Registrerat: \d+ utbetalningar"))).to_contain_text(
        "4 möten som genomförda"
    )

    expect(_overdue_payments(page, partnership)).to_have_count(0)
    page.goto(f"{page.base_url}/kommande/?partnership={TITLE}&kind=payment_due")
    expect(page.get_by_text("klar").first).to_be_visible()

    statuses = sorted(
        Meeting.objects.filter(group__partnership=partnership).values_list("status", flat=True)
    )
    assert statuses == ["held"] * 4 + ["scheduled"]
