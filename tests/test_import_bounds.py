"""The initiative import stays within fixed bounds whatever the file claims
(initiatives/imports.py): hostile files are refused with a file- or row-level message,
nothing is written, and the process's memory grows by less than 50 MB while refusing them.

The files are made here: an XLSX whose sheet declares the dimension A1:XFD1048576 (openpyxl
pads every row to the declared dimension unless told not to), one with a cell at XFD1048576,
a 25 MB CSV, a CSV of 100,000 short rows under the size limit, a CSV field longer than the
csv module's limit, a NUL byte, a header without rows and an empty file."""

import csv
import gc
import io
import re
import tracemalloc
import zipfile

import openpyxl
import psutil
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.urls import reverse
from django.utils import translation

from initiatives import imports
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db

IMPORT_URL = "initiatives:initiative_import"
HEADER = ["title", "network", "phase"]
MEMORY_BOUND = 50 * 1024 * 1024


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def xlsx_bytes(rows, dimension=None, far_cell=False):
    """An XLSX workbook; `dimension` rewrites what its sheet declares, `far_cell` adds a
    value at XFD1048576 (the last cell a sheet can have)."""
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    if far_cell:
        workbook.active["XFD1048576"] = "far away"
    buffer = io.BytesIO()
    workbook.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb'<dimension ref="[^"]+"', f'<dimension ref="{dimension}"'.encode(), data)
                assert count == 1
            target.writestr(item, data)
    return output.getvalue()


def csv_on_disk(tmp_path, name, write):
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        write(handle)
    return path


def disk_upload(path):
    """The upload as Django hands a large one to the view: a file on disk."""
    return UploadedFile(file=path.open("rb"), name=path.name, size=path.stat().st_size)


def write_big_csv(handle, size=25 * 1024 * 1024):
    writer = csv.writer(handle)
    writer.writerow(HEADER)
    row = 0
    while handle.tell() < size:
        writer.writerow([f"Initiativ {row} " + "x" * 200, "net", "prototyping"])
        row += 1


def write_many_rows(handle):
    writer = csv.writer(handle)
    writer.writerow(HEADER)
    for row in range(100_000):
        writer.writerow([f"I{row}", "net", ""])


def write_long_field(handle):
    writer = csv.writer(handle)
    writer.writerow(HEADER)
    writer.writerow(["Kort", "net", ""])
    writer.writerow(["L" * 200_000, "net", ""])


def hostile_uploads(tmp_path):
    """(name, upload maker, the message it is refused with)."""
    return [
        (
            "dimension A1:XFD1048576",
            lambda: SimpleUploadedFile("bomb.xlsx", xlsx_bytes([HEADER], dimension="A1:XFD1048576")),
            "holds no rows",
        ),
        (
            "dimension A1:XFD3000",
            lambda: SimpleUploadedFile("bomb.xlsx", xlsx_bytes([HEADER], dimension="A1:XFD3000")),
            "holds no rows",
        ),
        (
            "a cell at XFD1048576",
            lambda: SimpleUploadedFile("far.xlsx", xlsx_bytes([HEADER, ["A", "net", ""]], far_cell=True)),
            "at most 10000 rows, empty rows included",
        ),
        (
            "25 MB CSV",
            lambda: disk_upload(csv_on_disk(tmp_path, "big.csv", write_big_csv)),
            "an import may be at most 5 MB",
        ),
        (
            "100,000 rows",
            lambda: disk_upload(csv_on_disk(tmp_path, "rows.csv", write_many_rows)),
            "at most 2000 rows",
        ),
        (
            "a 200,000-character field",
            lambda: disk_upload(csv_on_disk(tmp_path, "long.csv", write_long_field)),
            "Row 3 cannot be read",
        ),
        ("header only", lambda: SimpleUploadedFile("header.csv", b"title,network,phase\r\n"), "holds no rows"),
        ("empty", lambda: SimpleUploadedFile("empty.csv", b""), "is empty"),
        ("empty XLSX sheet", lambda: SimpleUploadedFile("empty.xlsx", xlsx_bytes([])), "The file is empty"),
    ]


