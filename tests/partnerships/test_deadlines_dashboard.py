"""Kommande: one page at a time with the filters kept in the page links, overdue deadlines first
and one click away; as many queries for one partnership as for many; an organisation's
deadlines read in SQL are exactly the ones it was shown before (all deadlines, filtered)."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.services.escalations import remediation_request
from governance.services.groups import chair_appoint
from iop.deadlines import deadlines_between
from iop.pages.deadlines import DASHBOARD_PER_PAGE
from partnerships.models import Notice, Partnership
from partnerships.services.money import payment_plan_set
from partnerships.services.parties import notice_give
from reporting.services.periods import periods_generate
from tests.factories import (
    AnnexFactory,
    CompensationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    RepresentativeFactory,
)
from tests.governance.factories import GroupFactory, MeetingFactory, MemberFactory

# A deadline's row, and how urgent it is: overdue, soon, later or done.
ROW = re.compile(r"<tr class=\"deadline-(\w+)\">\s*<td class=\"nowrap\" data-label=\"Datum\">")


def busy_partnership(city, staff, *, parties=(), extra_parties=2, title=None):
    """A partnership that has a deadline of every kind in the year around today: reports and
    half-year reports (half-year periods), financial statements, payments, a party's notice, a
    group's meeting and chair term, a remediation plan, the agreement's end."""
    today = timezone.localdate()
    partnership = PartnershipFactory(
        start_date=today - timedelta(days=400),
        end_date=today + timedelta(days=300),
        **({"title": title} if title else {}),
    )
    ParticipationFactory(partnership=partnership, organisation=city)
    organisations = list(parties) + [OrganisationFactory() for _ in range(extra_parties)]
    participations = []
    for organisation in organisations:
        participation = ParticipationFactory(partnership=partnership, organisation=organisation)
        participations.append(participation)
        annex = AnnexFactory(partnership=partnership, participation=participation)
        CompensationFactory(
            annex=annex, period_start=today - timedelta(days=300), period_end=today + timedelta(50)
        )
        payment_plan_set(
            annex=annex, rule="quarterly_in_advance", actor=staff, reason="Utbetalningsplan"
        )
    periods_generate(partnership=partnership, rule="half_year", actor=staff, reason="Regel")
    notice_give(
        partnership=partnership,
        kind=Notice.Kind.PARTY,
        participation=participations[-1],
        given_on=today - timedelta(days=20),
        actor=staff,
        reason="Föreningen säger upp sitt åtagande",
    )
    group = GroupFactory(partnership=partnership)
    chair = MemberFactory(group=group, organisation=city)
    MemberFactory(group=group, organisation=organisations[0])
    MeetingFactory(group=group, date=today - timedelta(days=200), status="held")
    chair_appoint(
        group=group,
        member=chair,
        start=today - timedelta(days=100),
        end=today + timedelta(days=40),
        actor=staff,
        reason="Utsedd",
    )
    remediation_request(
        group=group,
        organisation=organisations[0],
        deficiency="Brist",
        due_on=today + timedelta(days=20),
        actor=staff,
        reason="Styrgruppens beslut",
    )
    return partnership


def _rows(html):
    return ROW.findall(html)


def _table(html):
    """The table's bodies: what is listed."""
    return html.split("</thead>")[1].split("</table>")[0]


def _listed(start, end, staff):
    """What Kommande lists for the window: its deadlines, and every overdue one before it."""
    today = timezone.localdate()
    return [
        d
        for d in deadlines_between(date(1900, 1, 1), max(end, today), user=staff)
        if start <= d.due <= end or d.is_overdue(today)
    ]


def _window(days_back=400, days_ahead=400):
    today = timezone.localdate()
    return today - timedelta(days=days_back), today + timedelta(days=days_ahead)


