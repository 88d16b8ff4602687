"""The demo as staff find it on the day it is loaded (`make run`): Bostad Först in the status its
dates give, its past filled in (payments paid, meetings held) and Kommande holding only the few
things still open, nothing years overdue."""

import re
from datetime import date, timedelta

from django.utils import timezone

from tests.browser.conftest import login

# Bostad Först runs, extended half a year at a time, at the longest to 2026-06-30.
BOSTAD_LAST_DAY = date(2026, 6, 30)
ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _rows(table):
    """The text of each body row of `table`."""
    return table.locator("tbody tr").all_inner_texts()


def _day(text):
    return date.fromisoformat(ISO_DAY.search(text).group(0))


def test_staff_find_bostad_forst_as_it_stands_today(page, demo):
    today = timezone.localdate()
    login(page, "handlaggare")
    # Staff land on Att göra; the register is in the menu.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Partnerskap", exact=True
    ).click()
    page.wait_for_url("**/partnerskap/")

    # The register: Bostad Först in the status its dates give.
    page.get_by_label("Sök titel, diarienummer eller part").fill("SOF 2023/202")
    page.get_by_role("button", name="Sök").click()
    page.get_by_role("link", name="Bostad Först").first.click()
    expected = "Aktiv" if today <= BOSTAD_LAST_DAY else "Avslutad"
    assert page.locator(".page-head .status").inner_text() == expected
    overview = page.url

    # Street Minds' bilaga: the payments due before today paid, on their days.
    page.locator("#bilagor").get_by_role("link", name="Street Minds").first.click()
    payments = _rows(page.locator("#utbetalningar ~ table").first)
    paid = [row for row in payments if "Utbetald" in row]
    assert len(paid) >= 4, payments
    assert all(_day(row) < today for row in paid)
    assert not [row for row in payments if "Planerad" in row and _day(row) < today]

    # The steering group: meetings held, each before today.
    page.goto(overview)
    page.get_by_role("link", name="Styrning", exact=True).click()
    row = page.get_by_role("row").filter(has_text="Bostad Först").filter(has_text="Styrgrupp")
    row.get_by_role("link", name="Styrgrupp").click()
    meetings = _rows(page.locator("#moten table"))
    held = [row for row in meetings if "Genomfört" in row]
    assert len(held) >= 3, meetings
    assert all(_day(row) < today for row in held)

    # Kommande: a few open items, nothing late since long ago.
    page.get_by_role("link", name="Kommande", exact=True).click()
    listed = _rows(page.locator("main table"))
    assert 1 <= len(listed) <= 25, listed
    page.get_by_label("Från").fill("2017-01-01")
    page.get_by_label("Bara försenade").check()
    page.get_by_role("button", name="Filtrera").click()
    late = [row for row in _rows(page.locator("main table")) if ISO_DAY.search(row)]
    assert not [row for row in late if _day(row) < today - timedelta(days=60)], late
