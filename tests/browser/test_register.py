"""The foundation journey: a handläggare finds Bostad Först, reads its bilagor and history, and
edits a commitment with a reason that then shows in the timeline."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import login


def test_handlaggare_finds_street_minds_and_edits_a_commitment(page, demo):
    login(page, "handlaggare")
    # Staff land on Att göra; the register is in the menu.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Partnerskap", exact=True
    ).click()
    page.wait_for_url("**/partnerskap/")
    page.get_by_label("Sök titel, diarienummer eller part").fill("Street Minds")
    page.get_by_role("button", name="Sök").click()
    page.get_by_role("link", name="Bostad Först").first.click()
    page.wait_for_url(re.compile(r"/partnerskap/\d+/$"))

    expect(page.locator("main")).to_contain_text("SOF 2023/202")
    bilagor = page.locator("#bilagor")
    assert "Bilaga, Socialförvaltningens verksamheter" in bilagor.inner_text()
    assert "Street Minds" in bilagor.inner_text()
    historik = page.locator("#historik")
    assert "Senast ändrad" in historik.inner_text()
    # The whole history goes back to the agreement's registration (the oldest entry, last page).
    historik.get_by_role("link", name="Visa alla").click()
    # Every read waits for the page it reads: a count asked before the new page has loaded
    # found none (CI).
    page.wait_for_url("**/historik/")
    expect(page.locator(".timeline-entry").first).to_be_visible()
    number = 1
    while page.get_by_role("link", name="Nästa").count():
        page.get_by_role("link", name="Nästa").click()
        # Wait for the next page before asking it for its "Nästa": asked too early, the page
        # being left answers (or none does) and the loop stops short of the last page.
        number += 1
        page.wait_for_url(re.compile(rf"sida={number}\b"))
    assert "Avtalet SOF 2023/202 registrerat" in page.locator(".timeline").inner_text()
    tabs = page.get_by_role("navigation", name="Partnerskapets delar")
    tabs.get_by_role("link", name="Översikt").click()
    page.wait_for_url(re.compile(r"/partnerskap/\d+/$"))

    # Open Street Minds' bilaga and change the first commitment's title.
    bilagor = page.locator("#bilagor")
    bilagor.get_by_role("link", name="Street Minds").first.click()
    first_commitment = page.locator("ol.commitments > li").first
    expect(first_commitment).to_be_visible()
    old_title = first_commitment.locator("h3").inner_text()
    first_commitment.get_by_role("link", name="Ändra").click()
    page.get_by_label("Rubrik").fill("Öppen verksamhet fem dagar i veckan")
    page.get_by_label("Anledning till ändringen").fill("Beslut i styrgruppen 2024-02-14 § 3")
    page.get_by_role("button", name="Spara").click()

    expect(page.locator(".messages")).to_contain_text("Ändringen är sparad.")
    page.get_by_role("link", name="Bostad Först").first.click()
    page.wait_for_url(re.compile(r"/partnerskap/\d+/$"))
    tabs.get_by_role("link", name="Historik").click()
    page.wait_for_url("**/historik/")
    latest = page.locator(".timeline-entry").first
    expect(latest).to_contain_text("Beslut i styrgruppen 2024-02-14 § 3")
    text = latest.inner_text()
    assert "Beslut i styrgruppen 2024-02-14 § 3" in text
    assert old_title in text
    assert "Öppen verksamhet fem dagar i veckan" in text
    assert "Hanna Handläggare" in text
