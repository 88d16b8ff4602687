"""Reaching reporting objects: every lookup 404s for what the user may not see.

Representatives see reports, statements and feedback entries their organisation's group holds
object permissions on (granted by the services when the object is created for it); attachments
are reached only through their statement. Staff see everything.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partnerships.models import Partnership
from partnerships.permissions import is_administration, objects_for_user, visible_partnerships
from reporting.models import (
    ActivityReport,
    FeedbackEntry,
    FinancialStatement,
    ReportingPeriod,
    StatementAttachment,
)


def visible_reports(user, queryset=None):
    queryset = queryset if queryset is not None else ActivityReport.objects.all()
    return objects_for_user(user, "reporting.view_activityreport", queryset)


def visible_statements(user, queryset=None):
    queryset = queryset if queryset is not None else FinancialStatement.objects.all()
    return objects_for_user(user, "reporting.view_financialstatement", queryset)


def visible_feedback(user, queryset=None):
    queryset = queryset if queryset is not None else FeedbackEntry.objects.all()
    return objects_for_user(user, "reporting.view_feedbackentry", queryset)


def visible_periods(user, queryset=None):
    queryset = queryset if queryset is not None else ReportingPeriod.objects.all()
    if is_administration(user):
        return queryset
    return queryset.filter(partnership__in=visible_partnerships(user, Partnership.objects.all()))


def get_report_for_user(request, pk):
    queryset = ActivityReport.objects.select_related(
        "organisation", "template", "period__partnership"
    )
    return get_object_or_404(visible_reports(request.user, queryset), pk=pk)


def get_statement_for_user(request, pk):
    queryset = FinancialStatement.objects.select_related(
        "annex__partnership", "annex__participation__organisation"
    )
    return get_object_or_404(visible_statements(request.user, queryset), pk=pk)


def get_attachment_for_user(request, pk):
    attachment = get_object_or_404(StatementAttachment.objects.only("statement_id"), pk=pk)
    statement = get_statement_for_user(request, attachment.statement_id)
    return get_object_or_404(statement.attachments.all(), pk=pk)


def get_own_feedback_for_user(request, pk):
    """An entry the user's organisation registered and may correct; staff read, they do not
    write the organisations' counts (403), anyone else gets 404."""
    if is_administration(request.user):
        raise PermissionDenied
    queryset = FeedbackEntry.objects.select_related("period__partnership", "organisation")
    return get_object_or_404(
        objects_for_user(request.user, "reporting.change_feedbackentry", queryset), pk=pk
    )


def get_period_for_user(request, pk):
    queryset = ReportingPeriod.objects.select_related("partnership")
    return get_object_or_404(visible_periods(request.user, queryset), pk=pk)


def can_write_report(user, report) -> bool:
    """Only the organisation's own representatives write; staff review."""
    return (
        not is_administration(user)
        and user.organisation_id == report.organisation_id
        and report.is_editable
    )


def can_write_statement(user, statement) -> bool:
    return (
        not is_administration(user)
        and user.organisation_id == statement.annex.participation.organisation_id
        and statement.is_editable
    )
