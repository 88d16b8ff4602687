"""After a refused submit the person lands on the error summary, not at the top of the page: the
focus is on it (a screen reader reads it), each error is a link, and following the first one
puts the focus in its field. The review page's "Återsänd" with no comment shows its error there
too, at a URL that reloads; the admin shows a missing change reason at the top of the form."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.every_page import _draft_report
from tests.factories import UserFactory, before_signing
from tests.security.test_url_walk import ROUTES

# Staff forms sent empty: partnerships, organisations, bilagor, parties, groups, members,
# meetings, reporting templates and budget lines.
STAFF_FORMS = [
    "partnerships:create",
    "partnerships:organisation_create",
    "partnerships:annex_create",
    "partnerships:participation_create",
    "partnerships:goal_create",
    "governance:group_create",
    "governance:member_create",
    "governance:meeting_create",
    "reporting:template_create",
    "reporting:budget_line_create",
]


def _url(name, world):
    make_args = ROUTES[name][1]
    return reverse(name, kwargs=make_args(world) if make_args else None)


def _refused_lands_on_the_summary(page, submit):
    """Submit, then: the summary has the focus, and its first link moves the focus to the field
    it names. Returns the summary's link texts."""
    url = page.url
    submit.click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Det finns fel i formuläret")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "alert"
    # The summary is at the top: seen without scrolling.
    expect(summary).to_be_in_viewport()
    links = summary.get_by_role("link")
    assert links.count() >= 1, url
    first = links.first
    target = first.get_attribute("href").removeprefix("#")
    first.click()
    field = page.locator(f"[id='{target}']")
    expect(field).to_be_focused()
    expect(field).to_be_in_viewport()
    return links.all_inner_texts()


def test_refused_staff_forms_focus_the_summary_and_link_each_field(world_for, people):  # noqa: F811  (fixtures imported above)
    world = world_for(STAFF_FORMS)
    before_signing(world.partnership)  # goals are added before signing
    staff = people.page("staff")
    for name in STAFF_FORMS:
        staff.goto(staff.base_url + _url(name, world))
        submit = staff.locator("main form[method=post] button[type=submit]").first
        texts = _refused_lands_on_the_summary(staff, submit)
        # Each field's own error is in the summary, with the field's label.
        for error in staff.locator(".errors[id]").all():
            message = error.inner_text().splitlines()[0]
            assert any(t.endswith(message) for t in texts), (name, message, texts)
        assert_accessible(staff)


def test_the_partnership_form_starts_with_the_reason(world_for, people):  # noqa: F811  (fixtures imported above)
    world_for(["partnerships:create"])
    staff = people.page("staff")
    staff.goto(staff.base_url + reverse("partnerships:create"))
    first = staff.locator("main form .field").first
    expect(first).to_contain_text("Anledning till ändringen")
    expect(first).to_contain_text("Kort motivering")
    texts = _refused_lands_on_the_summary(staff, staff.get_by_role("button", name="Spara"))
    assert texts[0] == "Anledning till ändringen: Skriv en kort anledning till ändringen."
    expect(staff.get_by_label("Anledning till ändringen")).to_be_focused()


def test_the_portal_report_form_focuses_the_summary(world_for, people):  # noqa: F811  (fixtures imported above)
    world = world_for(["reporting:report_edit"])
    ngo = people.page("ngo")
    ngo.goto(ngo.base_url + reverse("reporting:report_edit", kwargs=_draft_report(world)))
    texts = _refused_lands_on_the_summary(
        ngo, ngo.get_by_role("button", name="Skicka in rapporten")
    )
    expect(ngo.locator(".error-summary")).to_contain_text("Rapporten kunde inte skickas in")
    assert texts
    assert_accessible(ngo)


def test_returning_a_report_without_a_comment_shows_the_error_at_the_top(world_for, people):  # noqa: F811  (fixtures imported above)
    world = world_for(["reporting:report_detail"])
    report = world.side.report
    staff = people.page("staff")
    detail = staff.base_url + report.get_absolute_url()
    staff.goto(detail)
    texts = _refused_lands_on_the_summary(
        staff, staff.get_by_role("button", name="Återsänd för komplettering")
    )
    assert texts == ["Vad behöver kompletteras? Skriv vad som behöver kompletteras."]
    assert staff.url.endswith(reverse("reporting:report_review", args=[report.pk]))
    assert_accessible(staff)
    # Reloading the address the refusal is shown at leads back to the report, not to a 405.
    response = staff.goto(staff.url)
    staff.wait_for_url(detail)
    assert response.ok
    expect(staff.get_by_role("heading", level=1)).to_have_text("Verksamhetsrapport")


def test_the_admin_shows_a_missing_reason_at_the_top(world_for, people):  # noqa: F811  (fixtures imported above)
    world = world_for(["partnerships:detail"])
    people.users["admin"] = UserFactory(username="admin", is_staff=True, is_superuser=True)
    admin = people.page("admin")
    admin.goto(
        admin.base_url
        + reverse("admin:partnerships_partnership_change", args=[world.partnership.pk])
    )
    admin.get_by_role("button", name=re.compile(r"^Spara$")).first.click()
    admin.wait_for_load_state()
    top = admin.locator("#change-reason-error-top")
    expect(top).to_be_in_viewport()
    expect(top).to_have_text("Anledning till ändringen: Skriv en kort anledning till ändringen.")
    top.get_by_role("link").click()
    expect(admin.locator("#id_change_reason")).to_be_in_viewport()
    assert_accessible(admin)
