"""CSV and XLSX exports of the lists (openpyxl for XLSX). Money is exported as numbers.

Every export goes through `csv_response` or `xlsx_response`, and every cell they write —
headers, rows and totals — through `neutralise`: a text cell that a spreadsheet would read
as a formula (`=HYPERLINK(...)` as an invoice number) gets a leading apostrophe, as OWASP
advises against CSV/formula injection, while numbers and dates stay numeric cells.
"""

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell starting with one of these is a formula (or becomes one) in Excel and LibreOffice.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Written as they are: numeric and date cells, never text, so never a formula either.
_NOT_TEXT = (bool, int, float, Decimal, datetime.date, datetime.time, datetime.timedelta)


def neutralise(value):
    """The value as an export cell that no spreadsheet evaluates as a formula.

    None stays empty; numbers (int, float, Decimal — a negative amount included) and dates
    are returned unchanged, so they stay numbers and dates. Anything else becomes text, and
    text starting with =, +, -, @, tab or CR gets a leading apostrophe.
    """
    if value is None or isinstance(value, _NOT_TEXT):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_response(filename: str, headers: list[str], rows: list[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # so Excel reads æøå right
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_csv_cell(value) for value in headers])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return response


def _csv_cell(value):
    value = neutralise(value)
    if isinstance(value, Decimal):
        # Formatted after neutralise: "-12,50" is a number here, not text to be quoted.
        return f"{value:.2f}".replace(".", ",")
    return "" if value is None else value


def xlsx_response(
    filename: str, headers: list[str], rows: list[list], totals: list | None = None
) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = filename[:31]
    sheet.append([_xlsx_cell(value) for value in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx_cell(value) for value in row])
    if totals is not None:
        sheet.append([_xlsx_cell(value) for value in totals])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for column, values in enumerate(sheet.iter_cols(values_only=True), start=1):
        width = max(len(str(value)) for value in values if value is not None) + 2
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = min(
            width, 60
        )
        if any(isinstance(value, float) for value in values):
            for cell in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                cell[0].number_format = "#,##0.00"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _xlsx_cell(value):
    value = neutralise(value)
    if isinstance(value, Decimal):
        return float(value)
    return value
