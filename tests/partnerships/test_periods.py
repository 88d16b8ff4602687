"""Period computations for both seed rules, across year boundaries."""

from datetime import date

import pytest

from partnerships.period_rules import (
    PeriodEvents,
    PeriodRule,
    add_months,
    end_on,
    final_end,
    next_last_day,
    notice_last_day,
)

BOSTAD_FORST = PeriodRule(
    start=date(2023, 7, 1),
    initial_end=date(2024, 6, 30),
    kind="automatic",
    months=6,
    last=date(2026, 6, 30),
    notice_day=31,
    notice_month=12,
)
ENSAMKOMMANDE = PeriodRule(
    start=date(2019, 9, 1),
    initial_end=date(2020, 8, 31),
    kind="by_agreement",
    months=12,
    last=date(2021, 8, 31),
    months_before_end=3,
)


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2024, 6, 30), 6, date(2024, 12, 31)),
        (date(2024, 12, 31), 6, date(2025, 6, 30)),
        (date(2020, 8, 31), -3, date(2020, 5, 31)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 11, 15), 4, date(2024, 3, 15)),
    ],
)
def test_add_months_keeps_month_ends(day, months, expected):
    assert add_months(day, months) == expected


def test_bostad_forst_notice_day_is_the_31_december_before_each_end():
    assert notice_last_day(BOSTAD_FORST, date(2024, 6, 30)) == date(2023, 12, 31)
    assert notice_last_day(BOSTAD_FORST, date(2025, 6, 30)) == date(2024, 12, 31)
    # An end on 31 December itself: the notice day is the year before.
    assert notice_last_day(BOSTAD_FORST, date(2024, 12, 31)) == date(2023, 12, 31)


@pytest.mark.parametrize(
    "on, end, next_day, final",
    [
        (date(2023, 7, 1), date(2024, 6, 30), date(2023, 12, 31), date(2026, 6, 30)),
        (date(2023, 12, 31), date(2024, 6, 30), date(2023, 12, 31), date(2026, 6, 30)),
        # 31 December 2023 passed without notice: certain to run until 30 June 2025.
        (date(2024, 1, 1), date(2025, 6, 30), date(2024, 12, 31), date(2026, 6, 30)),
        (date(2024, 12, 31), date(2025, 6, 30), date(2024, 12, 31), date(2026, 6, 30)),
        (date(2025, 1, 1), date(2026, 6, 30), None, date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 6, 30), None, date(2026, 6, 30)),
    ],
)
def test_bostad_forst_without_notice(on, end, next_day, final):
    assert end_on(BOSTAD_FORST, on) == end
    found = next_last_day(BOSTAD_FORST, on)
    assert (found[1] if found else None) == next_day
    assert final_end(BOSTAD_FORST, on) == final


def test_bostad_forst_notice_before_31_december_ends_it_next_30_june():
    events = PeriodEvents(notices=(date(2023, 11, 20),))
    assert end_on(BOSTAD_FORST, date(2023, 12, 1), events) == date(2024, 6, 30)
    assert end_on(BOSTAD_FORST, date(2024, 1, 1), events) == date(2024, 6, 30)
    assert final_end(BOSTAD_FORST, date(2023, 12, 1), events) == date(2024, 6, 30)
    assert next_last_day(BOSTAD_FORST, date(2023, 12, 1), events) is None


def test_bostad_forst_notice_given_in_2024_ends_it_30_june_2025():
    events = PeriodEvents(notices=(date(2024, 3, 1),))
    # Before the notice the rule still looked a year ahead.
    assert final_end(BOSTAD_FORST, date(2024, 2, 1), events) == date(2026, 6, 30)
    assert end_on(BOSTAD_FORST, date(2025, 1, 1), events) == date(2025, 6, 30)
    assert final_end(BOSTAD_FORST, date(2024, 3, 1), events) == date(2025, 6, 30)


@pytest.mark.parametrize(
    "on, end, next_day, final",
    [
        (date(2019, 9, 1), date(2020, 8, 31), date(2020, 5, 31), date(2021, 8, 31)),
        (date(2020, 5, 31), date(2020, 8, 31), date(2020, 5, 31), date(2021, 8, 31)),
        # No written agreement by 31 May 2020: it ends on 31 August 2020.
        (date(2020, 6, 1), date(2020, 8, 31), None, date(2020, 8, 31)),
    ],
)
def test_ensamkommande_without_agreement(on, end, next_day, final):
    assert end_on(ENSAMKOMMANDE, on) == end
    found = next_last_day(ENSAMKOMMANDE, on)
    assert (found[1] if found else None) == next_day
    assert final_end(ENSAMKOMMANDE, on) == final


def test_ensamkommande_extended_by_written_agreement_in_may_2020():
    events = PeriodEvents(agreements=(date(2020, 5, 29),))
    assert end_on(ENSAMKOMMANDE, date(2020, 5, 28), events) == date(2020, 8, 31)
    assert end_on(ENSAMKOMMANDE, date(2020, 5, 29), events) == date(2021, 8, 31)
    assert end_on(ENSAMKOMMANDE, date(2021, 1, 1), events) == date(2021, 8, 31)
    # Already at its last date: no further extension possible.
    assert next_last_day(ENSAMKOMMANDE, date(2021, 1, 1), events) is None
    assert final_end(ENSAMKOMMANDE, date(2021, 1, 1), events) == date(2021, 8, 31)


def test_ensamkommande_agreement_too_late_does_not_extend():
    events = PeriodEvents(agreements=(date(2020, 6, 15),))
    assert end_on(ENSAMKOMMANDE, date(2020, 12, 31), events) == date(2020, 8, 31)


def test_no_extension_rule():
    rule = PeriodRule(start=date(2024, 1, 1), initial_end=date(2024, 12, 31))
    assert end_on(rule, date(2025, 6, 1)) == date(2024, 12, 31)
    assert next_last_day(rule, date(2024, 6, 1)) is None
    assert final_end(rule, date(2024, 6, 1)) == date(2024, 12, 31)
