"""Staff ask for a partnership's e-archive package from the partnership's page ("Skapa
arkivpaket"), see it on the Arkivpaket page once the task queue has built it (the tests' queue
runs it right after the commit) and download it: a ZIP with the package's METS and the agreement
as PDF/A."""

import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.archive.conftest import unpack
from tests.browser.conftest import login
from tests.security.test_url_walk import _world


@pytest.fixture
def world(transactional_db, partnership_a, org_a, rep_a, staff, city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IOP_REQUIRE_MFA = False
    return _world(partnership_a, org_a, rep_a, staff, city, {"lifecycle", "reporting"})


def test_staff_ask_for_the_archive_package_and_download_it(page, world):
    login(page, "handlaggare")
    page.goto(f"{page.base_url}/partnerskap/{world.partnership.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(world.partnership.title)

    page.get_by_role("button", name="Skapa arkivpaket").click()
    page.wait_for_url(f"**/partnerskap/{world.partnership.pk}/arkivpaket/", timeout=180_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Arkivpaket")
    expect(page.locator(".messages")).to_contain_text("Arkivpaketet byggs")
    newest = page.locator("table.archive-packages tbody tr").first  # newest first
    expect(newest).to_contain_text("Klart")
    expect(newest).to_contain_text("Hanna Handläggare")
    link = newest.get_by_role("link", name=re.compile(r"^Ladda ned iop-.+\.zip$"))
    with page.expect_download(timeout=60_000) as info:
        link.click()
    download = info.value
    assert download.suggested_filename.startswith("iop-")
    assert download.suggested_filename.endswith(".zip")
    with open(download.path(), "rb") as handle:
        content = handle.read()
    assert zipfile.is_zipfile(download.path())
    package = unpack(content)
    assert package.files["METS.xml"].startswith(b"<?xml")
    assert package.files["representations/rep1/data/avtal.pdf"].startswith(b"%PDF-")
    amendment = world.amendment
    assert f"representations/rep1/data/andringar/andring-{amendment.number}-{amendment.pk}.pdf" in (
        package.files
    )
