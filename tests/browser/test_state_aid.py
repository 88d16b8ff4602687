"""A handläggare records that Bostad Först's compensation is de minimis aid, then opens a
party's state-aid ledger from the Ekonomi tab: its compensation per year is counted against the
ceiling, and the de minimis statement downloads as a PDF naming the organisation."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import assert_accessible, login


def test_handlaggare_follows_an_organisations_state_aid(page, demo):
    from datetime import date

    from iop.accounts.models import User
    from partnerships.models import Compensation, Partnership, StateAidCeiling
    from partnerships.services.state_aid import ceiling_set

    if not StateAidCeiling.objects.exists():  # seeded by migration; a flush empties it
        ceiling_set(
            kind="de_minimis",
            valid_from=date(2024, 1, 1),
            ceiling_eur=300000,
            sek_per_eur=11,
            actor=User.objects.get(username="handlaggare"),
            reason="Förordning 2023/2831",
        )
    partnership = Partnership.objects.get(title__icontains="Bostad Först")
    # The NGO party, the one paid under a bilaga.
    compensation = Compensation.objects.filter(annex__partnership=partnership).first()
    organisation = compensation.annex.participation.organisation
    base = page.base_url
    login(page, "handlaggare")
    page.goto(f"{base}/partnerskap/{partnership.pk}/ekonomi/")
    expect(page.locator("#statsstod ~ p").first).to_contain_text("inte angiven")
    page.get_by_role("link", name="Ange grund").click()
    page.wait_for_url("**/statsstodsgrund/")
    page.get_by_label("Tjänst av allmänt ekonomiskt intresse").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".error-summary")).to_contain_text("Ange beslutet som ger uppdraget.")
    page.get_by_label("Stöd av mindre betydelse").check()
    page.get_by_label("Anledning till ändringen").fill("Ekonomienhetens bedömning")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/ekonomi/**")
    expect(page.locator("#statsstod ~ p").first).to_contain_text("de minimis")

    page.get_by_role("link", name=organisation.name, exact=True).click()
    page.wait_for_url("**/statsstod/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(organisation.name)
    years = page.locator("table").first
    expect(years).to_contain_text("av ")  # the three years' sum against a ceiling in force
    assert_accessible(page)
    # The PDF opens in the browser (inline); read it as the browser fetches it, signed in.
    link = page.get_by_role("link", name="Intyg om stöd av mindre betydelse")
    response = page.request.get(base + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert organisation.name.split()[0] in text
    assert "Bostad" in text  # its compensation runs into this year, as de minimis aid
