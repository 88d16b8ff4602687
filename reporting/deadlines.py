"""Reporting's deadlines: activity reports, financial statements, the cooperation group's
half-year reports and the annual compilation; and the rows the portal home shares with them."""

from datetime import timedelta

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
)
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy, gettext_noop

from iop.prepared import Param, PreparedQuery
from partnerships import agreement_year
from partnerships.deadlines import Deadline, DeadlineScope, Title
from partnerships.models import Compensation, Participation
from reporting import year_deadlines
from reporting.models import (
    ActivityReport,
    FinancialStatement,
    HalfYearReport,
    ReportingPeriod,
)
from reporting.permissions import visible_reports
from reporting.year_deadlines import DONE

HALF_YEAR_REPORT_DAYS = 60

# The kinds of deadline `deadlines` gives, as Kommande labels them.
KINDS = {
    "report_due": gettext_lazy("Verksamhetsrapport"),
    "financial_statement_due": gettext_lazy("Ekonomisk redovisning"),
    "half_year_report": gettext_lazy("Halvårsrapport"),
    "annual_compilation_due": gettext_lazy("Årlig sammanställning"),
}


def organisation_periods(scope, start, end):
    """The periods of the scope's partnerships that are due from `start` to `end` or have ended by
    `end`, each with the scope organisation's report joined (one at most per period):
    `report_pk` and `report_status` (None without a report), `report_visible` whether the
    viewer may see it, and `is_party` whether the organisation is an NGO party that reports for
    it (a party on some day of the period).
    One query, shared by the portal's "reports to write" and the organisation's deadlines.

    The report is a LEFT JOIN and the permission check one uncorrelated IN (the organisation's
    visible reports): as correlated subqueries, PostgreSQL costed them so high at 10× that it
    compiled the query (JIT, over 100 ms) to run it in 20."""
    organisation_id = scope.organisation_id

    def load():
        visible = visible_reports(
            scope.user, ActivityReport.objects.filter(organisation_id=organisation_id)
        ).values("pk")
        return list(
            scope.within(ReportingPeriod.objects.all())
            .filter(Q(due_date__range=(start, end)) | Q(end__lte=end))
            .select_related("partnership")
            .only("pk", "partnership_id", "kind", "start", "end", "due_date", "partnership__title")
            .annotate(
                mine=FilteredRelation(
                    "activity_reports",
                    condition=Q(activity_reports__organisation_id=organisation_id),
                ),
                report_pk=F("mine__pk"),
                report_status=F("mine__status"),
                report_visible=ExpressionWrapper(
                    Q(mine__pk__in=visible), output_field=BooleanField()
                ),
                # A party on some day of the period reports for it; one that left before
                # the period began has no report to write (reporting.services.periods).
                is_party=Exists(
                    Participation.objects.filter(
                        partnership_id=OuterRef("partnership_id"),
                        organisation_id=organisation_id,
                        organisation__kind="ngo",
                    ).during(OuterRef("start"), OuterRef("end"))
                ),
            )
            .order_by("due_date", "pk")
        )

    return scope.shared(("reporting.periods", start, end), load)


def _organisation_compensations():
    handed_in = FinancialStatement.objects.filter(
        annex_id=OuterRef("annex_id"), year_start=OuterRef("period_start"), status__in=DONE
    )
    return (
        Compensation.objects.filter(annex__participation__organisation_id=Param("organisation"))
        .select_related("annex")
        .only(
            "pk",
            "annex_id",
            "period_start",
            "period_end",
            "amount",
            "annex__number",
            "annex__title",
            "annex__partnership_id",
        )
        .annotate(statement_done=Exists(handed_in))
        .order_by("period_start", "pk")
    )


# Compiled once per process (iop/prepared.py): the same query for every organisation.
ORGANISATION_COMPENSATIONS = PreparedQuery(_organisation_compensations)


