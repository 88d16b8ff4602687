"""The agreement year as pure functions: the spans of whole or half years that begin on a
recurring day (the agreement year's first day, or 1 January for the calendar year).

The 2017 EU-citizens agreement runs 1 May 2017 – 30 April 2019: its years are 2017-05-01 –
2018-04-30 and 2018-05-01 – 2019-04-30, its half-years 05-01 – 10-31 and 11-01 – 04-30. A year
that begins on 29 February begins on the last day of February in other years (as the notice
day in `period_rules` does); its half-years turn on the 29th of August.

Nothing here reads the database: `Partnership.agreement_years` and `Partnership.year_spans`
give a partnership's, and reporting asks them.
"""

from datetime import date, timedelta

from partnerships.period_rules import _days_in

AGREEMENT = "agreement"
CALENDAR = "calendar"
JANUARY_FIRST = (1, 1)


def recurring(year, month, day):
    """The day `day` of `month` in `year`, clipped to the month's length (29 Feb → 28 Feb)."""
    return date(year, month, min(day, _days_in(year, month)))


def boundaries(first, last, month, day, months=12):
    """The days a span begins on, from the one on or before `first` to the one after `last`:
    the recurring (month, day) and, for half-years (`months` 6), the same day six months on."""
    found = []
    for year in range(first.year - 1, last.year + 2):
        for step in range(0, 12, months):
            index = month - 1 + step
            found.append(recurring(year + index // 12, index % 12 + 1, day))
    return sorted(set(found))


def spans(first, last, month, day, months=12):
    """[(start, end), ...] of the years (`months` 12) or half-years (6) that begin on the
    recurring (month, day), from `first` to `last` inclusive; the first and last are cut at
    `first` and `last`."""
    if last < first:
        return []
    days = boundaries(first, last, month, day, months)
    found = []
    for begins, next_begins in zip(days, days[1:], strict=False):
        ends = next_begins - timedelta(days=1)
        if ends >= first and begins <= last:
            found.append((max(begins, first), min(ends, last)))
    return found


def calendar_spans(first, last, months=12):
    """Calendar years (or half-years, 1 January and 1 July) from `first` to `last`."""
    return spans(first, last, *JANUARY_FIRST, months=months)


def span_label(start, end):
    """A span as the pages and titles show it: "2017-05-01 – 2018-04-30"."""
    return f"{start.isoformat()} – {end.isoformat()}"


def year_of(day, month, first_day):
    """The calendar year in which the year (beginning on the recurring (month, `first_day`))
    that holds `day` begins: what an annual compilation is numbered by."""
    if recurring(day.year, month, first_day) <= day:
        return day.year
    return day.year - 1


def whole_year(year, month, day):
    """(first day, last day) of the year that begins on (month, day) in `year`."""
    return recurring(year, month, day), recurring(year + 1, month, day) - timedelta(days=1)


# --- Of a partnership ------------------------------------------------------------------------
# `partnership` is a Partnership or a record with the same fields (the deadline sources' light
# `ScopePartnership`): start_date, end_date, agreement_year_day, agreement_year_month,
# year_basis. Partnership's methods of the same names call these.

FIELDS = ("agreement_year_day", "agreement_year_month", "year_basis")


def follows_agreement_year(partnership):
    """Whether half-years, statements and compilations follow the agreement year."""
    return partnership.year_basis == AGREEMENT


def agreement_year_start(partnership):
    """(month, day) the agreement year begins on: as set, else the start date's."""
    if partnership.agreement_year_day and partnership.agreement_year_month:
        return partnership.agreement_year_month, partnership.agreement_year_day
    return partnership.start_date.month, partnership.start_date.day


def year_begins(partnership, basis=None):
    """(month, day) the years that reporting follows begin on: the agreement year's first day,
    or 1 January (`basis`, the partnership's `year_basis` by default)."""
    if (basis or partnership.year_basis) == AGREEMENT:
        return agreement_year_start(partnership)
    return JANUARY_FIRST


def year_spans(partnership, months=12, basis=None, first=None, last=None):
    """The years (`months` 12) or half-years (6) that reporting follows, from `first` to `last`
    (the partnership's start and end date by default), cut at them."""
    first, last = first or partnership.start_date, last or partnership.end_date
    return spans(first, last, *year_begins(partnership, basis), months=months)


def reporting_years(partnership):
    """[(number, first, last), ...]: `year_spans`, each numbered by the calendar year it begins
    in (an annual compilation's `year`)."""
    begins = year_begins(partnership)
    return [(year_of(first, *begins), first, last) for first, last in year_spans(partnership)]
