"""Staff download a partnership's e-archive package from the partnership's page: one click on
the head's button, a ZIP with the package's METS and the agreement as PDF/A."""

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


def test_staff_download_the_archive_package_from_the_partnership_page(page, world):
    login(page, "handlaggare")
    page.goto(f"{page.base_url}/partnerskap/{world.partnership.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(world.partnership.title)

    with page.expect_download(timeout=180_000) as info:
        page.get_by_role("link", name="Arkivpaket (ZIP)").click()
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
