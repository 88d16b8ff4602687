"""Uploaded files, one way for every app: checked on the way in, served only through a view that
has already decided the user may see the object.

On the way in (`validate_upload`, or `UploadField` on a form; `upload_to` on the model field):
  - size at most settings.MAX_UPLOAD_BYTES (nginx's client_max_body_size matches, see deploy/);
  - content sniffed from the first bytes, not taken from the name or the browser's Content-Type:
    PDF (%PDF-), xlsx/docx (a zip with the OOXML [Content_Types].xml), xls/doc (OLE2 compound file);
    the extension must agree with what the content is;
  - stored under a server-made name (uuid4 + the extension for the sniffed kind) in a folder per
    purpose; the person's file name is kept only as text if the model wants it.

On the way out (`serve_file`): `Content-Disposition: attachment` (never rendered inline by the
browser), the sniffed content type, `X-Content-Type-Options: nosniff`, a restrictive CSP, no caching.
MEDIA_URL is never routed, so there is no other way to a file.

    class Attachment(models.Model):
        file = models.FileField(upload_to=uploads.upload_to("rapporter"), validators=[uploads.validate_upload])

    def attachment_download(request, pk):
        attachment = get_attachment_for_user(request.user, pk)   # 404 for the wrong person
        return uploads.serve_file(attachment.file, filename=attachment.original_name)
"""

import posixpath
import uuid
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    extensions: tuple
    content_type: str
    label: str


