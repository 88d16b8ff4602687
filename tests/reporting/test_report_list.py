"""The report list sorted and downloaded (iop/tables.py): each column both ways, the download
holds every report of the filter that the user may see, and nothing in it runs as a formula."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reporting.models import Status
from reporting.services.reports import report_accept, report_start, report_submit
from tests.reporting.conftest import valid_raw

URL = "reporting:report_list"


@pytest.fixture
def reports(side_a, side_b, staff):
    """A's reports for its first two periods (the first accepted with 12 reached), B's draft
    for its first."""
    report_submit(side_a.report, raw=valid_raw(side_a.template, total=12), actor=side_a.user)
    report_accept(side_a.report, actor=staff)
    later = report_start(
        period=side_a.periods[1], organisation=side_a.organisation, actor=side_a.user
    )
    return side_a.report, later, side_b.report


def _listed(client, **params):
    response = client.get(reverse(URL), params)
    assert response.status_code == 200
    return [r.pk for r in response.context["page"].object_list]


@pytest.mark.parametrize(
    "column,ascending",
    [
        ("organisation", lambda a1, a2, b: [a1, a2, b]),
        ("partnerskap", lambda a1, a2, b: [a1, a2, b]),
        ("period", lambda a1, a2, b: [a1, b, a2]),
        ("sista-dag", lambda a1, a2, b: [a1, b, a2]),
        # In the flow's order: drafts before the accepted one.
        ("status", lambda a1, a2, b: [a2, b, a1]),
    ],
)
def test_reports_sort_by_each_column(staff_client, reports, column, ascending):
    a1, a2, b = (r.pk for r in reports)
    expected = ascending(a1, a2, b)
    listed = _listed(staff_client, sortera=column)
    # Reports that sort equal keep the list's tiebreak (partnership, organisation, pk).
    assert listed == expected
    key = {
        "organisation": lambda r: r.organisation.name,
        "partnerskap": lambda r: r.period.partnership.title,
        "period": lambda r: r.period.start,
        "sista-dag": lambda r: r.period.due_date,
        "status": lambda r: list(Status.values).index(r.status),
    }[column]
    by_pk = {r.pk: r for r in reports}
    for asked, backwards in ((column, False), ("-" + column, True)):
        values = [key(by_pk[pk]) for pk in _listed(staff_client, sortera=asked)]
        assert len(set(values)) > 1
        assert values == sorted(values, reverse=backwards)


def test_report_export_holds_the_filtered_rows_with_formulas_neutralised(
    staff_client, reports, side_a
):
    accepted, later, other = reports
    side_a.organisation.name = "=cmd|' /C calc'!A0"
    side_a.organisation.save()
    url = reverse(URL)
    text = staff_client.get(url, {"q": "cmd", "sortera": "period", "exportera": "csv"})
    rows = list(
        csv.reader(io.StringIO(text.content.decode().removeprefix("\ufeff")), delimiter=";")
    )
    assert rows[0] == [
        "Organisation",
        "Partnerskap",
        "Period",
        "Periodens slut",
        "Sista dag",
        "Status",
        "Antal nådda",
    ]
    assert len(rows) == 3  # A's two reports, not B's
    assert all(r[0] == "'=cmd|' /C calc'!A0" for r in rows[1:])
    assert rows[1][2] == accepted.period.start.isoformat()
    assert rows[1][6] == "12" and rows[2][6] == ""  # a draft shows no total

    sheet = load_workbook(
        io.BytesIO(staff_client.get(url, {"q": "cmd", "exportera": "xlsx"}).content)
    ).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert len(values) == 3
    assert values[1][0].startswith("'=")
    assert 12 in [r[6] for r in values[1:]]


def test_a_representative_exports_only_their_own_reports(client, rep_a, reports):
    client.force_login(rep_a)
    response = client.get(reverse(URL), {"exportera": "csv"})
    text = response.content.decode()
    assert "Förening A" in text
    assert "Förening B" not in text
    assert len(text.strip().splitlines()) == 3


def test_an_anonymous_visitor_gets_no_export(client, reports):
    response = client.get(reverse(URL), {"exportera": "xlsx"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_report_list_export_reads_as_many_queries_for_few_and_many(
    staff_client, reports, side_b, django_assert_num_queries
):
    url = reverse(URL)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url, {"exportera": "csv"})
    report_start(period=side_b.periods[1], organisation=side_b.organisation, actor=side_b.user)
    with django_assert_num_queries(len(few)):
        response = staff_client.get(url, {"exportera": "csv"})
    assert len(response.content.decode().strip().splitlines()) == 1 + 4
