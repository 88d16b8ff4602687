"""Writes to a partnership's agreement text: the partnership itself, its goals and clauses, and
the parties' participations."""

from django.db import transaction

from iop.concurrency import UNCHECKED, save_checked
from iop.history import delete_with_history, save_with_history
from partnerships.models import Clause, Goal, Participation, Partnership
from partnerships.services import apply_fields
from partnerships.services.corrections import refuse_if_terms_locked


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
    """Refused (nothing written) once the agreement is signed (its terms change by amendment,
    a slip by `corrections.correction_create`), or if someone else saved it after `version` was
    read."""
    refuse_if_terms_locked(partnership)
    return save_checked(
        apply_fields(partnership, fields), version=version, actor=actor, reason=reason
    )


@transaction.atomic
def goal_create(*, partnership: Partnership, actor, reason: str, **fields) -> Goal:
    refuse_if_terms_locked(partnership)
    return save_with_history(Goal(partnership=partnership, **fields), actor=actor, reason=reason)


@transaction.atomic
def goal_update(goal: Goal, *, actor, reason: str, **fields) -> Goal:
    refuse_if_terms_locked(goal)
    return save_with_history(apply_fields(goal, fields), actor=actor, reason=reason)


@transaction.atomic
def goal_delete(goal: Goal, *, actor, reason: str) -> None:
    refuse_if_terms_locked(goal)
    delete_with_history(goal, actor=actor, reason=reason)


@transaction.atomic
def clause_create(*, partnership: Partnership, actor, reason: str, **fields) -> Clause:
    refuse_if_terms_locked(partnership)
    return save_with_history(Clause(partnership=partnership, **fields), actor=actor, reason=reason)


@transaction.atomic
def clause_update(clause: Clause, *, actor, reason: str, **fields) -> Clause:
    refuse_if_terms_locked(clause)
    return save_with_history(apply_fields(clause, fields), actor=actor, reason=reason)


@transaction.atomic
def clause_delete(clause: Clause, *, actor, reason: str) -> None:
    refuse_if_terms_locked(clause)
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
    return save_checked(
        apply_fields(participation, fields), version=version, actor=actor, reason=reason
    )
