"""The text of an uploaded agreement: plain text, a PDF's text layer (pypdf) or a Word file
(python-docx). A file we cannot or must not read is refused with a Swedish message
(`DocumentRefused`) before anything is stored or proposed.

The pages of a PDF that have no text layer (a scan) are read by OCR (`ocr.read_pages`), those
pages only; without OCR installed, a PDF with no text at all is refused with a message saying
so."""

import io
import posixpath
import zipfile

import docx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

from iop import uploads
from partnerships.importing import ocr

# An agreement with its bilagor runs to tens of pages; a file far longer is not one.
MAX_PAGES = 100
# Less text than this in a PDF means its pages are pictures (a scan) with no text layer.
MIN_TEXT_CHARS = 200
# A page with less text than this has none worth keeping (a page number at most): it is read
# by OCR. A scan of more pages than MAX_OCR_PAGES is refused before OCR (3-5 s a page).
MIN_PAGE_CHARS = 40
MAX_OCR_PAGES = 20
TEXT_EXTENSIONS = (".txt",)
ACCEPTED = ".pdf,.docx,.txt"
MACRO_EXTENSIONS = (".docm", ".dotm")


class DocumentRefused(ValidationError):
    """The uploaded document cannot be read as an agreement; the message says why, in Swedish."""


def _extension(name):
    return posixpath.splitext((name or "").lower())[1]


def check_upload(file):
    """Refuse a file that is too large, of the wrong kind, or a Word file with macros."""
    name = getattr(file, "name", "")
    extension = _extension(name)
    if extension in MACRO_EXTENSIONS:
        raise DocumentRefused(_MACROS, code="macros")
    if extension in TEXT_EXTENSIONS:
        size = getattr(file, "size", 0) or 0
        if size == 0:
            raise DocumentRefused(_("Filen är tom."), code="empty")
        if size > settings.MAX_UPLOAD_BYTES:
            raise DocumentRefused(
                _("Filen är för stor. Största tillåtna storlek är %(max)s MB.")
                % {"max": f"{settings.MAX_UPLOAD_BYTES / 1024 / 1024:.0f}"},
                code="too_large",
            )
        return
    try:
        uploads.validate_upload(file, allowed=("pdf", "docx"))
    except ValidationError as exc:
        also = gettext("Ladda upp avtalet som PDF, Word (docx) eller textfil (txt).")
        raise DocumentRefused(" ".join([*exc.messages, also]), code="bad_type") from exc


_MACROS = _(
    "Word-filen innehåller makron och öppnas inte. Spara avtalet som ett vanligt Word-dokument "
    "(docx) eller som PDF och ladda upp det igen."
)
_NO_TEXT_READ = _(
    "Ingen text kunde läsas i dokumentet, inte heller med textigenkänning (OCR): sidorna är "
    "tomma eller bilderna för otydliga. Skanna avtalet på nytt med högre upplösning eller "
    "ladda upp det som Word-fil eller PDF med text."
)


def extract_text(file):
    """The document's text. Call after `check_upload`; raises DocumentRefused."""
    name = getattr(file, "name", "")
    file.seek(0)
    data = file.read()
    file.seek(0)
    extension = _extension(name)
    if extension in TEXT_EXTENSIONS:
        return _plain_text(data)
    if data.startswith(b"%PDF-"):
        return _pdf_text(data)
    return _docx_text(data)