def organisation_compensations(scope):
    """Every compensation of the scope organisation's bilagor (a few a year), oldest first,
    with the bilaga's number, title and partnership and `statement_done`: whether the financial
    statement for that agreement year was handed in. One query, shared by the portal's list of
    bilagor and the organisation's financial statement deadlines."""

    def load():
        return ORGANISATION_COMPENSATIONS.list(organisation=scope.organisation_id)

    return scope.shared("reporting.compensations", load)


def deadlines(start, end, scope):
    """Four queries for every party's deadlines (förvaltningen), whatever the number of
    partnerships; two for one organisation's (shared with its portal)."""
    scope = DeadlineScope.of(scope)
    if scope.all_parties:
        return _all_parties_deadlines(start, end, scope)
    return _organisation_deadlines(start, end, scope)


class _Titles:
    """The source's titles and URLs, translated and resolved once per call rather than once for
    each of the thousands of deadlines at 10×."""

    def __init__(self):
        self.report = Title(gettext_noop("Verksamhetsrapport %(period)s"))
        self.half_year = Title(gettext_noop("Samverkansgruppens halvårsrapport %(period)s"))
        self.statement = Title(gettext_noop("Ekonomisk redovisning %(annex)s"))
        self.annex = gettext_noop("Bilaga %(number)s: %(title)s")  # as Annex.__str__
        self.annual = Title(gettext_noop("Årlig sammanställning %(year)s"))
        self.portal = reverse("portal:home")

    def period(self, period_start, period_end):
        # As ReportingPeriod.__str__ (isoformat: the same text, a good deal faster than strftime).
        return f"{period_start.isoformat()} – {period_end.isoformat()}"

    def statement_due(
        self, annex_id, number, title, partnership_id, partnership_title, due, org, done
    ):
        return Deadline(
            due=due,
            kind="financial_statement_due",
            **self.statement(annex=[self.annex, {"number": number, "title": title}]),
            partnership_id=partnership_id,
            partnership_title=partnership_title,
            organisation_ids=frozenset({org}),
            url=reverse_lazy("reporting:annex_statements", args=[annex_id]),
            done=done,
        )


def _organisation_deadlines(start, end, scope):
    """The organisation's own: its reports and its financial statements (the half-year reports
    and annual compilations are förvaltningen's)."""
    titles = _Titles()
    found = []
    organisation_ids = frozenset({scope.organisation_id})
    for period in organisation_periods(scope, start, end):
        if period.is_party and start <= period.due_date <= end:
            found.append(
                Deadline(
                    due=period.due_date,
                    kind="report_due",
                    **titles.report(period=titles.period(period.start, period.end)),
                    partnership_id=period.partnership_id,
                    partnership_title=period.partnership.title,
                    organisation_ids=organisation_ids,
                    url=titles.portal,
                    done=period.report_status in DONE,
                )
            )
    by_pk = scope.by_pk
    for compensation in organisation_compensations(scope):
        annex = compensation.annex
        if (
            start <= compensation.period_end <= end
            and annex.partnership_id in by_pk
            and not agreement_year.follows_agreement_year(by_pk[annex.partnership_id])
        ):
            found.append(
                titles.statement_due(
                    annex.pk,
                    annex.number,
                    annex.title,
                    annex.partnership_id,
                    by_pk[annex.partnership_id].title,
                    compensation.period_end,
                    scope.organisation_id,
                    compensation.statement_done,
                )
            )
    if scope.organisation_id is not None:
        found.extend(
            year_deadlines.agreement_year_statements(
                start, end, scope, titles, organisation_id=scope.organisation_id
            )
        )
    return found


