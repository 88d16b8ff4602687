"""Writes to the organisations in the register."""

from django.db import transaction

from iop.history import save_with_history
from partnerships.models import Organisation
from partnerships.services import apply_fields


@transaction.atomic
def organisation_create(*, actor, reason: str, **fields) -> Organisation:
    return save_with_history(Organisation(**fields), actor=actor, reason=reason)


@transaction.atomic
def organisation_update(
    organisation: Organisation, *, actor, reason: str, **fields
) -> Organisation:
    return save_with_history(apply_fields(organisation, fields), actor=actor, reason=reason)
