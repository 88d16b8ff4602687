"""Amendments to the agreement and the signatures that put them in force."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from iop.concurrency import UNCHECKED, save_checked
from iop.history import delete_with_history, save_with_history
from partnerships import transitions
from partnerships.models import Amendment, Partnership, Signature
from partnerships.services import apply_fields
from partnerships.services.amendment_changes import amendment_changes_apply, refuse_bad_changes


def _amendment_step(amendment, action, *, actor, reason, fields=None):
    return transitions.transition(amendment, action, actor=actor, reason=reason, fields=fields)


@transaction.atomic
def amendment_create(*, partnership, actor, reason, **fields) -> Amendment:
    number = max(partnership.amendments.values_list("number", flat=True), default=0) + 1
    amendment = Amendment(partnership=partnership, number=number, **fields)
    if amendment.target == Amendment.Target.COMMITMENT and amendment.commitment_id:
        amendment.annex = amendment.commitment.annex
    refuse_bad_changes(amendment)
    return save_with_history(amendment, actor=actor, reason=reason)


@transaction.atomic
def amendment_update(amendment, *, actor, reason, version=UNCHECKED, **fields) -> Amendment:
    if not amendment.is_editable:
        raise ValidationError(_("Bara ett utkast kan ändras."))
    apply_fields(amendment, fields)
    refuse_bad_changes(amendment)
    return save_checked(
        amendment,
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


def _amendment_put_in_force(amendment, *, actor):
    reason = _("%(amendment)s trädde i kraft när alla parter undertecknat") % {
        "amendment": amendment
    }
    in_force_at = timezone.now()
    amendment_changes_apply(amendment, actor=actor, reason=reason, at=in_force_at)
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
    signature and record it again. A replaced scan stays on disk, named by the history.

    A signature made in the app (`signer`, after a strong sign-in) says who signed: only its
    place may be corrected."""
    # As recorded (a model form has already put what was typed on `signature`).
    recorded = type(signature).objects.get(pk=signature.pk)
    if recorded.signer_id and (
        signatory_name != recorded.signatory_name
        or signatory_title != recorded.signatory_title
        or scan is not None
    ):
        raise ValidationError(
            _(
                "Underskriften gjordes i IOP efter en stark inloggning: vem som skrev under "
                "kan inte rättas. Ta bort underskriften om den blev fel."
            )
        )
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
