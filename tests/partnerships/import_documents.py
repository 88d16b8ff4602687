"""The seeds (and agreements written for the tests) as the files a handläggare would upload:
plain text, Word (python-docx), PDF with a text layer (WeasyPrint) and a scanned PDF (the text
PDF's pages rendered to images by Ghostscript, which comes with OCRmyPDF, and wrapped as a PDF
of images only by Pillow)."""

import io
import re
import subprocess
import tempfile
from html import escape
from pathlib import Path

import docx
from PIL import Image
from weasyprint import HTML

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
if not SEEDS.exists():
    SEEDS = Path("/work/shared/seeds")

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM = re.compile(r"^\s*[-*]\s+(.*)$")


def seed_text(name):
    return (SEEDS / name).read_text(encoding="utf-8")


def _blocks(text):
    """(kind, level, text) per line: a Markdown heading, a list item or a line of text."""
    for line in text.splitlines():
        heading = _HEADING.match(line)
        item = _ITEM.match(line)
        if heading:
            yield "heading", len(heading.group(1)), heading.group(2).replace("**", "").strip()
        elif item:
            yield "item", 0, item.group(1).replace("**", "")
        else:
            yield "line", 0, line.replace("**", "")


def as_docx(text):
    """A Word file: Markdown headings as Word headings, list items as list paragraphs, every
    other line a paragraph of its own (as an OCR'd text keeps its lines)."""
    document = docx.Document()
    for kind, level, line in _blocks(text):
        if kind == "heading":
            document.add_heading(line, level=min(level, 9))
        elif kind == "item":
            document.add_paragraph(line, style="List Bullet")
        elif line.strip():
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_pdf(text):
    """A PDF with a text layer, each line of the source a line of the page."""
    parts = []
    for kind, level, line in _blocks(text):
        if kind == "heading":
            parts.append(f"<h{min(level, 6)}>{escape(line)}</h{min(level, 6)}>")
        elif kind == "item":
            parts.append(f"<p>- {escape(line)}</p>")
        elif line.strip():
            parts.append(f"<p>{escape(line)}</p>")
        else:
            parts.append("<br>")
    html = (
        "<html><head><style>@page{size:A4;margin:2cm} body{font:10pt sans-serif} "
        "p{margin:0}</style></head><body>" + "\n".join(parts) + "</body></html>"
    )
    return HTML(string=html).write_pdf()


def as_scanned_pdf(text, dpi=150, pages=None):
    """A PDF whose pages are pictures only, as a scanner makes them: no text layer. `pages`
    (a number) keeps only the first ones."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "text.pdf"
        source.write_bytes(as_pdf(text))
        last = [f"-dLastPage={pages}"] if pages else []
        subprocess.run(
            ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pnggray", f"-r{dpi}",
             *last, f"-sOutputFile={folder}/page-%03d.png", str(source)],
            check=True,
            timeout=120,
        )  # fmt: skip
        images = [Image.open(path) for path in sorted(Path(folder).glob("page-*.png"))]
        out = io.BytesIO()
        images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


# An agreement written for the tests in other words than the seeds: paragraph signs, other
# headings, ISO dates, an extension by twelve months, "Org.nr" and a list of numbered goals.
OWN_AGREEMENT = """ÖVERENSKOMMELSE OM IDÉBURET OFFENTLIGT PARTNERSKAP

Läxhjälp och föräldrastöd i Järva

Dnr: 3.1.2-123/2025

§ 1 Bakgrund

I Järva saknar många barn stöd med skolarbetet efter skoldagen. Socialnämnden har i sin
verksamhetsplan för 2025 beslutat att pröva ett partnerskap med civilsamhället.

§ 2 Parter

Offentlig part: Stockholms stad, socialförvaltningen, genom enheten för förebyggande arbete.
Organisationsnummer 212000-0142.

Idéburen part: Föreningen Läxhjälpen, org.nr 802400-1235.

Idéburen part: Järva Föräldranätverk, org.nr 802511-2346.

§ 3 Syfte

Partnerskapet syftar till att fler barn i Järva ska klara skolan och att föräldrar ska få
stöd i sitt föräldraskap.

§ 4 Mål för partnerskapet

1. Att fler elever i årskurs 6–9 når kunskapskraven.
2. Att föräldrar deltar i minst fyra träffar per termin.

§ 5 Målgrupp

Barn i årskurs 6–9 som bor i Järva och deras föräldrar.

§ 6 Värdegrund

Parterna arbetar utifrån alla människors lika värde och barnets bästa.

§ 7 Avtalstid

Överenskommelsen gäller från och med 2025-01-01 till och med 2026-12-31 under förutsättning
att medel för ändamålet finns. Därefter förlängs den automatiskt med 12 månader åt gången,
som längst till och med 2028-12-31, om inte någon part säger upp den senast den 30 september.

§ 8 Uppsägning

En part får säga upp sitt deltagande. Uppsägningstiden är tre månader.

§ 9 Underskrifter

För socialförvaltningen                För Föreningen Läxhjälpen
"""
