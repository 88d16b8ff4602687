"""A signed agreement's notice period and goals change in the browser through an amendment that
every party signs; the overview and the agreement text then show the new terms."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import (
    UserFactory,
    signed_agreement,
)


@pytest.fixture
def signed(transactional_db):
    staff = UserFactory(username="handlaggare", first_name="Hanna", last_name="Handläggare")
    return signed_agreement(staff, title="Gatans partnerskap", party_notice_months=4)


def _tab(page, name):
    page.get_by_role("navigation", name="Partnerskapets delar").get_by_role(
        "link", name=name
    ).click()


def _save(page, reason):
    page.get_by_label("Anledning till ändringen").fill(reason)
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()


def _field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def test_staff_change_the_notice_period_and_add_a_goal_by_amendment(page, signed):
    login(page, "handlaggare")
    # The locked edit page leads to an amendment of the agreement, prefilled with today's terms.
    page.goto(f"{page.base_url}/partnerskap/{signed.pk}/andra/")
    page.get_by_role("link", name="Ny ändring eller tillägg").click()
    expect(_field(page, "Ändrar")).to_have_value("partnership")
    notice = _field(page, "Uppsägningstid för part (månader)")
    expect(notice).to_have_value("4")

    _field(page, "Rubrik").fill("Kortare uppsägningstid och nytt mål")
    notice.fill("2")
    _field(page, "Nytt mål").fill("Fler i arbete")
    # A rule the agreement cannot take is refused, and what was typed stays.
    _field(page, "Förlängning").select_option("automatic")
    _save(page, "Styrgruppens förslag")
    expect(page.locator(".error-summary")).to_be_focused()
    expect(_field(page, "Förlängning i månader")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main")).to_contain_text("Ange hur många månader varje förlängning gäller.")
    expect(notice).to_have_value("2")
    expect(_field(page, "Nytt mål")).to_have_value("Fler i arbete")
    _field(page, "Förlängning").select_option("none")
    _save(page, "Styrgruppens förslag")

    changes = page.locator("#changes-heading + table")
    expect(changes).to_contain_text("Uppsägningstid för part (månader)")
    expect(changes.locator("tr", has_text="Uppsägningstid för part")).to_contain_text("4")
    expect(changes.locator("tr", has_text="Nytt mål")).to_contain_text("Fler i arbete")

    page.get_by_role("link", name="Skicka för underskrift").click()
    _save(page, "Klar för underskrift")
    for party, signatory in (
        ("Stadens förvaltning", "Sara Direktör"),
        ("Gatans förening", "Gustav Ordförande"),
    ):
        # Before the last signature the agreement still says 4 months.
        expect(page.get_by_test_id("amendment-status")).to_have_text("Inväntar underskrifter")
        page.get_by_role("link", name=f"registrera {party}").click()
        page.get_by_label("Namn på firmatecknare").fill(signatory)
        _save(page, f"{party} har skrivit under")
    expect(page.get_by_test_id("amendment-status")).to_have_text("Gäller")
    expect(page.get_by_test_id("missing-signatures")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Sara Direktör")
    expect(page.locator("main")).to_contain_text("Gustav Ordförande")

    page.goto(f"{page.base_url}/partnerskap/{signed.pk}/")
    expect(page.locator("#period")).to_contain_text("2 månader")
    _tab(page, "Avtalstext")
    expect(page.locator("ol.goals")).to_contain_text("Fler i eget boende")
    expect(page.locator("ol.goals")).to_contain_text("Fler i arbete")
