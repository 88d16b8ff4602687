"""A service that changes several rows changes all of them or none."""

from decimal import Decimal
from unittest import mock

import pytest

from iop.history import save_with_history
from reporting.models import ActivityReport, ActivityReportVersion, FinancialStatement, Status
from reporting.services.reports import report_save_draft, report_submit
from reporting.services.statements import statement_save_and_submit
from tests.reporting.conftest import valid_raw


class Boom(Exception):
    pass


def test_submit_failing_on_the_version_snapshot_leaves_the_report_a_draft(side_a):
    a = side_a
    report_save_draft(a.report, raw={"q1": "Utkast"}, actor=a.user)
    real_save = save_with_history

    def save(obj, **kwargs):
        if isinstance(obj, ActivityReportVersion):
            raise Boom
        return real_save(obj, **kwargs)

    with mock.patch("reporting.services.reports.save_with_history", side_effect=save):
        with pytest.raises(Boom):
            report_submit(a.report, raw=valid_raw(a.template), actor=a.user)
    report = ActivityReport.objects.get(pk=a.report.pk)
    assert report.status == Status.DRAFT
    assert report.draft == {"q1": "Utkast"}
    assert report.figures == {} and report.submitted_at is None
    assert not ActivityReportVersion.objects.exists()


def test_save_and_submit_of_a_statement_is_both_or_neither(side_a):
    a = side_a
    with mock.patch("reporting.services.statements.statement_submit", side_effect=Boom):
        with pytest.raises(Boom):
            statement_save_and_submit(
                a.statement,
                actuals={str(a.budget_line.pk): "1000"},
                own_money="10",
                volunteer_hours="2",
                comment="Klart",
                actor=a.user,
            )
    statement = FinancialStatement.objects.get(pk=a.statement.pk)
    assert statement.total_spent != Decimal("1000")
    assert statement.comment != "Klart"
    assert statement.status == Status.DRAFT
