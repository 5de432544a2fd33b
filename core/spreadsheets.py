"""Tables as downloads: CSV (with a byte-order mark, so spreadsheet programs read æ, ø,
å and ä as UTF-8) or XLSX. Every list page's export and the portfolio map and review
exports go through `table_response`."""

import csv
import datetime
import decimal
import io

import openpyxl
from django.http import HttpResponse
from django.utils import timezone

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell starting with one of these is a formula to a spreadsheet program: text that
# starts so is written with a leading apostrophe (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cell_value(value):
    """A value as a spreadsheet cell: numbers, dates and booleans as themselves (aware
    datetimes in local time), lists joined, everything else as safe text."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (datetime.date, int, float, decimal.Decimal, bool)):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def table_response(export_format, title, header, rows, filename):
    """A download of the table; `filename` without its date stamp and extension."""
    rows = [[cell_value(value) for value in row] for row in rows]
    if export_format == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(header)
        for row in rows:
            writer.writerow([value.isoformat() if hasattr(value, "isoformat") else value for value in row])
    else:
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(title)[:31])
        sheet.append([str(name) for name in header])
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{export_format}"'
    return response
