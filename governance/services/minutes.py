"""Writes to what a meeting decides and how its minutes are approved: decisions with their
votes and follow-up, the adjuster, approval (justering) and correction. Each function runs in one
transaction and records who and why."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import follow_ups, rules
from governance.models import Decision, Escalation, Minutes, Vote
from governance.services.groups import apply_fields, chair_on
from governance.services.meetings import current_minutes, editable_minutes
from iop.history import save_with_history
from partnerships.models import Participation
from partnerships.services import parties
from partnerships.transitions import transition

# --- Decisions ---------------------------------------------------------------------------


@transaction.atomic
def decision_record(
    *, item, text, type, actor, reason, votes=None, outcome=None, seed_factory=secrets.token_hex
) -> Decision:
    """Record a decision under a §. With `votes` ({member: choice}) the votes are counted by the
    group's rule; without, `outcome` is what the group decided unanimously."""
    meeting = item.meeting
    group = meeting.group
    minutes = editable_minutes(meeting)
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
        apply_fields(
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
    what staff must still do. Staying where it is only writes the note.

    Decided on the row as it is now, under a lock: a copy read before someone else completed
    the follow-up neither takes the step twice nor writes the old status back."""
    fields = {"follow_up_note": note} if note else {}
    row = Decision.objects.select_for_update().get(pk=decision.pk)
    if status != row.follow_up:
        return transition(decision, status, actor=actor, reason=reason, fields=fields)
    if fields:
        save_with_history(apply_fields(row, fields), actor=actor, reason=reason)
    for field in Decision._meta.concrete_fields:
        setattr(decision, field.attname, getattr(row, field.attname))
    return decision


@transaction.atomic
def decision_party_join(*, steering_decision=None, actor, reason, **fields) -> Participation:
    """A party joins (`partnerships.services.parties.party_join`, with `fields`); when it joins by
    a new-party decision of the steering group, that decision's follow-up is marked done."""
    participation = parties.party_join(
        steering_decision=steering_decision, actor=actor, reason=reason, **fields
    )
    if steering_decision is not None:
        decision_follow_up(
            steering_decision,
            status=Decision.FollowUp.DONE,
            note=_("%(org)s inträdde %(day)s.")
            % {"org": participation.organisation, "day": participation.joined_on.isoformat()},
            actor=actor,
            reason=reason,
        )
    return participation


def _approval_on_behalf(actor, member) -> bool:
    """`rules.approval_on_behalf`, refused with a message when it is not the actor's to record."""
    on_behalf = rules.approval_on_behalf(actor, member)
    if on_behalf is None:
        raise ValidationError(_("Bara %(name)s kan justera här.") % {"name": member.name})
    return on_behalf


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
    minutes = editable_minutes(meeting)
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
    minutes = editable_minutes(meeting)
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
