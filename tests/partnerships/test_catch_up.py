"""An agreement registered as it stands: payments due up to a day recorded as paid, and the
groups' planned meetings up to that day as held, in one step each with one reason in the
history; the stored deadlines no longer show them as overdue."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from governance.models import Meeting
from governance.services.meetings import meetings_mark_held_through
from iop.deadlines import differences
from partnerships.models import Payment, StoredDeadline
from partnerships.services.money import (
    payment_plan_set,
    payment_stop,
    payments_mark_paid_through,
)
from tests.factories import (
    AnnexFactory,
    CompensationFactory,
    ParticipationFactory,
    PartnershipFactory,
)
from tests.governance.factories import GroupFactory, MeetingFactory

THROUGH = date(2019, 3, 31)


@pytest.fixture
def running(staff, city, org_a):
    """An agreement that started in 2018, paid quarterly in advance up to 2021: 16 payments."""
    partnership = PartnershipFactory(
        title="Avtal sedan 2018", start_date=date(2018, 1, 1), end_date=date(2021, 12, 31)
    )
    ParticipationFactory(partnership=partnership, organisation=city)
    party = ParticipationFactory(partnership=partnership, organisation=org_a)
    annex = AnnexFactory(partnership=partnership, participation=party)
    CompensationFactory(
        annex=annex,
        period_start=date(2018, 1, 1),
        period_end=date(2021, 12, 31),
        amount=Decimal(160000),
    )
    payment_plan_set(annex=annex, rule="quarterly_in_advance", actor=staff, reason="Plan")
    return partnership


def _paid(partnership):
    return list(
        Payment.objects.filter(annex__partnership=partnership, status=Payment.Status.PAID)
        .order_by("due_on")
        .values_list("due_on", flat=True)
    )


def test_payments_up_to_the_day_become_paid_and_later_ones_stay_planned(running, staff):
    paid = payments_mark_paid_through(partnership=running, through=THROUGH, actor=staff)

    assert [p.due_on for p in paid] == [
        date(2018, 1, 1),
        date(2018, 4, 1),
        date(2018, 7, 1),
        date(2018, 10, 1),
        date(2019, 1, 1),
    ]
    assert _paid(running) == [p.due_on for p in paid]
    first = Payment.objects.get(annex__partnership=running, due_on=date(2018, 1, 1))
    assert (first.paid_on, first.paid_amount) == (date(2018, 1, 1), first.amount)
    later = Payment.objects.filter(annex__partnership=running, due_on__gt=THROUGH)
    assert later.count() == 11
    assert set(later.values_list("status", flat=True)) == {Payment.Status.PLANNED}


def test_each_payment_has_a_history_row_with_who_and_the_one_reason(running, staff):
    payments_mark_paid_through(
        partnership=running, through=THROUGH, actor=staff, note="Enligt ekonomisystemet"
    )

    rows = Payment.history.filter(annex__partnership=running, status=Payment.Status.PAID)
    assert rows.count() == 5
    assert {row.history_change_reason for row in rows} == {
        "Registrerat i efterhand: utbetalt enligt avtal t.o.m. 2019-03-31. Enligt ekonomisystemet"
    }
    assert {row.history_user_id for row in rows} == {staff.pk}


def test_a_second_run_changes_nothing(running, staff):
    payments_mark_paid_through(partnership=running, through=THROUGH, actor=staff)
    history = Payment.history.count()

    assert payments_mark_paid_through(partnership=running, through=THROUGH, actor=staff) == []
    assert Payment.history.count() == history


def test_stopped_payments_stay_stopped(running, staff):
    stopped = Payment.objects.filter(annex__partnership=running).order_by("due_on").first()
    payment_stop(stopped, actor=staff, reason="Stopp", decision_reference="SN 2018/1")

    payments_mark_paid_through(partnership=running, through=THROUGH, actor=staff)

    stopped.refresh_from_db()
    assert stopped.status == Payment.Status.STOPPED
    assert len(_paid(running)) == 4


def test_a_representative_is_refused_and_nothing_is_paid(running, rep_a):
    with pytest.raises(PermissionDenied):
        payments_mark_paid_through(partnership=running, through=THROUGH, actor=rep_a)
    with pytest.raises(PermissionDenied):
        meetings_mark_held_through(partnership=running, through=THROUGH, actor=rep_a)
    assert _paid(running) == []


def test_paid_payments_are_no_longer_overdue_in_the_stored_deadlines(running, staff):
    def overdue_payments():
        rows = StoredDeadline.objects.filter(partnership=running, kind="payment_due")
        return sorted(rows.overdue(timezone.localdate()).values_list("due", flat=True))

    assert date(2018, 1, 1) in overdue_payments()

    payments_mark_paid_through(partnership=running, through=THROUGH, actor=staff)

    assert [d for d in overdue_payments() if d <= THROUGH] == []
    assert date(2019, 4, 1) in overdue_payments()
    missing, extra = differences([running.pk])
    assert not missing and not extra


def test_planned_meetings_up_to_the_day_become_held_with_one_reason(running, staff):
    group = GroupFactory(partnership=running)
    past = [MeetingFactory(group=group, date=date(2018, m, 10)) for m in (2, 5, 9)]
    later = MeetingFactory(group=group, date=date(2019, 6, 10))
    cancelled = MeetingFactory(group=group, date=date(2018, 12, 10), status="cancelled")

    held = meetings_mark_held_through(partnership=running, through=THROUGH, actor=staff)

    assert [m.pk for m in held] == [m.pk for m in past]
    statuses = dict(Meeting.objects.values_list("pk", "status"))
    assert {statuses[m.pk] for m in past} == {Meeting.Status.HELD}
    assert statuses[later.pk] == Meeting.Status.SCHEDULED
    assert statuses[cancelled.pk] == Meeting.Status.CANCELLED
    reasons = set(
        Meeting.history.filter(status=Meeting.Status.HELD).values_list(
            "history_change_reason", flat=True
        )
    )
    assert reasons == {"Registrerat i efterhand: möten genomförda t.o.m. 2019-03-31"}
    assert meetings_mark_held_through(partnership=running, through=THROUGH, actor=staff) == []


# --- The page --------------------------------------------------------------------------------


def _url(partnership):
    return reverse("partnerships:catch_up", args=[partnership.pk])


def test_staff_record_payments_and_meetings_in_one_post(running, staff_client):
    group = GroupFactory(partnership=running)
    MeetingFactory(group=group, date=date(2018, 3, 1), start_time=time(10))

    response = staff_client.post(
        _url(running), {"through": "2019-03-31", "payments": "on", "meetings": "on"}, follow=True
    )

    assert response.status_code == 200
    assert (
        "5 utbetalningar markerade som utbetalda, 1 möten som genomförda"
        in response.content.decode()
    )
    assert len(_paid(running)) == 5
    assert Meeting.objects.get(group=group).status == Meeting.Status.HELD


def test_the_economy_tab_offers_the_page(running, staff_client):
    page = staff_client.get(reverse("partnerships:section", args=[running.pk, "ekonomi"]))
    assert _url(running) in page.content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/3 2019", "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ("2019-02-30", "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ("", "Ange datumet som läget gäller."),
    ],
)
def test_a_bad_date_is_refused_in_swedish_and_the_form_keeps_what_was_typed(
    running, staff_client, typed, message
):
    response = staff_client.post(
        _url(running), {"through": typed, "payments": "on", "reason": "Från pärmen"}
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'value="Från pärmen"' in body
    if typed:
        assert f'value="{typed}"' in body
    assert _paid(running) == []


def test_a_day_after_today_is_refused(running, staff_client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = staff_client.post(_url(running), {"through": tomorrow.isoformat(), "payments": "on"})
    assert "Datumet kan inte ligga efter i dag" in response.content.decode()
    assert _paid(running) == []


def test_nothing_chosen_is_refused(running, staff_client):
    response = staff_client.post(_url(running), {"through": "2019-03-31"})
    assert "Välj vad som ska registreras." in response.content.decode()


def test_a_representative_of_a_party_gets_403(running, client_a):
    assert client_a.get(_url(running)).status_code == 403
    assert (
        client_a.post(_url(running), {"through": "2019-03-31", "payments": "on"}).status_code == 403
    )
    assert _paid(running) == []
