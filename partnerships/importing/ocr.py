"""Reading the pages of a scanned PDF that have no text layer: OCRmyPDF with Tesseract and its
Swedish model (Debian's ocrmypdf, tesseract-ocr, tesseract-ocr-swe; `make ocr` installs them).

The command runs without a shell, on a copy of the upload in a temporary folder, for the pages
that lack text only (`--pages`), within settings.IOP_OCR_TIMEOUT seconds; it writes no PDF, only
the text it read (`--sidecar`), one page after another separated by form feeds. Anything that
goes wrong is a DocumentRefused with a Swedish message: nothing is stored."""

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# Tesseract's own threads on top of OCRmyPDF's one job per core only slow the machine down.
_ENVIRONMENT = {"OMP_THREAD_LIMIT": "1", "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}

NOT_INSTALLED = _(
    "Dokumentet saknar textlager: sidorna är bilder (en inskannad PDF) och textigenkänning "
    "(OCR) finns inte installerad här. Ladda upp avtalet som Word-fil, textfil eller som PDF "
    "med text, eller be driften installera OCR (make ocr)."
)
TOO_SLOW = _(
    "Textigenkänningen (OCR) av den inskannade PDF-filen tog för lång tid (mer än "
    "%(seconds)s sekunder) och avbröts. Ladda upp färre sidor, till exempel huvudavtalet utan "
    "bilagor, eller avtalet som Word-fil."
)
FAILED = _(
    "Textigenkänningen (OCR) kunde inte läsa den inskannade PDF-filen. Skanna avtalet på nytt "
    "eller ladda upp det som Word-fil eller PDF med text."
)


def command():
    """The OCR command as a list (settings.IOP_OCR_COMMAND), or None if it is not installed."""
    configured = list(settings.IOP_OCR_COMMAND)
    if not configured or shutil.which(configured[0]) is None:
        return None
    return configured


def available():
    return command() is not None


def read_pages(data, pages):
    """{page number (1-based): text} for `pages` of the PDF `data`, read by OCR. Raises
    DocumentRefused (imported late: extract imports this module)."""
    from partnerships.importing.extract import DocumentRefused

    base = command()
    if base is None:
        raise DocumentRefused(NOT_INSTALLED, code="ocr_missing")
    timeout = settings.IOP_OCR_TIMEOUT
    with tempfile.TemporaryDirectory(prefix="iop-ocr-") as folder:
        source = Path(folder) / "skannad.pdf"
        sidecar = Path(folder) / "text.txt"
        source.write_bytes(data)
        arguments = [
            *base,
            "--language",
            settings.IOP_OCR_LANGUAGE,
            "--force-ocr",  # only the pages asked for, which have no text worth keeping
            "--pages",
            ",".join(str(page) for page in pages),
            "--output-type",
            "none",
            "--sidecar",
            str(sidecar),
            "--quiet",
            str(source),
            "-",
        ]
        try:
            _run(arguments, folder, timeout)
            text = sidecar.read_text(encoding="utf-8", errors="replace")
        except subprocess.TimeoutExpired as exc:
            raise DocumentRefused(TOO_SLOW % {"seconds": timeout}, code="ocr_timeout") from exc
        except (subprocess.CalledProcessError, OSError) as exc:
            raise DocumentRefused(FAILED, code="ocr_failed") from exc
    return _by_page(text, pages)


def _run(arguments, folder, timeout):
    """Run the command in a session of its own, so that on timeout it is ended with the
    Tesseract processes it started, not only itself."""
    with subprocess.Popen(
        arguments,
        cwd=folder,
        env=_ENVIRONMENT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    ) as process:
        try:
            _out, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
        if process.returncode != 0:
            raise subprocess.CalledProcessError(process.returncode, arguments[0], stderr=errors)


_SKIPPED = re.compile(r"^\s*\[OCR skipped on page\(s\) (\d+)(?:-(\d+))?\]\s*$")


def _by_page(sidecar, pages):
    """The sidecar's text per page: a form feed after each page read; the pages not read in
    between stand as one note in brackets ("[OCR skipped on page(s) 5-10]")."""
    read, page = {}, 1
    for chunk in sidecar.split("\f"):
        skipped = _SKIPPED.match(chunk)
        if skipped:
            page = int(skipped.group(2) or skipped.group(1)) + 1
            continue
        read[page] = chunk
        page += 1
    return {number: read.get(number, "") for number in pages}