def _plain_text(data):
    if b"\x00" in data:
        raise DocumentRefused(
            _("Filen är inte en textfil. Ladda upp avtalet som PDF, Word (docx) eller text."),
            code="not_text",
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentRefused(_("Textfilens teckenkodning kan inte läsas."), code="encoding")


def _pdf_text(data):
    damaged = DocumentRefused(
        _("PDF-filen är skadad och kan inte läsas. Spara den på nytt och försök igen."),
        code="damaged",
    )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentRefused(
                _(
                    "PDF-filen är krypterad eller lösenordsskyddad. Spara en kopia utan "
                    "lösenord och ladda upp den."
                ),
                code="encrypted",
            )
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            raise DocumentRefused(
                _(
                    "Dokumentet har %(pages)s sidor; ett avtal med bilagor har högst "
                    "%(max)s. Ladda upp huvudavtalet för sig."
                )
                % {"pages": pages, "max": MAX_PAGES},
                code="too_many_pages",
            )
        texts = [_page_text(page) for page in reader.pages]
        # A page with no text but a picture on it is a scan; a page with neither is blank.
        scanned = [
            number
            for number, (page, text) in enumerate(zip(reader.pages, texts, strict=True), start=1)
            if len(text.strip()) < MIN_PAGE_CHARS and _has_image(page)
        ]
    except DocumentRefused:
        raise
    except Exception as exc:  # pypdf on a hostile file: IndexError, RecursionError, ...
        raise damaged from exc
    has_text = len("".join(texts).strip()) >= MIN_TEXT_CHARS
    # A PDF with text and a page without (a blank page, a scanned signature page) is read as it
    # is where OCR is not installed; one with no text at all cannot be read without it.
    if scanned and (ocr.available() or not has_text):
        if not ocr.available():
            raise DocumentRefused(ocr.NOT_INSTALLED, code="no_text_layer")
        if len(scanned) > MAX_OCR_PAGES:
            raise DocumentRefused(
                _(
                    "Dokumentet har %(pages)s inskannade sidor utan text; textigenkänning (OCR) "
                    "görs för högst %(max)s. Ladda upp huvudavtalet utan bilagor."
                )
                % {"pages": len(scanned), "max": MAX_OCR_PAGES},
                code="too_many_pages",
            )
        for number, text in ocr.read_pages(data, scanned).items():
            texts[number - 1] = text
    text = "\n".join(texts)
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise DocumentRefused(_NO_TEXT_READ, code="no_text_layer")
    return text


def _has_image(page, depth=0):
    """Whether the page (or a form on it, two levels down) draws a picture."""
    resources = page.get("/Resources") or {}
    for item in (resources.get("/XObject") or {}).values():
        xobject = item.get_object()
        subtype = xobject.get("/Subtype")
        if subtype == "/Image" or (
            subtype == "/Form" and depth < 2 and _has_image(xobject, depth + 1)
        ):
            return True
    return False


_BOLD = ("bold", "black", "heavy", "semibold")


def _page_text(page):
    """A page's text, a line set wholly in a bold font marked as a heading ("## …") as a Word
    heading is: a PDF's text layer has no blank lines to tell headings by."""
    chunks = []

    def visit(text, _cm, _tm, font, _size):
        name = str((font or {}).get("/BaseFont", "")).lower()
        chunks.append((text, any(weight in name for weight in _BOLD)))

    plain = page.extract_text(visitor_text=visit) or ""
    out, previous = [], "\n"
    for text, bold in chunks:
        line = text.strip()
        # Bold from the start of a line, short, not a label ("Offentlig sektor:").
        if bold and line and previous.endswith("\n") and len(line) < 100 and line[-1] != ":":
            text = f"\n## {line}\n\n"
        out.append(text)
        previous = text if text else previous
    marked = "".join(out)
    # Trust the marked text only if it holds what the plain extraction does.
    return marked if len(marked) >= 0.9 * len(plain) else plain


def _docx_text(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            content_types = archive.read("[Content_Types].xml")
    except Exception as exc:  # a hostile file can make the zip reader raise anything
        raise DocumentRefused(
            _("Word-filen är skadad och kan inte läsas."), code="damaged"
        ) from exc
    if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in (
        content_types
    ):
        raise DocumentRefused(_MACROS, code="macros")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # lxml's XMLSyntaxError is a SyntaxError: bad XML inside the zip
        raise DocumentRefused(
            _("Word-filen är skadad och kan inte läsas."), code="damaged"
        ) from exc
    lines = []
    for paragraph in document.paragraphs:
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        text = paragraph.text.strip()
        if style.startswith("heading") and text:
            # A Word heading reads as one: "Heading 2" → "## text".
            level = "".join(c for c in style if c.isdigit()) or "1"
            lines.extend(["", "#" * min(int(level), 6) + " " + text, ""])
        elif style.startswith("list") and text:
            lines.append("- " + text)
        else:
            lines.extend([text, ""] if text else [""])
    return "\n".join(lines)
