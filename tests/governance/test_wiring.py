"""Decision types reach the rest of the product (issue 4 "Decision types connect to the rest"):
follow-ups in governance/follow_ups.py and reporting/decisions.py, the steering_decision links and
their pages, and the cooperation group's proposals through the steering group to a joining."""

from datetime import date, time

import pytest
from django.test import Client
from django.urls import reverse

from governance.models import Decision, Escalation
from governance.services.escalations import (
    escalation_raise,
    remediation_assess,
    remediation_request,
    remediation_submit,
)
from governance.services.meetings import agenda_item_add, meeting_schedule
from governance.services.minutes import decision_party_join, decision_record
from partnerships.models import Amendment, LifecycleStep, Notice, Participation, Partnership
from reporting.models import ReportTemplate
from reporting.services.periods import template_create
from tests.governance.factories import GroupFactory

R = "Styrgruppens möte"


def _as(user=None):
    """A client of its own (the conftest clients share one), logged in as `user`."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _decide(meeting, staff, type, text="Beslut"):
    item = agenda_item_add(meeting=meeting, title=text, actor=staff, reason=R)
    decision = decision_record(item=item, text=text, type=type, actor=staff, reason=R)
    decision.refresh_from_db()
    return decision


# --- change_commitments → amendment draft ---------------------------------------------------


def test_change_commitments_starts_amendment_draft(meeting, members, staff, partnership_a):
    decision = _decide(meeting, staff, "change_commitments", "Åtagande 2 ändras")
    amendment = Amendment.objects.get(partnership=partnership_a)
    assert amendment.status == Amendment.Status.DRAFT
    assert amendment.steering_decision == decision
    assert amendment.background == "Åtagande 2 ändras"
    assert decision.follow_up == Decision.FollowUp.DONE
    assert str(amendment) in decision.follow_up_note


def test_rejected_change_commitments_starts_nothing(meeting, members, staff, partnership_a):
    item = agenda_item_add(meeting=meeting, title="x", actor=staff, reason=R)
    decision_record(
        item=item, text="Nej", type="change_commitments", outcome="rejected", actor=staff, reason=R
    )
    assert not Amendment.objects.exists()


def test_amendment_page_links_decision_and_decision_page_lists_amendment(
    meeting, members, staff, rep_b, partnership_a
):
    staff_client, client_b, client = _as(staff), _as(rep_b), _as()
    decision = _decide(meeting, staff, "change_commitments")
    amendment = Amendment.objects.get()
    page = staff_client.get(amendment.get_absolute_url()).content.decode()
    assert f'href="{decision.get_absolute_url()}"' in page
    page = staff_client.get(decision.get_absolute_url()).content.decode()
    assert "Beslutet har startat" in page and f'href="{amendment.get_absolute_url()}"' in page
    assert client_b.get(decision.get_absolute_url()).status_code == 404
    assert client_b.get(amendment.get_absolute_url()).status_code == 403
    assert client.get(decision.get_absolute_url()).status_code == 302


# --- new_party: cooperation group → steering group agenda → decision → joining --------------


@pytest.fixture
def cooperation(group, partnership_a):
    return GroupFactory(
        partnership=partnership_a, kind="cooperation", name="Samverkansgrupp", reports_to=group
    )


def _proposal_decided(cooperation, group, staff, organisation):
    escalation = escalation_raise(
        from_group=cooperation,
        title="Förslag: ny part",
        kind="new_party",
        proposed_organisation=organisation,
        raised_on=date(2024, 3, 1),
        actor=staff,
        reason=R,
    )
    meeting = meeting_schedule(
        group=group,
        date=date(2024, 4, 2),
        start_time=time(10),
        place="Rum 1",
        actor=staff,
        reason=R,
    )
    item = meeting.items.get(escalation=escalation)
    decision = decision_record(
        item=item, text="Föreningen välkomnas", type="new_party", actor=staff, reason=R
    )
    escalation.refresh_from_db()
    decision.refresh_from_db()
    return escalation, decision


def test_proposed_party_flows_to_joining(cooperation, group, members, staff, partnership_a, org_b):
    escalation, decision = _proposal_decided(cooperation, group, staff, org_b)
    assert escalation.status == Escalation.Status.DECIDED and escalation.decision == decision
    # The decision cannot hold the day the party accepts the conditions: staff complete it.
    assert decision.follow_up == Decision.FollowUp.PENDING
    assert "Förening B ska inträda" in decision.follow_up_note
    assert not Participation.objects.filter(organisation=org_b).exists()
    party = decision_party_join(
        partnership=partnership_a,
        organisation=org_b,
        joined_on=date(2024, 5, 1),
        accepted_conditions_on=date(2024, 4, 20),
        steering_decision=decision,
        actor=staff,
        reason="Inträde",
    )
    decision.refresh_from_db()
    assert party.partnership == partnership_a
    assert decision.follow_up == Decision.FollowUp.DONE
    assert "Förening B inträdde 2024-05-01" in decision.follow_up_note
    assert str(decision) in party.history.first().history_change_reason


def test_new_party_without_organisation_asks_staff_to_choose(meeting, members, staff):
    decision = _decide(meeting, staff, "new_party")
    assert decision.follow_up == Decision.FollowUp.PENDING
    assert "anger inte vilken organisation" in decision.follow_up_note


def test_join_views_from_decision(cooperation, group, members, staff, rep_a, partnership_a, org_b):
    staff_client, client_a, client = _as(staff), _as(rep_a), _as()
    escalation, decision = _proposal_decided(cooperation, group, staff, org_b)
    page = staff_client.get(decision.get_absolute_url()).content.decode()
    join = reverse("governance:party_join", args=[partnership_a.pk])
    link = f"{join}?beslut={decision.pk}&amp;organisation={org_b.pk}"
    assert "Slutför inträdet" in page and link in page
    assert "Föreslagen part" in page and "Förening B" in page
    # The group page shows the proposal with the link to its decision.
    page = staff_client.get(reverse("governance:group_detail", args=[group.pk])).content.decode()
    assert f'href="{decision.get_absolute_url()}"' in page
    form = staff_client.get(f"{join}?beslut={decision.pk}&organisation={org_b.pk}")
    assert f'<option value="{decision.pk}" selected>' in form.content.decode()
    assert f'<option value="{org_b.pk}" selected>' in form.content.decode()
    assert client_a.get(join).status_code == 403
    assert client.get(join).status_code == 302
    response = staff_client.post(
        join,
        {
            "organisation": org_b.pk,
            "joined_on": "2024-05-01",
            "accepted_conditions_on": "2024-04-20",
            "steering_decision": decision.pk,
            "reason": "Inträde",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.follow_up == Decision.FollowUp.DONE
    page = staff_client.get(decision.get_absolute_url()).content.decode()
    assert "Slutför inträdet" not in page


# --- termination → lifecycle step -------------------------------------------------------------


def test_termination_gives_notice_of_the_partnership(meeting, members, staff, partnership_a):
    decision = _decide(meeting, staff, "termination", "Partnerskapet sägs upp")
    partnership_a.refresh_from_db()
    assert partnership_a.status == Partnership.Status.TERMINATING
    notice = Notice.objects.get(partnership=partnership_a)
    assert notice.kind == Notice.Kind.PARTNERSHIP and notice.given_on == meeting.date
    assert notice.steering_decision == decision
    step = LifecycleStep.objects.get(partnership=partnership_a, to_status="terminating")
    assert step.steering_decision == decision
    assert decision.follow_up == Decision.FollowUp.DONE


def test_termination_after_rejected_plan_terminates_that_party(
    meeting, members, group, staff, rep_a, org_a, partnership_a
):
    plan = remediation_request(
        group=group,
        organisation=org_a,
        deficiency="Rapporter saknas",
        due_on=date(2024, 3, 1),
        actor=staff,
        reason=R,
    )
    remediation_submit(plan, plan_text="Vi försöker", actor=rep_a, reason=R)
    remediation_assess(plan, accepted=False, assessment="Räcker inte", actor=staff, reason=R)
    decision = _decide(meeting, staff, "termination", "Förening A sägs upp")
    party = Participation.objects.get(partnership=partnership_a, organisation=org_a)
    notice = Notice.objects.get(participation=party)
    assert notice.kind == Notice.Kind.TERMINATION and notice.remedy_deadline == date(2024, 3, 1)
    assert notice.steering_decision == decision
    assert party.left_on == notice.effective_on
    partnership_a.refresh_from_db()
    assert partnership_a.status == Partnership.Status.ACTIVE  # the others go on
    assert decision.follow_up == Decision.FollowUp.DONE


def test_refused_termination_keeps_decision_pending(meeting, members, staff, partnership_a):
    partnership_a.status = Partnership.Status.ENDED
    partnership_a.save()
    decision = _decide(meeting, staff, "termination")
    assert Decision.objects.filter(pk=decision.pk).exists()
    assert decision.follow_up == Decision.FollowUp.PENDING
    assert "kunde inte registreras" in decision.follow_up_note
    assert not Notice.objects.exists()


def test_termination_decided_after_the_end_has_passed_is_not_registered(
    group, members, staff, partnership_a
):
    """Stored as active (the daily command has not yet written the end), but the agreement ran
    out on 31 December: a termination decided in February finds it ended, not active."""
    from tests.governance.factories import MeetingFactory

    meeting = MeetingFactory(group=group, date=date(2025, 2, 13))
    assert partnership_a.status == Partnership.Status.ACTIVE
    decision = _decide(meeting, staff, "termination")
    assert decision.follow_up == Decision.FollowUp.PENDING
    assert "har status avslutad" in decision.follow_up_note
    assert not Notice.objects.exists()
    assert not LifecycleStep.objects.filter(partnership=partnership_a).exists()


def test_partnership_page_links_termination_decision(meeting, members, staff, rep_b, partnership_a):
    staff_client, client_b = _as(staff), _as(rep_b)
    decision = _decide(meeting, staff, "termination")
    url = reverse("partnerships:section", args=[partnership_a.pk, "livscykel"])
    page = staff_client.get(url).content.decode()
    assert f'href="{decision.get_absolute_url()}"' in page
    assert client_b.get(url).status_code == 403


# --- report_contents → report template ----------------------------------------------------------


def test_report_contents_creates_linked_template_version(meeting, members, staff, partnership_a):
    template_create(
        partnership=partnership_a,
        ask_country=True,
        questions=["Hur gick det?"],
        actor=staff,
        reason=R,
    )
    decision = _decide(meeting, staff, "report_contents", "Rapporterna ska innehålla kön")
    template = ReportTemplate.objects.get(partnership=partnership_a, version=2)
    assert template.steering_decision == decision
    assert template.ask_country and template.questions == ["Hur gick det?"]
    assert f"§ {decision.item.number}" in template.decision
    assert decision.follow_up == Decision.FollowUp.DONE


def test_report_template_page_links_decision_and_new_version_keeps_it(
    meeting, members, staff, rep_a, partnership_a
):
    staff_client, client_a = _as(staff), _as(rep_a)
    decision = _decide(meeting, staff, "report_contents")
    url = reverse("reporting:partnership", args=[partnership_a.pk])
    assert f'href="{decision.get_absolute_url()}"' in staff_client.get(url).content.decode()
    template = ReportTemplate.objects.get(partnership=partnership_a)
    create = reverse("reporting:template_create", args=[partnership_a.pk])
    response = staff_client.post(
        create,
        {"decision": template.decision, "require_gender": "on", "reason": "Åldersgrupper"},
    )
    assert response.status_code == 302
    newest = ReportTemplate.objects.get(partnership=partnership_a, version=2)
    assert newest.steering_decision == decision
    assert client_a.post(create, {"reason": "x"}).status_code == 403
