"""Reporting on the NGO representative's portal home (composed in iop/pages/portal.py): the
reports to write, the financial statements not yet accepted, and each bilaga's compensations.

`PortalPage` holds what the portal home reads once per request, so that its sections do not ask
again: the organisation, its participations and, as a deadline scope, the partnerships it is a
party to and may see (loaders shared through `page.scope.shared`). A section of another app
(governance) is a `PortalSection`, made with a fixed number of queries.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    BooleanField,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
)

from iop.prepared import InParam, Param, PreparedQuery, Viewer
from partnerships.models import Compensation, Participation
from reporting.models import ActivityReport, FinancialStatement, ReportingPeriod, Status
from reporting.permissions import visible_reports, visible_statements


@dataclass
class PortalSection:
    anchor: str
    title: str
    template: str
    context: dict = field(default_factory=dict)


@dataclass
class PortalPage:
    """Read once per request by the portal home, for its own lists and for every section."""

    organisation: object  # the user's organisation
    participations: list  # its participations, with their partnerships
    scope: object  # a partnerships.deadlines.DeadlineScope for the user
    today: date
    deadline_start: date  # the window of the page's "my upcoming dates"
    deadline_end: date


def _annex_compensations():
    return (
        Compensation.objects.filter(InParam("annex_id", "annexes"))
        .order_by("period_start", "pk")
        .values_list("annex_id", "period_start", "period_end", "amount")
    )


# Compiled once per process (iop/prepared.py).
ANNEX_COMPENSATIONS = PreparedQuery(_annex_compensations)


def attach_compensations(page):
    """Give each bilaga of the page's participations (their `portal_annexes`, the ones the
    user may see) its compensations, oldest first, as `portal_compensations`: (period start,
    period end, amount) each, all the list shows of them. One query."""
    annexes = {
        annex.pk: annex
        for participation in page.participations
        for annex in participation.portal_annexes
    }
    for annex in annexes.values():
        annex.portal_compensations = []
    if annexes:
        for annex_id, start, end, amount in ANNEX_COMPENSATIONS.rows(annexes=list(annexes)):
            annexes[annex_id].portal_compensations.append((start, end, amount))


def _periods_to_write():
    organisation = Param("organisation")
    visible = visible_reports(
        Viewer(), ActivityReport.objects.filter(organisation_id=organisation)
    ).values("pk")
    return (
        ReportingPeriod.objects.filter(
            InParam("partnership_id", "partnerships"), end__lte=Param("end", DateField())
        )
        .select_related("partnership")
        .only("pk", "partnership_id", "kind", "start", "end", "due_date", "partnership__title")
        .annotate(
            mine=FilteredRelation(
                "activity_reports",
                condition=Q(activity_reports__organisation_id=organisation),
            ),
            report_pk=F("mine__pk"),
            report_status=F("mine__status"),
            report_visible=ExpressionWrapper(Q(mine__pk__in=visible), output_field=BooleanField()),
        )
        .filter(
            Exists(
                Participation.objects.filter(
                    partnership_id=OuterRef("partnership_id"), organisation_id=organisation
                ).during(OuterRef("start"), OuterRef("end"))
            )
        )
        .filter(
            Q(report_pk__isnull=True) | ~Q(report_status=Status.ACCEPTED) | Q(report_visible=False)
        )
        .order_by("due_date", "pk")
    )


# Compiled once per process (iop/prepared.py), the reports narrowed as `visible_to` narrows them.
PERIODS_TO_WRITE = PreparedQuery(_periods_to_write)


def reports_to_write(page):
    """The periods ended by the end of the window in which the organisation was a party (on
    some day of the period: a party that left reports for its last period, not for those after
    it left), whose report is not accepted yet (or not one the user may see).

    One query, narrowed in SQL: the organisation's periods over the years are many (80 for
    the busiest), the ones still to write a handful. The report is a LEFT JOIN and the
    permission check one uncorrelated IN, as in `deadlines.organisation_periods`."""
    visible_partnerships = {p.partnership_id for p in page.participations if p.partnership_visible}
    if not visible_partnerships:
        return []
    organisation_id = getattr(page.organisation, "pk", None)
    user = page.scope.user
    periods = PERIODS_TO_WRITE.list(
        **Viewer.values(user),
        partnerships=sorted(visible_partnerships),
        end=page.deadline_end,
    )
    to_write = []
    for period in periods:
        report = None
        if period.report_pk is not None and period.report_visible:
            # The report's id and state, read with its period: all the list shows of it.
            report = ActivityReport(
                pk=period.report_pk,
                status=period.report_status,
                period=period,
                organisation_id=organisation_id,
            )
        to_write.append({"period": period, "report": report})
    return to_write


def _open_statements():
    return (
        visible_statements(Viewer(), FinancialStatement.objects.select_related("annex"))
        .exclude(status=Status.ACCEPTED)
        .only("pk", "annex_id", "year_start", "year_end", "status", "annex__number", "annex__title")
        .order_by("year_start")
    )


# Compiled once per process (iop/prepared.py), narrowed as `visible_to` narrows the statements.
OPEN_STATEMENTS = PreparedQuery(_open_statements)


def open_statements(user):
    """The financial statements the user may see that are not accepted yet."""
    return OPEN_STATEMENTS.list(**Viewer.values(user))
