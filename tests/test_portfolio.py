"""Portföljen (iop/pages/portfolio.py): every partnership in one view with its money, reporting,
governance and goals; its filters, its spreadsheet and PDF; who gets it; and its number of
queries however many partnerships there are."""

import io
from datetime import date, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from governance.models import Group, Meeting
from governance.services.escalations import remediation_request
from partnerships.models import Payment, PaymentPlan
from partnerships.services.money import (
    co_financing_set,
    payment_mark_paid,
    payment_plan_set,
    payments_generate,
)
from reporting.services.compilations import annual_update
from reporting.services.reports import report_accept, report_submit
from tests.factories import (
    AnnexFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PublicOrganisationFactory,
    RepresentativeFactory,
)
from tests.governance.factories import GroupFactory, MeetingFactory
from tests.reporting.conftest import Side, valid_raw

pytestmark = pytest.mark.django_db

URL = "/portfolj/"


def build(staff, n, key=""):
    """`n` partnerships running this year and next, each with the city (through "Enhet Söder"
    or, every third, "Enhet Norr") and an NGO party: its first report accepted, its quarterly
    payments with the first one paid, co-financing for the year, a steering group meeting every
    third month that has met once this year, a remediation plan asked for and the goal assessed
    in the year's compilation."""
    today = timezone.localdate()
    city = PublicOrganisationFactory()
    made = []
    for index in range(n):
        partnership = PartnershipFactory(
            title=f"Partnerskap {key}{index:02d}",
            start_date=date(today.year, 1, 1),
            end_date=date(today.year + 1, 12, 31),
            target_group="Barn och unga" if index % 2 == 0 else "Äldre",
        )
        unit = "Enhet Norr" if index % 3 == 2 else "Enhet Söder"
        ParticipationFactory(partnership=partnership, organisation=city, unit=unit)
        organisation = OrganisationFactory(name=f"Förening {key}{index:02d}")
        user = RepresentativeFactory(organisation=organisation)
        party = ParticipationFactory(partnership=partnership, organisation=organisation)
        AnnexFactory(partnership=partnership, participation=party)
        side = Side(partnership, organisation, user)
        report_submit(side.report, raw=valid_raw(side.template), actor=user)
        report_accept(side.report, actor=staff)
        payment_plan_set(
            annex=side.annex, rule=PaymentPlan.Rule.QUARTERLY, actor=staff, reason="Plan"
        )
        payments_generate(annex=side.annex, actor=staff, reason="Plan")
        first = Payment.objects.filter(annex=side.annex).order_by("due_on").first()
        payment_mark_paid(
            first, paid_on=first.due_on, paid_amount=first.amount, actor=staff, reason="Betalt"
        )
        co_financing_set(
            annex=side.annex,
            year=today.year,
            amount=Decimal("25000"),
            volunteer_hours=120,
            actor=staff,
            reason="Medfinansiering",
        )
        group = GroupFactory(
            partnership=partnership, kind=Group.Kind.STEERING, cadence_initial_months=3
        )
        MeetingFactory(
            group=group,
            date=date(today.year, 1, 20),
            start_time=time(10),
            status=Meeting.Status.HELD,
        )
        remediation_request(
            group=group,
            organisation=organisation,
            deficiency="Rapporterna saknar uppgifter.",
            due_on=date(today.year + 1, 1, 31),
            actor=staff,
            reason="Brister",
        )
        goal = partnership.goals.get()
        annual_update(
            side.annual,
            summary="Sammanfattning.",
            assessments={goal.pk: f"Målet nås {key}{index:02d}."},
            actor=staff,
        )
        made.append(partnership)
    return made


def _count(client, url):
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response


def _card(html, title):
    return html.split(f">{title}</a>")[1].split("</article>")[0]


