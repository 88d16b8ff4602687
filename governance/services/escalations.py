"""Writes to escalations (questions a group lifts to the group it reports to) and remediation
plans. Each function runs in one transaction and records who and why."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Decision, Escalation, Meeting, RemediationPlan
from governance.services.meetings import current_minutes, place_escalations
from governance.services.minutes import decision_follow_up
from iop.history import save_with_history
from partnerships.transitions import transition

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
        place_escalations(upcoming, actor=actor, reason=reason)
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
