"""Half-year reports and annual compilations, computed from accepted activity reports.

`compile_reports` adds the figures up (a fixed number of queries for any number of reports);
`suppressed` turns a figure table into what may be published: every count from 1 up to the
threshold is shown as "<N", and where a breakdown would then hide a single cell under a visible
total, a second cell is hidden too, so the first cannot be recomputed by subtraction.
"""

from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import DateField, Sum
from django.utils.translation import gettext as _

from iop.prepared import Param, PreparedQuery
from partnerships.models import Compensation, Goal
from reporting.models import (
    GENDERS,
    ActivityReport,
    FeedbackEntry,
    FinancialStatement,
    Status,
)


@dataclass
class Breakdown:
    key: str
    title: str
    cells: OrderedDict  # label -> count
    sums_to_total: bool = True


@dataclass
class Compilation:
    total: int = 0
    breakdowns: list = field(default_factory=list)
    organisations: list = field(default_factory=list)  # dicts: organisation, total, report
    feedback: list = field(default_factory=list)  # dicts: category label, count
    feedback_entries: list = field(default_factory=list)
    reports: list = field(default_factory=list)

    def breakdown(self, key):
        return next((b for b in self.breakdowns if b.key == key), None)

    def as_json(self):
        return {
            "total": self.total,
            "breakdowns": [
                {"key": b.key, "title": str(b.title), "cells": list(b.cells.items())}
                for b in self.breakdowns
            ],
            "organisations": [
                {"name": row["organisation"].name, "total": row["total"]}
                for row in self.organisations
            ],
            "feedback": [[str(row["label"]), row["count"]] for row in self.feedback],
        }


def accepted_reports(**filters):
    return (
        ActivityReport.objects.accepted()
        .filter(**filters)
        .select_related("organisation", "template", "period")
        .order_by("organisation__name", "period__start")
    )


def compile_reports(reports, feedback_entries=()):
    reports = list(reports)
    result = Compilation(reports=reports)
    gender = OrderedDict((str(label), 0) for _key, label in GENDERS)
    gender_labels = {key: str(label) for key, label in GENDERS}
    age, country, custom = OrderedDict(), defaultdict(int), OrderedDict()
    has_gender = False
    per_org = OrderedDict()
    for report in reports:
        figures = report.figures or {}
        total = figures.get("total") or 0
        result.total += total
        row = per_org.setdefault(
            report.organisation_id,
            {"organisation": report.organisation, "total": 0, "reports": [], "narratives": []},
        )
        row["total"] += total
        row["reports"].append(report)
        row["narratives"].append(
            (
                report.period,
                [
                    (label, (report.answers or {}).get(key, ""))
                    for key, label, _required in report.template.question_items()
                ],
            )
        )
        if "gender" in figures:
            has_gender = True
            for key, value in figures["gender"].items():
                gender[gender_labels.get(key, key)] += value or 0
        for band, value in (figures.get("age") or {}).items():
            age[band] = age.get(band, 0) + (value or 0)
        for name, value in figures.get("country") or []:
            country[name] += value or 0
        for label, value in (figures.get("custom") or {}).items():
            custom[label] = custom.get(label, 0) + (value or 0)
    if has_gender:
        result.breakdowns.append(Breakdown("gender", _("Per kön"), gender))
    if age:
        result.breakdowns.append(Breakdown("age", _("Per åldersgrupp"), age))
    if country:
        ordered = OrderedDict(sorted(country.items(), key=lambda item: (-item[1], item[0])))
        result.breakdowns.append(
            Breakdown("country", _("Per ursprungsland"), ordered, sums_to_total=False)
        )
    for label, value in custom.items():
        result.breakdowns.append(
            Breakdown(f"custom-{label}", label, OrderedDict([(label, value)]), False)
        )
    result.organisations = list(per_org.values())
    counts = OrderedDict()
    labels = dict(FeedbackEntry.Category.choices)
    for entry in feedback_entries:
        counts[entry.category] = counts.get(entry.category, 0) + entry.count
        result.feedback_entries.append(entry)
    result.feedback = [
        {"label": labels.get(key, key), "count": value} for key, value in counts.items()
    ]
    return result


def compile_period(period):
    feedback = FeedbackEntry.objects.filter(period=period).select_related("organisation")
    return compile_reports(accepted_reports(period=period), feedback)


def year_filters(partnership, year):
    return {"period__partnership": partnership, "period__start__year": year}


# The year's reports and feedback, compiled once per process (iop/prepared.py): the year as the
# range of its first and last day, the same rows as `year_filters` gives.
_IN_YEAR = {
    "period__partnership_id": Param("partnership"),
    "period__start__gte": Param("first", DateField()),
    "period__start__lte": Param("last", DateField()),
}
_YEAR_REPORTS = PreparedQuery(lambda: accepted_reports(**_IN_YEAR))
_YEAR_FEEDBACK = PreparedQuery(
    lambda: FeedbackEntry.objects.filter(**_IN_YEAR).select_related("organisation")
)


def _days(year):
    """(first, last) of a calendar year given as a number, or of a span given as (first, last):
    an agreement year (`AnnualCompilation.span`)."""
    if isinstance(year, int):
        return date(year, 1, 1), date(year, 12, 31)
    return year


def compile_year(partnership, year):
    """The accepted reports and feedback of the periods that begin in `year`: a calendar year
    (a number) or an agreement year ((first, last))."""
    first, last = _days(year)
    values = {"partnership": partnership.pk, "first": first, "last": last}
    return compile_reports(_YEAR_REPORTS.list(**values), _YEAR_FEEDBACK.list(**values))


_GOALS = PreparedQuery(
    lambda: Goal.objects.filter(partnership_id=Param("partnership")).order_by("order", "pk")
)


