"""Issue 15, point 1, in the browser: the handläggare opens Kommande and finds what has been late
since 2023 at the top, under "Försenat", said in words ("Försenad"), counted as the partnership
page counts it; "Bara försenade" keeps every late item whatever the dates; the list of reports
marks the late report the same way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reporting.services.periods import period_add_extra
from reporting.services.reports import report_start
from tests.browser.conftest import assert_accessible, login
from tests.factories import PublicOrganisationFactory, UserFactory
from tests.partnerships.test_deadlines_overdue import late_since_2023
from tests.reporting.conftest import make_template


@pytest.fixture
def late(transactional_db):
    staff = UserFactory(username="handlaggare", first_name="Hanna", last_name="Handläggare")
    city = PublicOrganisationFactory(name="Socialförvaltningen")
    partnership = late_since_2023(city, staff, title="Bostad sedan 2023")
    today = timezone.localdate()
    period_add_extra(  # a report due in three days: soon, not late
        partnership=partnership,
        start=today - timedelta(days=60),
        end=today - timedelta(days=1),
        due_date=today + timedelta(days=3),
        actor=staff,
        reason="Extra rapport",
    )
    # The party has begun its 2023 report and never sent it.
    make_template(partnership)
    party = partnership.participations.get(organisation__kind="ngo").organisation
    report_start(
        period=partnership.reporting_periods.get(start__year=2023), organisation=party, actor=staff
    )
    return partnership


def _body_rows(page):
    return page.locator("main table tbody tr").all_inner_texts()


def test_staff_see_what_is_late_first_on_kommande(page, late):
    today = timezone.localdate()
    login(page, "handlaggare")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Kommande").click()
    page.wait_for_url("**/kommande/**")

    # The counts, in words, then "Försenat" heading the table, the 2023 meeting first.
    counts = page.locator(".deadline-counts").inner_text()
    assert counts.startswith("⚠ 5 försenade, 1 inom 14 dagar."), counts
    rows = _body_rows(page)
    assert rows[0].strip() == "Försenat (5)"
    assert "2023-09-15" in rows[1] and "Försenad" in rows[1]
    assert "Styrgrupp är försenad med sitt möte (skulle ha mötts senast 2023-09-15)" in rows[1]
    assert "2023-10-31" in rows[2] and "Försenad" in rows[2]
    # Then the window's rows: due in three days says so; nothing after the heading is late.
    window = rows.index(f"Från {today - timedelta(days=30)} till {today + timedelta(days=180)}")
    assert window == 6
    soon = [row for row in rows[window:] if (today + timedelta(days=3)).isoformat() in row]
    assert len(soon) == 1 and "Om 3 dagar" in soon[0]
    assert not [row for row in rows[window:] if "Försenad" in row]
    assert_accessible(page)

    # The partnership page marks the same meeting late.
    page.goto(page.base_url + late.get_absolute_url())
    groups = page.get_by_role("row").filter(has_text="Styrgrupp").first.inner_text()
    assert "2023-09-15 (försenad)" in groups

    # "Bara försenade" (no colon) with dates in 2030: still every late item, nothing else.
    page.go_back()
    page.wait_for_url("**/kommande/**")
    page.get_by_label("Från").fill("2030-01-01")
    page.get_by_label("Till").fill("2030-12-31")
    page.get_by_label("Bara försenade", exact=True).check()
    page.get_by_role("button", name="Filtrera").click()
    page.wait_for_url("**overdue=on**")
    rows = _body_rows(page)
    assert rows[0].strip() == "Försenat (5)" and len(rows) == 6
    assert all("Försenad" in row for row in rows[1:])
    assert_accessible(page)

    # The list of reports marks the 2023 report, not sent, late in the same words.
    page.get_by_role("link", name="Rapporter", exact=True).click()
    page.wait_for_url("**/rapporter/")
    row = page.get_by_role("row").filter(has_text="2023-10-31")
    assert "Försenad" in row.inner_text() and "Utkast" in row.inner_text()
    assert_accessible(page)
