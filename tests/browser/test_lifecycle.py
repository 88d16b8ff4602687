"""A partnership from draft to an amendment in force, as staff would do it in the browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import OrganisationFactory, PublicOrganisationFactory, UserFactory


@pytest.fixture
def people(transactional_db):
    UserFactory(username="handlaggare", first_name="Hanna", last_name="Handläggare")
    PublicOrganisationFactory(name="Stadens förvaltning")
    OrganisationFactory(name="Gatans förening")


def field(page, label):
    """The input labelled exactly `label` (Django's labels end with a colon)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def _save(page, reason):
    page.get_by_label("Anledning till ändringen").fill(reason)
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()


def _add_party(page, name):
    page.get_by_role("link", name="Lägg till part").click()
    field(page, "Organisation").select_option(label=name)
    _save(page, f"{name} är part")


def _add_annex(page, party, title, commitment):
    page.get_by_role("link", name="Ny bilaga").click()
    field(page, "Part").select_option(label=f"{party} – SOF 2025/77")
    field(page, "Rubrik").fill(title)
    _save(page, "Bilaga")
    page.get_by_role("link", name="Nytt åtagande").click()
    field(page, "Rubrik").fill(commitment[0])
    field(page, "Beskrivning").fill(commitment[1])
    _save(page, "Åtagande")


def _tab(page, name):
    page.get_by_role("navigation", name="Partnerskapets delar").get_by_role(
        "link", name=name
    ).click()


def _step(page, label, reason, decision=""):
    _tab(page, "Livscykel och beslut")
    page.get_by_role("link", name="Nytt steg").click()
    page.get_by_label("Nytt steg").select_option(label=label)
    if decision:
        page.get_by_label("Annat beslut").fill(decision)
    _save(page, reason)
    expect(page.locator(".messages")).to_contain_text("Steget är registrerat")


def _sign(page, link_name, signatory):
    _tab(page, "Ändringar och underskrifter")
    page.get_by_role("link", name=link_name).first.click()
    page.get_by_label("Namn på firmatecknare").fill(signatory)
    field(page, "Ort").fill("Stockholm")
    _save(page, "Underskrift registrerad")


def test_draft_to_amendment_in_force(page, people):
    login(page, "handlaggare")
    page.goto(f"{page.base_url}/partnerskap/ny/")
    field(page, "Titel").fill("Gatans partnerskap")
    field(page, "Diarienummer").fill("SOF 2025/77")
    field(page, "Startdatum").fill("2025-01-01")
    field(page, "Slutdatum").fill("2026-12-31")
    _save(page, "Nytt avtal")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gatans partnerskap")
    detail_url = page.url

    _add_party(page, "Stadens förvaltning")
    _add_party(page, "Gatans förening")
    _add_annex(page, "Stadens förvaltning", "Stadens åtaganden", ("Lokaler", "Staden ordnar lokal"))
    page.goto(detail_url)
    _add_annex(
        page,
        "Gatans förening",
        "Föreningens verksamhet",
        ("Öppen verksamhet", "Tre dagar i veckan"),
    )
    page.goto(detail_url)

    _step(page, "Inled förhandling", "Dialog med föreningen")
    _step(
        page, "Registrera beslut", "Nämnden har beslutat", decision="Socialnämnden 2024-12-10 § 5"
    )
    # Not signed by anyone yet: the step is refused with a clear message.
    _tab(page, "Livscykel och beslut")
    page.get_by_role("link", name="Nytt steg").click()
    page.get_by_label("Nytt steg").select_option(label="Markera som undertecknad")
    _save(page, "Undertecknad")
    expect(page.locator("#form-errors")).to_contain_text("saknar underskrift")
    page.goto(detail_url)
    _sign(page, "Registrera Stadens förvaltning", "Sara Direktör")
    _sign(page, "Registrera Gatans förening", "Gustav Ordförande")
    _step(page, "Markera som undertecknad", "Båda parter har skrivit under")
    _step(page, "Aktivera", "Partnerskapet startar")
    expect(page.locator(".subtitle .status")).to_have_text("Aktiv")

    # Draft an amendment to the association's commitment.
    _tab(page, "Översikt")
    page.get_by_role("link", name=re.compile("Bilaga 2")).first.click()
    page.get_by_role("link", name="Föreslå ändring Öppen verksamhet").click()
    field(page, "Rubrik").fill("Fler öppetdagar")
    page.get_by_label("Ny text").fill("Fem dagar i veckan")
    field(page, "Bakgrund").fill("Behovet har ökat")
    _save(page, "Utkast till ändring")
    expect(page.get_by_test_id("amendment-status")).to_have_text("Utkast")
    page.get_by_role("link", name="Skicka för underskrift").click()
    _save(page, "Klar för underskrift")
    expect(page.get_by_test_id("missing-signatures")).to_contain_text("Stadens förvaltning")
    expect(page.get_by_test_id("missing-signatures")).to_contain_text("Gatans förening")

    page.get_by_role("link", name="registrera Stadens förvaltning").click()
    expect(field(page, "Handling")).to_have_value("amendment")
    page.get_by_label("Namn på firmatecknare").fill("Sara Direktör")
    _save(page, "Staden har skrivit under")
    expect(page.get_by_test_id("amendment-status")).to_have_text("Inväntar underskrifter")
    expect(page.get_by_test_id("missing-signatures")).not_to_contain_text("Stadens förvaltning")

    page.get_by_role("link", name="registrera Gatans förening").click()
    page.get_by_label("Namn på firmatecknare").fill("Gustav Ordförande")
    _save(page, "Föreningen har skrivit under")
    expect(page.get_by_test_id("amendment-status")).to_have_text("Gäller")
    expect(page.get_by_test_id("missing-signatures")).to_have_count(0)

    amendment_url = page.url
    page.goto(detail_url)
    page.locator("#bilagor").get_by_role("link", name=re.compile("Bilaga 2")).click()
    expect(page.locator("main")).to_contain_text("Fem dagar i veckan")

    page.goto(amendment_url)
    page.get_by_role("link", name="Visa avtalet som det såg ut före ändringen").click()
    expect(page.locator(".historical-banner")).to_contain_text("Historisk vy")
    expect(page.locator("main")).to_contain_text("Tre dagar i veckan")
    expect(page.locator("main")).not_to_contain_text("Fem dagar i veckan")


@pytest.mark.parametrize(
    "path",
    [
        "/kommande/",
        "/kommande/kalender/",
        "/partnerskap/{ensam}/",
        "/partnerskap/{bostad}/avtalstext/",
        "/partnerskap/{bostad}/livscykel/",
        "/partnerskap/{bostad}/andringar/",
        "/partnerskap/{bostad}/ekonomi/",
        "/partnerskap/{bostad}/som-det-sag-ut/?datum=2024-01-01",
        "/partnerskap/{bostad}/steg/",
        "/partnerskap/{bostad}/underskrifter/ny/",
        "/partnerskap/{bostad}/andringar/ny/",
        "/partnerskap/{bostad}/uppsagningar/ny/",
    ],
)
def test_lifecycle_pages_have_no_wcag_aa_violations(page, demo, path):
    from partnerships.models import Partnership
    from tests.browser.conftest import assert_accessible

    bostad = Partnership.objects.get(registration_number="SOF 2023/202")
    ensam = Partnership.objects.get(registration_number="2.11.6-167/2019")
    login(page, "handlaggare")
    page.goto(page.base_url + path.format(bostad=bostad.pk, ensam=ensam.pk))
    assert_accessible(page)
