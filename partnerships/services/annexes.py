"""Writes to the bilagor: an annex, its commitments and its compensation rows."""

from django.core.exceptions import ValidationError
from django.db import transaction

from iop.concurrency import UNCHECKED, save_checked
from iop.history import delete_with_history, save_with_history
from partnerships.models import Annex, Commitment, Compensation, Partnership
from partnerships.services import apply_fields
from partnerships.services.corrections import refuse_if_terms_locked


@transaction.atomic
def annex_create(*, partnership: Partnership, actor, reason: str, **fields) -> Annex:
    return save_with_history(Annex(partnership=partnership, **fields), actor=actor, reason=reason)


@transaction.atomic
def annex_update(annex: Annex, *, actor, reason: str, version=UNCHECKED, **fields) -> Annex:
    """Refused (nothing written) once its terms are locked (`Annex.terms_locked`), or if
    someone else saved it after `version` was read."""
    refuse_if_terms_locked(annex)
    return save_checked(apply_fields(annex, fields), version=version, actor=actor, reason=reason)


@transaction.atomic
def commitment_create(*, annex: Annex, actor, reason: str, **fields) -> Commitment:
    refuse_if_terms_locked(annex)
    return save_with_history(Commitment(annex=annex, **fields), actor=actor, reason=reason)


@transaction.atomic
def commitment_update(
    commitment: Commitment, *, actor, reason: str, version=UNCHECKED, **fields
) -> Commitment:
    """Refused (nothing written) once its terms are locked, or if someone else saved it after
    `version` was read."""
    refuse_if_terms_locked(commitment)
    return save_checked(
        apply_fields(commitment, fields), version=version, actor=actor, reason=reason
    )


@transaction.atomic
def commitment_delete(commitment: Commitment, *, actor, reason: str) -> None:
    refuse_if_terms_locked(commitment)
    delete_with_history(commitment, actor=actor, reason=reason)


@transaction.atomic
def compensation_create(*, annex: Annex, actor, reason: str, **fields) -> Compensation:
    refuse_if_terms_locked(annex)
    return save_with_history(Compensation(annex=annex, **fields), actor=actor, reason=reason)


@transaction.atomic
def compensation_update(
    compensation: Compensation, *, actor, reason: str, **fields
) -> Compensation:
    refuse_if_terms_locked(compensation)
    return save_with_history(apply_fields(compensation, fields), actor=actor, reason=reason)


@transaction.atomic
def compensation_delete(compensation: Compensation, *, actor, reason: str) -> None:
    """The row goes with its planned payments, each with the reason, unless the row refuses
    (`Compensation.deletion_refusal`), or once its terms are locked."""
    refuse_if_terms_locked(compensation)
    refusal = compensation.deletion_refusal()
    if refusal:
        raise ValidationError(refusal)
    for payment in compensation.payments.all():
        delete_with_history(payment, actor=actor, reason=reason)
    delete_with_history(compensation, actor=actor, reason=reason)
