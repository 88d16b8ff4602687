"""An agreement brought in from its document: the upload read and stored with what the product
proposes (`agreement_import_create`), then the partnership and everything the handläggare
accepted created in one step through the same services as the forms, each with the history
reason "importerad från <filnamn>" (`agreement_import_apply`). Either all of it is created or
none of it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iop import uploads
from iop.uploads import download_name
from partnerships.importing.extract import check_upload, extract_text
from partnerships.importing.propose import propose
from partnerships.models import AgreementImport, ImportAttachment, Organisation, Signature
from partnerships.services import agreements, amendments, annexes, money, organisations


def known_organisations():
    """What `propose` matches parties against: every organisation in the register."""
    return [
        {"id": pk, "name": name, "org_number": number, "kind": kind}
        for pk, name, number, kind in Organisation.objects.values_list(
            "pk", "name", "org_number", "kind"
        )
    ]


@transaction.atomic
def agreement_import_create(*, actor, document) -> AgreementImport:
    """Read the uploaded agreement and store it with the proposals. Raises DocumentRefused
    (a ValidationError) with a Swedish message, storing nothing, if it cannot be read as one."""
    check_upload(document)
    text = extract_text(document)
    proposals = propose(text, known_organisations())
    document.seek(0)
    agreement_import = AgreementImport(
        filename=download_name(document.name),
        uploaded_by=actor,
        text=text,
        proposals=proposals,
    )
    agreement_import.file.save(agreement_import.filename, document, save=False)
    agreement_import.save()
    return agreement_import


@transaction.atomic
def agreement_import_apply(
    agreement_import,
    *,
    actor,
    fields,
    goals=(),
    clauses=(),
    parties=(),
    annex_rows=(),
    payment=None,
    signature_rows=(),
):
    """Create the partnership from what was accepted. `parties` are dicts of organisation (a
    known one's id) or the name, org_number and kind of a new one, and unit; `annex_rows` and
    `signature_rows` (signatory_name, signatory_title, place, signed_on) name their party by
    its index in `parties`; `payment` ({"rule", "dates"}) is each bilaga's payment plan.
    Refused if the document has already made one. The caller may create more in the same
    transaction (the groups, the reporting: iop/pages/imports.py)."""
    agreement_import = AgreementImport.objects.select_for_update().get(pk=agreement_import.pk)
    if agreement_import.partnership_id:
        raise ValidationError(_("Partnerskapet är redan skapat från det här dokumentet."))
    if not any(party for party in parties):
        raise ValidationError(_("Ta med minst en part."))
    reason = str(agreement_import.reason)
    partnership = agreements.partnership_create(
        actor=actor, reason=reason, goals=list(goals), **fields
    )
    for order, clause in enumerate(clauses, start=1):
        agreements.clause_create(
            partnership=partnership, actor=actor, reason=reason, order=order, **clause
        )
    known = Organisation.objects.in_bulk(
        [p["organisation"] for p in parties if p.get("organisation")]
    )
    participations = []
    for party in parties:
        organisation = known.get(party.get("organisation"))
        if organisation is None:
            organisation = organisations.organisation_create(
                actor=actor,
                reason=reason,
                name=party["name"],
                org_number=party["org_number"],
                kind=party["kind"],
            )
        participations.append(
            agreements.participation_create(
                partnership=partnership,
                actor=actor,
                reason=reason,
                organisation=organisation,
                unit=party.get("unit", ""),
                joined_on=partnership.start_date,
            )
        )
    created_annexes = []
    for row in annex_rows:
        row = dict(row)
        created_annexes.append(
            annexes.annex_create(
                partnership=partnership,
                actor=actor,
                reason=reason,
                participation=participations[row.pop("party")],
                start_date=partnership.start_date,
                end_date=partnership.end_date,
                **row,
            )
        )
    if payment:
        if not created_annexes:
            raise ValidationError(
                _(
                    "Utbetalningsplanen gäller bilagornas ersättning: ta med minst en bilaga, "
                    "eller ta bort bocken vid utbetalningsplanen."
                )
            )
        for annex in created_annexes:
            money.payment_plan_set(
                annex=annex,
                rule=payment["rule"],
                dates=payment.get("dates", ""),
                actor=actor,
                reason=reason,
            )
    for row in signature_rows:
        row = dict(row)
        amendments.signature_create(
            partnership=partnership,
            actor=actor,
            reason=reason,
            document=Signature.Document.AGREEMENT,
            participation=participations[row.pop("party")],
            **row,
        )
    agreement_import.partnership = partnership
    agreement_import.save(update_fields=["partnership"])
    return partnership


@transaction.atomic
def import_attachment_add(agreement_import, *, actor, kind, document, annex_number=None):
    """Keep a file that came with the agreement (a bilaga, the tjänsteutlåtande) with its
    import. Refused (ValidationError, Swedish) unless it is a PDF or Word file of allowed
    size."""
    uploads.validate_upload(document, allowed=("pdf", "docx"))
    document.seek(0)
    attachment = ImportAttachment(
        agreement_import=agreement_import,
        kind=kind,
        annex_number=annex_number if kind == ImportAttachment.Kind.ANNEX else None,
        filename=download_name(document.name),
        uploaded_by=actor,
    )
    attachment.file.save(attachment.filename, document, save=False)
    attachment.full_clean()
    attachment.save()
    return attachment
