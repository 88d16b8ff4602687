"""The one way to change a status (partnerships.transitions), seen from the models that use it:
a refused step changes nothing and says why in Swedish, a step records who and why and stamps
its moment, pages offer only the steps the object allows, and the admin cannot set a status."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.models import Decision, Meeting, RemediationPlan
from governance.services.escalations import (
    remediation_assess,
    remediation_request,
    remediation_submit,
)
from governance.services.meetings import agenda_item_add, meeting_set_status
from governance.services.minutes import decision_follow_up, decision_record
from partnerships.models import Amendment, Notice, Payment, RepaymentClaim
from partnerships.services.amendments import amendment_create, amendment_submit, amendment_withdraw
from partnerships.services.money import (
    cancel_payments_after,
    payment_mark_paid,
    payment_plan_set,
    payment_stop,
    repayment_claim_create,
)
from partnerships.services.parties import notice_give
from partnerships.transitions import transition
from tests.factories import CompensationFactory, UserFactory
from tests.governance.factories import GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def payments(staff, partnership_a):
    annex = partnership_a.annexes.get()
    CompensationFactory(annex=annex, amount=4000)
    payment_plan_set(annex=annex, rule="quarterly_in_advance", actor=staff, reason="Plan")
    return list(annex.payments.order_by("due_on"))


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def test_refused_step_says_why_in_swedish_and_changes_nothing(staff, payments):
    paid = payment_mark_paid(
        payments[0], paid_on=date(2024, 1, 5), paid_amount=1000, actor=staff, reason="Utbetalt"
    )
    rows_before = Payment.history.filter(id=paid.pk).count()
    with pytest.raises(ValidationError) as excinfo:
        payment_stop(paid, actor=staff, reason="Brister", decision_reference="Beslut 1")
    message = " ".join(excinfo.value.messages)
    assert "Det går inte att gå från ”Utbetald” till ”Stoppad”" in message
    assert "Tillåtna steg: inga." in message
    paid.refresh_from_db()
    assert (paid.status, paid.note, paid.decision_reference) == (Payment.Status.PAID, "", "")
    assert Payment.history.filter(id=paid.pk).count() == rows_before


def test_the_status_is_read_from_the_database_not_from_a_stale_copy(staff, payments):
    """Two people open the same planned payment; one marks it paid. The other's stop, from the
    copy they loaded before, is refused: the step is checked against the row as it is now."""
    stale = Payment.objects.get(pk=payments[0].pk)
    payment_mark_paid(
        payments[0], paid_on=date(2024, 1, 5), paid_amount=1000, actor=staff, reason="Utbetalt"
    )
    with pytest.raises(ValidationError):
        payment_stop(stale, actor=staff, reason="Brister", decision_reference="Beslut 1")
    assert Payment.objects.get(pk=stale.pk).status == Payment.Status.PAID


def test_a_step_records_who_and_why_and_updates_the_callers_object(staff, payments):
    payment = payments[1]
    payment_stop(payment, actor=staff, reason="Brister", decision_reference="Beslut 7")
    assert payment.status == Payment.Status.STOPPED  # the caller's object, not only the row
    latest = Payment.history.filter(id=payment.pk).latest("history_id")
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        Payment.Status.STOPPED,
        staff,
        "Brister",
    )


def test_a_guard_refuses_before_anything_is_written(staff, payments):
    with pytest.raises(ValidationError) as excinfo:
        payment_stop(payments[1], actor=staff, reason="Brister")
    assert "decision_reference" in excinfo.value.error_dict
    assert Payment.objects.get(pk=payments[1].pk).status == Payment.Status.PLANNED


def test_a_repayment_claim_written_off_cannot_be_repaid(staff, staff_client, partnership_a):
    """Staff take a claim's steps from the bilaga's page; a step its status does not allow is
    refused with the mechanism's message and changes nothing."""
    annex = partnership_a.annexes.get()
    claim = repayment_claim_create(
        annex=annex, claimed_on=date(2024, 5, 1), amount=500, actor=staff, reason="Återkrav"
    )
    write_off = reverse("partnerships:repayment_claim_step", args=[claim.pk, "write_off"])
    repay = reverse("partnerships:repayment_claim_step", args=[claim.pk, "repay"])
    page = staff_client.get(annex.get_absolute_url()).content.decode()
    assert f'href="{write_off}"' in page and f'href="{repay}"' in page

    response = staff_client.post(write_off, {"reason": "Avskrivet"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == RepaymentClaim.Status.WRITTEN_OFF
    assert claim.history.first().history_change_reason == "Avskrivet"
    page = staff_client.get(annex.get_absolute_url()).content.decode()
    assert "Avskriven" in page and write_off not in page and repay not in page

    response = staff_client.post(repay, {"reason": "Betalt"})
    assert response.status_code == 200
    assert "från ”Avskriven” till ”Återbetald”" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == RepaymentClaim.Status.WRITTEN_OFF


def test_a_repayment_claims_steps_are_staffs_alone(staff, client_a, partnership_a):
    claim = repayment_claim_create(
        annex=partnership_a.annexes.get(),
        claimed_on=date(2024, 5, 1),
        amount=500,
        actor=staff,
        reason="Återkrav",
    )
    url = reverse("partnerships:repayment_claim_step", args=[claim.pk, "repay"])
    assert client_a.post(url, {"reason": "Betalt"}).status_code in (403, 404)
    claim.refresh_from_db()
    assert claim.status == RepaymentClaim.Status.CLAIMED


def test_an_unknown_step_is_refused(staff, payments):
    with pytest.raises(ValidationError) as excinfo:
        transition(payments[0], "explode", actor=staff, reason="x")
    assert excinfo.value.messages == ["Okänd status: explode."]


def test_steps_set_their_timestamps(staff, rep_a, org_a, partnership_a):
    group = GroupFactory(partnership=partnership_a)
    plan = remediation_request(
        group=group,
        organisation=org_a,
        deficiency="Rapporten saknas",
        due_on=date(2024, 6, 1),
        actor=staff,
        reason="Beslut",
    )
    assert plan.submitted_at is None and plan.assessed_at is None
    remediation_submit(plan, plan_text="Vi rättar", actor=rep_a, reason="Inlämnad")
    plan.refresh_from_db()
    assert plan.status == RemediationPlan.Status.SUBMITTED and plan.submitted_at is not None
    assert plan.submitted_by == rep_a
    remediation_assess(plan, accepted=False, assessment="Otydlig", actor=staff, reason="Underkänd")
    plan.refresh_from_db()
    assert plan.status == RemediationPlan.Status.REJECTED and plan.assessed_at is not None
    assert plan.history.first().history_change_reason == "Underkänd"


def test_a_follow_up_that_was_not_needed_cannot_be_marked_done(staff, partnership_a):
    meeting = MeetingFactory(group=GroupFactory(partnership=partnership_a))
    item = agenda_item_add(
        meeting=meeting, title="Övrigt", description="", actor=staff, reason="Dagordning"
    )
    decision = decision_record(
        item=item, text="Noterat", type=Decision.Type.GENERAL, actor=staff, reason="Beslut"
    )
    assert decision.follow_up == Decision.FollowUp.NONE
    with pytest.raises(ValidationError):
        decision_follow_up(decision, status=Decision.FollowUp.DONE, actor=staff, reason="Klart")
    decision.refresh_from_db()
    assert decision.follow_up == Decision.FollowUp.NONE


def test_pages_offer_only_the_allowed_steps(staff_client, staff, partnership_a, payments):
    payment_mark_paid(
        payments[0], paid_on=date(2024, 1, 5), paid_amount=1000, actor=staff, reason="Utbetalt"
    )
    annex = partnership_a.annexes.get()
    page = staff_client.get(reverse("partnerships:annex_detail", args=[annex.pk])).content.decode()
    assert reverse("partnerships:payment_stop", args=[payments[0].pk]) not in page
    assert reverse("partnerships:payment_paid", args=[payments[0].pk]) not in page
    assert reverse("partnerships:payment_stop", args=[payments[1].pk]) in page

    amendment = amendment_create(
        partnership=partnership_a,
        title="Nytt syfte",
        target=Amendment.Target.PARTNERSHIP,
        changes={"purpose": "Bättre"},
        actor=staff,
        reason="Utkast",
    )
    url = reverse("partnerships:amendment_detail", args=[amendment.pk])
    draft = staff_client.get(url).content.decode()
    assert reverse("partnerships:amendment_submit", args=[amendment.pk]) in draft
    assert reverse("partnerships:amendment_withdraw", args=[amendment.pk]) in draft
    amendment_submit(amendment, actor=staff, reason="Skickad")
    awaiting = staff_client.get(url).content.decode()
    assert reverse("partnerships:amendment_submit", args=[amendment.pk]) not in awaiting
    assert reverse("partnerships:amendment_edit", args=[amendment.pk]) not in awaiting
    assert reverse("partnerships:amendment_withdraw", args=[amendment.pk]) in awaiting
    amendment_withdraw(amendment, actor=staff, reason="För sent")
    withdrawn = staff_client.get(url).content.decode()
    assert reverse("partnerships:amendment_withdraw", args=[amendment.pk]) not in withdrawn


def test_the_meeting_page_offers_a_status_change_only_while_one_is_possible(
    staff_client, staff, partnership_a
):
    meeting = MeetingFactory(group=GroupFactory(partnership=partnership_a))
    status_url = reverse("governance:meeting_status", args=[meeting.pk])
    page = staff_client.get(meeting.get_absolute_url()).content.decode()
    assert status_url in page
    meeting_set_status(meeting, status=Meeting.Status.CANCELLED, actor=staff, reason="x")
    page = staff_client.get(meeting.get_absolute_url()).content.decode()
    assert status_url not in page
    with pytest.raises(ValidationError) as excinfo:
        meeting_set_status(meeting, status=Meeting.Status.HELD, actor=staff, reason="y")
    assert "från ”Inställt” till ”Genomfört”" in excinfo.value.messages[0]


def test_the_admin_shows_a_meetings_status_and_a_decisions_follow_up_read_only(
    admin_client, staff, partnership_a
):
    meeting = MeetingFactory(group=GroupFactory(partnership=partnership_a))
    url = reverse("admin:governance_meeting_change", args=[meeting.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="status"' not in page
    assert "Planerat" in page  # shown, not editable
    response = admin_client.post(
        url,
        {
            "group": meeting.group_id,
            "date": "2024-03-14",
            "start_time": "13:00",
            "end_time": "15:00",
            "place": "Rådhuset",
            "link": "",
            "status": Meeting.Status.HELD,
            "change_reason": "Fel plats",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.place, meeting.status) == ("Rådhuset", Meeting.Status.SCHEDULED)

    item = agenda_item_add(
        meeting=meeting, title="Ny part", description="", actor=staff, reason="Dagordning"
    )
    decision = decision_record(
        item=item, text="Noterat", type=Decision.Type.GENERAL, actor=staff, reason="Beslut"
    )
    page = admin_client.get(
        reverse("admin:governance_decision_change", args=[decision.pk])
    ).content.decode()
    assert 'name="follow_up"' not in page
    assert 'name="text"' in page


def test_every_admin_of_a_model_with_a_lifecycle_shows_its_status_read_only():
    """Every admin of a model with a lifecycle shows its status and stamps read-only."""
    from django.contrib import admin

    for model in (Meeting, Decision, RemediationPlan):
        model_admin = admin.site._registry[model]
        readonly = model_admin.get_readonly_fields(None)
        assert model.lifecycle.field in readonly
    assert {"submitted_at", "assessed_at"} <= set(
        admin.site._registry[RemediationPlan].get_readonly_fields(None)
    )


def test_a_leaving_party_cancels_only_planned_payments(staff, payments):
    """cancel_payments_after goes through the same step: a paid payment stays paid."""
    payment_mark_paid(
        payments[-1], paid_on=date(2025, 1, 5), paid_amount=1000, actor=staff, reason="Utbetalt"
    )
    participation = payments[0].annex.participation
    cancelled = cancel_payments_after(
        participation, payments[0].due_on + timedelta(days=1), actor=staff, reason="Lämnar"
    )
    assert payments[-1].pk not in {p.pk for p in cancelled}
    assert {p.status for p in cancelled} == {Payment.Status.CANCELLED}
    assert Payment.objects.get(pk=payments[-1].pk).status == Payment.Status.PAID


def test_a_party_leaves_once_through_its_lifecycle(staff, staff_client, partnership_a):
    """A notice is a step of the party's lifecycle: it sets why and when it leaves; after it the
    party page offers no notice for it, and no second leaving step is taken."""
    party = partnership_a.participations.get(organisation__name="Förening A")
    page = staff_client.get(reverse("partnerships:detail", args=[partnership_a.pk])).content
    assert f"?part={party.pk}" in page.decode()
    notice_give(
        partnership=partnership_a,
        kind=Notice.Kind.PARTY,
        given_on=date(2024, 3, 1),
        participation=party,
        actor=staff,
        reason="Föreningen säger upp sitt åtagande",
    )
    party.refresh_from_db()
    assert (party.left_on, party.leave_reason) == (date(2024, 7, 1), "notice")
    assert party.history.first().history_change_reason.endswith(
        "Föreningen säger upp sitt åtagande"
    )
    page = staff_client.get(reverse("partnerships:detail", args=[partnership_a.pk])).content
    assert f"?part={party.pk}" not in page.decode()
    with pytest.raises(ValidationError) as excinfo:
        transition(party, "rescind", actor=staff, reason="Hävning")
    assert "”Parten sade upp sitt åtagande”" in excinfo.value.messages[0]
    party.refresh_from_db()
    assert (party.left_on, party.leave_reason) == (date(2024, 7, 1), "notice")
