"""Every PDF the product makes goes through `render_pdf`.

One URL fetcher for all of them: it serves the project's own static files and refuses everything
else (http, https, data, and file: paths outside the static folders), so text a user typed into
an agreement or a report cannot make the server fetch a URL or read a local file.
"""

import functools
import logging
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

try:  # WeasyPrint's own probe for the library: None when it is missing
    from weasyprint.text.ffi import harfbuzz_subset
except ImportError:  # moved in another WeasyPrint version: nothing to say
    harfbuzz_subset = True

logger = logging.getLogger(__name__)

if harfbuzz_subset is None:
    # WeasyPrint then subsets the embedded fonts with fontTools, and its own warning (once per
    # font of every PDF) is silenced by settings.LOGGING: say it once, here.
    logger.warning(
        "libharfbuzz-subset0 is missing: every PDF takes nearly twice the CPU "
        "(fonts subset with fontTools); install it (deploy/README.md)"
    )

STATIC_BASE_URL = "file:///iop-static/"
PDF_TIME_LIMIT_SECONDS = 20


class PdfTimeout(Exception):
    pass


class StaticOnlyFetcher(URLFetcher):
    """Resolves `file:///iop-static/<path>` to a static file; refuses every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=False)
        self.refused = []

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        path = unquote(parsed.path)
        if parsed.scheme != "file" or not path.startswith("/iop-static/"):
            self.refused.append(url)
            logger.warning("PDF rendering refused to fetch %s", url)
            raise ValueError(f"Refused to fetch {url}")
        relative = path.removeprefix("/iop-static/")
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation:
            found = None
        if not found:
            self.refused.append(url)
            raise ValueError(f"No static file {relative}")
        with open(found, "rb") as handle:
            body = handle.read()
        content_type = "text/css" if found.endswith(".css") else None
        headers = {"Content-Type": content_type} if content_type else {}
        return URLFetcherResponse(url, body=body, headers=headers)


@contextmanager
def _time_limit(seconds):
    """Stop a runaway rendering. Signals only work in the main thread (gunicorn's sync
    workers); elsewhere (the development server's threads) rendering runs unlimited."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum, frame):
        raise PdfTimeout(f"PDF rendering took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@functools.cache
def pdf_stylesheet():
    """static/css/pdf.css, parsed once per process and given to every PDF (read and
    tokenised anew for each, it was a few per cent of a rendering). Restart the server to see
    an edit of it; the same fetcher refuses any url() in it."""
    path = finders.find("css/pdf.css")
    return CSS(
        string=Path(path).read_text(encoding="utf-8"),
        base_url=STATIC_BASE_URL,
        url_fetcher=StaticOnlyFetcher(),
    )


_fonts = threading.local()


def font_config():
    """One fontconfig set-up per thread, kept between PDFs: making one loads fontconfig's
    configuration and font cache from disk (~3 ms CPU, ~9 ms wall on a busy machine). Per thread,
    because Pango's font map is not made for two threads at once."""
    if getattr(_fonts, "config", None) is None:
        _fonts.config = FontConfiguration()
    return _fonts.config


def render_pdf(template_name, context, *, fetcher=None, time_limit=PDF_TIME_LIMIT_SECONDS):
    """Render a template (which extends `pdf/base.html`) to PDF/A-3u bytes, tagged for
    accessibility, styled by `pdf_stylesheet()` and the template's own <style>; the
    document's <title> and lang attribute become the PDF's metadata."""
    html = render_to_string(template_name, context)
    fetcher = fetcher or StaticOnlyFetcher()
    with _time_limit(time_limit):
        document = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=fetcher)
        return document.write_pdf(
            stylesheets=[pdf_stylesheet()],
            font_config=font_config(),
            pdf_variant="pdf/a-3u",
            pdf_tags=True,
        )


def pdf_response(pdf_bytes, filename):
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    # The name carries what staff typed (a diarienummer, a group's name): quotes, semicolons
    # and line breaks must not break out of the header.
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


__all__ = ["render_pdf", "pdf_response", "StaticOnlyFetcher", "PdfTimeout", "settings"]
