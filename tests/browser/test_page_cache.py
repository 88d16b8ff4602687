"""A kept page never hides a colleague's change: Hanna's register, seen and kept, shows the title
Olle saved in his browser as soon as she reloads (two sessions, two database connections; the
change is visible after Olle's commit)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PartnershipFactory, UserFactory


@pytest.fixture
def partnership(transactional_db):
    UserFactory(username="handlaggare", first_name="Hanna", last_name="Handläggare")
    UserFactory(username="olle", first_name="Olle", last_name="Olsson")
    return PartnershipFactory(title="Fritidsgården Kärrtorp")


def _browser_of(browser, base_url, username):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = base_url
    login(page, username)
    return context, page


def test_a_colleagues_change_shows_on_a_kept_page(browser, live_server, partnership):
    hanna_context, hanna = _browser_of(browser, live_server.url, "handlaggare")
    olle_context, olle = _browser_of(browser, live_server.url, "olle")
    try:
        hanna.goto(f"{live_server.url}/partnerskap/")
        hanna.reload()  # seen again: now kept
        expect(hanna.get_by_role("link", name="Fritidsgården Kärrtorp")).to_be_visible()

        olle.goto(f"{live_server.url}/partnerskap/{partnership.pk}/andra/")
        olle.get_by_label(re.compile(r"^Titel")).fill("Fritidsgården Kärrtorp och Bagarmossen")
        olle.get_by_label("Anledning till ändringen").fill("Verksamheten utökas")
        olle.get_by_role("button", name="Spara").click()
        expect(olle.locator(".message-success")).to_be_visible()

        hanna.reload()
        expect(
            hanna.get_by_role("link", name="Fritidsgården Kärrtorp och Bagarmossen")
        ).to_be_visible()
    finally:
        hanna_context.close()
        olle_context.close()
