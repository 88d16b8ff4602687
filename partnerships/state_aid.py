"""The state-aid ledger of one undertaking (an organisation: its organisationsnummer is unique in
the register): every compensation of a decided partnership to it, per fiscal year (the calendar
year; compensation counted in proportion to the days of its period,
`Compensation.amount_between`), with the most aid in any period of three years ending in each
year against the de minimis ceilings in force (`StateAidCeiling`).

De minimis aid counts against the de minimis ceiling; SGEI de minimis aid and de minimis aid
together count against the SGEI ceiling (the SGEI regulation allows the two to be combined up
to its own ceiling). Compensation that is not state aid, or whose partnership has no basis
recorded yet, is shown but counts against neither."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils.translation import gettext as _

from partnerships.models import AidKind, Compensation, Partnership, StateAidCeiling

UNSET = ""
YEARS_COUNTED = 3
COUNTS_AGAINST = {
    AidKind.DE_MINIMIS: (AidKind.DE_MINIMIS,),
    AidKind.SGEI: (AidKind.DE_MINIMIS, AidKind.SGEI),
}


@dataclass
class Year:
    year: int
    by_kind: dict = field(default_factory=lambda: defaultdict(Decimal))
    rolling: dict = field(default_factory=dict)  # ceiling kind -> three years' sum
    ceilings: dict = field(default_factory=dict)  # ceiling kind -> StateAidCeiling or None

    def over(self, kind):
        ceiling = self.ceilings.get(kind)
        return ceiling is not None and self.rolling[kind] > ceiling.ceiling_sek

    @property
    def exceeded(self):
        return [kind for kind in COUNTS_AGAINST if self.over(kind)]

    def cells(self):
        return [self.by_kind[kind] for kind in (*AidKind.values, UNSET)]


@dataclass
class Ledger:
    organisation: object
    compensations: list
    years: list

    @property
    def exceeded(self):
        return [(year.year, kind) for year in self.years for kind in year.exceeded]


def kind_of(compensation):
    basis = getattr(compensation.annex.partnership, "aid_basis", None)
    return basis.kind if basis is not None else UNSET


def _window_ends(year):
    """The last day of each month of `year`: where a three-year window is measured."""
    return [date(year, month, 1) + relativedelta(months=1, days=-1) for month in range(1, 13)]


def _most_in_three_years(compensations, kinds, year):
    """The most aid of `kinds` in any period of three years ending in `year` (the 2023
    regulations count "any period of three years"; a window that ends on a fiscal year's last
    day is the older rule's three fiscal years). Measured at each month's end: aid accrues
    evenly within a compensation's period, so a window that ends mid-month adds nothing a
    month's end would miss by more than that month's share."""
    counted = [c for c in compensations if kind_of(c) in kinds]
    best = Decimal(0)
    for end in _window_ends(year):
        start = end - relativedelta(years=YEARS_COUNTED) + relativedelta(days=1)
        best = max(best, sum((c.amount_between(start, end) for c in counted), Decimal(0)))
    return best


def ledger(organisation, *, planned_in=None):
    """The organisation's ledger: compensation of decided partnerships (and, when given, of the
    partnership `planned_in`, whose compensation is being entered before its decision)."""
    granted = Q(annex__partnership__status__in=Partnership.PUBLIC_STATUSES)
    if planned_in is not None:
        granted |= Q(annex__partnership=planned_in)
    compensations = list(
        Compensation.objects.filter(granted, annex__participation__organisation=organisation)
        .select_related("annex__partnership__aid_basis", "annex__participation__organisation")
        .order_by("period_start", "pk")
    )
    if not compensations:
        return Ledger(organisation, [], [])
    first = min(c.period_start.year for c in compensations)
    last = max(c.period_end.year for c in compensations)
    years = {number: Year(number) for number in range(first, last + 1)}
    for compensation in compensations:
        kind = kind_of(compensation)
        for number, year in years.items():
            part = compensation.amount_between(date(number, 1, 1), date(number, 12, 31))
            if part:
                year.by_kind[kind] += part
    for number, year in years.items():
        for ceiling_kind, counted in COUNTS_AGAINST.items():
            year.rolling[ceiling_kind] = _most_in_three_years(compensations, counted, number)
            year.ceilings[ceiling_kind] = StateAidCeiling.objects.in_force(
                ceiling_kind, date(number, 12, 31)
            )
    return Ledger(organisation, compensations, list(years.values()))


def ceiling_warning(compensation):
    """What to tell whoever just entered `compensation` when the undertaking's aid now passes
    a ceiling in a fiscal year the compensation falls in ("" when it passes none)."""
    if kind_of(compensation) not in COUNTS_AGAINST:
        return ""
    organisation = compensation.annex.participation.organisation
    touched = range(compensation.period_start.year, compensation.period_end.year + YEARS_COUNTED)
    over = [
        (year, kind)
        for year, kind in ledger(organisation, planned_in=compensation.annex.partnership).exceeded
        if year in touched
    ]
    if not over:
        return ""
    year, kind = over[0]
    return _(
        "Med den här ersättningen får %(organisation)s mer stöd än taket för %(rule)s under "
        "de tre beskattningsåren till och med %(year)s. Se statsstödsredovisningen innan "
        "ersättningen beslutas."
    ) % {
        "organisation": organisation.name,
        "rule": AidKind(kind).label,
        "year": year,
    }
