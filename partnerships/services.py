"""Writes to the partnership register. Every function runs in one transaction and records who
made the change and why in the history."""

import datetime as _dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from iop.concurrency import UNCHECKED, save_checked
from iop.history import delete_with_history, save_with_history
from partnerships import periods, transitions
from partnerships.models import (
    AMENDABLE_DATE_FIELDS,
    Amendment,
    Annex,
    Clause,
    Commitment,
    CommitteeCase,
    CommitteeDecision,
    Compensation,
    DecisionPoint,
    Delegation,
    Extension,
    Goal,
    Notice,
    Organisation,
    Participation,
    Partnership,
    Signature,
)


def _apply(obj, fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


@transaction.atomic
def organisation_create(*, actor, reason: str, **fields) -> Organisation:
    return save_with_history(Organisation(**fields), actor=actor, reason=reason)


@transaction.atomic
def organisation_update(
    organisation: Organisation, *, actor, reason: str, **fields
) -> Organisation:
    return save_with_history(_apply(organisation, fields), actor=actor, reason=reason)


@transaction.atomic
def partnership_create(*, actor, reason: str, goals=(), **fields) -> Partnership:
    partnership = save_with_history(Partnership(**fields), actor=actor, reason=reason)
    for order, text in enumerate(goals, start=1):
        save_with_history(
            Goal(partnership=partnership, order=order, text=text), actor=actor, reason=reason
        )
    return partnership


@transaction.atomic
def partnership_update(
    partnership: Partnership, *, actor, reason: str, version=UNCHECKED, **fields
) -> Partnership:
    """Refused (nothing written) if someone else saved it after `version` was read."""
    return save_checked(_apply(partnership, fields), version=version, actor=actor, reason=reason)


@transaction.atomic
def goal_create(*, partnership: Partnership, actor, reason: str, **fields) -> Goal:
    return save_with_history(Goal(partnership=partnership, **fields), actor=actor, reason=reason)


@transaction.atomic
def goal_update(goal: Goal, *, actor, reason: str, **fields) -> Goal:
    return save_with_history(_apply(goal, fields), actor=actor, reason=reason)


@transaction.atomic
def goal_delete(goal: Goal, *, actor, reason: str) -> None:
    delete_with_history(goal, actor=actor, reason=reason)


@transaction.atomic
def clause_create(*, partnership: Partnership, actor, reason: str, **fields) -> Clause:
    return save_with_history(Clause(partnership=partnership, **fields), actor=actor, reason=reason)


@transaction.atomic
def clause_update(clause: Clause, *, actor, reason: str, **fields) -> Clause:
    return save_with_history(_apply(clause, fields), actor=actor, reason=reason)


@transaction.atomic
def clause_delete(clause: Clause, *, actor, reason: str) -> None:
    delete_with_history(clause, actor=actor, reason=reason)


@transaction.atomic
def participation_create(
    *, partnership: Partnership, actor, reason: str, **fields
) -> Participation:
    return save_with_history(
        Participation(partnership=partnership, **fields), actor=actor, reason=reason
    )


@transaction.atomic
def participation_update(
    participation: Participation, *, actor, reason: str, version=UNCHECKED, **fields
) -> Participation:
    """Refused (nothing written) if someone else saved it after `version` was read."""
    return save_checked(_apply(participation, fields), version=version, actor=actor, reason=reason)


@transaction.atomic
def annex_create(*, partnership: Partnership, actor, reason: str, **fields) -> Annex:
    return save_with_history(Annex(partnership=partnership, **fields), actor=actor, reason=reason)


@transaction.atomic
def annex_update(annex: Annex, *, actor, reason: str, version=UNCHECKED, **fields) -> Annex:
    """Refused (nothing written) if someone else saved it after `version` was read."""
    return save_checked(_apply(annex, fields), version=version, actor=actor, reason=reason)


@transaction.atomic
def commitment_create(*, annex: Annex, actor, reason: str, **fields) -> Commitment:
    return save_with_history(Commitment(annex=annex, **fields), actor=actor, reason=reason)


@transaction.atomic
def commitment_update(
    commitment: Commitment, *, actor, reason: str, version=UNCHECKED, **fields
) -> Commitment:
    """Refused (nothing written) if someone else saved it after `version` was read."""
    return save_checked(_apply(commitment, fields), version=version, actor=actor, reason=reason)


@transaction.atomic
def commitment_delete(commitment: Commitment, *, actor, reason: str) -> None:
    delete_with_history(commitment, actor=actor, reason=reason)


@transaction.atomic
def compensation_create(*, annex: Annex, actor, reason: str, **fields) -> Compensation:
    return save_with_history(Compensation(annex=annex, **fields), actor=actor, reason=reason)


@transaction.atomic
def compensation_update(
    compensation: Compensation, *, actor, reason: str, **fields
) -> Compensation:
    return save_with_history(_apply(compensation, fields), actor=actor, reason=reason)


@transaction.atomic
def compensation_delete(compensation: Compensation, *, actor, reason: str) -> None:
    """The row goes with its planned payments, each with the reason, unless the row refuses
    (`Compensation.deletion_refusal`)."""
    refusal = compensation.deletion_refusal()
    if refusal:
        raise ValidationError(refusal)
    for payment in compensation.payments.all():
        delete_with_history(payment, actor=actor, reason=reason)
    delete_with_history(compensation, actor=actor, reason=reason)


# --- Lifecycle: committee cases, notices, extensions, amendments, signatures ----------------


@transaction.atomic
def committee_case_create(*, partnership, actor, reason, **fields) -> CommitteeCase:
    return save_with_history(
        CommitteeCase(partnership=partnership, **fields), actor=actor, reason=reason
    )


@transaction.atomic
def committee_case_update(case, *, actor, reason, **fields) -> CommitteeCase:
    return save_with_history(_apply(case, fields), actor=actor, reason=reason)


def _split_points(text):
    """Decision points typed one per line (a leading "1." is dropped)."""
    import re

    lines = [line.strip() for line in (text or "").splitlines()]
    return [re.sub(r"^\d+[.)]\s*", "", line) for line in lines if line]


@transaction.atomic
def committee_decision_create(
    *, case, actor, reason, points=(), delegations=(), history_date=None, **fields
) -> CommitteeDecision:
    decision = save_with_history(
        CommitteeDecision(case=case, partnership=case.partnership, **fields),
        actor=actor,
        reason=reason,
        history_date=history_date,
    )
    _save_points(decision, points, actor=actor, reason=reason, history_date=history_date)
    for item in delegations:
        save_with_history(
            Delegation(decision=decision, **item),
            actor=actor,
            reason=reason,
            history_date=history_date,
        )
    return decision


def _save_points(decision, points, *, actor, reason, history_date=None):
    if isinstance(points, str):
        points = _split_points(points)
    existing = {point.number: point for point in decision.points.all()}
    for number, text in enumerate(points, start=1):
        point = existing.pop(number, None) or DecisionPoint(decision=decision, number=number)
        if point.pk and point.text == text:
            continue
        point.text = text
        save_with_history(point, actor=actor, reason=reason, history_date=history_date)
    for point in existing.values():
        delete_with_history(point, actor=actor, reason=reason)


@transaction.atomic
def committee_decision_update(decision, *, actor, reason, points=None, **fields):
    decision = save_with_history(_apply(decision, fields), actor=actor, reason=reason)
    if points is not None:
        _save_points(decision, points, actor=actor, reason=reason)
    return decision


@transaction.atomic
def delegation_create(*, decision, actor, reason, **fields) -> Delegation:
    return save_with_history(Delegation(decision=decision, **fields), actor=actor, reason=reason)


@transaction.atomic
def delegation_update(delegation, *, actor, reason, **fields) -> Delegation:
    return save_with_history(_apply(delegation, fields), actor=actor, reason=reason)


@transaction.atomic
def delegation_delete(delegation, *, actor, reason) -> None:
    delete_with_history(delegation, actor=actor, reason=reason)


# Parties joining and leaving


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
    """A new party joins by a steering-group decision and accepts all conditions. With a
    governance decision (`steering_decision`) its follow-up is marked done."""
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
    if steering_decision is not None:
        from governance.services.minutes import decision_follow_up

        decision_follow_up(
            steering_decision,
            status="done",
            note=_("%(org)s inträdde %(day)s.")
            % {"org": organisation, "day": joined_on.isoformat()},
            actor=actor,
            reason=reason,
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
        return periods.add_months(given_on, partnership.party_notice_months)
    if kind == Notice.Kind.TERMINATION:
        return periods.add_months(given_on, partnership.termination_notice_months)
    if kind == Notice.Kind.RESCISSION:
        return given_on
    rule = periods.rule_for(partnership)
    events = events or periods.events_for(partnership)
    events = periods.PeriodEvents(
        notices=events.notices + (given_on,), agreements=events.agreements
    )
    return periods.end_on(rule, _dt.date.max, events)


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
    if kind == Notice.Kind.PARTNERSHIP and partnership.status == Partnership.Status.ACTIVE:
        from partnerships.states import transition

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
        participation.left_on = effective
        participation.leave_reason = NOTICE_LEAVE_REASON[kind]
        participation.leave_note = reason
        save_with_history(
            participation,
            actor=actor,
            reason=_("%(kind)s %(date)s: %(reason)s")
            % {"kind": notice.get_kind_display(), "date": given_on.isoformat(), "reason": reason},
            history_date=history_date,
        )
        payments_cancel_after(participation, effective, actor=actor, reason=reason)
    return notice


def payments_cancel_after(participation, last_day, *, actor, reason):
    """Hook for the payment schedule: no payments to a party after it has left."""
    from partnerships import money

    return money.cancel_payments_after(participation, last_day, actor=actor, reason=reason)


# Extensions


@transaction.atomic
def extension_agree(
    *, partnership, made_on, actor, reason, decision=None, decision_reference=""
) -> Extension:
    """A written agreement to extend (extension by agreement), made on or before its last day."""
    rule = periods.rule_for(partnership)
    events = periods.events_for(partnership)
    if rule.kind != periods.BY_AGREEMENT:
        raise ValidationError(_("Partnerskapet förlängs inte genom skriftlig överenskommelse."))
    current = periods.end_on(rule, made_on, events)
    deadline = periods.agreement_last_day(rule, current)
    if not current < (rule.last or current):
        raise ValidationError(_("Partnerskapet kan inte förlängas längre."))
    if made_on > deadline:
        raise ValidationError(
            {
                "made_on": _(
                    "Förlängningen skulle ha avtalats senast %(day)s, %(months)s månader före "
                    "slutdatum."
                )
                % {"day": deadline.isoformat(), "months": rule.months_before_end}
            }
        )
    new_end = min(periods.add_months(current, rule.months), rule.last)
    return _record_extension(
        partnership,
        Extension.Kind.AGREEMENT,
        made_on,
        current,
        new_end,
        actor=actor,
        reason=reason,
        decision=decision,
        decision_reference=decision_reference,
    )


def _record_extension(
    partnership, kind, made_on, old_end, new_end, *, actor, reason, history_date=None, **decision
):
    extension = save_with_history(
        Extension(
            partnership=partnership,
            kind=kind,
            made_on=made_on,
            previous_end_date=old_end,
            new_end_date=new_end,
            reason=reason,
            committee_decision=decision.get("decision"),
            decision_reference=decision.get("decision_reference") or "",
        ),
        actor=actor,
        reason=reason,
        history_date=history_date,
    )
    partnership.end_date = new_end
    save_with_history(
        partnership,
        actor=actor,
        reason=_("%(kind)s till %(end)s: %(reason)s")
        % {"kind": extension.get_kind_display(), "end": new_end.isoformat(), "reason": reason},
        history_date=history_date,
    )
    return extension


@transaction.atomic
def extensions_apply(partnership, *, on, actor, history_at=None):
    """Apply the automatic extensions whose last notice day has passed without notice; one
    recorded Extension per step. Returns the new Extension rows. `history_at(day)` dates the
    history rows (the demo dates them on the day after each notice day)."""
    from partnerships.models import Partnership as _Partnership

    partnership = _Partnership.objects.select_for_update().get(pk=partnership.pk)
    if partnership.extension_kind != _Partnership.ExtensionKind.AUTOMATIC:
        return []
    # Under notice the rule still applies: a late notice lets the pending extensions happen.
    if partnership.status not in (
        _Partnership.Status.ACTIVE,
        _Partnership.Status.SIGNED,
        _Partnership.Status.TERMINATING,
    ):
        return []
    rule = periods.rule_for(partnership)
    events = periods.events_for(partnership)
    target = periods.end_on(rule, on, events)
    created = []
    while partnership.end_date < target:
        old_end = partnership.end_date
        deadline = periods.notice_last_day(rule, old_end)
        new_end = min(periods.add_months(old_end, rule.months), rule.last)
        reason = _(
            "Ingen uppsägning senast %(deadline)s: förlängs automatiskt från %(old)s till %(new)s"
        ) % {
            "deadline": deadline.isoformat(),
            "old": old_end.isoformat(),
            "new": new_end.isoformat(),
        }
        if rule.funds_condition:
            reason += _(" (förutsatt att medel finns)")
        created.append(
            _record_extension(
                partnership,
                Extension.Kind.AUTOMATIC,
                deadline + _dt.timedelta(days=1),
                old_end,
                new_end,
                actor=actor,
                reason=reason,
                history_date=history_at(deadline + _dt.timedelta(days=1)) if history_at else None,
            )
        )
    return created


@transaction.atomic
def partnership_end_if_expired(partnership, *, on, actor):
    """Close an active or terminating partnership whose end date has passed and that cannot be
    extended any more. Returns the LifecycleStep, or None."""
    from partnerships.models import Partnership as _Partnership
    from partnerships.states import transition

    if not partnership.has_run_out(on):
        return None
    if partnership.end_as_of(on) > partnership.end_date:
        return None  # an extension is still to be written first (extensions_apply)
    return transition(
        partnership,
        _Partnership.Status.ENDED,
        actor=actor,
        reason=_("Avtalstiden löpte ut %(end)s") % {"end": partnership.end_date.isoformat()},
        on=partnership.end_date + _dt.timedelta(days=1),
    )


# Amendments and signatures


def _amendment_step(amendment, action, *, actor, reason, fields=None):
    return transitions.transition(amendment, action, actor=actor, reason=reason, fields=fields)


def _target_fields(target):
    return {
        Amendment.Target.PARTNERSHIP: "partnership",
        Amendment.Target.ANNEX: "annex",
        Amendment.Target.COMMITMENT: "commitment",
    }[target]


@transaction.atomic
def amendment_create(*, partnership, actor, reason, **fields) -> Amendment:
    number = max(partnership.amendments.values_list("number", flat=True), default=0) + 1
    amendment = Amendment(partnership=partnership, number=number, **fields)
    if amendment.target == Amendment.Target.COMMITMENT and amendment.commitment_id:
        amendment.annex = amendment.commitment.annex
    return save_with_history(amendment, actor=actor, reason=reason)


@transaction.atomic
def amendment_update(amendment, *, actor, reason, version=UNCHECKED, **fields) -> Amendment:
    if not amendment.is_editable:
        raise ValidationError(_("Bara ett utkast kan ändras."))
    return save_checked(
        _apply(amendment, fields),
        version=version,
        actor=actor,
        reason=reason,
        labels=AMENDMENT_CHANGE_LABELS,
    )


AMENDMENT_CHANGE_LABELS = {
    "title": _lazy("ny rubrik"),
    "description": _lazy("ny text"),
    "purpose": _lazy("nytt syfte"),
    "end_date": _lazy("nytt slutdatum"),
}


@transaction.atomic
def amendment_submit(amendment, *, actor, reason) -> Amendment:
    """The draft is final and goes out for signature."""
    return _amendment_step(amendment, "submit", actor=actor, reason=reason)


@transaction.atomic
def amendment_withdraw(amendment, *, actor, reason) -> Amendment:
    return _amendment_step(amendment, "withdraw", actor=actor, reason=reason)


def _coerce(name, value):
    if name in AMENDABLE_DATE_FIELDS and isinstance(value, str):
        return _dt.date.fromisoformat(value)
    return value


def _amendment_put_in_force(amendment, *, actor):
    target = amendment.target_object
    changes = {name: _coerce(name, value) for name, value in amendment.changes.items()}
    reason = _("%(amendment)s trädde i kraft när alla parter undertecknat") % {
        "amendment": amendment
    }
    in_force_at = timezone.now()
    for name, value in changes.items():
        setattr(target, name, value)
    # Dated with the amendment, so that "as it stood" just before shows the earlier wording.
    save_with_history(target, actor=actor, reason=reason, history_date=in_force_at)
    return _amendment_step(
        amendment, "put_in_force", actor=actor, reason=reason, fields={"in_force_at": in_force_at}
    )


@transaction.atomic
def signature_create(*, partnership, actor, reason, **fields) -> Signature:
    """Record a party's signature; an amendment comes into force with the last one."""
    signature = Signature(partnership=partnership, **fields)
    amendment = signature.amendment if signature.document == Signature.Document.AMENDMENT else None
    if amendment is not None:
        amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if amendment.partnership_id != partnership.pk:
            raise ValidationError({"amendment": _("Ändringen hör inte till partnerskapet.")})
        if amendment.status != Amendment.Status.AWAITING:
            raise ValidationError(
                {
                    "amendment": _(
                        "Ändringen kan undertecknas först när den skickats för underskrift."
                    )
                }
            )
    if signature.document != Signature.Document.ANNEX:
        signature.annex = None
    if signature.document != Signature.Document.AMENDMENT:
        signature.amendment = None
    save_with_history(signature, actor=actor, reason=reason)
    if amendment is not None and not amendment.unsigned_parties():
        _amendment_put_in_force(amendment, actor=actor)
    return signature


@transaction.atomic
def signature_correct(
    signature,
    *,
    actor,
    reason,
    signatory_name,
    signatory_title="",
    place="",
    scan=None,
    version=UNCHECKED,
) -> Signature:
    """Correct how a signature was recorded: the signatory, their title, the place and the scan
    (None keeps it, "" removes it). What was signed, by which party and on which day decide
    whether an amendment or the agreement is in force, so they are not changed here: remove the
    signature and record it again. A replaced scan stays on disk, named by the history."""
    signature.signatory_name = signatory_name
    signature.signatory_title = signatory_title
    signature.place = place
    if scan is not None:
        signature.scan = scan
    return save_checked(signature, version=version, actor=actor, reason=reason)


@transaction.atomic
def signature_delete(signature, *, actor, reason) -> None:
    """Remove a signature recorded by mistake (the wrong party or date: record it again), unless
    something already rests on it (`Signature.deletion_refusal`)."""
    # Locked in the order signature_create takes them (the amendment, then what it changes), so
    # the last signature of an amendment or the step to "undertecknad" cannot slip in between.
    if signature.amendment_id:
        Amendment.objects.select_for_update().filter(pk=signature.amendment_id).first()
    if signature.document == Signature.Document.AGREEMENT:
        Partnership.objects.select_for_update().filter(pk=signature.partnership_id).first()
    refusal = signature.deletion_refusal()
    if refusal:
        raise ValidationError(refusal)
    delete_with_history(signature, actor=actor, reason=reason)
