"""The partnership's lifecycle: the steps are declared on `Partnership.lifecycle`; this module
takes them through the one mechanism (partnerships.transitions) and records each as a
LifecycleStep (who, when, why, the decision behind it).

utkast → förhandling → beslutad → undertecknad → aktiv → under uppsägning → avslutad, and hävd.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iop.history import save_with_history
from partnerships import transitions
from partnerships.models import LifecycleStep, Partnership

S = Partnership.Status

# Derived from the declaration, for the form and the panel that list the steps by their status.
TRANSITIONS = {status: Partnership.lifecycle.targets(status) for status in S}
ACTION_LABELS = {step.to: step.label for step in Partnership.lifecycle.transitions}


def allowed_transitions(partnership):
    return Partnership.lifecycle.targets(partnership.status)


@transaction.atomic
def transition(
    partnership,
    to,
    *,
    actor,
    reason,
    decision=None,
    decision_reference="",
    steering_decision=None,
    on=None,
    history_date=None,
):
    """Move the partnership to status `to` (or take the step named `to`), or raise
    ValidationError if that step is not allowed from where it stands. Returns the recorded
    LifecycleStep."""
    now = history_date or timezone.now()
    recorded = []

    def record(row, current, step):
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Skriv en kort anledning till steget.")})
        recorded.append(
            save_with_history(
                LifecycleStep(
                    partnership=row,
                    from_status=current,
                    to_status=step.to,
                    occurred_on=on or timezone.localdate(now),
                    recorded_at=now,
                    actor=actor,
                    reason=reason,
                    committee_decision=decision,
                    decision_reference=decision_reference or "",
                    steering_decision=steering_decision,
                ),
                actor=actor,
                reason=reason,
                history_date=history_date,
            )
        )

    transitions.transition(
        partnership,
        to,
        actor=actor,
        reason=reason,
        history_date=history_date,
        history_reason=lambda current, to: (
            _("%(from)s → %(to)s: %(reason)s")
            % {"from": S(current).label, "to": S(to).label, "reason": reason}
        ),
        record=record,
        decision=decision,
        decision_reference=decision_reference,
        steering_decision=steering_decision,
    )
    return recorded[0]
