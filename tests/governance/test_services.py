from datetime import date, time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from governance import follow_ups
from governance.deadlines import governance_deadlines, group_next_meeting_due
from governance.models import (
    ChairDraw,
    Decision,
    Escalation,
    Group,
    Meeting,
    Minutes,
    RemediationPlan,
)
from governance.services.escalations import (
    escalation_raise,
    remediation_assess,
    remediation_request,
    remediation_submit,
)
from governance.services.groups import (
    chair_appoint,
    chair_draw,
    chair_on,
    chair_rotate,
    group_update,
    member_add,
    rotation_next,
    rotation_set,
)
from governance.services.meetings import (
    agenda_item_add,
    attendance_record,
    item_minutes_update,
    meeting_schedule,
    meeting_send_notice,
    meeting_set_status,
)
from governance.services.minutes import (
    decision_record,
    minutes_approve,
    minutes_correct,
    minutes_set_adjuster,
)
from iop.pages.history import timeline
from partnerships.transitions import transition
from tests.governance.factories import GroupFactory, MeetingFactory, MemberFactory

R = "test"


def _held(meeting, staff):
    meeting_set_status(meeting, status=Meeting.Status.HELD, actor=staff, reason=R)


# --- Chair -------------------------------------------------------------------------------


def test_lottery_is_recorded_and_verifiable(group, members, staff):
    draw = chair_draw(group=group, term_start=date(2024, 4, 1), actor=staff, reason=R)
    draw.refresh_from_db()
    assert [c["name"] for c in draw.candidates] == ["Hanna Handläggare", "Enhetschef", "Anna A"]
    assert len(draw.seed) == 32 and draw.method == "sha256-mod-n"
    assert draw.run_by == staff
    assert draw.verify()
    # The same record gives the same chair, every time.
    ids = [c["id"] for c in draw.candidates]
    assert ids[ChairDraw.compute_index(draw.seed, ids)] == draw.result_id
    term = draw.term
    assert term.member == draw.result
    assert (term.start, term.end) == (date(2024, 4, 1), date(2024, 6, 30))
    assert chair_on(group, date(2024, 5, 1)) == draw.result


def test_a_tampered_draw_fails_to_verify(group, members, staff):
    draw = chair_draw(group=group, term_start=date(2024, 4, 1), actor=staff, reason=R, seed="fixed")
    assert draw.verify()
    tampered_seed = ChairDraw.objects.get(pk=draw.pk)
    tampered_seed.seed = "another"
    other_index = ChairDraw.compute_index("another", [c["id"] for c in draw.candidates])
    assert tampered_seed.verify() == (other_index == draw.result_index)
    reordered = ChairDraw.objects.get(pk=draw.pk)
    reordered.candidates = list(reversed(draw.candidates))
    assert not reordered.verify()
    other_winner = ChairDraw.objects.get(pk=draw.pk)
    other_winner.result = next(m for m in members.values() if m != draw.result)
    assert not other_winner.verify()


def test_lottery_excludes_adjuncts_and_former_members(group, members, adjunct, staff, city):
    MemberFactory(group=group, organisation=city, name="Gammal", to_date=date(2024, 2, 1))
    draw = chair_draw(group=group, term_start=date(2024, 4, 1), actor=staff, reason=R)
    names = {c["name"] for c in draw.candidates}
    assert "Uppsökarteamet" not in names and "Gammal" not in names


def test_rotation_order_gives_the_next_chair(group, members, staff):
    order = [members["ngo"], members["chair"], members["city"]]
    rotation_set(group=group, members=order, actor=staff, reason=R)
    # The chair of the first term is Hanna; after her comes Enhetschef, then Anna A.
    assert rotation_next(group) == members["city"]
    term = chair_rotate(group=group, term_start=date(2024, 4, 1), actor=staff, reason=R)
    assert term.member == members["city"] and term.how_chosen == "rotation"
    assert rotation_next(group) == members["ngo"]


