"""Issue 12, bulk downloads: the whole filtered list of every resource as CSV (also
semicolon-separated), JSON Lines and XLSX, streamed, with a total, the formula guard
unless `raw=1`, in a number of queries that does not grow with the records."""

import csv
import io
import json
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.choices import Visibility
from initiatives.models import Initiative

from . import factories
from .support.api import ENDPOINTS, client_for

pytestmark = pytest.mark.django_db
# A cell a spreadsheet program would take for a formula (a negative number is none).
FORMULA_START = re.compile(r"\s*([=+@]|-(?![\d.]))")


def body(response):
    assert response.status_code == 200, response.content
    assert response.streaming
    return b"".join(response.streaming_content)


def csv_rows(response, separator=","):
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=separator))


def test_the_csv_download_holds_every_matching_record_beyond_one_page(world):
    for n in range(130):
        world.initiative(title=f"Initiative {n}", phase="scaling" if n % 2 else "startup")
    world.initiative(title="Draft", visibility=Visibility.DRAFT)
    api = client_for(None)
    response = api.get("/api/v1/initiatives/download.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["X-Total-Count"] == "130"
    assert 'filename="initiatives-' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert len(rows) == 130 and len({row["id"] for row in rows}) == 130
    # The list's filters, the same parameters as the list and the page.
    filtered = api.get("/api/v1/initiatives/download.csv?phase=scaling&ordering=-title")
    rows = csv_rows(filtered)
    assert filtered["X-Total-Count"] == "65" and len(rows) == 65
    assert {row["phase"] for row in rows} == {"scaling"}
    assert [row["title"] for row in rows] == sorted((row["title"] for row in rows), reverse=True)


def test_semicolons_formula_guard_and_raw_cells(world):
    evil = world.initiative(title='=HYPERLINK("http://evil.example"); -2', target_groups=["older_alone"])
    indicator = factories.IndicatorFactory(initiative=evil)
    factories.MeasurementFactory(indicator=indicator, value="-12.500")
    api = client_for(None)
    text = body(api.get("/api/v1/initiatives/download.csv?sep=;")).decode("utf-8-sig")
    # Every text field is quoted (core.spreadsheets.csv_writer), the header too.
    assert text.splitlines()[0].startswith('"id";"url";"created";"updated";')
    row = next(csv.DictReader(io.StringIO(text), delimiter=";"))
    # The start is guarded, and so is what a ","-reading would take for a cell's start.
    assert row["title"] == "'=HYPERLINK(\"http://evil.example\"); '-2"
    assert row["target_groups"] == '["older_alone"]'
    measurements = csv_rows(api.get("/api/v1/measurements/download.csv"))
    assert measurements[0]["value"] == "-12.500"  # a number, not text to defuse

    raw = csv_rows(api.get("/api/v1/initiatives/download.csv?raw=1"))
    assert raw[0]["title"] == '=HYPERLINK("http://evil.example"); -2'
    for bad in ("sep=%7C", "raw=maybe", "phase=nonsense"):
        response = api.get(f"/api/v1/initiatives/download.csv?{bad}")
        assert response.status_code == 400 and response["Content-Type"] == "application/problem+json", bad


@pytest.mark.parametrize("written_with", [",", ";"])
def test_no_reading_of_the_csv_finds_a_formula(world, written_with):
    """Danish and Swedish spreadsheet programs split on ";", others on ",": whichever the
    file was written with and whichever it is read with, no cell starts a formula."""
    world.initiative(title="x;=1+3;y", summary="a,=2+5,b", target_groups=["older_alone"])
    separator = "%3B" if written_with == ";" else "%2C"
    text = body(client_for(None).get(f"/api/v1/initiatives/download.csv?sep={separator}")).decode("utf-8-sig")
    for read_with in (",", ";"):
        cells = [cell for row in csv.reader(io.StringIO(text), delimiter=read_with) for cell in row]
        formulas = [cell for cell in cells if FORMULA_START.match(cell)]
        assert not formulas, (written_with, read_with, formulas)
    row = next(csv.DictReader(io.StringIO(text), delimiter=written_with))
    assert row["title"] == "x;'=1+3;y" and row["summary"] == "a,'=2+5,b"


def test_json_lines_and_xlsx_hold_the_same_records(world):
    records = [world.initiative(title=f"=Initiative {n}") for n in range(25)]
    api = client_for(None)
    response = api.get("/api/v1/initiatives/download.jsonl")
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    lines = [json.loads(line) for line in body(response).decode("utf-8").splitlines()]
    assert sorted(line["id"] for line in lines) == sorted(r.pk for r in records)
    assert lines[0]["title"].startswith("=")  # JSON is data, not a spreadsheet: as stored
    assert isinstance(lines[0]["participations"], list)

    response = api.get("/api/v1/initiatives/download.xlsx")
    assert response["X-Total-Count"] == "25"
    sheet = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    assert header[0] == "id" and len(data) == 25
    title = header.index("title")
    assert all(row[title].startswith("'=") for row in data)


def test_every_resource_has_its_downloads(world, network_admin):
    api = client_for(network_admin)
    for endpoint in ENDPOINTS:
        endpoint.make(world, "public")
        count = api.get(endpoint.list_url).json()["count"]
        for file_format in ("csv", "jsonl", "xlsx"):
            response = api.get(f"{endpoint.list_url}download.{file_format}")
            assert response.status_code == 200, (endpoint.basename, file_format)
            assert response["X-Total-Count"] == str(count)
            content = body(response)
            if file_format == "csv":
                assert len(list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))) == count


@pytest.mark.parametrize("file_format", ["csv", "jsonl", "xlsx"])
def test_a_download_takes_the_same_number_of_queries_for_10_and_80_records(world, network_admin, file_format):
    api = client_for(network_admin)

    def queries_for(count):
        while Initiative.objects.count() < count:
            initiative = world.initiative()
            factories.FundingFactory(initiative=initiative)
            initiative.missions.add(world.mission())
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            response = api.get(f"/api/v1/initiatives/download.{file_format}")
            content = body(response)
        assert response["X-Total-Count"] == str(count)
        assert content
        return len(captured)

    queries_for(10)  # the token's first use is noted once (last_used)
    few = queries_for(10)
    many = queries_for(80)
    assert many == few, f"{few} queries for 10 records, {many} for 80"


def test_a_download_s_memory_does_not_grow_with_the_records(world, network_admin, monkeypatch):
    """Streamed: the records are read, written and freed a chunk at a time (and the
    output in blocks of 200 lines), so three times the records take about the same memory."""
    import tracemalloc

    from core.api import downloads

    monkeypatch.setattr(downloads, "CHUNK_SIZE", 40)
    api = client_for(network_admin)
    organisation = factories.OrganisationFactory()

    def add(count):
        start = Initiative.objects.count()
        created = Initiative.objects.bulk_create(
            factories.InitiativeFactory.build(network=world.network, visibility="public", slug=f"bulk-{start + n}")
            for n in range(count)
        )
        for initiative in created:
            factories.FundingFactory(initiative=initiative)
            factories.ParticipationFactory(initiative=initiative, organisation=organisation)

    def peak():
        tracemalloc.start()
        try:
            response = api.get("/api/v1/initiatives/download.jsonl")
            for _ in response.streaming_content:
                pass
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    add(240)
    peak()  # the first request imports and caches what every later one uses
    few = peak()
    add(480)
    many = peak()
    assert many < 1.25 * few, (few, many)
