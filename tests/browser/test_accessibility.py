"""axe-core on the register's pages, as each kind of user sees them."""

import pytest

from partnerships.models import Annex, Partnership
from tests.browser.conftest import assert_accessible, login


@pytest.mark.parametrize(
    "path",
    [
        "/partnerskap/",
        "/partnerskap/?q=Street+Minds",
        "/partnerskap/{partnership}/",
        "/partnerskap/{partnership}/historik/",
        "/partnerskap/{partnership}/andra/",
        "/partnerskap/bilagor/{annex}/",
        "/partnerskap/organisationer/",
        "/partnerskap/ny/",
    ],
)
def test_staff_pages_have_no_wcag_aa_violations(page, demo, path):
    partnership = Partnership.objects.get(registration_number="SOF 2023/202")
    annex = Annex.objects.filter(partnership=partnership).first()
    login(page, "handlaggare")
    page.goto(page.base_url + path.format(partnership=partnership.pk, annex=annex.pk))
    assert_accessible(page)


def test_login_and_portal_have_no_wcag_aa_violations(page, demo):
    page.goto(page.base_url + "/logga-in/")
    assert_accessible(page)
    login(page, "streetminds")
    assert "Min sida" in page.locator("h1").inner_text()
    assert_accessible(page)


def test_refused_form_is_accessible_and_keyboard_reachable(page, demo):
    login(page, "handlaggare")
    page.goto(page.base_url + "/partnerskap/ny/")
    page.get_by_role("button", name="Spara").click()
    assert "Det finns fel i formuläret" in page.locator("main").inner_text()
    assert_accessible(page)
    # Keyboard: the refusal puts the focus on the error summary; the next stop is its first
    # error, whose link moves the focus to the field.
    assert page.evaluate("document.activeElement.className") == "error-summary"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_reason"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_reason"
    # On a page without errors the skip link is the first stop.
    page.goto(page.base_url + "/partnerskap/ny/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