def test_chair_terms_cannot_overlap(group, members, staff):
    with pytest.raises(ValidationError):
        chair_appoint(
            group=group, member=members["ngo"], start=date(2024, 2, 1), actor=staff, reason=R
        )


def test_seat_rules_are_enforced(group, members, org_a, staff):
    with pytest.raises(ValidationError) as error:
        member_add(
            group=group,
            name="Två",
            organisation=org_a,
            from_date=date(2024, 1, 1),
            actor=staff,
            reason=R,
        )
    assert "organisation" in error.value.error_dict
    # An adjunct has no vote and takes no seat.
    member_add(
        group=group,
        name="Adj",
        organisation=org_a,
        role="adjunct",
        from_date=date(2024, 1, 1),
        actor=staff,
        reason=R,
    )


# --- Agenda and minutes ------------------------------------------------------------------


def test_paragraph_numbers_run_per_group_and_year(group, members, staff, partnership_b):
    first = MeetingFactory(group=group, date=date(2024, 3, 1))
    second = MeetingFactory(group=group, date=date(2024, 4, 1))
    next_year = MeetingFactory(group=group, date=date(2025, 1, 15))
    other_group = MeetingFactory(
        group=GroupFactory(partnership=partnership_b), date=date(2024, 4, 1)
    )

    def add(meeting, title):
        return agenda_item_add(meeting=meeting, title=title, actor=staff, reason=R).number

    assert [add(first, "a"), add(first, "b")] == [1, 2]
    assert [add(second, "c"), add(second, "d")] == [3, 4]
    assert add(first, "e") == 5  # a late item keeps the running number of the year
    assert add(next_year, "f") == 1
    assert add(other_group, "g") == 1


def test_approved_minutes_are_locked_and_corrections_are_new_versions(meeting, members, staff):
    item = agenda_item_add(meeting=meeting, title="Budget", actor=staff, reason=R)
    item_minutes_update(item, minutes_text="Första lydelsen", actor=staff, reason=R)
    _held(meeting, staff)
    minutes_set_adjuster(meeting=meeting, adjuster=members["ngo"], actor=staff, reason=R)
    minutes = minutes_approve(meeting=meeting, role="chair", actor=staff, reason=R)
    assert minutes.status == Minutes.Status.DRAFT  # the adjuster has not approved yet
    minutes = minutes_approve(meeting=meeting, role="adjuster", actor=members["ngo"].user, reason=R)
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.snapshot["items"][0]["minutes_text"] == "Första lydelsen"

    with pytest.raises(ValidationError, match="låst"):
        item_minutes_update(item, minutes_text="Ändrad", actor=staff, reason=R)
    with pytest.raises(ValidationError, match="låst"):
        agenda_item_add(meeting=meeting, title="Sen punkt", actor=staff, reason=R)
    with pytest.raises(ValidationError, match="låst"):
        decision_record(item=item, text="x", type="general", actor=staff, reason=R)
    with pytest.raises(ValidationError, match="låst"):
        attendance_record(meeting=meeting, present=[], actor=staff, reason=R)
    item.refresh_from_db()
    assert item.minutes_text == "Första lydelsen"

    correction = minutes_correct(meeting=meeting, actor=staff, reason="Fel belopp")
    assert correction.version == 2 and correction.status == Minutes.Status.DRAFT
    item_minutes_update(item, minutes_text="Rättad lydelse", actor=staff, reason=R)
    old = meeting.minutes_versions.get(version=1)
    assert old.status == Minutes.Status.SUPERSEDED
    assert old.snapshot["items"][0]["minutes_text"] == "Första lydelsen"


