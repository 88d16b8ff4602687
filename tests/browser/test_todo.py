"""Att göra in the browser: staff log in to it, see the reports handed in with their count,
and one click takes them to the report, where they review it."""

import re

import pytest
from playwright.sync_api import expect

from reporting.models import ActivityReport
from tests.browser.conftest import assert_accessible, login
from tests.factories import UserFactory
from tests.test_todo import build


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    staff = UserFactory(username="handlaggare", first_name="Hanna", last_name="Handläggare")
    build(staff, 2)


def _reports_line(page):
    heading = page.get_by_role("heading", name=re.compile("^Verksamhetsrapporter att granska"))
    return page.locator("section").filter(has=heading)


def test_staff_land_on_att_gora_and_review_a_report_from_it(page, world):
    report = ActivityReport.objects.awaiting_review().get(organisation__name="Förening 00")
    login(page, "handlaggare")
    page.wait_for_url("**/att-gora/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Att göra")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    expect(menu.get_by_role("link", name="Att göra")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    line = _reports_line(page)
    expect(line.locator(".todo-count")).to_have_text("2")
    line.get_by_role("link", name="Förening 00: Partnerskap 00").click()
    page.wait_for_url(f"**/rapporter/verksamhet/{report.pk}/")
    page.get_by_role("button", name="Godkänn").click()
    expect(page.get_by_text("Rapporten är godkänd och låst.")).to_be_visible()

    # Back on Att göra, one report is left to review.
    menu.get_by_role("link", name="Att göra").click()
    page.wait_for_url("**/att-gora/")
    expect(_reports_line(page).locator(".todo-count")).to_have_text("1")
    expect(_reports_line(page).get_by_role("link", name=re.compile("Förening 00"))).to_have_count(0)

    # The register is one click away.
    menu.get_by_role("link", name="Partnerskap", exact=True).click()
    page.wait_for_url("**/partnerskap/")
    expect(menu.get_by_role("link", name="Partnerskap", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
