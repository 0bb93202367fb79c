"""CSV and XLSX exports of exactly the filtered, sorted rows of a list, in bounded memory.

The rows are read in chunks (``QuerySet.iterator``), never all at once: CSV is streamed as it
is written, XLSX is written row by row by openpyxl's write-only workbook into a temporary
file that is then sent. Every cell goes through ``requests_app.exports.neutralise`` (a text
starting with =, +, -, @, tab or CR gets a leading apostrophe); money stays a number (a
decimal comma in the CSV, a number cell in the XLSX) and dates stay dates.
"""

import csv
import datetime
import tempfile
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse

from requests_app.exports import XLSX, neutralise

CHUNK_SIZE = 500


class _Echo:
    """A file-like object whose write returns the line, for csv.writer into a stream."""

    def write(self, value):
        return value


def _csv_cell(value):
    value = neutralise(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return "" if value is None else value


def _records(queryset):
    return queryset.iterator(chunk_size=CHUNK_SIZE)


def csv_export(filename: str, headers: list[str], queryset, row) -> StreamingHttpResponse:
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff"  # so Excel reads æøå right
        yield writer.writerow([_csv_cell(value) for value in headers])
        for record in _records(queryset):
            yield writer.writerow([_csv_cell(value) for value in row(record)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _xlsx_cell(value, cell_of):
    value = neutralise(value)
    if isinstance(value, Decimal):
        cell = cell_of(float(value))
        cell.number_format = "#,##0.00"
        return cell
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: the Copenhagen wall time, as shown on the page.
        cell = cell_of(value.replace(tzinfo=None))
        cell.number_format = "dd.mm.yyyy hh:mm"
        return cell
    if isinstance(value, datetime.date):
        cell = cell_of(value)
        cell.number_format = "dd.mm.yyyy"
        return cell
    return value


def xlsx_export(filename: str, headers: list[str], queryset, row) -> FileResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(filename[:31])

    def cell_of(value):
        return WriteOnlyCell(sheet, value=value)

    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = cell_of(neutralise(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for record in _records(queryset):
        sheet.append([_xlsx_cell(value, cell_of) for value in row(record)])
    file = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(file)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX)
