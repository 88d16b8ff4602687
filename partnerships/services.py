"""Writes to the partnership register. Every function runs in one transaction and records who
made the change and why in the history."""

from django.db import transaction

from iop.history import delete_with_history, save_with_history
from partnerships.models import (
    Annex,
    Clause,
    Commitment,
    Compensation,
    Goal,
    Organisation,
    Participation,
    Partnership,
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
def partnership_update(partnership: Partnership, *, actor, reason: str, **fields) -> Partnership:
    return save_with_history(_apply(partnership, fields), actor=actor, reason=reason)


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
def participation_create(
    *, partnership: Partnership, actor, reason: str, **fields
) -> Participation:
    return save_with_history(
        Participation(partnership=partnership, **fields), actor=actor, reason=reason
    )


@transaction.atomic
def participation_update(
    participation: Participation, *, actor, reason: str, **fields
) -> Participation:
    return save_with_history(_apply(participation, fields), actor=actor, reason=reason)


@transaction.atomic
def annex_create(*, partnership: Partnership, actor, reason: str, **fields) -> Annex:
    return save_with_history(Annex(partnership=partnership, **fields), actor=actor, reason=reason)


@transaction.atomic
def annex_update(annex: Annex, *, actor, reason: str, **fields) -> Annex:
    return save_with_history(_apply(annex, fields), actor=actor, reason=reason)


@transaction.atomic
def commitment_create(*, annex: Annex, actor, reason: str, **fields) -> Commitment:
    return save_with_history(Commitment(annex=annex, **fields), actor=actor, reason=reason)


@transaction.atomic
def commitment_update(commitment: Commitment, *, actor, reason: str, **fields) -> Commitment:
    return save_with_history(_apply(commitment, fields), actor=actor, reason=reason)


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