def test_only_the_chair_and_the_adjuster_approve_for_themselves(
    meeting, members, staff, rep_a, rep_b
):
    item = agenda_item_add(meeting=meeting, title="x", actor=staff, reason=R)
    item_minutes_update(item, minutes_text="t", actor=staff, reason=R)
    _held(meeting, staff)
    minutes_set_adjuster(meeting=meeting, adjuster=members["ngo"], actor=staff, reason=R)
    with pytest.raises(ValidationError):
        minutes_approve(meeting=meeting, role="chair", actor=rep_a, reason=R)
    with pytest.raises(ValidationError):
        minutes_approve(meeting=meeting, role="adjuster", actor=rep_b, reason=R)
    # Staff cannot approve for an adjuster who has an account of their own.
    with pytest.raises(ValidationError, match="Bara Anna A kan justera"):
        minutes_approve(meeting=meeting, role="adjuster", actor=staff, reason=R)
    assert meeting.minutes_versions.get().adjuster_approved_at is None
    minutes_approve(meeting=meeting, role="adjuster", actor=rep_a, reason=R)
    minutes = meeting.minutes_versions.get()
    assert minutes.adjuster_approved_at is not None and minutes.adjuster_recorded_by is None


def test_staff_record_an_approval_for_a_member_without_account_with_a_reason(
    meeting, members, staff
):
    item = agenda_item_add(meeting=meeting, title="x", actor=staff, reason=R)
    item_minutes_update(item, minutes_text="t", actor=staff, reason=R)
    _held(meeting, staff)
    minutes_set_adjuster(meeting=meeting, adjuster=members["city"], actor=staff, reason=R)
    with pytest.raises(ValidationError, match="Skriv varför"):
        minutes_approve(meeting=meeting, role="adjuster", actor=staff, reason=" ")
    minutes = minutes_approve(
        meeting=meeting, role="adjuster", actor=staff, reason="Justerat på papper 2024-03-20"
    )
    assert minutes.adjuster_recorded_by == staff
    assert minutes.adjuster_recorded_reason == "Justerat på papper 2024-03-20"
    assert minutes.history.first().history_change_reason == "Justerat på papper 2024-03-20"


def test_chair_cannot_be_adjuster(meeting, members, staff):
    with pytest.raises(ValidationError):
        minutes_set_adjuster(meeting=meeting, adjuster=members["chair"], actor=staff, reason=R)


# --- Decisions ---------------------------------------------------------------------------


def _present(meeting, staff, members):
    attendance_record(meeting=meeting, present=members, actor=staff, reason=R)


def test_decision_with_votes_counts_majority(meeting, members, staff):
    item = agenda_item_add(meeting=meeting, title="x", actor=staff, reason=R)
    _present(meeting, staff, members.values())
    decision = decision_record(
        item=item,
        text="Bifall",
        type="general",
        actor=staff,
        reason=R,
        votes={members["chair"]: "for", members["city"]: "for", members["ngo"]: "against"},
    )
    assert decision.outcome == "adopted"
    assert (decision.votes_for, decision.votes_against) == (2, 1)
    assert decision.votes.count() == 3


def test_tie_follows_the_groups_rule(meeting, group, members, staff):
    item = agenda_item_add(meeting=meeting, title="x", actor=staff, reason=R)
    _present(meeting, staff, members.values())
    votes = {members["chair"]: "against", members["city"]: "for", members["ngo"]: "abstain"}
    decision = decision_record(
        item=item, text="a", type="general", actor=staff, reason=R, votes=votes
    )
    assert decision.tie and decision.outcome == "tie"
    group.tie_rule = Group.TieRule.CHAIR_CASTING_VOTE
    group.save()
    decision = decision_record(
        item=item, text="b", type="general", actor=staff, reason=R, votes=votes
    )
    assert decision.tie and decision.outcome == "rejected"
    assert decision.tie_resolution == "chair_casting_vote"


def test_adjuncts_absent_members_and_quorum(meeting, group, members, adjunct, staff):
    item = agenda_item_add(meeting=meeting, title="x", actor=staff, reason=R)
    _present(meeting, staff, [members["chair"], members["city"], adjunct])
    with pytest.raises(ValidationError, match="rösträtt"):
        decision_record(
            item=item, text="a", type="general", actor=staff, reason=R, votes={adjunct: "for"}
        )
    with pytest.raises(ValidationError, match="närvarande"):
        decision_record(
            item=item,
            text="a",
            type="general",
            actor=staff,
            reason=R,
            votes={members["ngo"]: "for"},
        )
    group.quorum = 3
    group.save()
    with pytest.raises(ValidationError, match="beslutsför"):
        decision_record(
            item=item,
            text="a",
            type="general",
            actor=staff,
            reason=R,
            votes={members["chair"]: "for"},
        )


