"""Spreadsheets people download (CSV and Excel): text someone typed stays text.

A spreadsheet program reads a cell that starts with =, +, - or @ as a formula (some also after a
leading tab or carriage return), so a country line like `=HYPERLINK("http://…"&A1; "Klicka")`
in a report would run in the reader's Excel. Every cell goes through `cell`, which follows
OWASP's rule for CSV injection: such text gets a leading apostrophe. Numbers and dates keep
their type, so they still sum in the spreadsheet.
"""

import csv
import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell(value):
    """The value as it may go into a spreadsheet cell: a number or date as it is, anything else
    as text that cannot start a formula."""
    if isinstance(value, int | float | Decimal | date) and not isinstance(value, bool):
        return value
    # Control characters mean nothing in a figure and openpyxl refuses them (XML cannot hold
    # them); removed first, so they cannot hide a formula character behind them either.
    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(rows):
    """Semicolon-separated, as Swedish Excel expects, with a BOM so it reads å, ä and ö right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return "\ufeff" + buffer.getvalue()


def xlsx_bytes(rows, *, sheet_title):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            target = sheet.cell(row=row_number, column=column, value=cell(value))
            if isinstance(target.value, str):
                # A string is stored as a string, whatever openpyxl would guess from it.
                target.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
