"""Correcting reporting periods: dates changed and periods removed with a reason while no report
in them is submitted; overlaps refused with a message naming the other period."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from iop.history import system_user
from partnerships.models import StoredDeadline
from reporting.models import ActivityReport, HalfYearReport, ReportingPeriod
from reporting.services.period_changes import period_change, period_remove
from reporting.services.periods import period_add_extra, periods_generate
from reporting.services.reports import report_start, report_submit
from tests.reporting.conftest import valid_raw


def _check_deadlines():
    out = StringIO()
    try:
        call_command("rebuild_deadlines", "--check", stdout=out, stderr=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def _submit(side):
    return report_submit(side.report, raw=valid_raw(side.template), actor=side.user)


def _due_dates(partnership):
    return sorted(
        StoredDeadline.objects.filter(partnership=partnership, kind="report_due").values_list(
            "due", flat=True
        )
    )


# --- Services ------------------------------------------------------------------------------


def test_changed_dates_are_saved_with_the_reason_and_the_deadline_follows(side_a, staff):
    second = side_a.periods[1]  # 2024-07-01 – 2024-12-31, due 2025-01-30
    assert date(2025, 1, 30) in _due_dates(side_a.partnership)
    period_change(
        second,
        start=date(2024, 7, 1),
        end=date(2024, 11, 30),
        due_date=date(2024, 12, 20),
        actor=staff,
        reason="Styrgruppen flyttade rapporten före jul",
    )
    second.refresh_from_db()
    assert (second.end, second.due_date) == (date(2024, 11, 30), date(2024, 12, 20))
    latest = second.history.first()
    assert "Styrgruppen flyttade rapporten före jul" in latest.history_change_reason
    assert latest.history_user == staff
    dues = _due_dates(side_a.partnership)
    assert date(2024, 12, 20) in dues and date(2025, 1, 30) not in dues
    assert _check_deadlines()[0] == 0


def test_a_change_that_overlaps_another_period_is_refused_naming_it(side_a, staff):
    second = side_a.periods[1]
    with pytest.raises(ValidationError) as refused:
        period_change(
            second,
            start=date(2024, 6, 1),
            end=date(2024, 12, 31),
            due_date=date(2025, 1, 30),
            actor=staff,
            reason="Fel",
        )
    assert "2024-01-01 – 2024-06-30" in str(refused.value)
    second.refresh_from_db()
    assert second.start == date(2024, 7, 1)


def test_a_submitted_report_locks_its_period_naming_the_report(side_a, staff):
    _submit(side_a)
    message = side_a.period.change_refusal()
    assert side_a.organisation.name in message and "inskickad" in message
    with pytest.raises(ValidationError, match=side_a.organisation.name):
        period_change(
            side_a.period,
            start=date(2024, 1, 1),
            end=date(2024, 5, 31),
            due_date=date(2024, 6, 30),
            actor=staff,
            reason="Ändring",
        )
    with pytest.raises(ValidationError, match="inskickad"):
        period_remove(side_a.period, actor=staff, reason="Bort")
    assert ReportingPeriod.objects.filter(pk=side_a.period.pk).exists()


def test_removing_a_period_takes_its_drafts_and_deadlines_along(side_a, staff):
    second = side_a.periods[1]
    draft = report_start(period=second, organisation=side_a.organisation, actor=side_a.user)
    assert side_a.user.has_perm("reporting.view_activityreport", draft)
    period_remove(second, actor=staff, reason="Perioden gällde inte enligt beslutet")
    assert not ReportingPeriod.objects.filter(pk=second.pk).exists()
    assert not ActivityReport.objects.filter(pk=draft.pk).exists()
    deleted = ReportingPeriod.history.filter(id=second.pk, history_type="-").get()
    assert "Perioden gällde inte enligt beslutet" in deleted.history_change_reason
    assert deleted.history_user == staff
    assert date(2025, 1, 30) not in _due_dates(side_a.partnership)
    assert _check_deadlines()[0] == 0


def test_a_period_with_feedback_is_not_removed(side_a, staff):
    with pytest.raises(ValidationError, match="synpunkter"):
        period_remove(side_a.period, actor=staff, reason="Bort")
    assert HalfYearReport.objects.filter(period=side_a.period).exists()


def test_given_dates_that_overlap_are_refused_not_dropped(partnership_a):
    actor = system_user()
    periods_generate(
        partnership=partnership_a,
        rule=ReportingPeriod.Kind.GIVEN,
        dates=[(date(2024, 1, 1), date(2024, 3, 31))],
        actor=actor,
        reason="Beslut",
    )
    # The same start as an existing period was skipped without a word before.
    for spans in (
        [(date(2024, 1, 1), date(2024, 3, 31))],
        [(date(2024, 1, 1), date(2024, 2, 29))],
        [(date(2024, 4, 1), date(2024, 6, 30)), (date(2024, 6, 1), date(2024, 9, 30))],
    ):
        with pytest.raises(ValidationError) as refused:
            periods_generate(
                partnership=partnership_a,
                rule=ReportingPeriod.Kind.GIVEN,
                dates=spans,
                actor=actor,
                reason="Beslut",
            )
        assert "överlappar" in str(refused.value.message_dict["dates"])
    # Nothing of a refused list is kept.
    assert partnership_a.reporting_periods.count() == 1


def test_a_rule_run_again_keeps_its_periods_and_refuses_an_overlapping_one(partnership_a):
    actor = system_user()
    first = periods_generate(
        partnership=partnership_a, rule="half_year", actor=actor, reason="Regel"
    )
    assert len(first) == 2
    assert (
        periods_generate(partnership=partnership_a, rule="half_year", actor=actor, reason="Regel")
        == []
    )
    with pytest.raises(ValidationError, match="2024-01-01 – 2024-06-30"):
        periods_generate(partnership=partnership_a, rule="year", actor=actor, reason="Regel")
    assert partnership_a.reporting_periods.count() == 2


def test_an_extra_report_may_cover_days_of_a_regular_period(side_a, staff):
    extra = period_add_extra(
        partnership=side_a.partnership,
        start=date(2024, 3, 1),
        end=date(2024, 3, 31),
        due_date=date(2024, 4, 15),
        actor=staff,
        reason="Uppföljning efter klagomål",
    )
    assert extra.pk


# --- Pages ---------------------------------------------------------------------------------


def test_staff_change_a_period_through_the_page(side_a, staff_client):
    second = side_a.periods[1]
    url = reverse("reporting:period_change", args=[second.pk])
    overview = staff_client.get(reverse("reporting:partnership", args=[side_a.partnership.pk]))
    assert url in overview.content.decode()
    typed = {"start": "2024-07-01", "end": "2024-11-30", "due_date": "2024-12-20"}
    response = staff_client.post(url, typed)
    assert response.context["form"].errors["reason"]
    response = staff_client.post(url, {**typed, "reason": "Rapport före jul"}, follow=True)
    assert "Perioden är ändrad till 2024-07-01 – 2024-11-30" in response.content.decode()
    second.refresh_from_db()
    assert second.due_date == date(2024, 12, 20)


def test_an_overlap_through_the_page_keeps_what_was_typed_and_names_the_other(side_a, staff_client):
    second = side_a.periods[1]
    url = reverse("reporting:period_change", args=[second.pk])
    response = staff_client.post(
        url,
        {"start": "2024-05-01", "end": "2024-12-31", "due_date": "2025-01-30", "reason": "Ny"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "överlappar rapportperioden 2024-01-01 – 2024-06-30" in html
    assert 'value="2024-05-01"' in html and 'value="Ny"' in html
    second.refresh_from_db()
    assert second.start == date(2024, 7, 1)


def test_a_locked_period_says_why_on_its_pages(side_a, staff_client):
    _submit(side_a)
    for name in ("reporting:period_change", "reporting:period_remove"):
        response = staff_client.get(reverse(name, args=[side_a.period.pk]))
        html = response.content.decode()
        assert 'data-testid="refusal"' in html and side_a.organisation.name in html
        assert 'name="reason"' not in html  # nothing to fill in that would only be refused


def test_staff_remove_a_period_through_the_page(side_a, staff_client):
    second = side_a.periods[1]
    url = reverse("reporting:period_remove", args=[second.pk])
    response = staff_client.post(url, {"reason": ""})
    assert response.context["form"].errors["reason"]
    response = staff_client.post(url, {"reason": "Felaktig period"}, follow=True)
    assert "Rapportperioden är borttagen." in response.content.decode()
    assert not ReportingPeriod.objects.filter(pk=second.pk).exists()


@pytest.mark.parametrize("name", ["reporting:period_change", "reporting:period_remove"])
def test_a_representative_can_neither_change_nor_remove_a_period(side_a, client_a, name):
    second = side_a.periods[1]
    url = reverse(name, args=[second.pk])
    assert client_a.get(url).status_code == 403
    response = client_a.post(
        url,
        {"start": "2024-07-01", "end": "2024-08-31", "due_date": "2024-09-30", "reason": "x"},
    )
    assert response.status_code == 403
    second.refresh_from_db()
    assert second.end == date(2024, 12, 31)


def test_given_dates_overlapping_through_the_page_name_the_period(partnership_a, staff_client):
    url = reverse("reporting:periods_generate", args=[partnership_a.pk])
    typed = "2024-01-01 2024-06-30\n2024-06-01 2024-12-31"
    response = staff_client.post(
        url, {"rule": "given", "due_days": "30", "dates": typed, "reason": "Beslut"}
    )
    errors = response.context["form"].errors["dates"]
    assert "överlappar rapportperioden 2024-01-01 – 2024-06-30" in errors[0]
    assert typed in response.content.decode()
    assert not partnership_a.reporting_periods.exists()
