"""Where am I (issue 15, point 7): the menu marks the section a page is in, every page below the
start has a breadcrumb trail, the agreement PDF is one visible link away, and a representative
who has just submitted a report finds the way back to Min sida."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.test_reporting import _fill_report


def _menu_current(page):
    return page.get_by_role("navigation", name="Huvudmeny").locator('a[aria-current="page"]')


def _crumbs(page):
    return page.get_by_role("navigation", name="Brödsmulor").get_by_role("listitem")


def test_staff_see_where_they_are(page, demo):
    login(page, "handlaggare")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Organisationer"
    ).click()
    page.wait_for_url("**/partnerskap/organisationer/**")
    expect(_menu_current(page)).to_have_text("Organisationer")
    expect(_crumbs(page)).to_have_text(["Start", "Organisationer"])

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Kommande").click()
    page.wait_for_url("**/kommande/")
    expect(_menu_current(page)).to_have_text("Kommande")
    expect(_crumbs(page)).to_have_text(["Start", "Kommande"])

    # Back to the start (Att göra) through the trail; a partnership's page is under "Partnerskap".
    _crumbs(page).first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/att-gora/$"))
    expect(_menu_current(page)).to_have_text("Att göra")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Partnerskap").click()
    page.wait_for_url(re.compile(r"/partnerskap/$"))
    page.get_by_role("link", name="Bostad Först").first.click()
    page.wait_for_url(re.compile(r"/partnerskap/\d+/$"))
    expect(_menu_current(page)).to_have_text("Partnerskap")
    expect(_crumbs(page)).to_have_text(["Start", re.compile("^Bostad Först")])
    expect(page.get_by_role("link", name="Avtalet som PDF").first).to_be_visible()


def test_a_representative_gets_back_to_min_sida_after_submitting_a_report(page, demo_live):
    login(page, "streetminds")
    expect(_menu_current(page)).to_have_text("Min sida")
    page.get_by_role("link", name="Bostad Först").first.click()
    page.wait_for_url("**/portal/partnerskap/**")
    expect(_menu_current(page)).to_have_text("Min sida")
    expect(_crumbs(page)).to_have_text(["Start", re.compile("Bostad Först")])
    expect(page.get_by_role("link", name="Avtalet som PDF")).to_be_visible()

    page.goto(f"{page.base_url}/portal/")
    page.get_by_role("button", name=re.compile(r"^Skriv rapport")).first.click()
    page.wait_for_url("**/rapporter/verksamhet/**")
    expect(_menu_current(page)).to_have_text("Min sida")
    expect(_crumbs(page).last).to_have_text("Skriv verksamhetsrapport")
    _fill_report(page, 14, 4, 10)
    page.get_by_role("button", name="Skicka in rapporten").click()
    expect(page.get_by_text("Rapporten är inskickad. Tack!")).to_be_visible()
    page.get_by_role("link", name="Tillbaka till Min sida").click()
    page.wait_for_url(re.compile(r"/portal/$"))
    expect(page.get_by_role("heading", name="Rapporter att skriva")).to_be_visible()
