"""An agreement registered as it stands: the bilagor's financial statements of the years that
ended by a day recorded as received and accepted in one step, with one reason; later years
untouched; the stored deadlines no longer show those statements as overdue."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from iop.deadlines import differences
from partnerships.models import Partnership, StoredDeadline
from reporting.models import FinancialStatement, Status
from reporting.services.catch_up import statements_mark_received_through
from reporting.services.statements import statement_start
from tests.factories import AnnexFactory, ParticipationFactory, PartnershipFactory


@pytest.fixture
def partnership_a(city, org_a):
    """Two agreement years from 1 May, the city and NGO A as parties, A's bilaga over both."""
    partnership = PartnershipFactory(
        start_date=date(2023, 5, 1),
        end_date=date(2025, 4, 30),
        agreement_year_day=1,
        agreement_year_month=5,
        year_basis=Partnership.YearBasis.AGREEMENT,
    )
    ParticipationFactory(partnership=partnership, organisation=city)
    party = ParticipationFactory(partnership=partnership, organisation=org_a)
    AnnexFactory(
        partnership=partnership,
        participation=party,
        start_date=partnership.start_date,
        end_date=partnership.end_date,
    )
    return partnership


@pytest.fixture
def annex(partnership_a):
    annex = partnership_a.annexes.get()
    assert len(annex.statement_years()) == 2
    return annex


def test_statements_of_the_years_ended_become_accepted_with_one_reason(partnership_a, annex, staff):
    (first_start, first_end), (second_start, _end) = annex.statement_years()[:2]

    changed = statements_mark_received_through(
        partnership=partnership_a, through=first_end, actor=staff, note="Pärmen"
    )

    assert [(s.annex_id, s.year_start, s.status) for s in changed] == [
        (annex.pk, first_start, Status.ACCEPTED)
    ]
    assert not FinancialStatement.objects.filter(year_start=second_start).exists()
    reasons = set(
        FinancialStatement.history.exclude(status=Status.DRAFT).values_list(
            "history_change_reason", flat=True
        )
    )
    assert reasons == {
        "Registrerat i efterhand: ekonomiska redovisningar mottagna och godkända t.o.m. "
        f"{first_end.isoformat()}. Pärmen"
    }
    # A second run finds nothing; a day before the year's end nothing is due.
    assert (
        statements_mark_received_through(partnership=partnership_a, through=first_end, actor=staff)
        == []
    )


def test_a_year_not_yet_ended_is_left_alone(partnership_a, annex, staff):
    (_start, first_end), *_ = annex.statement_years()
    assert (
        statements_mark_received_through(
            partnership=partnership_a, through=first_end - timedelta(days=1), actor=staff
        )
        == []
    )
    assert not FinancialStatement.objects.exists()


def test_a_statement_already_started_is_taken_on_from_where_it_is(
    partnership_a, annex, staff, rep_a
):
    (first_start, first_end), *_ = annex.statement_years()
    draft = statement_start(annex=annex, year_start=first_start, year_end=first_end, actor=rep_a)

    statements_mark_received_through(partnership=partnership_a, through=first_end, actor=staff)

    draft.refresh_from_db()
    assert draft.status == Status.ACCEPTED
    assert FinancialStatement.objects.count() == 1


def test_the_statements_are_no_longer_overdue(partnership_a, annex, staff):
    (_start, first_end), *_ = annex.statement_years()

    def overdue():
        rows = StoredDeadline.objects.filter(
            partnership=partnership_a, kind="financial_statement_due"
        )
        return list(rows.overdue(first_end + timedelta(days=1)).values_list("due", flat=True))

    assert overdue() == [first_end]
    statements_mark_received_through(partnership=partnership_a, through=first_end, actor=staff)
    assert overdue() == []
    missing, extra = differences([partnership_a.pk])
    assert not missing and not extra


def test_a_representative_is_refused(partnership_a, annex, rep_a):
    (_start, first_end), *_ = annex.statement_years()
    with pytest.raises(PermissionDenied):
        statements_mark_received_through(partnership=partnership_a, through=first_end, actor=rep_a)
    assert not FinancialStatement.objects.exists()