def test_decision_types_call_hooks_and_mark_follow_up(meeting, members, staff, monkeypatch):
    # Without a follow-up (the lifecycle's own are tested in tests/governance/test_wiring.py)
    # the decision's follow-up stays pending.
    monkeypatch.delitem(follow_ups.FOLLOW_UPS, "change_commitments")
    item = agenda_item_add(meeting=meeting, title="x", actor=staff, reason=R)
    decision = decision_record(
        item=item, text="Ändra åtagande 2", type="change_commitments", actor=staff, reason=R
    )
    assert decision.follow_up == Decision.FollowUp.PENDING
    seen = []

    def hook(decision, *, actor, reason):
        seen.append(decision.pk)
        return True

    monkeypatch.setitem(follow_ups.FOLLOW_UPS, "termination", hook)
    decision = decision_record(item=item, text="Säg upp", type="termination", actor=staff, reason=R)
    assert seen == [decision.pk]
    assert decision.follow_up == Decision.FollowUp.DONE


# --- Escalations and remediation plans ---------------------------------------------------


def test_escalation_flow_raised_on_agenda_decided(group, members, staff, partnership_a):
    cooperation = GroupFactory(partnership=partnership_a, kind="cooperation", reports_to=group)
    escalation = escalation_raise(
        from_group=cooperation,
        title="Ny part: Förening C",
        kind="new_party",
        raised_on=date(2024, 3, 1),
        actor=staff,
        reason=R,
    )
    assert escalation.status == Escalation.Status.RAISED
    meeting = meeting_schedule(
        group=group,
        date=date(2024, 4, 2),
        start_time=time(10),
        place="Rum 1",
        actor=staff,
        reason=R,
    )
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.ON_AGENDA
    item = meeting.items.get()
    assert item.escalation == escalation and item.title == "Ny part: Förening C"
    decision = decision_record(
        item=item, text="Förening C välkomnas", type="new_party", actor=staff, reason=R
    )
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.DECIDED and escalation.decision == decision
    with pytest.raises(ValidationError, match="Beslutad"):
        transition(escalation, Escalation.Status.RAISED, actor=staff, reason=R)


def test_cancelled_meeting_returns_escalation_to_raised(group, members, staff, partnership_a):
    cooperation = GroupFactory(partnership=partnership_a, kind="cooperation", reports_to=group)
    meeting = meeting_schedule(
        group=group, date=date(2024, 4, 2), start_time=time(10), place="Rum", actor=staff, reason=R
    )
    escalation = escalation_raise(
        from_group=cooperation, title="Fråga", raised_on=date(2024, 3, 1), actor=staff, reason=R
    )
    escalation.refresh_from_db()
    # The meeting is in the past relative to today, so the question waits for the next one.
    assert escalation.status == Escalation.Status.RAISED
    meeting_set_status(meeting, status="cancelled", actor=staff, reason=R)
    with pytest.raises(ValidationError):
        meeting_set_status(meeting, status="held", actor=staff, reason=R)


