"""The change control of a signed agreement: its terms are refused here (they change through an
amendment, services.amendments), and a clerical slip is corrected as a recorded rättelse."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iop.concurrency import UNCHECKED, save_checked
from iop.history import save_with_history
from partnerships.models import TERMS_LOCKED_MESSAGE, Annex, Correction


def refuse_if_terms_locked(obj) -> None:
    """What every service that changes a term calls first, with the partnership, goal, clause,
    bilaga, commitment or compensation row it would change (or add to)."""
    if obj.terms_locked:
        raise ValidationError(TERMS_LOCKED_MESSAGE, code="terms_locked")


def _shown(value):
    return "–" if value in (None, "") else str(value)


@transaction.atomic
def correction_create(*, target, actor, reason: str, version=UNCHECKED, **fields) -> Correction:
    """Correct `target`'s (a Partnership or an Annex) clerical fields, its `CLERICAL_FIELDS`,
    and record the rättelse: what changed from what to what, who, when and why. The target's
    own history carries "Rättelse: <reason>" at the same moment. Refused, with nothing written,
    without a reason, when nothing changes, or for any other field."""
    allowed = type(target).CLERICAL_FIELDS
    others = sorted(set(fields) - set(allowed))
    if others:
        raise ValidationError(
            _("En rättelse gäller bara namn och diarienummer, inte: %(fields)s.")
            % {"fields": ", ".join(others)}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Skriv varför uppgiften rättas.")})
    # Compared with the row as stored: a model form has already set the new values on `target`.
    target = type(target).objects.select_for_update().get(pk=target.pk)
    changed = [
        (name, getattr(target, name), value)
        for name, value in fields.items()
        if getattr(target, name) != value
    ]
    if not changed:
        raise ValidationError(_("Inget är ändrat. Skriv in den rättade uppgiften."))
    corrected = "; ".join(
        f"{target._meta.get_field(name).verbose_name}: ”{_shown(old)}” → ”{_shown(new)}”"
        for name, old, new in changed
    )
    made_at = timezone.now()
    history_reason = _("Rättelse: %(reason)s") % {"reason": reason}
    for name, _old, new in changed:
        setattr(target, name, new)
    save_checked(target, version=version, actor=actor, reason=history_reason, history_date=made_at)
    annex = target if isinstance(target, Annex) else None
    correction = Correction(
        partnership_id=target.partnership_id if annex else target.pk,
        annex=annex,
        corrected=corrected,
        reason=reason,
        made_at=made_at,
        made_by=actor,
    )
    return save_with_history(correction, actor=actor, reason=history_reason, history_date=made_at)
