"""`?format=csv` on every list: one row per record, one column per field. Nested values
(lists, objects) are written as JSON in their cell. Written here rather than taken from
djangorestframework-csv, which is unmaintained; the csv module does the quoting."""

import io
import json

from rest_framework.renderers import BaseRenderer

from core.spreadsheets import csv_writer, formula_safe


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict) and "results" in data:
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        columns = []
        for row in rows:
            for key in row:
                if key not in columns:
                    columns.append(key)
        buffer = io.StringIO()
        writer = csv_writer(buffer, lineterminator="\r\n")
        writer.writerow([formula_safe(column, csv_text=True) for column in columns])
        for row in rows:
            writer.writerow([self.cell(row.get(column)) for column in columns])
        # A byte order mark, so spreadsheets read æ, ø, å and ä as UTF-8.
        return ("\ufeff" + buffer.getvalue()).encode(self.charset)

    @staticmethod
    def cell(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (list, dict)):
            value = json.dumps(value, ensure_ascii=False)
        # The one formula guard (core/spreadsheets.py), for every reading of the file.
        return formula_safe(value, csv_text=True)