def test_remediation_plan_request_submit_assess(group, members, staff, rep_a, rep_b, org_a):
    plan = remediation_request(
        group=group,
        organisation=org_a,
        deficiency="Rapporter saknas",
        due_on=date(2024, 5, 1),
        actor=staff,
        reason=R,
    )
    with pytest.raises(ValidationError):
        remediation_submit(plan, plan_text="x", actor=rep_b, reason=R)
    with pytest.raises(ValidationError):
        remediation_assess(plan, accepted=True, assessment="x", actor=staff, reason=R)
    remediation_submit(plan, plan_text="Vi lämnar in", actor=rep_a, reason=R)
    assert plan.status == RemediationPlan.Status.SUBMITTED and plan.submitted_by == rep_a
    remediation_assess(plan, accepted=False, assessment="Otydlig", actor=staff, reason=R)
    remediation_submit(plan, plan_text="Tydligare", actor=rep_a, reason=R)
    remediation_assess(plan, accepted=True, assessment="Bra", actor=staff, reason=R)
    assert plan.status == RemediationPlan.Status.ACCEPTED
    assert plan.history.count() == 5


# --- Notice and deadlines ----------------------------------------------------------------


def test_notice_is_mailed_with_agenda_and_ics(
    future_meeting, members, staff, django_capture_on_commit_callbacks
):
    agenda_item_add(meeting=future_meeting, title="Budget 2025", actor=staff, reason=R)
    with django_capture_on_commit_callbacks(execute=True):  # sent by the queue on commit
        recipients = meeting_send_notice(meeting=future_meeting, actor=staff, reason=R)
    assert len(recipients) == 3
    message = mail.outbox[0]
    assert "Budget 2025" in message.body
    name, body, mimetype = message.attachments[0]
    assert name == "kallelse.ics" and mimetype.startswith("text/calendar")
    text = body if isinstance(body, str) else body.decode()
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Stockholm" in text
    assert "DTSTART;TZID=Europe/Stockholm:" in text
    future_meeting.refresh_from_db()
    assert future_meeting.notice_sent_at is not None


@pytest.mark.parametrize(
    ("name", "shown"),
    [('Styrgrupp "A & B"', 'Styrgrupp "A & B"'), ("Styrgrupp\r\nA <b>", "Styrgrupp A <b>")],
)
def test_notice_subject_is_the_group_name_as_typed_on_one_line(
    future_meeting, members, staff, name, shown, django_capture_on_commit_callbacks
):
    """A subject is plain text: no HTML escaping, and a line break in the group's name neither
    breaks the header nor stops the notice."""
    group_update(future_meeting.group, name=name, actor=staff, reason=R)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_send_notice(meeting=future_meeting, actor=staff, reason=R)
    message = mail.outbox[0]
    assert message.subject == f"Kallelse: {shown} {future_meeting.date:%Y-%m-%d}"
    assert message.message()["Subject"]  # the header Django builds accepts it
    assert "&amp;" not in message.body and "&lt;" not in message.body


def test_only_the_chair_or_staff_send_the_notice(future_meeting, members, rep_a):
    with pytest.raises(ValidationError, match="ordföranden"):
        meeting_send_notice(meeting=future_meeting, actor=rep_a, reason=R)


def test_cadence_and_deadlines(group, members, staff, partnership_a, monkeypatch):
    group.established_on = date(2024, 1, 1)
    group.save()
    MeetingFactory(group=group, date=date(2024, 2, 10), status="held")
    MeetingFactory(group=group, date=date(2024, 3, 20), status="cancelled")
    status = group_next_meeting_due(group, today=date(2024, 4, 1))
    assert status.due == date(2024, 3, 10)
    assert status.is_overdue(date(2024, 4, 1))
    # Late by its cadence: what Kommande shows as overdue on 1 April (the meeting due by
    # 10 March, not held), from the same source the product reads, with the day it was due.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *_a, **_k: date(2024, 4, 1))
    late = list(governance_deadlines(date(2024, 1, 1), date(2024, 12, 31), [partnership_a]))
    assert {"meeting_due", "chair_term_end"} <= {d.kind for d in late}
    overdue = [d for d in late if d.kind == "meeting_due" and d.is_overdue(date(2024, 4, 1))]
    assert [(d.due, str(d.title)) for d in overdue] == [
        (
            date(2024, 3, 10),
            f"{group.name} är försenad med sitt möte (skulle ha mötts senast 2024-03-10)",
        )
    ]


