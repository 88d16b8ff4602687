"""Signing the agreement or an amendment in the app: the PDF frozen for signing, and each
party's signature after a strong sign-in (iop.assurance). The last signature puts an amendment
in force (services.amendments.signature_create) or marks a decided agreement as signed, and the
document is sealed on commit (partnerships.sealing)."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iop.history import delete_with_history, save_with_history
from iop.tasks import enqueue
from partnerships import states
from partnerships.grants import is_administration
from partnerships.models import (
    Amendment,
    Organisation,
    Participation,
    Partnership,
    Signature,
    SignedDocument,
)
from partnerships.sealing import seal_in_background
from partnerships.services.amendments import signature_create


def signing_refusal(partnership, amendment=None) -> str:
    """Why the agreement or the amendment cannot be signed now ("" if it can)."""
    if amendment is not None:
        if amendment.status != Amendment.Status.AWAITING:
            return _("Ändringen kan undertecknas först när den skickats för underskrift.")
        return ""
    if partnership.status != Partnership.Status.DECIDED:
        return _("Överenskommelsen kan undertecknas när den har status Beslutad.")
    return ""


def signing_party(user, partnership):
    """The party `user` signs for: the city's for förvaltning staff, their own organisation's
    for a representative; None when they sign for no current party of the partnership."""
    parties = Participation.objects.current().filter(partnership=partnership)
    if is_administration(user):
        parties = parties.filter(organisation__kind=Organisation.Kind.PUBLIC)
    elif user.organisation_id:
        parties = parties.filter(organisation_id=user.organisation_id)
    else:
        return None
    return parties.select_related("organisation").order_by("pk").first()


def signatures_of(document):
    """The signatures that count for `document`: in the app or on paper."""
    if document.amendment_id:
        return Signature.objects.filter(amendment_id=document.amendment_id)
    return Signature.objects.filter(
        partnership_id=document.partnership_id, document=Signature.Document.AGREEMENT
    )


@transaction.atomic
def signed_document_freeze(
    *, partnership, amendment=None, render, actor, changed_at=None
) -> SignedDocument:
    """The PDF to sign, made with `render()` the first time anyone opens the signing page and
    kept byte for byte from then on. Until its first signature it is made again when the text
    changed after it was made (`changed_at`: a decided agreement may still be corrected)."""
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    existing = SignedDocument.objects.filter(partnership=partnership, amendment=amendment).first()
    if existing is not None:
        stale = changed_at is not None and changed_at > existing.created_at
        if not stale or existing.signatures.exists():
            return existing
        delete_with_history(
            existing, actor=actor, reason=_("Texten ändrades innan någon undertecknat")
        )
    pdf = render()
    document = SignedDocument(
        partnership=partnership,
        amendment=amendment,
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_at=timezone.now(),
    )
    document.pdf.save("signed.pdf", ContentFile(pdf), save=False)
    return save_with_history(
        document, actor=actor, reason=_("Handlingen att underteckna i IOP fastställd")
    )


@transaction.atomic
def esign_create(*, document, user, assurance, shown_sha256, place="") -> Signature:
    """`user` signs `document` for their party after the strong sign-in `assurance`, having been
    shown the PDF whose SHA-256 is `shown_sha256`."""
    document = SignedDocument.objects.select_for_update().get(pk=document.pk)
    partnership = Partnership.objects.get(pk=document.partnership_id)
    amendment = document.amendment
    if assurance is None:
        raise ValidationError(_("Logga in med stark autentisering innan du undertecknar."))
    refusal = signing_refusal(partnership, amendment)
    if refusal:
        raise ValidationError(refusal)
    if shown_sha256 != document.sha256:
        raise ValidationError(
            _("Handlingen du läste är inte den som undertecknas. Öppna den igen och läs den.")
        )
    party = signing_party(user, partnership)
    if party is None:
        raise ValidationError(_("Du undertecknar inte för någon part i det här partnerskapet."))
    if signatures_of(document).filter(participation=party).exists():
        raise ValidationError(
            _("%(party)s har redan undertecknat.") % {"party": party.organisation.name}
        )
    now = timezone.now()
    signature = signature_create(
        partnership=partnership,
        actor=user,
        reason=_("Undertecknad i IOP efter inloggning med %(provider)s")
        % {"provider": assurance.provider},
        document=Signature.Document.AMENDMENT if amendment else Signature.Document.AGREEMENT,
        amendment=amendment,
        participation=party,
        signatory_name=user.get_full_name() or user.username,
        signatory_title=user.title,
        place=place,
        signed_on=timezone.localdate(now),
        signed_document=document,
        signer=user,
        identity_provider=assurance.provider,
        asserted_at=assurance.asserted_at,
        document_sha256=shown_sha256,
        signed_at=now,
    )
    if _all_signed(partnership, amendment):
        if amendment is None:
            states.transition(
                partnership,
                "sign",
                actor=user,
                reason=_("Alla parter har undertecknat i IOP"),
                on=timezone.localdate(now),
            )
        enqueue(seal_in_background, signed_document_id=document.pk)
    return signature


def _all_signed(partnership, amendment):
    if amendment is not None:
        return not amendment.unsigned_parties()
    return not partnership.missing_agreement_signatures()
