"""Sealing what every party signed with the municipality's certificate, and verifying a sealed
PDF: a PAdES signature made with pyHanko (with an RFC 3161 timestamp when a timestamp authority
is configured), validated with pyhanko-certvalidator against the configured trust root.

`seal_signed_document(pk)` is one plain function: called on commit of the last signature today,
by a task queue later. It is idempotent (a sealed document is left as it is)."""

import asyncio
import hashlib
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import pem, x509
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from iop.history import save_with_history, system_user
from iop.tasks import background
from partnerships.models import SignedDocument

logger = logging.getLogger(__name__)

SEAL_FIELD = "Forsegling"


def _run(coro):
    """Run pyHanko's coroutine to its end, also from a thread that already runs an event loop
    (pyHanko's plain functions call asyncio.run, which refuses there)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def is_configured():
    return bool(settings.SEAL_CERT and settings.SEAL_KEY)


def _signer():
    return signers.SimpleSigner.load(settings.SEAL_KEY, settings.SEAL_CERT)


def seal_pdf(pdf_bytes, *, reason):
    """The PDF with the seal added as an incremental update (what was signed stays byte for
    byte the file's first revision)."""
    timestamper = timestamps.HTTPTimeStamper(settings.TSA_URL) if settings.TSA_URL else None
    metadata = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        name=_("Förseglad av IOP"),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    output = io.BytesIO()
    pdf_signer = signers.PdfSigner(metadata, signer=_signer(), timestamper=timestamper)
    _run(pdf_signer.async_sign_pdf(writer, output=output))
    return output.getvalue()


def seal_signed_document(pk):
    """Seal the signed document `pk` once every party has signed it. Does nothing if it is
    already sealed or if no seal certificate is configured. Returns the document."""
    if not is_configured():
        logger.warning("No seal certificate configured (IOP_SEAL_CERT): document %s unsealed", pk)
        return SignedDocument.objects.get(pk=pk)
    with transaction.atomic():
        document = SignedDocument.objects.select_for_update().get(pk=pk)
        if document.sealed_pdf:
            return document
        with document.pdf.open("rb") as handle:
            signed = handle.read()
        if hashlib.sha256(signed).hexdigest() != document.sha256:
            raise ValueError(f"Signed document {pk} does not match its recorded SHA-256")
        reason = _("Undertecknad av alla parter i IOP")
        sealed = seal_pdf(signed, reason=reason)
        document.sealed_pdf.save(f"{pk}.pdf", ContentFile(sealed), save=False)
        document.sealed_at = timezone.now()
        return save_with_history(
            document, actor=system_user(), reason=_("Förseglad när alla parter undertecknat")
        )


@background()
def seal_in_background(signed_document_id: int) -> None:
    """`seal_signed_document` as a task (iop/tasks.py): queued in the transaction of the last
    signature, run by the worker, retried with backoff when the timestamp authority or the
    disk fails."""
    seal_signed_document(signed_document_id)


# --- Verifying ----------------------------------------------------------------------------


@dataclass
class Verification:
    """What verifying a PDF found, for the verify page."""

    ok: bool  # intact, valid, trusted and covering the whole file
    problem: str = ""  # why it could not be read at all
    signer: str = ""
    signed_at: datetime | None = None  # the time the signer's software claims
    timestamp_at: datetime | None = None  # the timestamp authority's time, when there is one
    timestamp_ok: bool | None = None
    intact: bool = False  # the signed bytes are as they were signed
    trusted: bool = False  # the certificate chains to the configured trust root
    whole_file: bool = False  # nothing was added after the seal
    signatures: int = 0


def _trust_roots():
    roots = []
    if settings.SEAL_TRUST_ROOT:
        with open(settings.SEAL_TRUST_ROOT, "rb") as handle:
            data = handle.read()
        if pem.detect(data):
            roots = [x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, multiple=True)]
        else:
            roots = [x509.Certificate.load(data)]
    return roots


def verify_pdf(pdf_bytes):
    """Validate the last signature of `pdf_bytes` against the configured trust root."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        found = reader.embedded_regular_signatures
    except Exception:  # noqa: BLE001 — a file anyone uploads: any parser failure is "unreadable"
        return Verification(ok=False, problem=_("Filen kan inte läsas som PDF."))
    if not found:
        return Verification(ok=False, problem=_("Filen har ingen elektronisk underskrift."))
    embedded = found[-1]
    roots = _trust_roots()
    try:
        status = _run(
            async_validate_pdf_signature(
                embedded,
                signer_validation_context=ValidationContext(trust_roots=roots),
                ts_validation_context=ValidationContext(trust_roots=roots),
            )
        )
    except Exception:  # noqa: BLE001 — a damaged signature is a failed check, never a 500
        logger.info("Signature validation failed", exc_info=True)
        return Verification(
            ok=False,
            problem=_("Underskriften i filen är skadad och kan inte kontrolleras."),
            signatures=len(found),
        )
    ts = status.timestamp_validity
    whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    return Verification(
        ok=bool(status.bottom_line and whole_file),
        signer=status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
        timestamp_at=ts.timestamp if ts else None,
        timestamp_ok=bool(ts.intact and ts.valid and ts.trusted) if ts else None,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        whole_file=whole_file,
        signatures=len(found),
    )
