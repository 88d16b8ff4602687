"""The agreement's period as pure functions of its extension rule and what has happened.

Nothing here reads the database: `rule_for(partnership)` and `events_for(partnership)` collect
the inputs once, and the functions answer for any day:

- `end_on(rule, on, events)`: the end date as it stands on that day;
- `next_last_day(rule, on, events)`: the next last day to give notice (automatic extension) or
  to agree in writing on an extension (by agreement);
- `final_end(rule, on, events)`: the latest day the agreement can still run to.

Automatic extension (Bostad Först: "förlängs automatiskt med ett halvår i taget, dock längst till
den 30 juni 2026, om inte överenskommelsen sägs upp senast den 31 december respektive år"): the
extension at an end date E is stopped by a notice given on or before the last notice day before
E (the latest 31 December before E). Once that day has passed without notice, the extension is
certain and the end date moves on. Notice given by 31 December of a year therefore ends the
agreement at the first period end after it (30 June the year after).

Extension by agreement (ensamkommande 2019: "kan förlängas med 12 månader ... om parterna
skriftligen kommer överens senast tre månader före avtalstidens utgång"): each written extension
agreement made on or before its last day moves the end by the extension months, up to the last
date; without one the agreement ends at its end date.
"""

import calendar
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

# What rule_for reads of a partnership besides its dates (for a list read with only() or
# values_list()).
RULE_FIELDS = (
    "extension_kind",
    "extension_months",
    "extension_last_date",
    "notice_day",
    "notice_month",
    "agreement_months_before_end",
    "funds_condition",
)
# What rule_for and events_for read of a notice and of an extension, when they are read as rows.
NoticeEvent = namedtuple("NoticeEvent", "kind given_on")
ExtensionEvent = namedtuple("ExtensionEvent", "kind made_on previous_end_date")

AUTOMATIC = "automatic"
BY_AGREEMENT = "by_agreement"
NONE = "none"
# The kinds of notice and of extension that move the end (Notice.Kind.PARTNERSHIP,
# Extension.Kind.AGREEMENT take their values from here, so that this module needs no models).
PARTNERSHIP_NOTICE = "partnership"
AGREED_EXTENSION = "agreement"


@dataclass(frozen=True)
class PeriodRule:
    start: date
    initial_end: date
    kind: str = NONE
    months: int | None = None
    last: date | None = None
    notice_day: int | None = None
    notice_month: int | None = None
    months_before_end: int | None = None
    funds_condition: bool = True


@dataclass(frozen=True)
class PeriodEvents:
    """Dates of notices of the whole partnership and of written extension agreements."""

    notices: tuple = field(default_factory=tuple)
    agreements: tuple = field(default_factory=tuple)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year, month):
    """calendar.monthrange(year, month)[1] without the weekday it also works out: the deadline
    dashboard asks tens of thousands of times."""
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]


