"""Marking an agreement secret under OSL (offentlighets- och sekretesslagen): wholly, or in part
(text fields, sections, bilagor). What the public then sees: `PartnershipQuerySet.public`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iop.history import save_with_history
from partnerships.models import Partnership


@transaction.atomic
def partnership_set_secrecy(
    partnership: Partnership,
    *,
    actor,
    reason: str,
    secrecy: str,
    secrecy_ground: str = "",
    secret_fields=(),
    secret_clauses=(),
    secret_annexes=(),
) -> Partnership:
    """Record the agreement's secrecy and which parts it covers, with the OSL ground, each
    changed row with who and why in the history. A public agreement keeps no secret parts; a
    partly secret one must name at least one; any secrecy needs its ground. Marking is not a
    term of the agreement, so a signed agreement may be marked too."""
    Secrecy = Partnership.Secrecy
    secrecy_ground = secrecy_ground.strip()
    if secrecy != Secrecy.NONE and not secrecy_ground:
        raise ValidationError(
            {"secrecy_ground": _("Ange bestämmelsen i OSL som sekretessen grundar sig på.")}
        )
    if secrecy != Secrecy.PARTIAL:
        secret_fields, secret_clauses, secret_annexes = (), (), ()
    elif not (secret_fields or secret_clauses or secret_annexes):
        raise ValidationError(
            {"secret_fields": _("Markera vilka avsnitt eller bilagor som omfattas av sekretess.")}
        )
    if secrecy == Secrecy.NONE:
        secrecy_ground = ""
    clause_ids = {clause.pk for clause in secret_clauses}
    annex_ids = {annex.pk for annex in secret_annexes}
    for clause in partnership.clauses.all():
        if clause.secret != (clause.pk in clause_ids):
            clause.secret = clause.pk in clause_ids
            save_with_history(clause, actor=actor, reason=reason, validate=False)
    for annex in partnership.annexes.all():
        if annex.secret != (annex.pk in annex_ids):
            annex.secret = annex.pk in annex_ids
            save_with_history(annex, actor=actor, reason=reason, validate=False)
    partnership.secrecy = secrecy
    partnership.secrecy_ground = secrecy_ground
    partnership.secret_fields = [f for f in Partnership.PUBLIC_TEXT_FIELDS if f in secret_fields]
    return save_with_history(partnership, actor=actor, reason=reason, validate=False)
