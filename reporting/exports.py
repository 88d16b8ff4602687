"""Figures for publication as CSV and Excel: always the suppressed version."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from iop.exports import XLSX_CONTENT_TYPE, csv_text, xlsx_bytes
from reporting.compilation import suppressed, suppression_legend


def _count(shown):
    # A published count is a number in the spreadsheet; "<5" and ".." stay text.
    return int(shown) if shown.isdigit() else shown


def rows(compilation):
    total, tables = suppressed(compilation)
    yield [_("Uppdelning"), _("Kategori"), _("Antal")]
    yield [_("Totalt"), _("Personer som nåtts"), _count(total)]
    for breakdown, cells in tables:
        for cell in cells:
            yield [str(breakdown.title), cell.label, _count(cell.shown)]
    for row in compilation.feedback:
        count = row["count"]
        yield [_("Synpunkter och klagomål"), str(row["label"]), count]
    for mark, explanation in suppression_legend(total, tables):
        yield [_("Teckenförklaring"), mark, explanation]


def csv_response(compilation, filename):
    response = HttpResponse(csv_text(rows(compilation)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.csv")
    return response


def xlsx_response(compilation, filename):
    content = xlsx_bytes(rows(compilation), sheet_title=_("Antal"))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.xlsx")
    return response
