"""Writes to the committee cases behind a partnership: cases, decisions with their points, and
delegations."""

import re

from django.db import transaction

from iop.history import delete_with_history, save_with_history
from partnerships.models import CommitteeCase, CommitteeDecision, DecisionPoint, Delegation
from partnerships.services import apply_fields


@transaction.atomic
def committee_case_create(*, partnership, actor, reason, **fields) -> CommitteeCase:
    return save_with_history(
        CommitteeCase(partnership=partnership, **fields), actor=actor, reason=reason
    )


@transaction.atomic
def committee_case_update(case, *, actor, reason, **fields) -> CommitteeCase:
    return save_with_history(apply_fields(case, fields), actor=actor, reason=reason)


def _split_points(text):
    """Decision points typed one per line (a leading "1." is dropped)."""
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
    decision = save_with_history(apply_fields(decision, fields), actor=actor, reason=reason)
    if points is not None:
        _save_points(decision, points, actor=actor, reason=reason)
    return decision


@transaction.atomic
def delegation_create(*, decision, actor, reason, **fields) -> Delegation:
    return save_with_history(Delegation(decision=decision, **fields), actor=actor, reason=reason)


@transaction.atomic
def delegation_update(delegation, *, actor, reason, **fields) -> Delegation:
    return save_with_history(apply_fields(delegation, fields), actor=actor, reason=reason)


@transaction.atomic
def delegation_delete(delegation, *, actor, reason) -> None:
    delete_with_history(delegation, actor=actor, reason=reason)
