"""Staff change one sentence of Syfte in the browser (which sends every textarea back with
\\r\\n line endings) and find exactly that change in the history, the changed words marked, then
narrow the history to a person and a day."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PartnershipFactory, UserFactory, before_signing, write_terms

PURPOSE = (
    "Partnerskapet ska ge personer i hemlöshet en egen bostad.\n\n"
    "Föreningen erbjuder stöd i vardagen, samtal och hjälp med kontakter med myndigheter,\n"
    "med hyresvärdar och med vården, så länge personen själv vill ha stödet.\n"
    "Stödet ges tre dagar i veckan."
)


@pytest.fixture
def partnership(transactional_db):
    hanna = UserFactory(username="handlaggare", first_name="Hanna", last_name="Handläggare")
    olle = UserFactory(username="olle", first_name="Olle", last_name="Ordförande")
    partnership = before_signing(
        PartnershipFactory(
            title="Bostad först",
            purpose=PURPOSE,
            background="Bakgrund i två rader.\nDen andra raden.",
            target_group="Vuxna i hemlöshet.\nÄven par.",
        )
    )
    write_terms(partnership, actor=olle, reason="Olles rättning av titeln", title="Bostad Först")
    return hanna, olle, partnership


def test_staff_see_only_the_sentence_they_changed_and_filter_the_history(page, partnership):
    hanna, olle, partnership = partnership
    login(page, "handlaggare")
    page.goto(f"{page.base_url}/partnerskap/{partnership.pk}/andra/")
    purpose = page.get_by_label(re.compile(r"^Syfte"))
    purpose.fill(PURPOSE.replace("tre dagar i veckan", "fem dagar i veckan"))
    page.get_by_label("Anledning till ändringen").fill("Stödet utökas")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".messages")).to_be_visible()

    page.goto(f"{page.base_url}/partnerskap/{partnership.pk}/historik/")
    entry = page.locator(".timeline-entry", has_text="Stödet utökas")
    expect(entry).to_contain_text("ändrad av Hanna Handläggare")
    # Only Syfte: the other texts came back with \r\n and are not changes.
    expect(entry.locator("tbody th")).to_have_text(["Syfte"])
    expect(entry.locator("del")).to_have_text("borttaget: tre")
    expect(entry.locator("ins")).to_have_text("tillagt: fem")
    expect(entry.locator("ins")).to_be_visible()

    # Narrowed to Olle: only his change.
    page.get_by_label("Ändrad av").select_option(label="Olle Ordförande")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url(re.compile(rf"person={olle.pk}"))
    expect(page.locator(".timeline-entry")).to_have_count(1)
    expect(page.locator(".timeline")).to_contain_text("Olles rättning av titeln")

    # Narrowed to Hanna, today: her change.
    today = timezone.localdate().isoformat()
    page.get_by_label("Ändrad av").select_option(label="Hanna Handläggare")
    page.get_by_label("Från").fill(today)
    page.get_by_label("Till").fill(today)
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url(re.compile(rf"person={hanna.pk}.*start={today}"))
    expect(page.locator(".result-count")).to_have_text("1 ändring matchar urvalet, nyast först.")
    expect(page.locator(".timeline-entry")).to_contain_text("Stödet utökas")

    # A day before anything happened: nothing, and Rensa shows everything again.
    page.get_by_label("Till").fill("2000-01-01")
    page.get_by_label("Från").fill("2000-01-01")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url(re.compile(r"end=2000-01-01"))
    expect(page.locator(".timeline")).to_have_text("Inga ändringar matchar urvalet.")
    page.get_by_role("link", name="Rensa").click()
    page.wait_for_url(re.compile(r"/historik/$"))
    expect(page.locator(".timeline-entry", has_text="Stödet utökas")).to_have_count(1)
