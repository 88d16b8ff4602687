"""Portföljen in the browser: staff open it from the menu, filter by year and status, and
download the view as a spreadsheet and as the committee's PDF."""

import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from partnerships.models import Partnership
from tests.browser.conftest import assert_accessible, login
from tests.factories import UserFactory
from tests.test_portfolio import build


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    staff = UserFactory(username="handlaggare", first_name="Hanna", last_name="Handläggare")
    made = build(staff, 3)
    # One of them ended: the status filter leaves it out.
    ended = made[2]
    ended.status = Partnership.Status.ENDED
    ended.save()


def _cards(page):
    return page.locator("article.portfolio-card h3 a")


def test_staff_filter_the_portfolio_and_download_it(page, world):
    year = timezone.localdate().year
    login(page, "handlaggare")
    page.wait_for_url("**/att-gora/")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    menu.get_by_role("link", name="Portfölj").click()
    page.wait_for_url("**/portfolj/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Portfölj {year}")
    expect(menu.get_by_role("link", name="Portfölj")).to_have_attribute("aria-current", "page")
    expect(_cards(page)).to_have_count(3)
    assert_accessible(page)

    # Only the active ones of this year.
    page.get_by_label("År", exact=True).fill(str(year))
    page.get_by_label("Status", exact=True).select_option(label="Aktiv")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url(re.compile(r".*status=active.*"))
    expect(_cards(page)).to_have_count(2)
    expect(page.get_by_role("link", name="Partnerskap 02")).to_have_count(0)
    expect(page.get_by_role("heading", name=re.compile(f"^2 partnerskap {year}"))).to_be_visible()

    # A year before any of them started: none.
    page.get_by_label("År", exact=True).fill(str(year - 1))
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url(re.compile(rf".*year={year - 1}.*"))
    expect(page.get_by_text("Inga partnerskap matchar filtret.")).to_be_visible()

    # Back to this year's active ones, as a spreadsheet: the rows of the filter.
    page.get_by_label("År", exact=True).fill(str(year))
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url(re.compile(rf".*year={year}&.*"))
    expect(_cards(page)).to_have_count(2)
    with page.expect_download() as info:
        page.get_by_role("link", name="Exportera Excel").click()
    download = info.value
    assert download.suggested_filename == "portfolj.xlsx"
    sheet = load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    titles = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert titles == ["Partnerskap 00", "Partnerskap 01"]

    # And as the committee's PDF.
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF för nämnden").click()
    download = info.value
    assert download.suggested_filename == f"portfolj-{year}.pdf"
    assert open(download.path(), "rb").read(4) == b"%PDF"
