"""Nothing of a report is left in the browser's storage once it is sent or the person has logged
out: the next person at a shared computer finds no draft there (ASVS 8.2.3)."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.test_reporting import _fill_report, _logout

DRAFT_KEYS = "() => Object.keys(window.localStorage).filter(k => k.startsWith('iop-draft-'))"


def _open_report_form(page):
    """Street Minds' report form for an open period (so on a day Bostad Först ran: demo_live)."""
    login(page, "streetminds")
    page.get_by_role("button", name=re.compile(r"^Skriv rapport")).first.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Verksamhetsrapport")).to_be_visible()


def test_nothing_is_left_in_the_browser_after_submitting(page, demo_live):
    _open_report_form(page)
    _fill_report(page, 14, 4, 10)
    page.get_by_role("button", name="Skicka in rapporten").click()
    expect(page.get_by_text("Rapporten är inskickad. Tack!")).to_be_visible()
    assert page.evaluate(DRAFT_KEYS) == []


def test_nothing_is_left_in_the_browser_after_logging_out(page, demo_live):
    _open_report_form(page)
    page.get_by_label("Antal personer som nåtts totalt").fill("14")
    page.get_by_label("Kvinnor och flickor").fill("4")
    _logout(page)
    expect(page.get_by_role("button", name="Logga in")).to_be_visible()
    assert page.evaluate(DRAFT_KEYS) == []


def test_logging_out_clears_a_draft_an_earlier_version_left(page, demo_live):
    """Browsers that ran the earlier script still hold copies; the next logout removes them."""
    _open_report_form(page)
    page.evaluate("() => window.localStorage.setItem('iop-draft-report-1', '{\"total\": \"14\"}')")
    _logout(page)
    expect(page.get_by_role("button", name="Logga in")).to_be_visible()
    assert page.evaluate(DRAFT_KEYS) == []