def _all_parties_deadlines(start, end, scope):
    titles = _Titles()
    found = []
    by_pk = scope.by_pk
    # A report from each NGO party for each period due in the window: one row per period and
    # party, with whether that party handed it in.
    report_rows = (
        scope.within(ReportingPeriod.objects.all())
        .filter(
            # In one filter(): the same party on each condition, a party during the period
            # (as `require_party_during`): a former party is not asked for later reports.
            Q(partnership__participations__left_on__isnull=True)
            | Q(partnership__participations__left_on__gte=F("start")),
            due_date__range=(start, end),
            partnership__participations__organisation__kind="ngo",
            partnership__participations__joined_on__lte=F("end"),
        )
        .annotate(
            party=F("partnership__participations__organisation_id"),
            party_name=F("partnership__participations__organisation__name"),
        )
        .annotate(
            done=Exists(
                ActivityReport.objects.filter(
                    period_id=OuterRef("pk"),
                    organisation_id=OuterRef("party"),
                    status__in=DONE,
                    # Said again here so that PostgreSQL looks up only the window's reports
                    # rather than hashing every report handed in (30,000 at 10×).
                    period__due_date__range=(start, end),
                )
            )
        )
        .order_by()
        .values_list(
            "pk", "partnership_id", "start", "end", "due_date", "party", "party_name", "done"
        )
    )
    report_titles = {}
    seen = set()
    for pk, partnership_id, period_start, period_end, due, party, party_name, done in report_rows:
        if partnership_id not in by_pk or (pk, party) in seen:  # new since the scope; twice a party
            continue
        seen.add((pk, party))
        if pk not in report_titles:  # the same for each of the period's parties
            report_titles[pk] = titles.report(period=titles.period(period_start, period_end))
        found.append(
            Deadline(
                due=due,
                kind="report_due",
                **report_titles[pk],
                party_name=party_name,  # staff see one row per party: say whose report it is
                partnership_id=partnership_id,
                partnership_title=by_pk[partnership_id].title,
                organisation_ids=frozenset({party}),
                url=titles.portal,
                done=done,
            )
        )
    # The collaboration group's half-year report, due some days after each half-year period.
    lag = timedelta(days=HALF_YEAR_REPORT_DAYS)
    half_years = (
        scope.within(ReportingPeriod.objects.all())
        .filter(
            kind=ReportingPeriod.Kind.HALF_YEAR,
            end__range=(start - lag, end - lag),
        )
        .annotate(
            sent=Exists(
                HalfYearReport.objects.filter(
                    period_id=OuterRef("pk"), status=HalfYearReport.State.SENT
                )
            )
        )
        .order_by()
        .values_list("partnership_id", "start", "end", "sent")
    )
    staff_only = frozenset({-1})
    for partnership_id, period_start, period_end, sent in half_years:
        if partnership_id not in by_pk:
            continue
        found.append(
            Deadline(
                due=period_end + lag,
                kind="half_year_report",
                **titles.half_year(period=titles.period(period_start, period_end)),
                partnership_id=partnership_id,
                partnership_title=by_pk[partnership_id].title,
                organisation_ids=staff_only,
                url=reverse_lazy("reporting:partnership", args=[partnership_id]),
                done=sent,
            )
        )
    # Financial statement before each new agreement year: due the last day of the year (of
    # each compensation period, or of each agreement year: `year_deadlines`).
    found.extend(year_deadlines.agreement_year_statements(start, end, scope, titles))
    handed_in = FinancialStatement.objects.filter(
        annex_id=OuterRef("annex_id"), year_start=OuterRef("period_start"), status__in=DONE
    )
    compensations = (
        scope.within(Compensation.objects.all(), "annex__partnership_id")
        .filter(period_end__range=(start, end))
        .annotate(done=Exists(handed_in))
        .order_by()
        .values_list(
            "annex_id",
            "annex__number",
            "annex__title",
            "annex__partnership_id",
            "period_end",
            "annex__participation__organisation_id",
            "done",
        )
    )
    for annex_id, number, title, partnership_id, due, org, done in compensations:
        if partnership_id not in by_pk or agreement_year.follows_agreement_year(
            by_pk[partnership_id]
        ):
            continue
        found.append(
            titles.statement_due(
                annex_id, number, title, partnership_id, by_pk[partnership_id].title, due, org, done
            )
        )
    # Annual compilation: for each year a partnership ran, calendar or agreement year.
    found.extend(year_deadlines.annual_compilations(start, end, scope, titles))
    return found
