"""The steering group terminates a party: as the agreement says, it keeps its compensation for
the notice period and gets no payment after it; the party's row and its bilaga say so."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from partnerships.models import Notice, Participation, Payment
from partnerships.services.money import payment_plan_set, payments_generate
from partnerships.services.parties import notice_give
from tests.factories import CompensationFactory

QUARTERS = [date(2024, 1, 1), date(2024, 4, 1), date(2024, 7, 1), date(2024, 10, 1)]


@pytest.fixture
def party(partnership_a, staff):
    """NGO A, paid quarterly in advance from 2024-01-01; termination notice three months."""
    participation = partnership_a.participations.get(organisation__name="Förening A")
    annex = participation.annexes.get()
    CompensationFactory(annex=annex, amount=Decimal("1200000"))
    payment_plan_set(annex=annex, rule="quarterly_in_advance", actor=staff, reason="Plan")
    return participation


def _terminate(partnership, party, staff, given_on=date(2024, 3, 15)):
    return notice_give(
        partnership=partnership,
        kind=Notice.Kind.TERMINATION,
        participation=party,
        given_on=given_on,
        remedy_deadline=date(2024, 3, 1),
        decision_reference="Styrgruppen 2024-03-15 § 4",
        actor=staff,
        reason="Åtgärdsplanen följdes inte",
    )


def _statuses(party):
    return dict(Payment.objects.filter(annex__participation=party).values_list("due_on", "status"))


def test_termination_cancels_the_payments_after_the_notice_period(partnership_a, party, staff):
    notice = _terminate(partnership_a, party, staff)
    assert notice.effective_on == date(2024, 6, 15)  # three months' notice
    party.refresh_from_db()
    assert (party.left_on, party.leave_reason) == (
        date(2024, 6, 15),
        Participation.LeaveReason.TERMINATED,
    )
    assert _statuses(party) == {
        date(2024, 1, 1): Payment.Status.PLANNED,
        date(2024, 4, 1): Payment.Status.PLANNED,  # within the notice period: kept
        date(2024, 7, 1): Payment.Status.CANCELLED,
        date(2024, 10, 1): Payment.Status.CANCELLED,
    }
    cancelled = Payment.objects.get(annex__participation=party, due_on=date(2024, 7, 1))
    assert cancelled.note == (
        "Inställd: Styrgruppen sade upp parten. Utbetalningar upphör efter 2024-06-15."
    )
    step = cancelled.history.first()
    assert step.history_user == staff
    assert "Åtgärdsplanen följdes inte" in step.history_change_reason


def test_a_party_notice_follows_the_same_rule_with_its_own_notice_period(
    partnership_a, party, staff
):
    notice_give(
        partnership=partnership_a,
        kind=Notice.Kind.PARTY,
        participation=party,
        given_on=date(2024, 3, 15),
        actor=staff,
        reason="Föreningen säger upp sitt åtagande",
    )
    statuses = _statuses(party)
    assert [day for day, s in sorted(statuses.items()) if s == Payment.Status.CANCELLED] == [
        date(2024, 10, 1)  # four months' notice: last day 2024-07-15
    ]


def test_payments_planned_again_after_the_termination_stay_cancelled_after_it(
    partnership_a, party, staff
):
    _terminate(partnership_a, party, staff)
    annex = party.annexes.get()
    Payment.objects.filter(annex=annex).delete()  # a schedule planned anew
    payments_generate(annex=annex, actor=staff, reason="Ny plan")
    assert [d for d, s in sorted(_statuses(party).items()) if s == Payment.Status.CANCELLED] == [
        date(2024, 7, 1),
        date(2024, 10, 1),
    ]
    cancelled = Payment.objects.get(annex=annex, due_on=date(2024, 10, 1))
    assert "Utbetalningar upphör efter 2024-06-15" in cancelled.note
    assert [h.status for h in cancelled.history.order_by("history_id")] == [
        Payment.Status.PLANNED,
        Payment.Status.CANCELLED,
    ]


def test_the_party_row_and_the_bilaga_show_the_payments_stopped(
    partnership_a, party, staff, staff_client
):
    annex_url = reverse("partnerships:annex_detail", args=[party.annexes.get().pk])
    assert 'data-testid="payments-end"' not in staff_client.get(annex_url).content.decode()
    _terminate(partnership_a, party, staff)
    page = staff_client.get(reverse("partnerships:detail", args=[partnership_a.pk]))
    html = page.content.decode()
    assert "Styrgruppen sade upp parten" in html
    assert "Utbetalningar upphör efter 2024-06-15." in html
    bilaga = staff_client.get(annex_url).content.decode()
    box = bilaga.split('data-testid="payments-end"')[1].split("</div>")[0]
    assert "Utbetalningar upphör efter 2024-06-15." in box
    assert "2024-07-01" in box and "2024-10-01" in box and "2024-04-01" not in box


def test_a_representative_cannot_terminate_a_party(partnership_a, party, client_a):
    response = client_a.post(
        reverse("partnerships:notice_create", args=[partnership_a.pk]),
        {
            "kind": "termination",
            "participation": party.pk,
            "given_on": "2024-03-15",
            "remedy_deadline": "2024-03-01",
            "decision_reference": "§ 4",
            "reason": "x",
        },
    )
    assert response.status_code == 403
    party.refresh_from_db()
    assert party.left_on is None
    assert Payment.Status.CANCELLED not in _statuses(party).values()
