"""A signed partnership in the browser: its terms change through an amendment, and a wrong
diarienummer is corrected as a rättelse that the history and the page both show."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import (
    UserFactory,
    signed_agreement,
)


@pytest.fixture
def signed(transactional_db):
    staff = UserFactory(username="handlaggare", first_name="Hanna", last_name="Handläggare")
    return signed_agreement(staff, title="Gatans partnerskap", registration_number="SOF 2024/77")


def _tab(page, name):
    page.get_by_role("navigation", name="Partnerskapets delar").get_by_role(
        "link", name=name
    ).click()


def test_staff_change_a_signed_agreement_by_amendment_and_correct_its_dnr(page, signed):
    login(page, "handlaggare")
    page.goto(f"{page.base_url}/partnerskap/{signed.pk}/")
    actions = page.locator(".page-head .actions")
    expect(actions.get_by_role("link", name="Ändra", exact=True)).to_have_count(0)
    expect(actions.get_by_role("link", name="Ny ändring")).to_be_visible()

    # The agreement text says how its terms change, and offers no edit of a goal.
    _tab(page, "Avtalstext")
    expect(page.locator("#villkor-lasta")).to_contain_text("Avtalet är undertecknat")
    expect(page.get_by_role("link", name="Lägg till mål")).to_have_count(0)

    # An old bookmark to the edit page leads to the amendment instead.
    page.goto(f"{page.base_url}/partnerskap/{signed.pk}/andra/")
    expect(page.locator("main")).to_contain_text("ändras bara genom en skriftlig ändring")
    page.get_by_role("link", name="Ny ändring eller tillägg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny ändring eller tillägg")

    # A rättelse of the diarienummer: refused without a reason, with what was typed kept.
    page.goto(f"{page.base_url}/partnerskap/{signed.pk}/")
    actions.get_by_role("link", name="Rättelse").click()
    page.get_by_label(re.compile(r"^Diarienummer:?$")).fill("SOF 2024/707")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("main")).to_contain_text("Skriv varför uppgiften rättas.")
    expect(page.get_by_label(re.compile(r"^Diarienummer:?$"))).to_have_value("SOF 2024/707")
    page.get_by_label("Anledning till rättelsen").fill("Siffrorna var omkastade")
    page.get_by_role("button", name="Spara").click()

    today = timezone.localdate().isoformat()
    expect(page.locator(".messages")).to_contain_text("Rättelsen är sparad")
    expect(page.locator(".subtitle")).to_contain_text("SOF 2024/707")
    expect(page.locator("#rattelser")).to_contain_text(f"Rättad {today}: Siffrorna var omkastade")

    _tab(page, "Historik")
    entry = page.locator(".timeline-entry", has_text="Rättelse").first
    expect(entry).to_contain_text("Siffrorna var omkastade")
    expect(page.locator(".timeline")).to_contain_text("SOF 2024/77")