def goal_answers(partnership, compilation):
    """Each goal of the partnership with every organisation's answer to it."""
    goals = _GOALS.list(partnership=partnership.pk)
    rows = []
    for goal in goals:
        answers = [
            (report.organisation, report.period, report.answers.get(f"goal{goal.pk}", ""))
            for report in compilation.reports
            if report.answers.get(f"goal{goal.pk}")
        ]
        rows.append({"goal": goal, "answers": answers})
    return rows


_ORGANISATION = "annex__participation__organisation__name"
_PAID = PreparedQuery(
    lambda: (
        Compensation.objects.filter(
            annex__partnership_id=Param("partnership"),
            period_start__gte=Param("first", DateField()),
            period_start__lte=Param("last", DateField()),
        )
        .values(_ORGANISATION)
        .annotate(amount=Sum("amount"))
        .order_by()
    )
)
_USED = PreparedQuery(
    lambda: (
        FinancialStatement.objects.filter(
            annex__partnership_id=Param("partnership"),
            year_start__gte=Param("first", DateField()),
            year_start__lte=Param("last", DateField()),
            status__in=[Status.SUBMITTED, Status.ACCEPTED],
        )
        .values(_ORGANISATION)
        .annotate(amount=Sum("total_spent"), own=Sum("own_money"), hours=Sum("volunteer_hours"))
        .order_by()
    )
)


def economic_follow_up(partnership, year):
    """Compensation for the year per organisation against what its statements say it used.
    `year` is a calendar year or an agreement year ((first, last)). Two queries, compiled once
    per process (the year as the range of its days)."""
    first, last = _days(year)
    values = {"partnership": partnership.pk, "first": first, "last": last}
    rows = OrderedDict()
    for name, amount in _PAID.rows(**values):
        rows.setdefault(name, {"name": name, "paid": Decimal(0), "used": None, "own": None})
        rows[name]["paid"] += amount or 0
    for name, amount, own, hours in _USED.rows(**values):
        row = rows.setdefault(name, {"name": name, "paid": Decimal(0), "used": None, "own": None})
        row["used"], row["own"], row["hours"] = amount, own, hours
    return sorted(rows.values(), key=lambda row: row["name"])


# --- Small counts -----------------------------------------------------------------------


def threshold():
    return settings.IOP_SMALL_COUNT_THRESHOLD


def hidden_label():
    return f"<{threshold()}"


# A cell hidden only so that a small one cannot be recomputed: its value is not small, so it
# must not be labelled "<N" (SCB's ".." for "uppgift inte tillgänglig").
SECONDARY_LABEL = ".."


def is_small(value):
    return value is not None and 0 < value < threshold()


def protect(total, cells):
    """Which of `cells` (a list of counts that add up to `total`) to hide: the small ones, and
    if exactly one would be hidden under a visible total, also the smallest other cell."""
    hidden = {index for index, value in enumerate(cells) if is_small(value)}
    total_hidden = is_small(total)
    if total_hidden:
        return set(range(len(cells))), True
    if len(hidden) == 1 and len(cells) > 1:
        candidates = sorted(
            (value, index) for index, value in enumerate(cells) if index not in hidden
        )
        hidden.add(candidates[0][1])
    return hidden, False


@dataclass
class PublicCell:
    label: str
    value: int
    shown: str
    hidden: bool


def suppressed(compilation):
    """The compilation's figures as they may be published: (total shown, [(breakdown, cells)])."""
    total_hidden = is_small(compilation.total)
    tables = []
    for breakdown in compilation.breakdowns:
        labels, values = list(breakdown.cells.keys()), list(breakdown.cells.values())
        if breakdown.sums_to_total:
            hidden, _ = protect(compilation.total, values)
        elif breakdown.key == "country":
            # The countries need not add up to the total; the unpublished remainder (people
            # whose country was not given) is a second unknown, unless it is zero.
            remainder = compilation.total - sum(values)
            hidden, _ = protect(compilation.total, values + [remainder])
            hidden.discard(len(values))
            if remainder > 0 and not is_small(compilation.total):
                hidden = {i for i, value in enumerate(values) if is_small(value)}
        else:
            hidden = {i for i, value in enumerate(values) if is_small(value)}
        cells = [
            PublicCell(label, value, _shown(value, index in hidden), index in hidden)
            for index, (label, value) in enumerate(zip(labels, values, strict=True))
        ]
        tables.append((breakdown, cells))
    shown_total = hidden_label() if total_hidden else str(compilation.total)
    return shown_total, tables


def _shown(value, hidden):
    if not hidden:
        return str(value)
    return hidden_label() if is_small(value) or value < threshold() else SECONDARY_LABEL


def suppression_legend(total, tables):
    """What each mark the published figures use means ([(mark, explanation)]), for the page and
    the CSV: a reader of ".." otherwise cannot tell a protected figure from a missing one."""
    shown = {total} | {cell.shown for _breakdown, cells in tables for cell in cells}
    legend = []
    if hidden_label() in shown:
        legend.append(
            (
                hidden_label(),
                _("färre än %(n)s personer, uppgiften skyddas") % {"n": threshold()},
            )
        )
    if SECONDARY_LABEL in shown:
        legend.append(
            (
                SECONDARY_LABEL,
                _("uppgiften skyddas så att ett antal färre än %(n)s inte kan räknas fram")
                % {"n": threshold()},
            )
        )
    return legend


def internal_tables(compilation):
    tables = []
    for breakdown in compilation.breakdowns:
        cells = [
            PublicCell(label, value, str(value), False) for label, value in breakdown.cells.items()
        ]
        tables.append((breakdown, cells))
    return str(compilation.total), tables
