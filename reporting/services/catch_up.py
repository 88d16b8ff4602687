"""An agreement registered as it stands: the activity reports of the periods due up to a day, and
the bilagor's financial statements of the years ended by then, handed in and reviewed outside
the system, recorded as received and accepted in one step with one reason in the history (the
page that offers it is iop/pages/catch_up.py)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from iop.batching import batched
from partnerships.grants import is_administration
from partnerships.models import Organisation, Participation
from partnerships.transitions import transition
from reporting.models import ActivityReport, FinancialStatement, ReportingPeriod, Status
from reporting.services.reports import report_start
from reporting.services.statements import statement_start


def received_through_reason(through, note=""):
    """The one history reason of a catch-up step for reports."""
    reason = _("Registrerat i efterhand: rapporter mottagna och godkända t.o.m. %(day)s") % {
        "day": through.isoformat()
    }
    return f"{reason}. {note}" if note else reason


@transaction.atomic
@batched()  # the partnership's deadlines refreshed once, in this transaction
def reports_mark_received_through(*, partnership, through, actor, note=""):
    """Each NGO party's activity report for every period due up to `through` becomes accepted:
    started if nobody had (against the partnership's report template), then taken through the
    review flow's steps it still lacks (submit, accept). A report already accepted, a period
    due later and a period in which the organisation was not a party are left alone; a second
    run finds nothing. Staff only. Returns the reports it changed."""
    if not is_administration(actor):
        raise PermissionDenied
    reason = received_through_reason(through, note)
    periods = ReportingPeriod.objects.filter(partnership=partnership, due_date__lte=through)
    parties = list(
        Participation.objects.filter(
            partnership=partnership, organisation__kind=Organisation.Kind.NGO
        ).select_related("organisation")
    )
    changed = []
    for period in periods.order_by("start", "pk"):
        for party in parties:
            if not party.was_party_during(period.start, period.end):
                continue
            report = ActivityReport.objects.filter(
                period=period, organisation=party.organisation
            ).first()
            if report is not None and report.status == Status.ACCEPTED:
                continue
            report = report or report_start(
                period=period, organisation=party.organisation, actor=actor, reason=reason
            )
            if report.status != Status.SUBMITTED:
                transition(report, "submit", actor=actor, reason=reason)
            changed.append(transition(report, "accept", actor=actor, reason=reason))
    return changed


def statements_received_reason(through, note=""):
    """The one history reason of a catch-up step for financial statements."""
    reason = _(
        "Registrerat i efterhand: ekonomiska redovisningar mottagna och godkända t.o.m. %(day)s"
    ) % {"day": through.isoformat()}
    return f"{reason}. {note}" if note else reason


@transaction.atomic
@batched()  # the partnership's deadlines refreshed once, in this transaction
def statements_mark_received_through(*, partnership, through, actor, note=""):
    """Each NGO bilaga's financial statement of every year that ended by `through` (a statement
    is due on its year's last day, `Annex.statement_years`) becomes accepted: started if nobody
    had, then taken through the review flow's steps it still lacks (submit, accept). Its figures
    stay as they were (none, if started here): they are in the statement handed in on paper. A
    statement already accepted, a year ending later and a year in which the bilaga's party was
    not a party are left alone; a second run finds nothing. Staff only. Returns the statements
    it changed."""
    if not is_administration(actor):
        raise PermissionDenied
    reason = statements_received_reason(through, note)
    annexes = partnership.annexes.filter(
        participation__organisation__kind=Organisation.Kind.NGO
    ).select_related("participation__organisation", "partnership")
    changed = []
    for annex in annexes.order_by("number", "pk"):
        for year_start, year_end in annex.statement_years():
            if year_end > through or not annex.participation.was_party_during(year_start, year_end):
                continue
            statement = FinancialStatement.objects.filter(
                annex=annex, year_start=year_start
            ).first()
            if statement is not None and statement.status == Status.ACCEPTED:
                continue
            statement = statement or statement_start(
                annex=annex, year_start=year_start, year_end=year_end, actor=actor, reason=reason
            )
            if statement.status != Status.SUBMITTED:
                transition(statement, "submit", actor=actor, reason=reason)
            changed.append(transition(statement, "accept", actor=actor, reason=reason))
    return changed
