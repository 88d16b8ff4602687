"""Reporting's deadlines that follow a partnership's year (`Partnership.year_basis`): the
financial statement before each new agreement year, and the annual compilation.

A partnership that follows the calendar year keeps what it always had: a statement due at the
end of each compensation period, the compilation of each calendar year due on 31 March after
it. One that follows its agreement year (the 2017 EU-citizens agreement: 1 May – 30 April) has
a statement of each bilaga due on the last day of each agreement year, and a compilation of
each agreement year due on its last day ("årligen, inför ett nytt avtalsår").

The cooperation group's half-year reports follow the half-year reporting periods (see
`reporting.deadlines`), which `periods_generate` makes along the agreement year when chosen.
"""

from datetime import date

from django.urls import reverse_lazy

from partnerships import agreement_year
from partnerships.agreement_year import follows_agreement_year, span_label
from partnerships.deadlines import Deadline
from partnerships.models import Annex, Organisation
from reporting.models import AnnualCompilation, FinancialStatement
from reporting.models.review import HANDED_IN

ANNUAL_DUE = (3, 31)  # a calendar year's compilation: with the annual report, in the spring
DONE = HANDED_IN
STAFF_ONLY = frozenset({-1})


def agreement_year_statements(start, end, scope, titles, organisation_id=None):
    """The financial statements due from `start` to `end` of the bilagor (of `organisation_id`
    only, if given) of the scope's partnerships that follow their agreement year: one per
    bilaga and agreement year (`Annex.statement_years`), due on its last day. Two queries, none
    when no partnership follows its agreement year."""
    following = [p.pk for p in scope.partnerships if follows_agreement_year(p)]
    if not following:
        return []
    # The NGO parties account for the money; the city's own bilaga (Ensamkommande's bilaga 3)
    # has no statement to hand in.
    annexes = Annex.objects.filter(partnership_id__in=following).exclude(
        participation__organisation__kind=Organisation.Kind.PUBLIC
    )
    statements = FinancialStatement.objects.filter(
        annex__partnership_id__in=following, status__in=DONE
    )
    if organisation_id is not None:
        annexes = annexes.filter(participation__organisation_id=organisation_id)
        statements = statements.filter(annex__participation__organisation_id=organisation_id)
    handed_in = set(statements.values_list("annex_id", "year_start"))
    rows = annexes.values_list(
        "pk",
        "number",
        "title",
        "partnership_id",
        "start_date",
        "end_date",
        "participation__organisation_id",
    )
    found = []
    for pk, number, title, partnership_id, first, last, org in rows:
        partnership = scope.by_pk[partnership_id]
        for year_start, year_end in agreement_year.year_spans(partnership, first=first, last=last):
            if start <= year_end <= end:
                found.append(
                    titles.statement_due(
                        pk,
                        number,
                        title,
                        partnership_id,
                        partnership.title,
                        year_end,
                        org,
                        (pk, year_start) in handed_in,
                    )
                )
    return found


def _annual_candidates(start, end, partnership):
    """(year, title's year, due) of each of the partnership's compilations due in the window."""
    if follows_agreement_year(partnership):
        for year, first, last in agreement_year.reporting_years(partnership):
            if start <= last <= end:
                yield year, span_label(first, last), last
        return
    first_year = max(partnership.start_date.year, start.year - 1)
    for year in range(first_year, min(partnership.end_date.year, end.year) + 1):
        due = date(year + 1, *ANNUAL_DUE)
        if start <= due <= end:
            yield year, year, due


def annual_compilations(start, end, scope, titles):
    """The annual compilation of each year a partnership ran (calendar or agreement year), due
    from `start` to `end`; done once the compilation is made. One query."""
    candidates = [
        (partnership, *candidate)
        for partnership in scope.partnerships
        for candidate in _annual_candidates(start, end, partnership)
    ]
    if not candidates:
        return []
    years = {year for _p, year, _label, _due in candidates}
    done = set(
        scope.within(AnnualCompilation.objects.filter(year__in=years)).values_list(
            "partnership_id", "year"
        )
    )
    return [
        Deadline(
            due=due,
            kind="annual_compilation_due",
            **titles.annual(year=label),
            partnership_id=partnership.pk,
            partnership_title=partnership.title,
            organisation_ids=STAFF_ONLY,
            url=reverse_lazy("reporting:partnership", args=[partnership.pk]),
            done=(partnership.pk, year) in done,
        )
        for partnership, year, label, due in candidates
    ]
