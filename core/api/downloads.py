"""Bulk downloads: the whole filtered list of every resource in one request, as CSV,
JSON Lines or XLSX (`/api/v1/<resource>/download.csv?<the list's filters>`).

Streamed with constant memory: the records are read `CHUNK_SIZE` at a time
(`QuerySet.iterator(chunk_size=...)`, the viewset's prefetches once per chunk), each
chunk serialized by the list's own serializer and written out before the next is read;
the XLSX file is built by openpyxl's write-only workbook in a temporary file and then
streamed. `X-Total-Count` carries the number of records (counted when the request
starts). The cells go through `core.spreadsheets.cell_value` (the formula guard); `raw=1`
leaves text as it is, for machines. `sep=;` writes a semicolon-separated CSV, which
Danish and Swedish spreadsheet programs open directly."""

import decimal
import gc
import io
import json
import tempfile

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.utils.encoders import JSONEncoder

from core.spreadsheets import XLSX_CONTENT_TYPE, cell_value, csv_cell, csv_writer

from .pagination import invalid

CHUNK_SIZE = 1000
SEPARATORS = {",": ",", ";": ";", "comma": ",", "semicolon": ";"}
TRUE, FALSE = ("1", "true", "yes"), ("", "0", "false", "no")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/jsonl; charset=utf-8",
    "xlsx": XLSX_CONTENT_TYPE,
}

SEP_PARAMETER = OpenApiParameter(
    "sep",
    str,
    enum=[",", ";"],
    required=False,
    description="The CSV separator: `,` (default) or `;` (for Danish and Swedish spreadsheet programs).",
)
RAW_PARAMETER = OpenApiParameter(
    "raw",
    bool,
    required=False,
    description=(
        "1: text exactly as stored, without the apostrophe put before text a spreadsheet would run as a "
        "formula (= + - @). For programs, not for opening in a spreadsheet."
    ),
)
TOTAL_HEADER = OpenApiParameter(
    "X-Total-Count",
    int,
    OpenApiParameter.HEADER,
    response=[200],
    description="How many records the download holds.",
)


def download_schema(file_format):
    parameters = [RAW_PARAMETER, TOTAL_HEADER] + ([SEP_PARAMETER] if file_format == "csv" else [])
    media_type = MEDIA_TYPES[file_format].split(";")[0]
    return extend_schema(
        summary=f"Download the whole filtered list as {file_format.upper()}",
        description="Takes the list's filters; every matching record, in one streamed file.",
        filters=True,
        parameters=parameters,
        responses={(200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description="The file.")},
    )


def _flag(request, name):
    value = request.query_params.get(name, "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise invalid(name, _("Give 1 or 0."))


def _chunks(queryset, size):
    batch = []
    for record in queryset.iterator(chunk_size=size):
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Table:
    """The rows of a download: one per record, the serializer's fields as columns."""

    def __init__(self, queryset, serializer_class, context, raw):
        self.queryset = queryset
        self.serializer_class = serializer_class
        self.context = context
        self.raw = raw
        self.fields = serializer_class(context=context).fields
        self.columns = list(self.fields)

    def records(self):
        for chunk in _chunks(self.queryset, CHUNK_SIZE):
            yield from self.serializer_class(chunk, many=True, context=self.context).data
            del chunk
            # A chunk's records and their prefetched rows point at each other: only the
            # cycle collector frees them, and they are old enough by now to wait for a
            # full collection. Collected here, so memory stays that of one chunk.
            gc.collect()

    def cells(self, record, for_csv):
        return [self.cell(record.get(name), self.fields[name], for_csv) for name in self.columns]

    def cell(self, value, field, for_csv):
        if value is None:
            return ""
        if isinstance(field, serializers.DecimalField):
            value = decimal.Decimal(value)
        elif isinstance(value, (list, dict)):
            value = json.dumps(value, ensure_ascii=False, cls=JSONEncoder)
        if isinstance(value, bool) and for_csv:
            value = "true" if value else "false"
        if self.raw:
            return value
        # In CSV, text is guarded for either reading too (a ";" or "," inside a cell may
        # start a cell for a program that splits on the other one): core.spreadsheets.
        return csv_cell(cell_value(value)) if for_csv else cell_value(value)


def csv_stream(table, separator):
    buffer = io.StringIO()
    # Every text field quoted, so neither "," nor ";" inside a cell splits it.
    writer = csv_writer(buffer, delimiter=separator, lineterminator="\r\n")
    # A byte-order mark, so spreadsheet programs read æ, ø, å and ä as UTF-8.
    buffer.write("\ufeff")
    writer.writerow(table.columns)
    for number, record in enumerate(table.records(), start=1):
        writer.writerow(table.cells(record, for_csv=True))
        if number % 200 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def jsonl_stream(table):
    lines = []
    for record in table.records():
        lines.append(json.dumps(record, ensure_ascii=False, cls=JSONEncoder))
        if len(lines) == 200:
            yield ("\n".join(lines) + "\n").encode("utf-8")
            lines = []
    if lines:
        yield ("\n".join(lines) + "\n").encode("utf-8")


def xlsx_file(table, title):
    """The workbook in a temporary file (write-only: rows go to disk as they come)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(table.columns)
    for record in table.records():
        sheet.append(
            [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in table.cells(record, False)]
        )
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle


def _file_chunks(handle, size=64 * 1024):
    with handle:
        while block := handle.read(size):
            yield block


class BulkDownloadMixin:
    """`download.csv`, `download.jsonl` and `download.xlsx` beside every list."""

    @download_schema("csv")
    @action(detail=False, methods=["get"], url_path=r"download\.csv", url_name="download-csv")
    def download_csv(self, request, *args, **kwargs):
        return self.download(request, "csv")

    @download_schema("jsonl")
    @action(detail=False, methods=["get"], url_path=r"download\.jsonl", url_name="download-jsonl")
    def download_jsonl(self, request, *args, **kwargs):
        return self.download(request, "jsonl")

    @download_schema("xlsx")
    @action(detail=False, methods=["get"], url_path=r"download\.xlsx", url_name="download-xlsx")
    def download_xlsx(self, request, *args, **kwargs):
        return self.download(request, "xlsx")

    def download(self, request, file_format):
        raw = _flag(request, "raw")
        separator = ","
        if file_format == "csv":
            separator = SEPARATORS.get(request.query_params.get("sep", ","))
            if separator is None:
                raise invalid("sep", _("Give , or ;."))
        queryset = self.filter_queryset(self.get_queryset())
        total = queryset.count()
        table = Table(queryset, self.get_serializer_class(), self.get_serializer_context(), raw)
        name = request.path.rstrip("/").split("/")[-2]  # the resource: initiatives, ...
        if file_format == "csv":
            content = csv_stream(table, separator)
        elif file_format == "jsonl":
            content = jsonl_stream(table)
        else:
            content = _file_chunks(xlsx_file(table, name))
        response = StreamingHttpResponse(content, content_type=MEDIA_TYPES[file_format])
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{file_format}"'
        response["X-Total-Count"] = str(total)
        return response
