"""A handläggare uploads a scanned agreement (issue 18): the opening pages of the 2019
agreement for unaccompanied minors as a PDF of pictures only. The product reads it by OCR and
proposes the parties, the register's Rädda Barnen for what OCR read as "Ridda Barnen", and
shows that correction at the party and in the list of every correction made."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.importing import ocr
from tests.browser.conftest import assert_accessible, login
from tests.partnerships.import_documents import as_scanned_pdf, seed_text

pytestmark = pytest.mark.skipif(not ocr.available(), reason="OCR is installed by `make ocr`")


def test_a_scanned_agreement_is_read_and_its_corrections_shown(page, transactional_db, settings):
    from tests.factories import OrganisationFactory, UserFactory

    settings.IOP_OCR_TIMEOUT = 300  # three pages may take a minute on a machine busy with tests

    UserFactory(username="handlaggare")
    OrganisationFactory(name="Rädda Barnen", org_number="802002-8638")
    scan = as_scanned_pdf(seed_text("ensamkommande-2019.txt"), pages=3)
    login(page, "handlaggare")
    page.goto(page.base_url + reverse("partnerships:list"))
    page.get_by_role("link", name="Importera från dokument").click()
    page.wait_for_url("**/importera/")
    expect(page.locator("main")).to_contain_text("inskannad")
    page.get_by_label("Avtalet (huvudavtalet)").set_input_files(
        files=[{"name": "ensamkommande-skannad.pdf", "mimeType": "application/pdf", "buffer": scan}]
    )
    # OCR takes a few seconds a page: three pages on a loaded machine may take a minute, and
    # the click waits for the page it sends to.
    page.get_by_role("button", name="Läs dokumentet").click(timeout=240_000)
    page.wait_for_url("**/importera/*/", timeout=240_000)

    parties = page.locator("section[aria-labelledby=import-oversikt]")
    expect(parties).to_contain_text("Rädda Barnen, organisationsnummer 802002-8638")
    expect(parties).to_contain_text("Rättad felläsning (OCR): Ridda Barnen → Rädda Barnen")
    # The city side, Barnrättsbyrån, then Rädda Barnen: taken for the one in the register.
    expect(parties.get_by_label("Organisation i registret").nth(2)).to_have_value(
        str(_pk("802002-8638"))
    )
    corrections = page.locator("details.import-corrections")
    expect(corrections.locator("summary")).to_contain_text("felläsningar av å, ä och ö (OCR)")
    corrections.locator("summary").click()
    expect(corrections).to_contain_text("”Ridda Barnen” rättat till ”Rädda Barnen”")
    assert_accessible(page)


def _pk(org_number):
    from partnerships.models import Organisation

    return Organisation.objects.get(org_number=org_number).pk
