from datetime import date

import pytest

from governance import rules
from governance.models import ChairDraw, Decision, Group


def test_majority_of_those_voting_for_or_against():
    result = rules.count_votes(["for", "for", "against", "abstain"], tie_rule="no_decision")
    assert (result.votes_for, result.votes_against, result.votes_abstain) == (2, 1, 1)
    assert result.outcome == Decision.Outcome.ADOPTED
    assert not result.tie
    assert rules.count_votes(["against", "abstain"], tie_rule="no_decision").outcome == "rejected"


def test_tie_is_recorded_as_tie_without_decision():
    result = rules.count_votes(["for", "against", "abstain"], tie_rule="no_decision")
    assert result.tie
    assert result.outcome == Decision.Outcome.TIE


@pytest.mark.parametrize(("chair", "outcome"), [("for", "adopted"), ("against", "rejected")])
def test_tie_resolved_by_chairs_casting_vote(chair, outcome):
    result = rules.count_votes(
        ["for", "against"], tie_rule="chair_casting_vote", chair_choice=chair
    )
    assert result.tie
    assert result.outcome == outcome
    assert result.tie_resolution == "chair_casting_vote"


def test_chair_who_abstained_cannot_cast_a_deciding_vote():
    result = rules.count_votes(
        ["for", "against", "abstain"], tie_rule="chair_casting_vote", chair_choice="abstain"
    )
    assert result.outcome == Decision.Outcome.TIE


def test_tie_resolved_by_lot_is_recomputable_from_its_seed():
    result = rules.count_votes(["for", "against"], tie_rule="lot", seed_factory=lambda n: "abc123")
    assert result.tie and result.tie_resolution == "lot"
    assert result.lot_seed == "abc123"
    assert result.outcome == rules.lot_outcome("abc123")
    outcomes = {rules.lot_outcome(f"seed{i}") for i in range(20)}
    assert outcomes == {"adopted", "rejected"}


def test_rotation_takes_the_next_and_wraps_around():
    order = [7, 3, 9]
    assert rules.next_in_rotation(order, None) == 7
    assert rules.next_in_rotation(order, 7) == 3
    assert rules.next_in_rotation(order, 3) == 9
    assert rules.next_in_rotation(order, 9) == 7
    assert rules.next_in_rotation(order, 42) == 7  # the last chair left the rotation
    assert rules.next_in_rotation([], 7) is None


def test_draw_index_is_deterministic_and_depends_on_the_seed():
    ids = [11, 12, 13, 14]
    assert ChairDraw.compute_index("s1", ids) == ChairDraw.compute_index("s1", ids)
    assert {ChairDraw.compute_index(f"s{i}", ids) for i in range(40)} == {0, 1, 2, 3}


def _group(**rules_):
    return Group(established_on=date(2024, 1, 1), **rules_)


def test_monthly_cadence_overdue_a_day_after_a_month_without_meeting():
    group = _group(cadence_initial_months=1)
    status = rules.cadence_status(group, last_meeting=date(2024, 3, 14))
    assert status.due == date(2024, 4, 14)
    assert not status.is_overdue(date(2024, 4, 14))
    assert status.is_overdue(date(2024, 4, 15))


def test_monthly_cadence_counts_from_establishment_without_meetings():
    status = rules.cadence_status(_group(cadence_initial_months=1), last_meeting=None)
    assert status.due == date(2024, 2, 1)
    assert status.is_overdue(date(2024, 2, 2))


def test_quarterly_cadence():
    group = _group(cadence_initial_months=3)
    status = rules.cadence_status(group, last_meeting=date(2024, 1, 31))
    assert status.due == date(2024, 4, 30)
    assert not status.is_overdue(date(2024, 3, 31))
    assert status.is_overdue(date(2024, 5, 1))


def test_monthly_at_first_then_quarterly():
    group = _group(
        cadence_initial_months=1, cadence_initial_period_months=6, cadence_later_months=3
    )
    assert rules.cadence_status(group, last_meeting=date(2024, 5, 10)).due == date(2024, 6, 10)
    assert rules.cadence_status(group, last_meeting=date(2024, 7, 10)).due == date(2024, 10, 10)


def test_planned_meeting_in_time_is_noted():
    group = _group(cadence_initial_months=1)
    status = rules.cadence_status(
        group, last_meeting=date(2024, 3, 1), next_scheduled=date(2024, 3, 25)
    )
    assert status.planned_in_time


def test_no_cadence_rule_means_never_overdue():
    status = rules.cadence_status(_group(), last_meeting=None)
    assert status.due is None and not status.is_overdue(date(2030, 1, 1))