@pytest.mark.django_db
def test_dashboard_pages_keep_the_filters_and_show_overdue_first(staff_client, staff, city):
    busy_partnership(city, staff, extra_parties=4, title="Stora partnerskapet")
    start, end = _window()
    every = deadlines_between(start, end, user=staff)
    overdue = [d for d in every if d.is_overdue(timezone.localdate())]
    assert len(every) > DASHBOARD_PER_PAGE and overdue
    url = reverse("deadlines:dashboard")
    window = {"start": start.isoformat(), "end": end.isoformat()}

    first = staff_client.get(url, window).content.decode()
    assert len(_rows(first)) == DASHBOARD_PER_PAGE
    assert f"{len(every)} datum från {start.isoformat()} till {end.isoformat()}." in first
    assert _rows(first)[0] == "overdue"  # overdue before upcoming
    next_link = unescape(re.search(r'href="\?([^"]*)" rel="next"', first).group(1))
    assert f"start={start.isoformat()}" in next_link and "sida=2" in next_link
    second = staff_client.get(f"{url}?{next_link}").content.decode()
    assert len(_rows(second)) == len(every) - DASHBOARD_PER_PAGE

    overdue_link = unescape(re.search(r'href="\?([^"]*)">Visa bara de försenade', first).group(1))
    assert f"end={end.isoformat()}" in overdue_link and "overdue=on" in overdue_link
    only_overdue = staff_client.get(f"{url}?{overdue_link}").content.decode()
    assert _rows(only_overdue) == ["overdue"] * min(len(overdue), DASHBOARD_PER_PAGE)


@pytest.mark.django_db
def test_dashboard_kind_and_partnership_filters_apply_together(staff_client, staff, city):
    chosen = busy_partnership(city, staff, title="Det valda")
    busy_partnership(city, staff, title="Det andra")
    start, end = _window()
    page = staff_client.get(
        reverse("deadlines:dashboard"),
        {"kind": "report_due", "partnership": "Det valda", **{"start": start, "end": end}},
    ).content.decode()
    expected = [
        d
        for d in _listed(start, end, staff)
        if d.kind == "report_due" and d.partnership_id == chosen.pk
    ]
    assert len(_rows(page)) == len(expected) > 0
    assert "Det andra" not in _table(page)
    assert "Utbetalning till" not in page


def _dashboard_queries(client, django_assert_num_queries, count):
    start, end = _window(days_back=60)  # the window holds a 31 March (annual compilations)
    with django_assert_num_queries(count):
        response = client.get(
            reverse("deadlines:dashboard"), {"start": start.isoformat(), "end": end.isoformat()}
        )
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow(staff_client, staff, city, django_assert_num_queries):
    """Session, user, and three on the stored deadlines: the kinds found, the counts (overdue,
    soon, in the window, all: the paginator's too) and the page's rows (the partnerships are
    typed, not listed)."""
    busy_partnership(city, staff)
    few = _dashboard_queries(staff_client, django_assert_num_queries, 5)
    for _ in range(5):
        busy_partnership(city, staff, extra_parties=3)
    many = _dashboard_queries(staff_client, django_assert_num_queries, 5)
    assert len(_rows(many.content.decode())) > len(_rows(few.content.decode()))
    # With a partnership searched for, one more: whether any the user may see matches.
    chosen = Partnership.objects.order_by("pk").first()
    start, end = _window(days_back=60)
    with django_assert_num_queries(6):
        staff_client.get(
            reverse("deadlines:dashboard"),
            {"partnership": chosen.title, "start": start.isoformat(), "end": end.isoformat()},
        )


@pytest.mark.django_db
def test_an_organisations_deadlines_are_all_deadlines_that_concern_it(
    staff, city, org_a, org_b, rep_a, rep_b
):
    """Sources read only the organisation's rows in SQL; the result must be what filtering every
    party's deadlines gave."""
    busy_partnership(city, staff, parties=[org_a])
    busy_partnership(city, staff, parties=[org_b])
    busy_partnership(city, staff, parties=[org_b, org_a])
    # A representative of the city, a party that does not report.
    rep_city = RepresentativeFactory(organisation=city)
    start, end = _window()
    for rep, organisation in ((rep_a, org_a), (rep_b, org_b), (rep_city, city)):
        visible = Partnership.objects.visible_to(rep)
        expected = [
            d
            for d in deadlines_between(start, end, partnerships=visible)
            if d.concerns(organisation.pk)
        ]
        mine = deadlines_between(start, end, user=rep)
        assert [(d.due, d.kind, d.title, d.done, str(d.url)) for d in mine] == [
            (d.due, d.kind, d.title, d.done, str(d.url)) for d in expected
        ]
        kinds = {d.kind for d in mine}
        if organisation == city:
            assert kinds == {"agreement_end", "chair_term_end", "meeting_due"}
            continue
        assert {
            "report_due",
            "payment_due",
            "financial_statement_due",
            "chair_term_end",
            "remediation_plan_due",
        } <= kinds
        assert "half_year_report" not in kinds  # förvaltningen's own


