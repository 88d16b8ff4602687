"""Kommande shows what is late whatever the dates chosen: every open overdue deadline first,
under "Försenat", counted as the partnership page counts it; overdue, due soon and later told
apart in words; and the overdue section costs no query per row."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from iop.deadlines import deadlines_between
from partnerships.models import StoredDeadline
from partnerships.models.deadlines import SOON_DAYS, is_late, urgency
from reporting.services.periods import period_add_extra
from tests.factories import OrganisationFactory, ParticipationFactory, PartnershipFactory
from tests.governance.factories import GroupFactory, MeetingFactory, MemberFactory

ROW = re.compile(r'<tr class="deadline-(\w+)"><td class="nowrap"[^>]*>(\d{4}-\d\d-\d\d)')


def late_since_2023(city, staff, title="Bostad sedan 2023", parties=1):
    """A partnership running since 2023 whose steering group last met on 2023-03-15 with a
    cadence of six months (due 2023-09-15), whose parties never sent the report due 2023-10-31
    and whose annual compilations of 2023–2025 were never made: all of it long before
    Kommande's default window."""
    today = timezone.localdate()
    partnership = PartnershipFactory(
        title=title, start_date=date(2023, 1, 1), end_date=today + timedelta(days=365)
    )
    ParticipationFactory(partnership=partnership, organisation=city)
    for _ in range(parties):
        ParticipationFactory(partnership=partnership, organisation=OrganisationFactory())
    group = GroupFactory(
        partnership=partnership, established_on=date(2023, 1, 15), cadence_initial_months=6
    )
    MemberFactory(group=group, organisation=city, from_date=date(2023, 1, 15))
    MeetingFactory(group=group, date=date(2023, 3, 15), status="held")
    period_add_extra(
        partnership=partnership,
        start=date(2023, 1, 1),
        end=date(2023, 6, 30),
        due_date=date(2023, 10, 31),
        actor=staff,
        reason="Första rapporten",
    )
    return partnership


def _rows(html):
    return ROW.findall(html)


def _said(html):
    """The counts' sentence as read: "⚠ 5 försenade, 1 inom 14 dagar. …"."""
    sentence = html.split('<p class="deadline-counts">', 1)[1].split("</p>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", "", sentence).split())


def _late(staff):
    """Every deadline there is that the rule calls late, in Kommande's order, as rows."""
    today = timezone.localdate()
    every = deadlines_between(date(1900, 1, 1), date(2199, 12, 31), user=staff)
    return [("overdue", d.due.isoformat()) for d in every if d.is_overdue(today)]


def test_the_one_rule_for_late_soon_and_later():
    today = date(2026, 12, 6)
    assert is_late(date(2026, 12, 5), today) and not is_late(today, today)
    assert not is_late(date(2026, 12, 5), today, done=True) and not is_late(None, today)
    assert urgency(date(2023, 9, 15), today) == "overdue"
    assert urgency(today, today) == "soon"
    assert urgency(today + timedelta(days=SOON_DAYS), today) == "soon"
    assert urgency(today + timedelta(days=SOON_DAYS + 1), today) == "later"
    assert urgency(date(2023, 9, 15), today, done=True) == "done"


