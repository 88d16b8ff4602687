"""The agreement PDF is one click away: for staff on the partnership's overview, for an NGO
representative on the partnership's page in the portal."""

from tests.browser.conftest import login


def _download(page, link):
    """Follow the link's address in the logged-in browser session; the response as the user's
    browser receives it."""
    return page.request.get(page.base_url + link.get_attribute("href"))


def test_staff_find_the_agreement_pdf_on_the_overview(page, demo):
    login(page, "handlaggare")
    # Staff land on Att göra; the register is in the menu.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Partnerskap", exact=True
    ).click()
    page.wait_for_url("**/partnerskap/")
    page.get_by_label("Sök titel, diarienummer eller part").fill("Street Minds")
    page.get_by_role("button", name="Sök").click()
    page.get_by_role("link", name="Bostad Först").first.click()
    assert "SOF 2023/202" in page.locator("main").inner_text()

    response = _download(page, page.get_by_role("link", name="Avtalet som PDF").first)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")


def test_a_representative_finds_the_agreement_pdf_in_the_portal(page, demo):
    login(page, "streetminds")
    page.get_by_role("link", name="Bostad Först").first.click()
    link = page.get_by_role("link", name="Avtalet som PDF")
    address = page.base_url + link.get_attribute("href")
    response = page.request.get(address)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"

    # Another organisation's representative gets nothing at the same address.
    page.context.clear_cookies()
    login(page, "raddabarnen")
    assert page.request.get(address).status == 404
