"""Writes to governance: groups, members, chairs, meetings, minutes, decisions, escalations and
remediation plans. Each function runs in one transaction and records who and why."""

import secrets

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import follow_ups, rules
from governance.models import (
    AgendaItem,
    Attendance,
    ChairDraw,
    ChairTerm,
    Decision,
    Escalation,
    Group,
    GroupMember,
    Meeting,
    Minutes,
    RemediationPlan,
    RotationOrder,
    Vote,
)
from governance.notices import send_notice
from iop.concurrency import UNCHECKED, save_checked
from iop.history import delete_with_history, save_with_history
from partnerships.transitions import transition


def _apply(obj, fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


def _approval_on_behalf(actor, member) -> bool:
    """`rules.approval_on_behalf`, refused with a message when it is not the actor's to record."""
    on_behalf = rules.approval_on_behalf(actor, member)
    if on_behalf is None:
        raise ValidationError(_("Bara %(name)s kan justera här.") % {"name": member.name})
    return on_behalf


# --- Groups and members ------------------------------------------------------------------


@transaction.atomic
def group_create(*, partnership, actor, reason, **fields) -> Group:
    return save_with_history(Group(partnership=partnership, **fields), actor=actor, reason=reason)


@transaction.atomic
def group_update(group, *, actor, reason, **fields) -> Group:
    return save_with_history(_apply(group, fields), actor=actor, reason=reason)


@transaction.atomic
def member_add(*, group, actor, reason, **fields) -> GroupMember:
    return save_with_history(GroupMember(group=group, **fields), actor=actor, reason=reason)


@transaction.atomic
def member_update(member, *, actor, reason, **fields) -> GroupMember:
    return save_with_history(_apply(member, fields), actor=actor, reason=reason)


# --- The chair ---------------------------------------------------------------------------


def chair_on(group, day):
    """The member who chairs `group` on `day`: the chair term covering it, else a member with
    the role chair."""
    for term in group.chair_terms.select_related("member"):
        if term.covers(day):
            return term.member
    return group.members.current(day).filter(role=GroupMember.Role.CHAIR).first()


def _term_end(group, start, field="term_start"):
    """The last day of a chair term starting on `start`. A start so far ahead that the term
    would end after year 9999 is refused next to `field` (it was a server error)."""
    if not group.chair_term_months:
        return None
    try:
        return start + relativedelta(months=group.chair_term_months) - relativedelta(days=1)
    except (ValueError, OverflowError):
        raise ValidationError(
            {field: _("Mandatperioden skulle sluta efter år 9999. Välj ett tidigare datum.")}
        ) from None


def chair_candidates(group, term_start):
    """Voting members current on the term's first day, in a fixed order (by id)."""
    return list(group.members.current(term_start).voting().order_by("pk"))


@transaction.atomic
def chair_draw(*, group, term_start, actor, reason, seed=None) -> ChairDraw:
    """Draw the chair by lot and record the draw (see ChairDraw for the method)."""
    candidates = chair_candidates(group, term_start)
    if not candidates:
        raise ValidationError(
            {"term_start": _("Det finns inga röstberättigade ledamöter att lotta mellan.")}
        )
    end = _term_end(group, term_start)
    seed = seed or secrets.token_hex(16)
    ids = [member.pk for member in candidates]
    index = ChairDraw.compute_index(seed, ids)
    draw = save_with_history(
        ChairDraw(
            group=group,
            term_start=term_start,
            candidates=[{"id": m.pk, "name": m.name} for m in candidates],
            seed=seed,
            method=ChairDraw.METHOD,
            result_index=index,
            result=candidates[index],
            run_by=actor,
            run_at=timezone.now(),
        ),
        actor=actor,
        reason=reason,
    )
    save_with_history(
        ChairTerm(
            group=group,
            member=candidates[index],
            start=term_start,
            end=end,
            how_chosen=ChairTerm.HowChosen.LOTTERY,
            draw=draw,
        ),
        actor=actor,
        reason=reason,
    )
    return draw


@transaction.atomic
def rotation_set(*, group, members, actor, reason):
    """Record the rotation order: `members` in the order they take the chair."""
    for existing in list(group.rotation.all()):
        delete_with_history(existing, actor=actor, reason=reason)
    for position, member in enumerate(members, start=1):
        if member.group_id != group.pk:
            raise ValidationError(_("Bara gruppens ledamöter kan ingå i turordningen."))
        save_with_history(
            RotationOrder(group=group, member=member, position=position), actor=actor, reason=reason
        )


def rotation_next(group):
    """The member whose turn it is after the latest chair term."""
    order = list(group.rotation.order_by("position").values_list("member_id", flat=True))
    last = group.chair_terms.order_by("-start").first()
    member_id = rules.next_in_rotation(order, last.member_id if last else None)
    return GroupMember.objects.get(pk=member_id) if member_id else None


@transaction.atomic
def chair_rotate(*, group, term_start, actor, reason) -> ChairTerm:
    member = rotation_next(group)
    if member is None:
        raise ValidationError({"term_start": _("Gruppen har ingen turordning registrerad.")})
    return save_with_history(
        ChairTerm(
            group=group,
            member=member,
            start=term_start,
            end=_term_end(group, term_start),
            how_chosen=ChairTerm.HowChosen.ROTATION,
        ),
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def chair_appoint(*, group, member, start, end=None, actor, reason) -> ChairTerm:
    return save_with_history(
        ChairTerm(
            group=group,
            member=member,
            start=start,
            end=end or _term_end(group, start, field="start"),
            how_chosen=ChairTerm.HowChosen.APPOINTED,
        ),
        actor=actor,
        reason=reason,
    )


# --- Meetings and agenda -----------------------------------------------------------------


def _lock_group(group):
    """Serialise § numbering per group (a row lock on PostgreSQL; SQLite locks the database)."""
    Group.objects.select_for_update().filter(pk=group.pk).first()


def _place_escalations(meeting, *, actor, reason):
    for escalation in Escalation.objects.filter(
        to_group=meeting.group, status=Escalation.Status.RAISED
    ).order_by("raised_on", "pk"):
        _add_item(
            meeting,
            title=escalation.title,
            description=escalation.description,
            proposed_by=None,
            escalation=escalation,
            actor=actor,
            reason=reason,
        )
        transition(escalation, Escalation.Status.ON_AGENDA, actor=actor, reason=reason)


@transaction.atomic
def meeting_schedule(*, group, actor, reason, **fields) -> Meeting:
    meeting = save_with_history(Meeting(group=group, **fields), actor=actor, reason=reason)
    _place_escalations(meeting, actor=actor, reason=reason)
    return meeting


@transaction.atomic
def meeting_update(meeting, *, actor, reason, **fields) -> Meeting:
    if not meeting.is_editable:
        raise ValidationError(_("Bara ett planerat möte kan ändras."))
    return save_with_history(_apply(meeting, fields), actor=actor, reason=reason)


@transaction.atomic
def meeting_set_status(meeting, *, status, actor, reason) -> Meeting:
    transition(meeting, status, actor=actor, reason=reason)
    if status == Meeting.Status.CANCELLED:
        # Questions from the cooperation group wait for the steering group's next meeting.
        for item in meeting.items.filter(escalation__status=Escalation.Status.ON_AGENDA):
            transition(item.escalation, Escalation.Status.RAISED, actor=actor, reason=reason)
            item.escalation = None
            save_with_history(item, actor=actor, reason=reason)
    return meeting


def current_minutes(meeting):
    return meeting.minutes_versions.order_by("-version").first()


def _editable_minutes(meeting):
    """The draft minutes of the meeting (created on first use); refuses approved minutes."""
    minutes = current_minutes(meeting)
    if minutes is None:
        return Minutes(meeting=meeting, version=1)
    if minutes.is_locked:
        raise ValidationError(
            _("Protokollet är justerat och låst. Gör en rättelse för att ändra det.")
        )
    return minutes


def _add_item(meeting, *, title, description, proposed_by, escalation, actor, reason):
    _lock_group(meeting.group)
    year = meeting.date.year
    last = AgendaItem.objects.filter(group=meeting.group, year=year).aggregate(n=Max("number"))
    return save_with_history(
        AgendaItem(
            meeting=meeting,
            group=meeting.group,
            year=year,
            number=(last["n"] or 0) + 1,
            title=title,
            description=description,
            proposed_by=proposed_by,
            escalation=escalation,
        ),
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def agenda_item_add(*, meeting, title, description="", actor, reason) -> AgendaItem:
    """Add a § to the meeting's agenda; the number runs per group and calendar year."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Mötet är inställt."))
    _editable_minutes(meeting)
    return _add_item(
        meeting,
        title=title,
        description=description,
        proposed_by=actor,
        escalation=None,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def item_minutes_update(item, *, minutes_text, actor, reason, version=UNCHECKED) -> AgendaItem:
    """The minutes text of one §; refused (nothing written) if someone else saved this § after
    `version` was read."""
    minutes = _editable_minutes(item.meeting)
    item.minutes_text = minutes_text
    if minutes.pk is None:
        save_with_history(minutes, actor=actor, reason=reason)
    return save_checked(item, version=version, actor=actor, reason=reason)


@transaction.atomic
def attendance_record(*, meeting, present, actor, reason):
    """Record who of the group's members were present (`present`: members); the rest absent."""
    _editable_minutes(meeting)
    present_ids = {member.pk for member in present}
    existing = {a.member_id: a for a in meeting.attendance.all()}
    for member in meeting.group.members.current(meeting.date):
        row = existing.get(member.pk) or Attendance(meeting=meeting, member=member)
        is_present = member.pk in present_ids
        if row.pk is None or row.present != is_present:
            row.present = is_present
            save_with_history(row, actor=actor, reason=reason)


# --- Decisions ---------------------------------------------------------------------------


@transaction.atomic
def decision_record(
    *, item, text, type, actor, reason, votes=None, outcome=None, seed_factory=secrets.token_hex
) -> Decision:
    """Record a decision under a §. With `votes` ({member: choice}) the votes are counted by the
    group's rule; without, `outcome` is what the group decided unanimously."""
    meeting = item.meeting
    group = meeting.group
    minutes = _editable_minutes(meeting)
    if minutes.pk is None:
        save_with_history(minutes, actor=actor, reason=reason)
    decision = Decision(item=item, text=text, type=type)
    if votes:
        voters = {m.pk: m for m in group.members.current(meeting.date).voting()}
        attendance = {a.member_id: a.present for a in meeting.attendance.all()}
        for member in votes:
            if member.pk not in voters:
                raise ValidationError(
                    _("%(name)s har inte rösträtt i gruppen.") % {"name": member.name}
                )
            if attendance and not attendance.get(member.pk):
                raise ValidationError(
                    _("%(name)s är inte antecknad som närvarande.") % {"name": member.name}
                )
        if group.quorum:
            present_voters = sum(1 for pk, here in attendance.items() if here and pk in voters)
            if present_voters < group.quorum:
                raise ValidationError(
                    _(
                        "Gruppen är inte beslutsför: %(n)d av minst %(q)d röstberättigade är närvarande."
                    )
                    % {"n": present_voters, "q": group.quorum}
                )
        chair = chair_on(group, meeting.date)
        result = rules.count_votes(
            votes.values(),
            tie_rule=group.tie_rule,
            chair_choice=votes.get(chair) if chair else None,
            seed_factory=seed_factory,
        )
        _apply(
            decision,
            {
                "votes_counted": True,
                "votes_for": result.votes_for,
                "votes_against": result.votes_against,
                "votes_abstain": result.votes_abstain,
                "outcome": result.outcome,
                "tie": result.tie,
                "tie_resolution": result.tie_resolution,
                "lot_seed": result.lot_seed,
            },
        )
    else:
        decision.outcome = outcome or Decision.Outcome.ADOPTED
    needs_follow_up = type != Decision.Type.GENERAL and decision.outcome == Decision.Outcome.ADOPTED
    decision.follow_up = Decision.FollowUp.PENDING if needs_follow_up else Decision.FollowUp.NONE
    save_with_history(decision, actor=actor, reason=reason)
    for member, choice in (votes or {}).items():
        save_with_history(
            Vote(decision=decision, member=member, choice=choice), actor=actor, reason=reason
        )
    if item.escalation_id and item.escalation.status == Escalation.Status.ON_AGENDA:
        transition(
            item.escalation,
            "decide",
            actor=actor,
            reason=reason,
            fields={"decision": decision},
        )
    if needs_follow_up:
        # A follow-up leaves its note (what it started, or what staff must still do) on the
        # decision; the step saves it on the locked row.
        if follow_ups.start_follow_up(decision, actor=actor, reason=reason):
            decision_follow_up(
                decision,
                status=Decision.FollowUp.DONE,
                note=decision.follow_up_note,
                actor=actor,
                reason=reason,
            )
        elif decision.follow_up_note:  # what staff must do to complete it
            decision_follow_up(
                decision,
                status=Decision.FollowUp.PENDING,
                note=decision.follow_up_note,
                actor=actor,
                reason=reason,
            )
    return decision


@transaction.atomic
def decision_follow_up(decision, *, status, note="", actor, reason) -> Decision:
    """Move the follow-up to `status` (pending → done), with `note` saying what was done or
    what staff must still do. Staying where it is only writes the note."""
    fields = {"follow_up_note": note} if note else {}
    if status == decision.follow_up:
        for name, value in fields.items():
            setattr(decision, name, value)
        return save_with_history(decision, actor=actor, reason=reason)
    return transition(decision, status, actor=actor, reason=reason, fields=fields)


# --- Minutes -----------------------------------------------------------------------------


def _snapshot(meeting):
    items = meeting.items.prefetch_related("decisions").order_by("number")
    return {
        "items": [
            {
                "number": item.number,
                "title": item.title,
                "minutes_text": item.minutes_text,
                "decisions": [
                    {
                        "text": d.text,
                        "outcome": d.outcome,
                        "for": d.votes_for,
                        "against": d.votes_against,
                        "abstain": d.votes_abstain,
                    }
                    for d in item.decisions.all()
                ],
            }
            for item in items
        ],
        "present": sorted(
            a.member.name for a in meeting.attendance.select_related("member") if a.present
        ),
    }


@transaction.atomic
def minutes_set_adjuster(*, meeting, adjuster, actor, reason) -> Minutes:
    minutes = _editable_minutes(meeting)
    if adjuster.group_id != meeting.group_id:
        raise ValidationError({"adjuster": _("Justeraren måste vara ledamot i gruppen.")})
    chair = chair_on(meeting.group, meeting.date)
    if chair and chair.pk == adjuster.pk:
        raise ValidationError({"adjuster": _("Ordföranden kan inte också vara justerare.")})
    minutes.adjuster = adjuster
    minutes.chair = minutes.chair or chair
    return save_with_history(minutes, actor=actor, reason=reason)


@transaction.atomic
def minutes_approve(*, meeting, role, actor, reason) -> Minutes:
    """Record the chair's or the adjuster's approval (justering); with both, the minutes are
    approved and locked.

    The person approves themself. For a member with no account of their own, staff may record
    the approval on their behalf; `reason` must then say why (e.g. approved on paper), and it is
    kept with the approval together with who recorded it."""
    minutes = _editable_minutes(meeting)
    if minutes.pk is None:
        raise ValidationError(_("Det finns inget protokoll att justera ännu."))
    if not meeting.minutes_can_be_approved:
        raise ValidationError(_("Bara protokollet från ett genomfört möte kan justeras."))
    minutes.chair = minutes.chair or chair_on(meeting.group, meeting.date)
    if role == "chair":
        if minutes.chair is None:
            raise ValidationError(_("Gruppen har ingen ordförande för mötets datum."))
        person = minutes.chair
    else:
        if minutes.adjuster is None:
            raise ValidationError(_("Välj en justerare först."))
        person = minutes.adjuster
    on_behalf = _approval_on_behalf(actor, person)
    if on_behalf and not reason.strip():
        raise ValidationError(
            {"reason": _("Skriv varför du registrerar justeringen åt någon annan.")}
        )
    approval = {
        "chair": minutes.chair,
        f"{role}_approved_at": timezone.now(),
        f"{role}_recorded_by": actor if on_behalf else None,
        f"{role}_recorded_reason": reason if on_behalf else "",
    }
    for name, value in approval.items():
        setattr(minutes, name, value)
    if minutes.chair_approved_at and minutes.adjuster_approved_at:
        return transition(
            minutes,
            "approve",
            actor=actor,
            reason=reason,
            fields={**approval, "snapshot": _snapshot(meeting)},
        )
    return save_with_history(minutes, actor=actor, reason=reason)


@transaction.atomic
def minutes_correct(*, meeting, actor, reason) -> Minutes:
    """Open approved minutes for a correction: the approved version is kept (superseded) and a
    new draft version must be approved again."""
    minutes = current_minutes(meeting)
    if minutes is None or minutes.status != Minutes.Status.APPROVED:
        raise ValidationError(_("Bara ett justerat protokoll kan rättas."))
    transition(minutes, Minutes.Status.SUPERSEDED, actor=actor, reason=reason)
    return save_with_history(
        Minutes(
            meeting=meeting,
            version=minutes.version + 1,
            chair=minutes.chair,
            adjuster=minutes.adjuster,
            correction_reason=reason,
        ),
        actor=actor,
        reason=reason,
    )


# --- Escalations and remediation plans ---------------------------------------------------


@transaction.atomic
def escalation_raise(*, from_group, actor, reason, **fields) -> Escalation:
    to_group = from_group.reports_to
    if to_group is None:
        raise ValidationError(_("Gruppen har ingen grupp att lyfta frågor till."))
    escalation = save_with_history(
        Escalation(from_group=from_group, to_group=to_group, **fields), actor=actor, reason=reason
    )
    upcoming = (
        to_group.meetings.filter(status=Meeting.Status.SCHEDULED, date__gte=timezone.localdate())
        .order_by("date", "start_time")
        .first()
    )
    if upcoming is not None and not (
        current_minutes(upcoming) and current_minutes(upcoming).is_locked
    ):
        _place_escalations(upcoming, actor=actor, reason=reason)
    return escalation


@transaction.atomic
def remediation_request(*, group, organisation, deficiency, due_on, actor, reason, decision=None):
    plan = save_with_history(
        RemediationPlan(
            group=group,
            organisation=organisation,
            deficiency=deficiency,
            due_on=due_on,
            decision=decision,
        ),
        actor=actor,
        reason=reason,
    )
    if decision is not None and decision.follow_up == Decision.FollowUp.PENDING:
        decision_follow_up(decision, status=Decision.FollowUp.DONE, actor=actor, reason=reason)
    return plan


@transaction.atomic
def remediation_submit(plan, *, plan_text, actor, reason) -> RemediationPlan:
    if actor.organisation_id != plan.organisation_id or actor.is_administration:
        raise ValidationError(_("Bara partens egen företrädare kan lämna in åtgärdsplanen."))
    return transition(
        plan,
        "submit",
        actor=actor,
        reason=reason,
        fields={"plan_text": plan_text, "submitted_by": actor},
    )


@transaction.atomic
def remediation_assess(plan, *, accepted, assessment, actor, reason) -> RemediationPlan:
    return transition(
        plan,
        "accept" if accepted else "reject",
        actor=actor,
        reason=reason,
        fields={"assessment": assessment},
    )


@transaction.atomic
def meeting_send_notice(*, meeting, actor, reason) -> list:
    """E-mail the notice to every current member; the chair (or staff for the chair) sends it."""
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError(_("Kallelse kan bara skickas till ett planerat möte."))
    chair = chair_on(meeting.group, meeting.date)
    if not (actor.is_administration or (chair and chair.user_id == actor.pk)):
        raise ValidationError(_("Det är ordföranden som skickar kallelsen."))
    members = list(meeting.group.members.current(meeting.date))
    if not any(m.email for m in members):
        raise ValidationError(_("Ingen ledamot har en e-postadress."))
    items = list(meeting.items.order_by("number"))
    recipients = send_notice(meeting, items, members, chair)
    meeting.notice_sent_at = timezone.now()
    save_with_history(meeting, actor=actor, reason=reason)
    return recipients
