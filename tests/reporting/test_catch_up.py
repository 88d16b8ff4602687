"""An agreement registered as it stands: the activity reports of the periods due up to a day
recorded as received and accepted in one step, with one reason; later periods untouched; the
stored deadlines no longer show those reports as overdue."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from iop.deadlines import differences
from iop.history import system_user
from partnerships.models import StoredDeadline
from reporting.models import ActivityReport, ReportingPeriod, Status
from reporting.services.catch_up import reports_mark_received_through
from reporting.services.periods import periods_generate
from reporting.services.reports import report_start
from tests.reporting.conftest import make_template

THROUGH = date(2024, 8, 31)  # the first half-year (due in July) but not the second


@pytest.fixture
def periods(partnership_a):
    make_template(partnership_a)
    return periods_generate(
        partnership=partnership_a,
        rule=ReportingPeriod.Kind.HALF_YEAR,
        actor=system_user(),
        reason="Regel",
    )


def test_reports_due_up_to_the_day_become_accepted_with_one_reason(
    partnership_a, periods, staff, org_a
):
    first, second = sorted(periods, key=lambda p: p.start)
    assert first.due_date <= THROUGH < second.due_date

    changed = reports_mark_received_through(
        partnership=partnership_a, through=THROUGH, actor=staff, note="Pappersrapport"
    )

    assert [(r.period_id, r.organisation_id, r.status) for r in changed] == [
        (first.pk, org_a.pk, Status.ACCEPTED)
    ]
    assert not ActivityReport.objects.filter(period=second).exists()
    reasons = set(
        ActivityReport.history.filter(period=first)
        .exclude(status=Status.DRAFT)
        .values_list("history_change_reason", flat=True)
    )
    assert reasons == {
        "Registrerat i efterhand: rapporter mottagna och godkända t.o.m. 2024-08-31. Pappersrapport"
    }
    assert (
        reports_mark_received_through(partnership=partnership_a, through=THROUGH, actor=staff) == []
    )


def test_a_report_already_started_is_taken_on_from_where_it_is(
    partnership_a, periods, staff, org_a, rep_a
):
    first = min(periods, key=lambda p: p.start)
    draft = report_start(period=first, organisation=org_a, actor=rep_a)

    reports_mark_received_through(partnership=partnership_a, through=THROUGH, actor=staff)

    draft.refresh_from_db()
    assert draft.status == Status.ACCEPTED


def test_the_reports_are_no_longer_overdue(partnership_a, periods, staff):
    def overdue():
        rows = StoredDeadline.objects.filter(partnership=partnership_a, kind="report_due")
        return list(rows.overdue(date(2024, 9, 1)).values_list("due", flat=True))

    assert overdue()
    reports_mark_received_through(partnership=partnership_a, through=THROUGH, actor=staff)
    assert overdue() == []
    missing, extra = differences([partnership_a.pk])
    assert not missing and not extra


def test_a_representative_is_refused(partnership_a, periods, rep_a):
    with pytest.raises(PermissionDenied):
        reports_mark_received_through(partnership=partnership_a, through=THROUGH, actor=rep_a)
    assert not ActivityReport.objects.exists()
