"""Reporting along the agreement year (issue 14, point 1): the 2017 EU-citizens agreement runs
1 May 2017 – 30 April 2019; the cooperation group reports twice a year, each NGO accounts for
the money before each new agreement year, förvaltningen compiles yearly before a new agreement
year. Each is a stored deadline, kept in step with the write."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from iop.deadlines import deadlines_between
from partnerships.deadlines import DeadlineScope
from partnerships.models import Partnership
from reporting import deadlines as reporting_deadlines
from reporting.compilation import compile_year
from reporting.models import AnnualCompilation
from reporting.services.compilations import annual_for_year
from reporting.services.periods import period_add_extra, periods_generate
from reporting.services.reports import report_accept, report_start, report_submit
from reporting.services.statements import statement_start, statement_submit
from tests.factories import (
    AnnexFactory,
    CompensationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    write_terms,
)
from tests.reporting.conftest import make_template, valid_raw

pytestmark = pytest.mark.django_db

D = date
WHOLE_LIFE = (D(2000, 1, 1), D(2100, 1, 1))
AGREEMENT = Partnership.YearBasis.AGREEMENT


def _check():
    out = StringIO()
    try:
        call_command("rebuild_deadlines", "--check", stdout=out, stderr=out)
    except SystemExit as exit:
        return exit.code
    return 0


@pytest.fixture
def eu_2017(city):
    partnership = PartnershipFactory(
        title="EU-medborgare 2017", start_date=D(2017, 5, 1), end_date=D(2019, 4, 30)
    )
    ParticipationFactory(partnership=partnership, organisation=city)
    party = ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Frälsningsarmén")
    )
    AnnexFactory(partnership=partnership, participation=party, number=1, title="Dagverksamhet")
    return partnership


def _follow_the_agreement_year(partnership, staff):
    # The agreement is signed (the factory's is active), so its terms are written as the
    # registration of an agreement's content is, past the staff services' change control.
    return write_terms(
        partnership, year_basis=AGREEMENT, actor=staff, reason="Avtalsåret börjar 1 maj"
    )


def _due(kind):
    return [(d.due, d.title) for d in deadlines_between(*WHOLE_LIFE, kinds={kind})]


def test_half_years_follow_the_agreement_year_when_chosen_and_the_calendar_otherwise(
    eu_2017, staff
):
    calendar = periods_generate(
        partnership=eu_2017, rule="half_year", year_basis="calendar", actor=staff, reason="x"
    )
    assert (calendar[0].start, calendar[0].end) == (D(2017, 5, 1), D(2017, 6, 30))
    for period in calendar:
        period.delete()
    periods = periods_generate(
        partnership=eu_2017, rule="half_year", year_basis=AGREEMENT, actor=staff, reason="Regel"
    )
    assert [(p.start, p.end, p.due_date) for p in periods] == [
        (D(2017, 5, 1), D(2017, 10, 31), D(2017, 11, 30)),
        (D(2017, 11, 1), D(2018, 4, 30), D(2018, 5, 30)),
        (D(2018, 5, 1), D(2018, 10, 31), D(2018, 11, 30)),
        (D(2018, 11, 1), D(2019, 4, 30), D(2019, 5, 30)),
    ]
    # The cooperation group's half-year reports follow the same half-years.
    assert _due("half_year_report") == [
        (D(2017, 12, 30), "Samverkansgruppens halvårsrapport 2017-05-01 – 2017-10-31"),
        (D(2018, 6, 29), "Samverkansgruppens halvårsrapport 2017-11-01 – 2018-04-30"),
        (D(2018, 12, 30), "Samverkansgruppens halvårsrapport 2018-05-01 – 2018-10-31"),
        (D(2019, 6, 29), "Samverkansgruppens halvårsrapport 2018-11-01 – 2019-04-30"),
    ]
    assert _check() == 0


def test_without_a_choice_periods_follow_what_the_partnership_follows(eu_2017, staff):
    _follow_the_agreement_year(eu_2017, staff)
    periods = periods_generate(partnership=eu_2017, rule="year", actor=staff, reason="Regel")
    assert [(p.start, p.end) for p in periods] == [
        (D(2017, 5, 1), D(2018, 4, 30)),
        (D(2018, 5, 1), D(2019, 4, 30)),
    ]


def test_statements_are_due_before_each_new_agreement_year(eu_2017, staff, city):
    annex = eu_2017.annexes.get()
    # Compensation entered by calendar year: the calendar-year partnership accounts by it.
    CompensationFactory(annex=annex, period_start=D(2017, 5, 1), period_end=D(2017, 12, 31))
    assert _due("financial_statement_due") == [
        (D(2017, 12, 31), "Ekonomisk redovisning Bilaga 1: Dagverksamhet")
    ]
    # The city's own bilaga: the NGOs account for the money, the city hands in no statement.
    city_party = eu_2017.participations.get(organisation=city)
    AnnexFactory(partnership=eu_2017, participation=city_party, number=2, title="Stadens del")
    _follow_the_agreement_year(eu_2017, staff)
    annex.refresh_from_db()
    assert annex.statement_years() == [
        (D(2017, 5, 1), D(2018, 4, 30)),
        (D(2018, 5, 1), D(2019, 4, 30)),
    ]
    assert [due for due, _title in _due("financial_statement_due")] == [
        D(2018, 4, 30),
        D(2019, 4, 30),
    ]
    # Handing in the first year's statement marks that deadline done, in the same write.
    representative = RepresentativeFactory(organisation=annex.participation.organisation)
    statement = statement_start(
        annex=annex, year_start=D(2017, 5, 1), year_end=D(2018, 4, 30), actor=representative
    )
    statement_submit(statement, actor=representative)
    done = {
        d.due: d.done for d in deadlines_between(*WHOLE_LIFE, kinds={"financial_statement_due"})
    }
    assert done == {D(2018, 4, 30): True, D(2019, 4, 30): False}
    # The representative's own deadlines say the same.
    mine = deadlines_between(*WHOLE_LIFE, user=representative, kinds={"financial_statement_due"})
    assert [(d.due, d.done) for d in mine] == [(D(2018, 4, 30), True), (D(2019, 4, 30), False)]
    # As computed for the organisation alone (its portal's source), too.
    scope = DeadlineScope.for_user(representative)
    own = reporting_deadlines.deadlines(*WHOLE_LIFE, scope)
    assert sorted((d.due, d.done) for d in own if d.kind == "financial_statement_due") == [
        (D(2018, 4, 30), True),
        (D(2019, 4, 30), False),
    ]
    assert _check() == 0


def test_the_annual_compilation_is_of_each_agreement_year(eu_2017, staff, staff_client):
    assert [due for due, _t in _due("annual_compilation_due")] == [
        D(2018, 3, 31),
        D(2019, 3, 31),
        D(2020, 3, 31),
    ]
    _follow_the_agreement_year(eu_2017, staff)
    assert _due("annual_compilation_due") == [
        (D(2018, 4, 30), "Årlig sammanställning 2017-05-01 – 2018-04-30"),
        (D(2019, 4, 30), "Årlig sammanställning 2018-05-01 – 2019-04-30"),
    ]
    periods_generate(partnership=eu_2017, rule="half_year", actor=staff, reason="Regel")
    page = staff_client.get(reverse("reporting:partnership", args=[eu_2017.pk])).content.decode()
    assert "Sammanställ år 2017-05-01 – 2018-04-30" in page
    response = staff_client.post(
        reverse("reporting:annual_open", args=[eu_2017.pk]), {"year": 2017}
    )
    compilation = eu_2017.annual_compilations.get()
    assert (compilation.year_start, compilation.year_end) == (D(2017, 5, 1), D(2018, 4, 30))
    page = staff_client.get(response.url).content.decode()
    assert "Årlig sammanställning 2017-05-01 – 2018-04-30" in page
    assert [d.done for d in deadlines_between(*WHOLE_LIFE, kinds={"annual_compilation_due"})] == [
        True,
        False,
    ]
    assert _check() == 0


def test_a_calendar_compilation_is_what_it_was(eu_2017, staff):
    compilation = annual_for_year(partnership=eu_2017, year=2018, actor=staff)
    assert compilation.year_start is None
    assert compilation.span == (D(2018, 1, 1), D(2018, 12, 31))
    assert str(compilation) == "Årlig sammanställning 2018"


def test_an_agreement_years_compilation_counts_the_reports_of_its_periods(eu_2017, staff):
    _follow_the_agreement_year(eu_2017, staff)
    template = make_template(eu_2017)
    periods = periods_generate(partnership=eu_2017, rule="half_year", actor=staff, reason="Regel")
    extra = period_add_extra(
        partnership=eu_2017,
        start=D(2018, 2, 1),
        end=D(2018, 3, 31),
        due_date=D(2018, 4, 15),
        actor=staff,
        reason="Extra rapport om vintern",
    )
    organisation = eu_2017.annexes.get().participation.organisation
    for period, total in ((periods[0], 12), (periods[1], 20), (extra, 30), (periods[2], 40)):
        report = report_start(period=period, organisation=organisation, actor=staff)
        report_submit(report, raw=valid_raw(template, total, total, 0, 0), actor=staff)
        report_accept(report, actor=staff)
    compilation = annual_for_year(partnership=eu_2017, year=2017, actor=staff)
    # The winter report belongs to the agreement year 2017/18, not to calendar 2017.
    assert compile_year(eu_2017, compilation.span).total == 12 + 20 + 30
    assert compile_year(eu_2017, 2017).total == 12 + 20


def test_a_compilation_of_a_year_the_partnership_does_not_report_by_is_not_found(
    eu_2017, staff, staff_client
):
    _follow_the_agreement_year(eu_2017, staff)
    url = reverse("reporting:annual_open", args=[eu_2017.pk])
    for year in ("9999", "2016", "-1", "2019"):
        assert staff_client.post(url, {"year": year}).status_code == 404, year
    assert not AnnualCompilation.objects.filter(partnership=eu_2017).exists()
    assert staff_client.post(url, {"year": "2018"}).status_code == 302
