"""A handläggare sorts the register by end date, narrows it to one party by typing part of its
name and choosing the suggestion, and downloads what they see as CSV."""

import csv
import io
import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login


def test_staff_sorts_filters_by_organisation_and_exports_the_register(page, demo):
    login(page, "handlaggare")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Partnerskap").click()
    page.wait_for_url(re.compile(r"/partnerskap/$"))
    table = page.get_by_role("table", name="Partnerskap")

    table.get_by_role("link", name="Slut").click()
    page.wait_for_url(re.compile(r"sortera=slut"))
    header = page.get_by_role("columnheader", name=re.compile("Slut"))
    expect(header).to_have_attribute("aria-sort", "ascending")
    ends = page.locator("tbody tr td:nth-child(5)").all_inner_texts()
    assert len(ends) > 1 and ends == sorted(ends)

    # Typing part of a name fills the suggestions (asked of the server); choosing one puts the
    # whole name in the field, as the browser's suggestion list does.
    field = page.get_by_label("Organisation")
    field.press_sequentially("Rädda B", delay=30)
    suggestion = page.locator("datalist#id_organisation-forslag option")
    expect(suggestion).to_have_count(1)
    assert suggestion.get_attribute("value") == "Rädda Barnen"
    field.fill(suggestion.get_attribute("value"))
    page.get_by_role("button", name="Sök").click()
    page.wait_for_url(re.compile(r"organisation=R%C3%A4dda\+Barnen"))
    # The sort is kept with the filter.
    assert "sortera=slut" in page.url
    rows = page.locator("tbody tr")
    shown = rows.locator("td:first-child").all_inner_texts()
    assert shown and all("Rädda Barnen" in t for t in rows.all_inner_texts())
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Exportera CSV").click()
    download = info.value
    assert download.suggested_filename == "partnerskap.csv"
    text = open(download.path(), encoding="utf-8-sig").read()
    exported = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert exported[0] == ["Titel", "Diarienummer", "Status", "Start", "Slut", "Parter"]
    assert [r[0] for r in exported[1:]] == shown
    assert all("Rädda Barnen" in r[5] for r in exported[1:])