@pytest.mark.django_db
def test_every_kind_has_a_swedish_name_and_reports_say_whose(staff_client, staff, city):
    party = OrganisationFactory(name="Gatans förening")
    busy_partnership(city, staff, parties=[party])
    start, end = _window(days_back=60)
    response = staff_client.get(
        reverse("deadlines:dashboard"), {"start": start.isoformat(), "end": end.isoformat()}
    )
    kinds = dict(response.context["form"].fields["kind"].choices)
    kinds.pop("")
    assert {"report_due", "payment_due", "financial_statement_due"} <= set(kinds)
    for key, label in kinds.items():
        assert "_" not in str(label) and str(label) != key.replace("_", " "), key
    page = unescape(response.content.decode())
    assert re.search(
        r"Verksamhetsrapport \S+ – \S+</a> <span class=\"muted\">från Gatans förening", page
    )


def test_deadline_uids_are_the_same_in_every_process():
    """A calendar app matches events by UID; hash() of a str differs between processes."""
    import subprocess
    import sys

    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'iop.settings'); "
        "django.setup(); from datetime import date; "
        "from partnerships.deadlines import Deadline; "
        "print(Deadline(due=date(2026, 1, 1), kind='report_due', title='Rapport').uid)"
    )
    uids = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(uids) == 1, uids


@pytest.mark.django_db
def test_dashboard_names_a_refused_filter_and_still_applies_the_others(staff_client, staff, city):
    chosen = busy_partnership(city, staff, title="Det valda")
    busy_partnership(city, staff, title="Det andra")
    url = reverse("deadlines:dashboard")
    today = timezone.localdate()
    default_window = (today - timedelta(days=30), today + timedelta(days=180))
    in_window = [d for d in _listed(*default_window, staff) if d.partnership_id == chosen.pk]

    response = staff_client.get(url, {"partnership": "Det valda", "start": "2024-13-45"})
    assert response.status_code == 200
    page = response.content.decode()
    assert len(_rows(page)) == len(in_window) > 0  # the default dates, one partnership
    assert "Det andra" not in _table(page)
    assert re.search(r'<input type="date" name="start" value="2024-13-45"[^>]* aria-invalid', page)
    assert "Fyll i ett giltigt datum." in page

    # A date at the calendar's edge (found by fuzzing: a server error) is refused by name.
    response = staff_client.get(url, {"partnership": "Det valda", "start": "0001-01-02"})
    assert response.status_code == 200
    assert len(_rows(response.content.decode())) == len(in_window)
    assert "1900-01-01" in response.content.decode()

    response = staff_client.get(url, {"partnership": "Det valda", "kind": "ingen_sådan"})
    assert response.status_code == 200
    page = response.content.decode()
    assert len(_rows(page)) == len(in_window)  # every kind, one partnership
    assert "Det andra" not in _table(page)
    assert "Välj ett giltigt alternativ. ingen_sådan finns inte bland tillgängliga" in page

    # A partnership nobody's title, diarienummer or party holds is named; the dates still apply.
    response = staff_client.get(
        url, {"partnership": "<Inget sådant>", "start": "2001-01-01", "end": "2001-01-31"}
    )
    page = response.content.decode()
    assert re.search(r'name="partnership" value="&lt;Inget sådant&gt;"[^>]* aria-invalid', page)
    assert "har en titel, ett diarienummer eller en part med ”&lt;Inget sådant&gt;”." in page
    # Nothing falls in January 2001: only what is overdue today, of every partnership.
    overdue = _listed(date(2001, 1, 1), date(2001, 1, 31), staff)
    assert _rows(page) == ["overdue"] * len(overdue) and overdue
    assert "Från 2001-01-01 till 2001-01-31" not in _table(page)


@pytest.mark.django_db
def test_dashboard_keeps_a_kind_that_has_nothing_in_the_period(staff_client, staff, city):
    busy_partnership(city, staff)
    page = staff_client.get(
        reverse("deadlines:dashboard"),
        {"kind": "chair_term_end", "start": "2001-01-01", "end": "2001-01-31"},
    ).content.decode()
    assert _rows(page) == [] and "Inget kommande under perioden." in page
    assert '<option value="chair_term_end" selected>' in page
    assert "Välj ett giltigt alternativ" not in page