def refuse(upload):
    """Read and check the upload as the view does; the message it is refused with."""
    try:
        rows = imports.read_table(upload)
    except imports.ImportFileError as error:
        return str(error)
    raise AssertionError(f"accepted {len(rows)} rows")


@pytest.mark.parametrize("case", range(9))
def test_a_hostile_file_is_refused_within_bounded_memory(case, tmp_path):
    name, make, message = hostile_uploads(tmp_path)[case]
    upload = make()
    gc.collect()
    process = psutil.Process()
    before = process.memory_info().rss
    tracemalloc.start()
    try:
        refused_with = refuse(upload)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    grown = process.memory_info().rss - before
    assert message in refused_with, (name, refused_with)
    assert peak < MEMORY_BOUND, (name, peak)
    assert grown < MEMORY_BOUND, (name, grown)


@pytest.mark.parametrize("case", range(9))
def test_the_import_page_shows_the_refusal_on_the_file_field_and_writes_nothing(case, tmp_path, client, coordinator):
    name, make, message = hostile_uploads(tmp_path)[case]
    client.force_login(coordinator)
    upload = make()
    upload.seek(0)
    content = upload.read()
    response = client.post(reverse(IMPORT_URL), {"file": SimpleUploadedFile(upload.name, content)})
    assert response.status_code == 200
    assert message in response.text, name
    assert 'id="id_file_error"' in response.text
    assert "Import these initiatives" not in response.text
    assert client.post(reverse(IMPORT_URL), {"confirm": "1"}).status_code == 302  # no preview to confirm
    assert not Initiative.objects.exists()


def test_the_upload_limit_is_a_setting(settings, client, coordinator, network):
    settings.HORISONT_IMPORT_MAX_BYTES = 100
    client.force_login(coordinator)
    upload = SimpleUploadedFile("ok.csv", f"title,network\r\n{'Familiehuset ' * 10},{network.slug}\r\n".encode())
    response = client.post(reverse(IMPORT_URL), {"file": upload})
    assert "an import may be at most 0.0 MB" in response.text


def test_a_nul_byte_is_a_row_error_in_the_preview_and_at_confirmation(client, coordinator, network):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("nul.csv", f"title,network\r\nFamilie\x00huset,{network.slug}\r\n".encode())
    response = client.post(reverse(IMPORT_URL), {"file": upload})
    assert response.status_code == 200
    assert "Row 2, column title" in response.text
    assert "NUL character" in response.text
    assert "Import these initiatives" not in response.text
    # The confirmation checks again (the rows as a forged session would hold them).
    rows = [{"number": 2, "values": {"title": "Familie\x00huset", "network": network.slug}}]
    with pytest.raises(ValidationError) as error:
        imports.import_initiatives(rows, coordinator)
    assert "NUL" in str(error.value)
    assert not Initiative.objects.exists()


def test_a_file_within_the_bounds_still_imports(client, coordinator, network):
    client.force_login(coordinator)
    rows = [["title", "network"]] + [[f"Initiativ {n}", network.slug] for n in range(20)]
    upload = SimpleUploadedFile("ok.xlsx", xlsx_bytes(rows, dimension="A1:XFD1048576"))
    assert "Import these initiatives" in client.post(reverse(IMPORT_URL), {"file": upload}).text
    assert client.post(reverse(IMPORT_URL), {"confirm": "1"}).status_code == 302
    assert Initiative.objects.count() == 20


def test_exactly_the_row_limit_is_read(network):
    rows = [["title", "network"]] + [[f"Initiativ {n}", network.slug] for n in range(imports.MAX_ROWS)]
    for upload in (
        SimpleUploadedFile("ok.xlsx", xlsx_bytes(rows, dimension="A1:XFD1048576")),
        SimpleUploadedFile("ok.csv", "\r\n".join(",".join(row) for row in rows).encode()),
    ):
        table = imports.read_table(upload)
        assert len(table) == imports.MAX_ROWS
        assert table[-1] == {
            "number": imports.MAX_ROWS + 1,
            "values": {"title": "Initiativ 1999", "network": network.slug},
        }