def _still_running(*partnerships):
    """The factories' partnerships end on 2024-12-31, long over by today's date, and the groups
    of a partnership that is over owe no meeting: these run on (the save refreshes the stored
    deadlines)."""
    for partnership in partnerships:
        partnership.end_date = date(2099, 12, 31)
        partnership.save()


def test_deadline_source_query_count(
    django_assert_num_queries, group, members, staff, partnership_a, partnership_b
):
    """Three queries once the partnerships are read (shared with the other sources): the groups
    with their meetings and ending chair terms, who sits in them, and the remediation plans."""
    from partnerships.deadlines import DeadlineScope
    from partnerships.models import Partnership

    _still_running(partnership_a, partnership_b)

    def count_with(queries):
        scope = DeadlineScope(Partnership.objects.all())
        assert scope.partnerships
        with django_assert_num_queries(queries):
            return list(governance_deadlines(date(2024, 1, 1), date(2024, 12, 31), scope))

    few = count_with(3)
    for partnership in (partnership_a, partnership_b):
        for _i in range(3):
            more = GroupFactory(partnership=partnership, established_on=date(2024, 1, 1))
            member = MemberFactory(group=more, name="Ordförande")
            chair_appoint(group=more, member=member, start=date(2024, 1, 1), actor=staff, reason=R)
    remediation_request(
        group=group,
        organisation=members["ngo"].organisation,
        deficiency="Brist",
        due_on=date(2024, 5, 1),
        actor=staff,
        reason=R,
    )
    many = count_with(3)
    assert len(many) > len(few)
    assert {"meeting_due", "chair_term_end", "remediation_plan_due"} <= {d.kind for d in many}


def test_deadlines_reach_the_shared_dashboard_and_the_right_organisation(
    group, members, staff, rep_a, rep_b, org_a, partnership_a
):
    from iop.deadlines import deadlines_between

    _still_running(partnership_a)
    plan = remediation_request(
        group=group,
        organisation=org_a,
        deficiency="Brist",
        due_on=date(2024, 5, 1),
        actor=staff,
        reason=R,
    )
    staff_view = deadlines_between(date(2024, 1, 1), date(2024, 12, 31), user=staff)
    assert {"meeting_due", "chair_term_end", "remediation_plan_due"} <= {d.kind for d in staff_view}
    mine = deadlines_between(date(2024, 1, 1), date(2024, 12, 31), user=rep_a)
    assert any(d.url == plan.get_absolute_url() for d in mine)
    assert not deadlines_between(date(2024, 1, 1), date(2024, 12, 31), user=rep_b)


def test_a_party_outside_the_group_gets_none_of_its_meeting_or_chair_deadlines(
    group, members, staff, partnership_a
):
    """NGO C is a party of partnership A but sits in none of its groups: the group's page is
    not found for its representative, and its calendar shows nothing of the group either."""
    from iop.deadlines import deadlines_between
    from tests.factories import OrganisationFactory, ParticipationFactory, RepresentativeFactory

    org_c = OrganisationFactory(name="Förening C")
    ParticipationFactory(partnership=partnership_a, organisation=org_c)
    rep_c = RepresentativeFactory(username="rep_c", organisation=org_c)
    _still_running(partnership_a)
    group.established_on = date(2024, 1, 1)
    group.save()
    window = (date(2024, 1, 1), date(2024, 12, 31))
    member_kinds = {d.kind for d in deadlines_between(*window, user=members["ngo"].user)}
    assert {"meeting_due", "chair_term_end"} <= member_kinds
    outsider = deadlines_between(*window, user=rep_c)
    assert not [d for d in outsider if d.kind in {"meeting_due", "chair_term_end"}]


def test_group_changes_show_in_the_partnership_history(group, members, staff, partnership_a):
    group_update(group, quorum=2, actor=staff, reason="Beslutsförhet enligt § 4")
    reasons = [entry.reason for entry in timeline(partnership_a).page(None, per_page=50)]
    assert "Beslutsförhet enligt § 4" in reasons
