"""Figures for publication as CSV and Excel: always the suppressed version."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from reporting.compilation import suppressed


def rows(compilation):
    total, tables = suppressed(compilation)
    yield [_("Uppdelning"), _("Kategori"), _("Antal")]
    yield [_("Totalt"), _("Personer som nåtts"), total]
    for breakdown, cells in tables:
        for cell in cells:
            yield [str(breakdown.title), cell.label, cell.shown]
    for row in compilation.feedback:
        count = row["count"]
        yield [_("Synpunkter och klagomål"), str(row["label"]), count]


def csv_response(compilation, filename):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows(compilation):
        writer.writerow(row)
    # BOM so Excel opens the Swedish characters right.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(compilation, filename):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Antal")[:31]
    for row in rows(compilation):
        sheet.append([str(value) if not isinstance(value, int) else value for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