@pytest.mark.django_db
def test_overdue_before_the_window_is_listed_first_and_counted_as_the_partnership_page_does(
    staff_client, staff, city
):
    partnership = late_since_2023(city, staff)
    today = timezone.localdate()
    # What the partnership page marks late: the steering group's meeting, due 2023-09-15.
    overview = staff_client.get(partnership.get_absolute_url()).content.decode()
    assert '<span class="overdue">2023-09-15</span> (försenad)' in overview

    page = staff_client.get(reverse("deadlines:dashboard")).content.decode()
    rows, late = _rows(page), _late(staff)
    assert late[:2] == [("overdue", "2023-09-15"), ("overdue", "2023-10-31")]
    # First every overdue one, the oldest first, under "Försenat"; then the default window's.
    assert rows[: len(late)] == late
    assert all(level != "overdue" for level, _day in rows[len(late) :]) and rows[len(late) :]
    table = page.split("</thead>")[1]
    assert table.index(f"Försenat ({len(late)})") < table.index("2023-09-15")
    window = f"Från {today - timedelta(days=30)} till {today + timedelta(days=180)}"
    assert table.index(late[-1][1]) < table.index(window)
    # Said in words, not only by colour.
    first = table.split("2023-09-15", 1)[1].split("</td>", 1)[0]
    assert "Försenad" in first
    assert "skulle ha mötts senast 2023-09-15" in table

    # The counts are the rule applied to every deadline there is, and the partnership page's.
    every = deadlines_between(date(1900, 1, 1), date(2199, 12, 31), user=staff)
    assert _said(page).startswith(f"⚠ {len(late)} försenade, ")
    late_meetings = [d for d in every if d.kind == "meeting_due" and d.is_overdue(today)]
    assert len(late_meetings) == overview.count("(försenad)") == 1
    assert StoredDeadline.objects.overdue(today).count() == len(late)


@pytest.mark.django_db
def test_only_overdue_shows_every_overdue_deadline_whatever_the_window(staff_client, staff, city):
    late_since_2023(city, staff)
    url = reverse("deadlines:dashboard")
    page = staff_client.get(
        url, {"start": "2030-01-01", "end": "2030-12-31", "overdue": "on"}
    ).content.decode()
    assert _rows(page) == _late(staff) and len(_late(staff)) > 2
    assert "2030-" not in page.split("</thead>")[1].split("</table>")[0]
    assert "Bara försenade:" not in page and ">Bara försenade</label>" in page
    # The kind chosen still applies to what is late.
    page = staff_client.get(url, {"kind": "report_due", "overdue": "on"}).content.decode()
    assert _rows(page) == [("overdue", "2023-10-31")]


@pytest.mark.django_db
def test_due_soon_and_later_are_told_apart_in_words(staff_client, staff, city):
    today = timezone.localdate()
    partnership = late_since_2023(city, staff)
    for due in (today + timedelta(days=3), today + timedelta(days=SOON_DAYS + 20)):
        period_add_extra(
            partnership=partnership,
            start=today - timedelta(days=60),
            end=today - timedelta(days=1),
            due_date=due,
            actor=staff,
            reason="Extra",
        )
    page = staff_client.get(reverse("deadlines:dashboard")).content.decode()
    levels = dict((day, level) for level, day in _rows(page))
    soon, later = today + timedelta(days=3), today + timedelta(days=SOON_DAYS + 20)
    assert levels[soon.isoformat()] == "soon" and levels[later.isoformat()] == "later"
    soon_cell = page.split(f"{soon.isoformat()}", 1)[1].split("</td>", 1)[0]
    later_cell = page.split(f"{later.isoformat()}", 1)[1].split("</td>", 1)[0]
    assert "Om 3 dagar" in soon_cell and "Försenad" not in soon_cell
    assert later_cell == ""
    assert _said(page).startswith(f"⚠ {len(_late(staff))} försenade, 1 inom {SOON_DAYS} dagar.")


@pytest.mark.django_db
def test_the_overdue_section_adds_no_query_per_row(
    staff_client, staff, city, django_assert_num_queries
):
    """Session, user, the kinds found, the counts and the page's rows: as many for 5 overdue
    deadlines as for 41."""
    url = reverse("deadlines:dashboard")
    late_since_2023(city, staff)
    with django_assert_num_queries(5):
        few = staff_client.get(url).content.decode()
    for index in range(6):
        late_since_2023(city, staff, title=f"Sen {index}", parties=2)
    with django_assert_num_queries(5):
        many = staff_client.get(url).content.decode()
    overdue = [row for row in _rows(many) if row[0] == "overdue"]
    assert overdue == _late(staff)
    assert len(overdue) > len([row for row in _rows(few) if row[0] == "overdue"])
    assert _said(many).startswith(f"⚠ {len(overdue)} försenade, ")
