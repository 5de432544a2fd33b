"""Tables as downloads: CSV (with a byte-order mark, so spreadsheet programs read æ, ø,
å and ä as UTF-8) or XLSX. Every list page's export and the portfolio map and review
exports go through `table_response`."""

import csv
import datetime
import decimal
import io
import re

import openpyxl
from django.http import HttpResponse
from django.utils import timezone

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell starting with one of these is a formula to a spreadsheet program: text that
# starts so is written with a leading apostrophe (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Where else a cell can start when a CSV file is read with another separator than it was
# written with (Danish and Swedish spreadsheet programs split on ";"), or where a line
# break inside a quoted field ends the row for such a reader: after ",", ";" or a line
# break. A formula character there (followed by more than a space) gets the apostrophe too.
CELL_START = re.compile(r"([,;\r\n][ \t]*)(?=[=+\-@][^\s])")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def formula_safe(text, *, csv_text=False):
    """`text` as a spreadsheet shows it, never as a formula: the one guard every exported
    cell goes through (pages, the API's CSV, joined lists). A plain number ("-5") stays as
    it is. `csv_text` also guards every place a differently-separated reading of a CSV
    file could start a cell."""
    text = str(text)
    if text.startswith(FORMULA_PREFIXES) and not PLAIN_NUMBER.fullmatch(text):
        text = f"'{text}"
    if csv_text:
        text = CELL_START.sub(r"\1'", text)
    return text


def cell_value(value):
    """A value as a spreadsheet cell: numbers, dates and booleans as themselves (aware
    datetimes in local time), lists joined, everything else as safe text (joined lists
    too: the guard applies to the joined text)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return formula_safe(", ".join(str(item) for item in value))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (datetime.date, int, float, decimal.Decimal, bool)):
        return value
    return formula_safe(value)


def csv_writer(stream, **kwargs):
    """A csv.writer that quotes every text field, so a "," or ";" inside a cell never
    splits it, whichever separator the spreadsheet program reads with."""
    return csv.writer(stream, quoting=csv.QUOTE_NONNUMERIC, **kwargs)


def csv_cell(value):
    """A `cell_value` as written to CSV: dates in ISO 8601, text guarded for every reading."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str):
        return formula_safe(value, csv_text=True) if value else value
    return value


def table_response(export_format, title, header, rows, filename):
    """A download of the table; `filename` without its date stamp and extension."""
    header = [cell_value(str(name)) for name in header]
    rows = [[cell_value(value) for value in row] for row in rows]
    if export_format == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")
        writer = csv_writer(response)
        writer.writerow([csv_cell(name) for name in header])
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])
    else:
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(title)[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{export_format}"'
    return response
