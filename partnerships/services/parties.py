"""Parties joining and leaving: joining, notices (a party's, termination, rescission) and what
leaving does to the payments."""

import datetime as _dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iop.history import save_with_history
from partnerships import period_rules, transitions
from partnerships.models import Notice, Participation, Partnership
from partnerships.services import money
from partnerships.states import transition


@transaction.atomic
def party_join(
    *,
    partnership,
    organisation,
    joined_on,
    accepted_conditions_on,
    actor,
    reason,
    decision=None,
    decision_reference="",
    steering_decision=None,
    unit="",
) -> Participation:
    """A new party joins by a steering-group decision and accepts all conditions. A governance
    decision (`steering_decision`) is named in the history; marking its follow-up done is
    governance's part (`governance.services.minutes.decision_party_join`)."""
    errors = {}
    if not (decision or decision_reference or steering_decision):
        errors["decision_reference"] = _("Ange styrgruppens beslut om att parten får inträda.")
    if not accepted_conditions_on:
        errors["accepted_conditions_on"] = _(
            "En ny part ska acceptera samtliga villkor i partnerskapet."
        )
    elif joined_on and accepted_conditions_on > joined_on:
        errors["accepted_conditions_on"] = _(
            "Villkoren ska vara accepterade senast den dag parten inträder."
        )
    if errors:
        raise ValidationError(errors)
    label = "; ".join(
        str(d) for d in (steering_decision, decision, decision_reference or None) if d
    )
    participation = save_with_history(
        Participation(
            partnership=partnership,
            organisation=organisation,
            unit=unit,
            joined_on=joined_on,
            accepted_conditions_on=accepted_conditions_on,
        ),
        actor=actor,
        reason=_("Ny part enligt beslut (%(decision)s): %(reason)s")
        % {"decision": label, "reason": reason},
    )
    return participation


NOTICE_LEAVE_REASON = {
    Notice.Kind.PARTY: Participation.LeaveReason.NOTICE,
    Notice.Kind.TERMINATION: Participation.LeaveReason.TERMINATED,
    Notice.Kind.RESCISSION: Participation.LeaveReason.RESCINDED,
}


def notice_effective_on(partnership, kind, given_on, events=None):
    """When a notice takes effect, as the agreement says."""
    if kind == Notice.Kind.PARTY:
        if partnership.party_notice_months is None:  # no rule: it takes effect at once
            return given_on
        return period_rules.add_months(given_on, partnership.party_notice_months)
    if kind == Notice.Kind.TERMINATION:
        return period_rules.add_months(given_on, partnership.termination_notice_months)
    if kind == Notice.Kind.RESCISSION:
        return given_on
    rule = period_rules.rule_for(partnership)
    events = events or period_rules.events_for(partnership)
    events = period_rules.PeriodEvents(
        notices=events.notices + (given_on,), agreements=events.agreements
    )
    return period_rules.end_on(rule, _dt.date.max, events)


@transaction.atomic
def notice_give(
    *,
    partnership,
    kind,
    given_on,
    actor,
    reason,
    participation=None,
    decision=None,
    decision_reference="",
    steering_decision=None,
    remedy_deadline=None,
    history_date=None,
) -> Notice:
    """Record a notice; a party's notice, termination or rescission also sets the day it leaves
    (compensation kept for the notice period, no payments after it)."""
    errors = {}
    if kind != Notice.Kind.PARTNERSHIP and participation is None:
        errors["participation"] = _("Välj vilken part det gäller.")
    if participation is not None and participation.partnership_id != partnership.pk:
        errors["participation"] = _("Parten hör inte till det här partnerskapet.")
    if participation is not None and not participation.may_be_given_notice:
        errors["participation"] = _("Parten har redan lämnat partnerskapet.")
    # The status the dates gave on the day of the notice: one whose end had passed was ended,
    # whether or not the daily command had written it yet.
    status = partnership.status_on(given_on) if given_on else partnership.status_on()
    if status in (Partnership.Status.ENDED, Partnership.Status.RESCINDED):
        errors["given_on"] = _(
            "Partnerskapet hade status %(status)s den dagen och kan inte sägas upp."
        ) % {"status": status.label.lower()}
    if kind == Notice.Kind.TERMINATION:
        if not (decision or decision_reference or steering_decision):
            errors["decision_reference"] = _("Ange styrgruppens beslut om uppsägning.")
        if not remedy_deadline:
            errors["remedy_deadline"] = _("Ange när åtgärdsplanen skulle ha rättat till bristerna.")
        elif given_on and remedy_deadline >= given_on:
            errors["remedy_deadline"] = _(
                "Styrgruppen kan säga upp parten först när åtgärdsplanens tid har gått ut."
            )
    if kind == Notice.Kind.RESCISSION:
        if not remedy_deadline:
            errors["remedy_deadline"] = _("Ange sista dag för rättelse.")
        elif given_on and remedy_deadline >= given_on:
            errors["remedy_deadline"] = _(
                "Staden kan häva först när tiden för rättelse har gått ut."
            )
    if errors:
        raise ValidationError(errors)
    effective = notice_effective_on(partnership, kind, given_on)
    effective = min(effective, partnership.final_end_date)
    notice = save_with_history(
        Notice(
            partnership=partnership,
            participation=participation,
            kind=kind,
            given_on=given_on,
            effective_on=effective,
            remedy_deadline=remedy_deadline,
            reason=reason,
            committee_decision=decision,
            decision_reference=decision_reference or "",
            steering_decision=steering_decision,
        ),
        actor=actor,
        reason=reason,
        history_date=history_date,
    )
    if kind == Notice.Kind.PARTNERSHIP and status == Partnership.Status.ACTIVE:
        transition(
            partnership,
            Partnership.Status.TERMINATING,
            actor=actor,
            reason=_("Uppsagt %(day)s, upphör %(end)s: %(reason)s")
            % {"day": given_on.isoformat(), "end": effective.isoformat(), "reason": reason},
            decision=decision,
            decision_reference=decision_reference,
            steering_decision=steering_decision,
            on=given_on,
            history_date=history_date,
        )
    if participation is not None:
        transitions.transition(
            participation,
            NOTICE_LEAVE_REASON[kind],
            actor=actor,
            reason=_("%(kind)s %(date)s: %(reason)s")
            % {"kind": notice.get_kind_display(), "date": given_on.isoformat(), "reason": reason},
            fields={"left_on": effective, "leave_note": reason},
            history_date=history_date,
        )
        payments_cancel_after(participation, effective, actor=actor, reason=reason)
    return notice


def payments_cancel_after(participation, last_day, *, actor, reason):
    """Hook for the payment schedule: no payments to a party after it has left."""
    return money.cancel_payments_after(participation, last_day, actor=actor, reason=reason)