PDF = Kind("pdf", (".pdf",), "application/pdf", "PDF")
XLSX = Kind(
    "xlsx",
    (".xlsx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Excel (xlsx)",
)
DOCX = Kind(
    "docx",
    (".docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word (docx)",
)
XLS = Kind("xls", (".xls",), "application/vnd.ms-excel", "Excel (xls)")
DOC = Kind("doc", (".doc",), "application/msword", "Word (doc)")
OLE = (XLS, DOC)  # the same container: the extension tells which
KINDS = {kind.key: kind for kind in (PDF, XLSX, DOCX, XLS, DOC)}
DEFAULT_ALLOWED = ("pdf", "xlsx", "xls")

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
# A zip bomb or a zip with thousands of members is not a spreadsheet we want to open.
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024


def _extension(name):
    return posixpath.splitext((name or "").lower())[1]


def _read_head(file, size=8):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _ooxml_kind(file):
    """XLSX or DOCX if `file` is an Office Open XML zip, else None."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                return None
            if sum(info.file_size for info in infos) > MAX_ZIP_UNCOMPRESSED:
                return None
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if any(name.startswith("xl/") for name in names):
        return XLSX
    if any(name.startswith("word/") for name in names):
        return DOCX
    return None


def sniff(file, name=""):
    """The Kind the content of `file` is, judged by its bytes (the name only tells xls from doc).
    None when it is none of the kinds we accept."""
    head = _read_head(file)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(ZIP_MAGIC):
        return _ooxml_kind(file)
    if head.startswith(OLE_MAGIC):
        ext = _extension(name)
        return next((kind for kind in OLE if ext in kind.extensions), XLS)
    return None


def validate_upload(file, allowed=DEFAULT_ALLOWED, max_bytes=None):
    """Raise ValidationError (Swedish) unless `file` is small enough, of an allowed kind by its
    content, and named with the matching extension. Returns the Kind."""
    max_bytes = max_bytes or settings.MAX_UPLOAD_BYTES
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    if size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("Filen är för stor (%(size)s MB). Största tillåtna storlek är %(max)s MB."),
            code="too_large",
            params={
                "size": f"{size / 1024 / 1024:.1f}".replace(".", ","),
                "max": f"{max_bytes / 1024 / 1024:.0f}",
            },
        )
    allowed_kinds = [KINDS[key] for key in allowed]
    names = ", ".join(kind.label for kind in allowed_kinds)
    kind = sniff(file, getattr(file, "name", ""))
    if kind is None or kind not in allowed_kinds:
        raise ValidationError(
            _("Filens innehåll är inte av en tillåten typ. Tillåtna typer: %(types)s."),
            code="bad_type",
            params={"types": names},
        )
    if _extension(getattr(file, "name", "")) not in kind.extensions:
        raise ValidationError(
            _("Filnamnet slutar inte som en %(kind)s-fil, men innehållet är %(kind)s."),
            code="bad_extension",
            params={"kind": kind.label},
        )
    return kind


@deconstructible
class UploadValidator:
    """`validate_upload` as a model-field validator with its own allowed kinds."""

    def __init__(self, allowed=DEFAULT_ALLOWED, max_bytes=None):
        self.allowed = tuple(allowed)
        self.max_bytes = max_bytes

    def __call__(self, file):
        validate_upload(file, self.allowed, self.max_bytes)

    def __eq__(self, other):
        return (
            isinstance(other, UploadValidator)
            and self.allowed == other.allowed
            and self.max_bytes == other.max_bytes
        )


@deconstructible
class upload_to:  # noqa: N801  (used like a function in model fields)
    """`upload_to` for a FileField: `<folder>/<yyyy>/<uuid4><ext>`; the person's file name is
    never part of the path."""

    def __init__(self, folder):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename):
        ext = _extension(filename)
        if ext not in {e for kind in KINDS.values() for e in kind.extensions}:
            ext = ""
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{ext}"

    def __eq__(self, other):
        return isinstance(other, upload_to) and self.folder == other.folder


class UploadField(forms.FileField):
    """A form field that runs `validate_upload` and tells the browser what to offer."""

    def __init__(self, *args, allowed=DEFAULT_ALLOWED, max_bytes=None, **kwargs):
        self.allowed = tuple(allowed)
        self.max_bytes = max_bytes
        kwargs.setdefault(
            "help_text",
            _("%(types)s, högst %(max)s MB.")
            % {
                "types": ", ".join(KINDS[k].label for k in self.allowed),
                "max": f"{(max_bytes or settings.MAX_UPLOAD_BYTES) / 1024 / 1024:.0f}",
            },
        )
        super().__init__(*args, **kwargs)
        accept = ",".join(ext for k in self.allowed for ext in KINDS[k].extensions)
        self.widget.attrs.setdefault("accept", accept)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file and file is not initial:
            validate_upload(file, self.allowed, self.max_bytes)
        return file


class _StoredFile:
    """What the widget shows for a stored file: its download link and name."""

    def __init__(self, url, name):
        self.url = url
        self.name = name

    def __str__(self):
        return self.name


class StoredFileInput(forms.ClearableFileInput):
    """A file input on an edit form that links the stored file through the view that checks
    who may see it (MEDIA_URL is never routed, so Django's own link would lead nowhere), under
    the name it downloads as, with a box to remove it."""

    initial_text = _("Sparad fil")
    input_text = _("Byt till en ny fil")
    clear_checkbox_label = _("Ta bort den sparade filen")

    def __init__(self, *, url, filename, attrs=None):
        super().__init__(attrs=attrs)
        self.url = url
        self.filename = filename

    def is_initial(self, value):
        # The stored file, not one just sent with a refused form (a browser cannot keep that).
        return isinstance(value, FieldFile) and bool(value)

    def format_value(self, value):
        if self.is_initial(value):
            return _StoredFile(self.url, self.filename)
        return None


def download_name(original):
    """A safe file name for Content-Disposition from what the person called it."""
    name = get_valid_filename(posixpath.basename((original or "").replace("\\", "/"))) or "fil"
    return name[:150]


def serve_file(field_file, *, filename=None):
    """Send a FileField's file as an attachment. Call only after a permission check (get the
    object through a `get_<x>_for_user` helper first). 404 if the file is missing."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    kind = sniff(handle, field_file.name)
    filename = download_name(filename or posixpath.basename(field_file.name))
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
