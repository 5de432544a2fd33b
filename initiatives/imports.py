"""Import initiatives from a spreadsheet (XLSX) or CSV file: read, check every row, and
write them all in one transaction, or none.

The first row names the columns (IMPORT_COLUMNS: the field names, in English, whatever
the interface language, so one template serves all networks). Choice columns take the
stored code ("prototyping") or its label in the interface language ("Prototyping");
network takes the network's slug or name; dates are written YYYY-MM-DD."""

import csv
import dataclasses
import datetime
import io
import zipfile

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.permissions import can_create_in_network
from core.validators import TEXT_MAX_LENGTH
from partners.models import Network

from . import services
from .models import Initiative

# Column header -> Initiative field. title and network are required.
IMPORT_COLUMNS = (
    "title", "network", "summary", "kind", "phase", "visibility", "language", "start_date", "end_date",
    "intention", "societal_goals", "sdg_targets", "business_case",
)  # fmt: skip
REQUIRED_COLUMNS = ("title", "network")
CHOICE_COLUMNS = ("kind", "phase", "visibility", "language")
DATE_COLUMNS = ("start_date", "end_date")
MAX_ROWS = 2000
# Rows read, empty ones included, before the file is refused (a sheet can declare a million).
MAX_FILE_ROWS = 5 * MAX_ROWS
# Cells read in a row: the columns and room for a few unknown ones to be named.
MAX_COLUMNS = 2 * len(IMPORT_COLUMNS)
# The upload (a setting: HORISONT_IMPORT_MAX_BYTES) and what an XLSX may unpack to.
DEFAULT_MAX_UPLOAD_BYTES = 5_000_000
MAX_UNPACKED_BYTES = 50_000_000


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not CSV or XLSX, no header, too many rows)."""


@dataclasses.dataclass
class ImportRow:
    number: int  # the row number in the file, the header being row 1
    values: dict
    errors: list = dataclasses.field(default_factory=list)  # [(column, message)]
    instance: Initiative | None = None


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def max_upload_bytes():
    return getattr(settings, "HORISONT_IMPORT_MAX_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def _megabytes(size):
    return f"{size / 1_000_000:.0f}" if size >= 1_000_000 else f"{size / 1_000_000:.1f}"


def _xlsx_rows(uploaded_file):
    """The rows of the first sheet, lazily, each at most MAX_COLUMNS cells: the sheet's
    declared dimension is not trusted (reset_dimensions), and a workbook whose parts
    unpack to more than MAX_UNPACKED_BYTES (a zip bomb) is refused before openpyxl reads it."""
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportFileError(_("The file could not be read as an XLSX workbook.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _("The workbook unpacks to more than %(size)s MB. Save it again without empty formatting, or as CSV.")
            % {"size": _megabytes(MAX_UNPACKED_BYTES)}
        )
    uploaded_file.seek(0)
    try:
        workbook = openpyxl.load_workbook(uploaded_file, read_only=True, data_only=True)
        sheet = workbook.active
        sheet.reset_dimensions()
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is the same to the user
        raise ImportFileError(_("The file could not be read as an XLSX workbook.")) from error
    try:
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            yield [_cell(value) for value in row]
    except ImportFileError:
        raise
    except Exception as error:  # noqa: BLE001 - a broken sheet part
        raise ImportFileError(_("The file could not be read as an XLSX workbook.")) from error
    finally:
        workbook.close()


def _csv_rows(uploaded_file):
    """The rows, lazily, each at most MAX_COLUMNS cells. A row the csv module cannot read
    (a field over its size limit, a quote left open) stops the import with its number."""
    uploaded_file.seek(0)
    text = io.TextIOWrapper(getattr(uploaded_file, "file", uploaded_file), encoding="utf-8-sig", newline="")
    try:
        sample = text.read(4096)
        text.seek(0)
    except UnicodeDecodeError as error:
        raise ImportFileError(_("A CSV file must be saved as UTF-8.")) from error
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text, dialect)
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as error:
            raise ImportFileError(_("A CSV file must be saved as UTF-8.")) from error
        except csv.Error as error:
            raise ImportFileError(
                _("Row %(row)d cannot be read (%(error)s). A cell may hold at most %(limit)s characters.")
                % {"row": number, "error": error, "limit": number_format(TEXT_MAX_LENGTH, force_grouping=True)}
            ) from error
        yield [cell.strip() for cell in row[:MAX_COLUMNS]]


def _open_table(uploaded_file):
    """(the header's column names, the remaining rows lazily), after the file-level checks."""
    name = (getattr(uploaded_file, "name", "") or "").lower()
    size = getattr(uploaded_file, "size", None)
    limit = max_upload_bytes()
    if size is not None and size > limit:
        raise ImportFileError(
            _("The file is %(size)s MB; an import may be at most %(limit)s MB. Split it into smaller files.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)}
        )
    if size == 0:
        raise ImportFileError(_("The file is empty."))
    if name.endswith(".xlsx"):
        table = _xlsx_rows(uploaded_file)
    elif name.endswith(".csv"):
        table = _csv_rows(uploaded_file)
    else:
        raise ImportFileError(_("Upload a .xlsx or .csv file."))
    first = next(table, None)
    if first is None:
        raise ImportFileError(_("The file is empty."))
    if not any(first):
        raise ImportFileError(_("The first row must name the columns."))
    header = [cell.strip().lower() for cell in first]
    unknown = [cell for cell in header if cell and cell not in IMPORT_COLUMNS]
    if unknown:
        raise ImportFileError(
            _("Unknown columns: %(columns)s. The columns are: %(known)s.")
            % {"columns": ", ".join(unknown[:20]), "known": ", ".join(IMPORT_COLUMNS)}
        )
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ImportFileError(_("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)})
    return header, table


def read_table(uploaded_file):
    """[{column: text}] from an uploaded .csv or .xlsx file, one dict per data row (empty
    rows skipped, but counted, so row numbers match the file).

    Bounded whatever the file claims: at most `HORISONT_IMPORT_MAX_BYTES` uploaded, read
    row by row, MAX_COLUMNS cells a row, and it stops at the first row past MAX_ROWS data
    rows (or MAX_FILE_ROWS rows, empty ones included)."""
    header, table = _open_table(uploaded_file)
    rows = []
    for index, cells in enumerate(table, start=2):
        if index - 1 > MAX_FILE_ROWS:
            raise ImportFileError(
                _("A file may hold at most %(count)d rows, empty rows included.") % {"count": MAX_FILE_ROWS}
            )
        if not any(cells):
            continue
        if len(rows) == MAX_ROWS:
            raise ImportFileError(_("A file may hold at most %(count)d rows.") % {"count": MAX_ROWS})
        values = {column: (cells[position] if position < len(cells) else "") for position, column in enumerate(header)
                  if column}  # fmt: skip
        rows.append({"number": index, "values": values})
    if not rows:
        raise ImportFileError(_("The file names the columns but holds no rows to import."))
    return rows


def _choice(field, text):
    """The stored code for a code or a label (any case), or the text itself (full_clean
    then names it invalid)."""
    lowered = text.lower()
    for value, label in field.flatchoices:
        if lowered in (str(value).lower(), str(label).lower()):
            return value
    return text


def _networks(rows):
    keys = {row["values"].get("network", "").strip() for row in rows} - {""}
    found = {}
    for network in Network.objects.filter(Q(slug__in=keys) | Q(name__in=keys)):
        found[network.slug] = found[network.name] = network
    return found


def _unstorable(values):
    """(column, message) for each cell the database cannot store (a NUL character)."""
    return [
        (column, _("The cell holds a NUL character, which cannot be stored."))
        for column in IMPORT_COLUMNS
        if "\x00" in (values.get(column) or "")
    ]


def check_rows(rows, user):
    """Every row as an ImportRow with its errors, each naming the column."""
    networks = _networks(rows)
    checked = []
    for row in rows:
        result = ImportRow(number=row["number"], values=row["values"])
        values = row["values"]
        initiative = Initiative()
        result.errors.extend(_unstorable(values))
        for column in IMPORT_COLUMNS:
            text = (values.get(column) or "").replace("\x00", "").strip()  # NUL: an error above
            if column == "network":
                network = networks.get(text)
                if not text:
                    result.errors.append((column, _("This field cannot be blank.")))
                elif network is None:
                    result.errors.append((column, _("No network is called “%(name)s”.") % {"name": text}))
                elif not can_create_in_network(user, network.pk):
                    result.errors.append((column, _("You cannot add initiatives to this network.")))
                else:
                    initiative.network = network
            elif not text:
                continue
            elif column in CHOICE_COLUMNS:
                setattr(initiative, column, _choice(Initiative._meta.get_field(column), text))
            elif column in DATE_COLUMNS:
                try:
                    setattr(initiative, column, datetime.date.fromisoformat(text))
                except ValueError:
                    result.errors.append((column, _("Write the date as YYYY-MM-DD.")))
            elif column == "sdg_targets":
                initiative.sdg_targets = [item.strip() for item in text.replace(";", ",").split(",") if item.strip()]
            else:
                setattr(initiative, column, text)
        failed = {column for column, _message in result.errors}
        try:
            initiative.full_clean(exclude=["slug", *failed])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                column = field if field in IMPORT_COLUMNS else _("whole row")
                result.errors.extend((column, message) for message in messages)
        result.instance = initiative
        checked.append(result)
    return checked


def import_initiatives(rows, user):
    """Write every row, or none: the rows are checked again inside the transaction (the
    user's rights or a network may have changed since the preview). Returns the new
    initiatives, or raises ValidationError with the rows' errors."""
    with transaction.atomic():
        checked = check_rows(rows, user)
        errors = [(row.number, column, message) for row in checked for column, message in row.errors]
        if errors:
            raise ValidationError(
                [
                    _("Row %(row)d, column %(column)s: %(message)s") % {"row": n, "column": c, "message": m}
                    for n, c, m in errors
                ]
            )
        created = []
        for row in checked:
            row.instance.save()
            services.add_creator_organisation(row.instance, services.creator_organisation(row.instance, user))
            created.append(row.instance)
        return created
