"""Writing a partnership's state-aid basis and the ceilings, with the history's who and why."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iop.history import save_with_history
from partnerships.models import AidBasis, StateAidCeiling


@transaction.atomic
def aid_basis_set(*, partnership, kind, reference, actor, reason):
    basis = AidBasis.objects.filter(partnership=partnership).first() or AidBasis(
        partnership=partnership
    )
    basis.kind, basis.reference = kind, reference.strip()
    basis.full_clean()
    return save_with_history(basis, actor=actor, reason=reason)


@transaction.atomic
def ceiling_set(*, kind, valid_from, ceiling_eur, sek_per_eur, actor, reason, ceiling=None):
    clash = StateAidCeiling.objects.filter(kind=kind, valid_from=valid_from)
    if ceiling is not None:
        clash = clash.exclude(pk=ceiling.pk)
    if clash.exists():
        raise ValidationError(
            {"valid_from": _("Regeln har redan ett tak från den dagen. Ändra det i stället.")}
        )
    ceiling = ceiling or StateAidCeiling()
    ceiling.kind, ceiling.valid_from = kind, valid_from
    ceiling.ceiling_eur, ceiling.sek_per_eur = ceiling_eur, sek_per_eur
    return save_with_history(ceiling, actor=actor, reason=reason)