def test_staff_see_every_partnership_with_its_figures(staff, staff_client):
    build(staff, 2)
    response = staff_client.get(URL)
    html = response.content.decode()
    year = timezone.localdate().year
    assert 'aria-current="page">Portfölj</a>' in html
    assert f"<h1>Portfölj {year}</h1>" in html
    assert "2 partnerskap" in html
    card = _card(html, "Partnerskap 00")
    assert "Aktiv" in card
    assert f"{year}-01-01 – {year + 1}-12-31" in card
    # No extension rule: the next decision day is the agreement's end (a stored deadline).
    assert f"Avtalet löper ut: {year + 1}-12-31" in card
    assert "Förening 00" in card and "Enhet Söder" in card
    assert "egna medel 25\xa0000\xa0kr, 120 ideella timmar" in card
    # Reports: the first half-year's report handed in and accepted.
    assert "inlämnade, 1 godkända" in card
    # Governance: the steering group met once; every third month makes four a year.
    assert "1 möten hållna av 4 enligt kadensen" in card
    # ...and is late for its second (due three months after the first), as Kommande says.
    assert "1 försenat möte" in card
    assert "1 öppna åtgärdsplaner" in card
    # The money of the year: 500,000 over the two years, paid quarterly, the first quarter paid.
    assert "planerat 250\xa0000\xa0kr, utbetalt 62\xa0500\xa0kr" in card
    # The goal with the year's assessment.
    assert "Fler ska nås av verksamheten." in card and "Målet nås 00." in card
    # The totals of the filter, and a chart per trend.
    totals = html.split('id="totals-heading"')[1].split("</section>")[0]
    assert "<dt>Utbetalt</dt><dd>125\xa0000\xa0kr</dd>" in totals
    assert html.count("<svg") == 4
    assert "Utbetalt per år" in html


def test_the_filters_narrow_the_view(staff, staff_client):
    build(staff, 3)
    year = timezone.localdate().year

    def titles(query):
        html = staff_client.get(URL + query).content.decode()
        return {t for t in ("Partnerskap 00", "Partnerskap 01", "Partnerskap 02") if t in html}

    assert titles("?unit=Enhet+Norr") == {"Partnerskap 02"}
    assert titles("?target_group=barn") == {"Partnerskap 00", "Partnerskap 02"}
    assert titles("?status=active") == {"Partnerskap 00", "Partnerskap 01", "Partnerskap 02"}
    assert titles("?status=ended") == set()
    assert titles(f"?year={year - 1}") == set()
    assert titles(f"?year={year + 1}") == {"Partnerskap 00", "Partnerskap 01", "Partnerskap 02"}
    # Next year: nothing paid yet, the cadence's four meetings still to hold.
    html = staff_client.get(URL + f"?year={year + 1}").content.decode()
    assert "utbetalt 0\xa0kr" in _card(html, "Partnerskap 00")
    # A year nobody could mean is named next to its field, and the page still answers.
    response = staff_client.get(URL + "?year=20245")
    assert response.status_code == 200
    assert "aria-invalid" in response.content.decode()


def test_spreadsheet_has_every_row_and_text_cannot_start_a_formula(staff, staff_client):
    made = build(staff, 2)
    made[1].title = '=HYPERLINK("http://example.org")'
    made[1].save()
    response = staff_client.get(URL + "?exportera=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[0] == "Titel" and "Utbetalt (kr)" in header
    by_title = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_title) == {"Partnerskap 00", '\'=HYPERLINK("http://example.org")'}
    row = by_title["Partnerskap 00"]
    assert row["Utbetalt (kr)"] == 62500
    assert row["Ideella timmar"] == 120
    assert row["Godkända"] == 1
    assert row["Öppna åtgärdsplaner"] == 1
    assert "Målet nås 00." in row["Mål och senaste bedömning"]
    csv = staff_client.get(URL + "?exportera=csv&unit=Enhet+Söder").content.decode()
    assert "Partnerskap 00" in csv and csv.count("\n") == 3


def test_pdf_for_the_committee(staff, staff_client):
    build(staff, 2)
    response = staff_client.get(reverse("portfolio_pdf") + "?target_group=barn")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    year = timezone.localdate().year
    assert f"portfolj-{year}.pdf" in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    # The filter's partnership with its figures and goal, not the other one.
    assert "Partnerskap 00" in text and "Partnerskap 01" not in text
    assert "Målgrupp innehåller: barn" in text
    assert "Målet nås 00." in text


def test_only_staff(client, client_a):
    assert client_a.get(URL).status_code == 403
    assert client_a.get(reverse("portfolio_pdf")).status_code == 403
    client.logout()
    assert client.get(URL).url.startswith(reverse("login"))


def test_reachable_from_att_gora(staff_client):
    assert f'href="{URL}"' in staff_client.get(reverse("todo")).content.decode()


def test_query_count_does_not_grow_with_the_data(staff, staff_client):
    build(staff, 1, key="a")
    few, _ = _count(staff_client, URL)
    few_export, _ = _count(staff_client, URL + "?exportera=xlsx")
    build(staff, 9, key="b")
    many, response = _count(staff_client, URL)
    many_export, _ = _count(staff_client, URL + "?exportera=xlsx")
    print(f"Portfölj: {few} queries at 1×, {many} at 10× (export {few_export}, {many_export})")
    assert many == few
    assert many_export == few_export
    assert "10 partnerskap" in response.content.decode()
