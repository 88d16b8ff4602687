"""Lists people sort and download (iop/tables.py): the register, the organisations and Kommande.
Each column sorts both ways, an unknown `?sortera=` is ignored, the downloads hold every row of
the filter in the order shown with nothing that can run as a formula, and only staff get them."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from iop.exports import XLSX_CONTENT_TYPE
from partnerships.models import Partnership
from tests.factories import OrganisationFactory, ParticipationFactory, PartnershipFactory
from tests.partnerships.test_deadlines_dashboard import busy_partnership


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def read_xlsx(response):
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


# --- The register -------------------------------------------------------------------------


@pytest.fixture
def three(city):
    """Three partnerships that sort differently by each column."""
    rows = [
        (
            "Bostad först",
            "SOF 2022/3",
            Partnership.Status.ACTIVE,
            date(2022, 1, 1),
            date(2026, 6, 30),
        ),
        ("Café Ung", "SOF 2024/1", Partnership.Status.DRAFT, date(2024, 5, 1), date(2025, 4, 30)),
        ("Akut stöd", "SOF 2023/2", Partnership.Status.ENDED, date(2023, 3, 1), date(2027, 2, 28)),
    ]
    for title, number, status, start, end in rows:
        p = PartnershipFactory(
            title=title, registration_number=number, status=status, start_date=start, end_date=end
        )
        ParticipationFactory(partnership=p, organisation=city)
    return rows


def _register(client, **params):
    response = client.get(reverse("partnerships:list"), params)
    assert response.status_code == 200
    return response, [row.title for row in response.context["page"].object_list]


@pytest.mark.parametrize(
    "column,ascending",
    [
        ("titel", ["Akut stöd", "Bostad först", "Café Ung"]),
        ("diarienummer", ["Bostad först", "Akut stöd", "Café Ung"]),
        # The stored status in the lifecycle's order: utkast, aktiv, avslutad.
        ("status", ["Café Ung", "Bostad först", "Akut stöd"]),
        ("start", ["Bostad först", "Akut stöd", "Café Ung"]),
        ("slut", ["Café Ung", "Bostad först", "Akut stöd"]),
    ],
)
def test_register_sorts_by_each_column_both_ways(staff_client, three, column, ascending):
    response, titles = _register(staff_client, sortera=column)
    assert titles == ascending
    html = response.content.decode()
    sorted_header = re.search(r'<th scope="col" aria-sort="ascending">(.*?)</th>', html).group(1)
    assert f"sortera=-{column}" in sorted_header  # a second click sorts the other way
    assert "▲" in sorted_header
    assert html.count("aria-sort=") == 1

    response, titles = _register(staff_client, sortera=f"-{column}")
    assert titles == ascending[::-1]
    assert 'aria-sort="descending"' in response.content.decode()


@pytest.mark.parametrize("asked", ["parter", "okänd", "-", "--titel", "titel;drop", "\x00"])
def test_register_ignores_a_sort_it_does_not_offer(staff_client, three, asked):
    _, titles = _register(staff_client, sortera=asked)
    # The register's own order: the newest start first, marked as such in the header.
    assert titles == ["Café Ung", "Akut stöd", "Bostad först"]


def test_register_header_keeps_the_filter_and_leaves_the_page(staff_client, three):
    response, _ = _register(staff_client, q="o", sida="1")
    html = response.content.decode()
    assert 'aria-sort="descending"' in html  # the default: newest start first
    assert 'href="?q=o&amp;sortera=titel"' in html
    assert "sida=" not in re.search(r"<thead>.*</thead>", html).group(0)


def test_register_exports_every_filtered_row_in_the_order_shown(staff_client, city, staff):
    for index in range(30):
        p = PartnershipFactory(
            title=f"Stöd {index:02d}", end_date=date(2030, 1, 1) + timedelta(index)
        )
        ParticipationFactory(partnership=p, organisation=city)
    ngo = OrganisationFactory(name='=HYPERLINK("http://x";"Klicka")')
    evil = PartnershipFactory(title="=1+1 Stöd", end_date=date(2031, 1, 1))
    ParticipationFactory(partnership=evil, organisation=ngo)
    PartnershipFactory(title="Annat")  # not in the filter
    url = reverse("partnerships:list")
    params = {"q": "Stöd", "sortera": "-slut"}

    rows = read_csv(staff_client.get(url, {**params, "exportera": "csv"}))
    assert rows[0] == ["Titel", "Diarienummer", "Status", "Start", "Slut", "Parter"]
    assert len(rows) == 1 + 31  # every row, not the 25 of a page
    assert rows[1][0] == "'=1+1 Stöd"
    assert rows[1][4] == "2031-01-01"
    assert rows[1][5] == '\'=HYPERLINK("http://x";"Klicka")'
    assert [r[0] for r in rows[2:4]] == ["Stöd 29", "Stöd 28"]

    sheet = read_xlsx(staff_client.get(url, {**params, "exportera": "xlsx"}))
    assert len(sheet) == 32
    assert sheet[1][0] == "'=1+1 Stöd"
    assert sheet[1][4].date() == date(2031, 1, 1)  # a date the spreadsheet can sort
    assert sheet[1][5].startswith("'=")
    assert [r[0] for r in sheet[2:4]] == ["Stöd 29", "Stöd 28"]


def test_an_unknown_export_format_shows_the_page(staff_client, three):
    response = staff_client.get(reverse("partnerships:list"), {"exportera": "pdf"})
    assert response["Content-Type"].startswith("text/html")
    assert "Exportera CSV" in response.content.decode()


def test_register_sorted_or_exported_reads_as_many_queries_for_3_and_30(
    staff_client, city, django_assert_num_queries
):
    url = reverse("partnerships:list")

    def add(n):
        for _ in range(n):
            p = PartnershipFactory()
            ParticipationFactory(partnership=p, organisation=city)
            ParticipationFactory(partnership=p)

    add(3)
    staff_client.get(url)
    counts = {}
    for params in ({"sortera": "slut"}, {"exportera": "csv"}):
        with CaptureQueriesContext(connection) as few:
            staff_client.get(url, params)
        counts[tuple(params)] = len(few)
    add(27)
    for params in ({"sortera": "slut"}, {"exportera": "csv"}):
        with django_assert_num_queries(counts[tuple(params)]):
            staff_client.get(url, params)


# --- The organisation filter --------------------------------------------------------------


def test_register_organisation_filter_is_typed_not_a_list_of_every_organisation(staff_client, city):
    partnership = PartnershipFactory(title="Stort partnerskap")
    ParticipationFactory(partnership=partnership, organisation=city)
    for index in range(300):
        organisation = OrganisationFactory(name=f"Föreningen nummer {index:03d}")
        ParticipationFactory(partnership=partnership, organisation=organisation)
    response = staff_client.get(reverse("partnerships:list"))
    html = response.content.decode()
    assert "Föreningen nummer 150</option>" not in html
    assert html.count("<option") < 15  # the status choices only
    field = re.search(r'<input[^>]*name="organisation"[^>]*>', html).group(0)
    assert f'data-suggest="{reverse("partnerships:organisation_suggestions")}"' in field
    # The one row lists its 300 parties, yet the page stays small: no organisation list.
    assert len(html) < 60_000

    # The server filters by the text typed (the page works without the script).
    _, titles = _register(staff_client, organisation="nummer 150")
    assert titles == ["Stort partnerskap"]


def test_organisation_suggestions_are_at_most_20_matching_parties(staff_client, city):
    partnership = PartnershipFactory()
    for index in range(30):
        organisation = OrganisationFactory(name=f"Förening Solen {index:02d}")
        ParticipationFactory(partnership=partnership, organisation=organisation)
    OrganisationFactory(name="Förening Solen utan partnerskap")
    target = OrganisationFactory(name="Månskenet")
    ParticipationFactory(partnership=partnership, organisation=target)
    url = reverse("partnerships:organisation_suggestions")

    results = staff_client.get(url, {"q": "solen"}).json()["results"]
    assert len(results) == 20
    assert results[0]["name"] == "Förening Solen 00"
    assert all("utan" not in r["name"] for r in results)
    by_number = staff_client.get(url, {"q": target.org_number}).json()["results"]
    assert by_number == [{"name": "Månskenet", "org_number": target.org_number}]
    assert staff_client.get(url, {"q": "s"}).json() == {"results": []}
    assert staff_client.get(url, {"q": "x\x00" * 300}).status_code == 200


def test_organisation_suggestions_are_staff_only(client, rep_a, org_a, partnership_a):
    url = reverse("partnerships:organisation_suggestions")
    response = client.get(url, {"q": "Förening"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(rep_a)
    assert client.get(url, {"q": "Förening"}).status_code in (403, 404)


# --- Organisations ------------------------------------------------------------------------


@pytest.fixture
def organisations(city):
    b = OrganisationFactory(name="Bryggan", org_number="802000-0003")
    a = OrganisationFactory(name="Ankaret", org_number="802999-9994")
    for _ in range(2):
        ParticipationFactory(partnership=PartnershipFactory(), organisation=b)
    ParticipationFactory(partnership=PartnershipFactory(), organisation=a)
    return city, a, b


@pytest.mark.parametrize(
    "column,ascending",
    [
        ("namn", ["Ankaret", "Bryggan", "Stockholms stad, socialförvaltningen"]),
        # "ngo" before "public"
        ("typ", ["Ankaret", "Bryggan", "Stockholms stad, socialförvaltningen"]),
        ("partnerskap", ["Stockholms stad, socialförvaltningen", "Ankaret", "Bryggan"]),
    ],
)
def test_organisations_sort_by_each_column(staff_client, organisations, column, ascending):
    url = reverse("partnerships:organisation_list")
    names = [o.name for o in staff_client.get(url, {"sortera": column}).context["page"]]
    assert names == ascending
    names = [o.name for o in staff_client.get(url, {"sortera": "-" + column}).context["page"]]
    if column == "typ":  # two NGOs sort equal: the tiebreak (name) keeps its direction
        assert names == ["Stockholms stad, socialförvaltningen", "Ankaret", "Bryggan"]
    else:
        assert names == ascending[::-1]


def test_organisations_sort_by_org_number(staff_client, organisations):
    city, a, b = organisations
    url = reverse("partnerships:organisation_list")
    page = staff_client.get(url, {"sortera": "organisationsnummer"}).context["page"]
    numbers = [o.org_number for o in page]
    assert numbers == sorted(numbers)
    assert numbers.index(b.org_number) < numbers.index(a.org_number)


def test_organisations_export_the_search(staff_client, organisations):
    url = reverse("partnerships:organisation_list")
    rows = read_csv(
        staff_client.get(url, {"q": "a", "sortera": "-partnerskap", "exportera": "csv"})
    )
    assert rows == [
        ["Namn", "Typ", "Organisationsnummer", "Partnerskap"],
        ["Bryggan", "Idéburen organisation", "802000-0003", "2"],
        ["Ankaret", "Idéburen organisation", "802999-9994", "1"],
        ["Stockholms stad, socialförvaltningen", "Offentlig sektor", rows[3][2], "0"],
    ]
    sheet = read_xlsx(staff_client.get(url, {"q": "a", "exportera": "xlsx"}))
    assert [r[0] for r in sheet[1:]] == [
        "Ankaret",
        "Bryggan",
        "Stockholms stad, socialförvaltningen",
    ]
    assert sheet[1][3] == 1  # a number, not text


# --- Kommande -----------------------------------------------------------------------------


@pytest.fixture
def deadlines(city, staff):
    busy_partnership(city, staff, title="Alfa", extra_parties=1)
    busy_partnership(city, staff, title="Beta", extra_parties=1)


@pytest.mark.parametrize("column", ["datum", "slag", "vad", "partnerskap"])
def test_kommande_sorts_by_each_column(staff_client, deadlines, column):
    field = {"datum": "due", "slag": "kind", "vad": "title", "partnerskap": "partnership_title"}
    url = reverse("deadlines:dashboard")
    today = timezone.localdate()
    firsts = []
    for asked, reverse_order in ((column, False), ("-" + column, True)):
        response = staff_client.get(url, {"sortera": asked})
        rows = list(response.context["page"].object_list)
        # What is late stays first whatever the order (issue 15.1); the column orders each part.
        late = [d.urgency(today) == "overdue" for d in rows]
        assert late == sorted(late, reverse=True)
        for part in (True, False):
            values = [
                getattr(d, field[column])
                for d, is_late in zip(rows, late, strict=True)
                if is_late == part
            ]
            assert values == sorted(values, reverse=reverse_order)
        later = [
            getattr(d, field[column]) for d, is_late in zip(rows, late, strict=True) if not is_late
        ]
        firsts.append(later[0])
    assert firsts[0] < firsts[1]


def test_kommande_exports_the_filtered_deadlines(staff_client, deadlines):
    url = reverse("deadlines:dashboard")
    shown = staff_client.get(url, {"partnership": "Beta", "sortera": "-datum"}).context["page"]
    rows = read_csv(
        staff_client.get(url, {"partnership": "Beta", "sortera": "-datum", "exportera": "csv"})
    )
    assert rows[0] == ["Datum", "Slag", "Vad", "Från", "Partnerskap", "Läge"]
    assert len(rows) - 1 == shown.paginator.count
    assert {r[4] for r in rows[1:]} == {"Beta"}
    # The late ones first (as on the page), each part newest first as asked.
    late = [r[5] == "Försenad" for r in rows[1:]]
    assert late == sorted(late, reverse=True)
    for part in (True, False):
        dates = [r[0] for r, is_late in zip(rows[1:], late, strict=True) if is_late == part]
        assert dates == sorted(dates, reverse=True)
    today = timezone.localdate().isoformat()
    assert all(r[5] == "Försenad" for r in rows[1:] if r[0] < today and r[5] != "klar")
    sheet = read_xlsx(staff_client.get(url, {"partnership": "Beta", "exportera": "xlsx"}))
    assert len(sheet) == len(rows)


@pytest.mark.parametrize(
    "name", ["partnerships:list", "partnerships:organisation_list", "deadlines:dashboard"]
)
def test_staff_lists_are_not_exported_to_others(client, rep_a, partnership_a, name):
    url = reverse(name)
    response = client.get(url, {"exportera": "csv"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(rep_a)
    for fmt in ("csv", "xlsx"):
        response = client.get(url, {"exportera": fmt})
        assert response.status_code in (403, 404)
        assert "Partnerskap med A" not in response.content.decode(errors="replace")
