"""Reaching reporting objects: every lookup 404s for what the user may not see.

Which rows a user sees is each model's `visible_to(user)`: representatives see the reports,
statements and feedback entries their organisation's group holds object permissions on
(granted by the services when the object is created for it), a statement's attachments with
the statement and a bilaga's budget lines with the bilaga, also when other organisations are
parties to the same partnership. Staff see everything.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from partnerships.grants import is_administration, objects_for_user
from partnerships.models import Participation, Partnership
from reporting.models import (
    ActivityReport,
    BudgetLine,
    FeedbackEntry,
    FinancialStatement,
    ReportingPeriod,
    StatementAttachment,
)


def visible_reports(user, queryset=None):
    queryset = queryset if queryset is not None else ActivityReport.objects.all()
    return queryset.visible_to(user)


def visible_statements(user, queryset=None):
    queryset = queryset if queryset is not None else FinancialStatement.objects.all()
    return queryset.visible_to(user)


def visible_feedback(user, queryset=None):
    queryset = queryset if queryset is not None else FeedbackEntry.objects.all()
    return queryset.visible_to(user)


def visible_periods(user, queryset=None):
    """A period is the partnership's, shared with all its parties."""
    queryset = queryset if queryset is not None else ReportingPeriod.objects.all()
    if is_administration(user):
        return queryset
    return queryset.filter(partnership__in=Partnership.objects.visible_to(user))


def periods_reported_by(organisation_id, queryset):
    """The periods in which the organisation was a party (`Participation.objects.during`): those
    it may start a report or register feedback for."""
    return queryset.filter(
        Exists(
            Participation.objects.filter(
                partnership_id=OuterRef("partnership_id"), organisation_id=organisation_id
            ).during(OuterRef("start"), OuterRef("end"))
        )
    )


def get_report_for_user(request, pk):
    queryset = ActivityReport.objects.select_related(
        "organisation", "template", "period__partnership"
    )
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


def get_statement_for_user(request, pk):
    queryset = FinancialStatement.objects.select_related(
        "annex__partnership", "annex__participation__organisation"
    )
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


def get_attachment_for_user(request, pk):
    return get_object_or_404(StatementAttachment.objects.visible_to(request.user), pk=pk)


def get_budget_line_for_user(request, pk):
    queryset = BudgetLine.objects.select_related(
        "annex__partnership", "annex__participation__organisation"
    )
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


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
