"""CSV and XLSX exports of the lists (openpyxl for XLSX). Money is exported as numbers."""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_response(filename: str, headers: list[str], rows: list[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # so Excel reads æøå right
    writer = csv.writer(response, delimiter=";")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return response


def _csv_cell(value):
    if isinstance(value, Decimal):
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
    sheet.append(headers)
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
    if isinstance(value, Decimal):
        return float(value)
    return value
