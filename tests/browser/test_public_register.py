"""An anonymous visitor reads the public register, a partnership's agreement text and the
accessibility statement; a handläggare marks a section secret, and the visitor no longer sees
it."""

import re

from django.test import Client
from playwright.sync_api import expect

from partnerships.models import Clause
from tests.browser.conftest import assert_accessible, login


def test_visitor_reads_the_register_and_staff_mark_a_section_secret(
    browser, live_server, partnership_a, staff
):
    Clause.objects.create(
        partnership=partnership_a, order=1, heading="Metod", body="Uppsökande arbete på gatan."
    )
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    context.set_default_timeout(15_000)
    visitor = context.new_page()
    visitor.goto(live_server.url + "/offentligt-register/")
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Offentligt register")
    row = visitor.get_by_role("row", name=re.compile("Partnerskap med A"))
    expect(row).to_contain_text("Förening A")
    expect(row).to_contain_text(
        partnership_a.participations.get(organisation__name="Förening A").organisation.org_number
    )
    assert_accessible(visitor)

    visitor.get_by_role("link", name="Partnerskap med A").click()
    visitor.wait_for_url(re.compile(r"/offentligt-register/\d+/$"))
    expect(visitor.get_by_role("heading", name="Metod")).to_be_visible()
    expect(visitor.locator("main")).to_contain_text("Uppsökande arbete på gatan.")
    assert_accessible(visitor)

    # The handläggare marks the section secret from the agreement text tab.
    staff_page = browser.new_context(locale="sv-SE").new_page()
    staff_page.base_url = live_server.url
    login(staff_page, staff.username)
    staff_page.goto(live_server.url + f"/partnerskap/{partnership_a.pk}/avtalstext/")
    staff_page.get_by_role("link", name="Ändra offentlighet och sekretess").click()
    staff_page.wait_for_url("**/sekretess/")
    staff_page.get_by_label("Delvis sekretess").check()
    staff_page.get_by_label("Sekretessgrund enligt OSL").fill("26 kap. 1 § OSL")
    staff_page.get_by_role("group", name="Övriga avsnitt med sekretess").get_by_label(
        "Metod"
    ).check()
    staff_page.get_by_label("Anledning till ändringen").fill("Sekretessprövning")
    staff_page.get_by_role("button", name="Spara").click()
    staff_page.wait_for_url(re.compile(r"/avtalstext/"))
    expect(staff_page.get_by_text("Offentligheten är sparad.")).to_be_visible()
    expect(staff_page.locator("#offentlighet")).to_contain_text(
        "Delvis sekretess (26 kap. 1 § OSL)"
    )
    staff_page.context.close()

    visitor.reload()
    expect(visitor.locator("main")).to_contain_text("Delar av avtalet omfattas av sekretess")
    expect(visitor.locator("main")).not_to_contain_text("Uppsökande arbete på gatan.")

    # The footer leads to the accessibility statement.
    visitor.get_by_role("contentinfo").get_by_role(
        "link", name="Tillgänglighetsredogörelse"
    ).click()
    visitor.wait_for_url("**/tillganglighet/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Tillgänglighetsredogörelse")
    expect(
        visitor.get_by_role("link", name=re.compile("Anmäl bristande tillgänglighet"))
    ).to_have_attribute("href", "https://www.digg.se/tdosanmalan")
    assert_accessible(visitor)
    context.close()
    assert Client().get(f"/offentligt-register/{partnership_a.pk}/").status_code == 200