# Memoised: the deadlines pages ask for the same few hundred ends again and again (each
# partnership's period is walked for every day it is asked about, in every request).
@lru_cache(maxsize=4096)
def add_months(day, months):
    """`day` moved by whole months; a month's last day stays the last day (2024-06-30 + 6 =
    2024-12-31), other days are clipped to the target month's length."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    last_of_target = _days_in(year, month)
    if day.day == _days_in(day.year, day.month):
        return date(year, month, last_of_target)
    return date(year, month, min(day.day, last_of_target))


def _recurring(year, month, day):
    return date(year, month, min(day, _days_in(year, month)))


def notice_last_day(rule, end):
    """Automatic rule: the last day to give notice so that the agreement ends at `end` instead
    of being extended: the latest notice day strictly before `end`."""
    if rule.kind != AUTOMATIC or not (rule.notice_day and rule.notice_month):
        return None
    candidate = _recurring(end.year, rule.notice_month, rule.notice_day)
    if candidate >= end:
        candidate = _recurring(end.year - 1, rule.notice_month, rule.notice_day)
    return candidate


def agreement_last_day(rule, end):
    """By-agreement rule: the last day to agree in writing on extending beyond `end`."""
    if rule.kind != BY_AGREEMENT or rule.months_before_end is None:
        return None
    return add_months(end, -rule.months_before_end)


def _extendable(rule, end):
    return rule.kind != NONE and rule.months and rule.last and end < rule.last


def _extended(rule, end):
    return min(add_months(end, rule.months), rule.last)


@lru_cache(maxsize=4096)
def _automatic_steps(rule):
    """The ends an automatic rule moves through while nobody gives notice, each with its last
    notice day, and the end it stops at: ((end, last notice day), ...), final end. Worked out
    once per rule: `end_on` is asked about many days of the same partnership."""
    steps = []
    end = rule.initial_end
    while _extendable(rule, end):
        deadline = notice_last_day(rule, end)
        steps.append((end, deadline))
        if deadline is None:
            break
        end = _extended(rule, end)
    return tuple(steps), end


def end_on(rule, on, events=PeriodEvents()):
    """The end date as it stands on day `on`."""
    end = rule.initial_end
    if rule.kind == AUTOMATIC:
        first_notice = min((n for n in events.notices if n <= on), default=None)
        steps, end = _automatic_steps(rule)
        for step_end, deadline in steps:
            # Not extended at this end: its notice day is still to come (or there is none), or
            # notice was given by then.
            if deadline is None or on <= deadline:
                return step_end
            if first_notice is not None and first_notice <= deadline:
                return step_end
    elif rule.kind == BY_AGREEMENT:
        for made in sorted(a for a in events.agreements if a <= on):
            if not _extendable(rule, end):
                break
            deadline = agreement_last_day(rule, end)
            if deadline is not None and made <= deadline:
                end = _extended(rule, end)
    return end


def next_last_day(rule, on, events=PeriodEvents()):
    """The next day (on or after `on`) by which notice must be given or an extension agreed,
    with what it decides: (kind, day, end_if_acted), or None when nothing can change any more."""
    end = end_on(rule, on, events)
    if not _extendable(rule, end):
        return None
    if rule.kind == AUTOMATIC:
        if any(n <= on for n in events.notices):
            return None
        deadline = notice_last_day(rule, end)
        if deadline is not None and deadline >= on:
            return ("notice", deadline, end)
        return None
    if rule.kind == BY_AGREEMENT:
        deadline = agreement_last_day(rule, end)
        if deadline is not None and deadline >= on:
            return ("agreement", deadline, _extended(rule, end))
    return None


def final_end(rule, on, events=PeriodEvents()):
    """The latest day the agreement can still run to, as it stands on `on`."""
    end = end_on(rule, on, events)
    if next_last_day(rule, on, events) is None:
        if (
            rule.kind == AUTOMATIC
            and _extendable(rule, end)
            and not any(n <= on for n in events.notices)
        ):
            return rule.last
        return end
    return rule.last


def last_possible_end(partnership):
    """The latest day the agreement can run to under its extension rule, whatever happens: for
    a partnership or a record of its fields (`extension_kind`, `extension_last_date`,
    `end_date`)."""
    if partnership.extension_kind != NONE and partnership.extension_last_date:
        return max(partnership.extension_last_date, partnership.end_date)
    return partnership.end_date


def rule_for(partnership, extensions=None):
    """The rule of a partnership; its initial end date is the end before its first extension."""
    if extensions is None:
        extensions = list(partnership.extensions.all())
    initial_end = partnership.end_date
    if partnership.extension_kind != NONE:
        initial_end = min([e.previous_end_date for e in extensions] + [partnership.end_date])
    return PeriodRule(
        start=partnership.start_date,
        initial_end=initial_end,
        kind=partnership.extension_kind,
        months=partnership.extension_months,
        last=partnership.extension_last_date,
        notice_day=partnership.notice_day,
        notice_month=partnership.notice_month,
        months_before_end=partnership.agreement_months_before_end,
        funds_condition=partnership.funds_condition,
    )


def events_for(partnership, notices=None, extensions=None):
    if notices is None:
        notices = list(partnership.notices.all())
    if extensions is None:
        extensions = list(partnership.extensions.all())
    return PeriodEvents(
        notices=tuple(n.given_on for n in notices if n.kind == PARTNERSHIP_NOTICE),
        agreements=tuple(e.made_on for e in extensions if e.kind == AGREED_EXTENSION),
    )


@dataclass(frozen=True)
class PeriodSummary:
    on: date
    end: date
    final_end: date
    next_kind: str | None
    next_last_day: date | None
    end_if_acted: date | None
    funds_condition: bool


def summary(partnership, on, notices=None, extensions=None):
    rule = rule_for(partnership, extensions)
    events = events_for(partnership, notices, extensions)
    nxt = next_last_day(rule, on, events)
    return PeriodSummary(
        on=on,
        end=end_on(rule, on, events),
        final_end=final_end(rule, on, events),
        next_kind=nxt[0] if nxt else None,
        next_last_day=nxt[1] if nxt else None,
        end_if_acted=nxt[2] if nxt else None,
        funds_condition=rule.funds_condition,
    )


__all__ = [
    "PeriodRule",
    "PeriodEvents",
    "add_months",
    "notice_last_day",
    "agreement_last_day",
    "end_on",
    "next_last_day",
    "final_end",
    "last_possible_end",
    "rule_for",
    "events_for",
    "summary",
]
