"""Exports of any filtered list as CSV and XLSX (core.views.ListExportMixin), imports of
initiatives from XLSX or CSV (initiatives.imports: all rows or none), and the
accessibility statement linked from every page."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from core.choices import Visibility
from initiatives import imports
from initiatives.choices import Phase
from initiatives.models import Initiative

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    """The assertions read the English texts; the interface's default language is Danish."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def initiatives(network):
    return {
        "public": factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC, title="Åbne Døre",
                                              phase=Phase.PROTOTYPING),
        "network": factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK, title="Netværkshuset",
                                               phase=Phase.IDEA_DEVELOPMENT),
        "formula": factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC, title="=HYPERLINK(1)",
                                               phase=Phase.IDEA_DEVELOPMENT),
    }  # fmt: skip


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_export_is_the_filtered_visible_list(client, member, initiatives):
    url = reverse("initiatives:initiative_list")
    anonymous = read_csv(client.get(url, {"export": "csv"}))
    titles = [row[0] for row in anonymous[1:]]
    assert "Åbne Døre" in titles and "Netværkshuset" not in titles
    client.force_login(member)
    response = client.get(url, {"export": "csv", "phase": Phase.IDEA_DEVELOPMENT})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][0] == "Title"
    titles = [row[0] for row in rows[1:]]
    assert "Netværkshuset" in titles and "Åbne Døre" not in titles
    # A cell a spreadsheet would run as a formula stays text.
    assert "'=HYPERLINK(1)" in titles
    assert rows[1][-1].startswith("http://testserver/initiatives/")


def test_xlsx_export_has_every_row_not_one_page(client, network, initiatives):
    factories.InitiativeFactory.create_batch(30, network=network, visibility=Visibility.PUBLIC)
    response = client.get(reverse("initiatives:initiative_list"), {"export": "xlsx"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 32  # the header and every public initiative (the page shows 25)
    assert "Åbne Døre" in [row[0] for row in rows]


def test_list_pages_link_to_their_exports_keeping_the_filters(client, initiatives):
    html = client.get(reverse("initiatives:initiative_list"), {"phase": Phase.PROTOTYPING}).content.decode()
    assert "phase=prototyping&amp;export=csv" in html
    assert "phase=prototyping&amp;export=xlsx" in html


def test_an_unknown_export_format_is_the_ordinary_page(client, initiatives):
    response = client.get(reverse("partners:organisation_list"), {"export": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_directory_export(client):
    factories.OrganisationFactory(name="Göteborgs Stad")
    rows = read_csv(client.get(reverse("partners:organisation_list"), {"export": "csv"}))
    assert ["Göteborgs Stad"] == [row[0] for row in rows[1:]]


def test_accessibility_statement_is_linked_from_every_page(client):
    home = client.get(reverse("home")).content.decode()
    assert reverse("accessibility") in home
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    assert "WCAG 2.1" in response.content.decode()


# --- import ----------------------------------------------------------------------------

IMPORT_URL = "initiatives:initiative_import"


def csv_file(rows, name="initiatives.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, name="initiatives.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


HEADER = ["title", "network", "phase", "visibility", "language", "start_date", "end_date"]


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_row_and_column(client, network, coordinator):
    client.force_login(coordinator)
    upload = csv_file([
        HEADER,
        ["Familiehuset", network.slug, "prototyping", "network", "da", "2026-01-01", ""],
        ["Sommerskolen", network.slug, "not-a-phase", "network", "da", "2026-01-01", ""],
        ["Ung i Norden", network.name, "Scaling", "draft", "sv", "2026-02-01", "2026-12-31"],
    ])  # fmt: skip
    response = client.post(reverse(IMPORT_URL), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Row 3, column phase" in html
    assert "Import these initiatives" not in html
    assert not Initiative.objects.exists()
    # Confirming without a valid preview writes nothing either.
    client.post(reverse(IMPORT_URL), {"confirm": "1"})
    assert not Initiative.objects.exists()


def test_a_valid_xlsx_is_previewed_then_imported_in_full(client, network, coordinator):
    client.force_login(coordinator)
    upload = xlsx_file([
        HEADER,
        ["Familiehuset", network.slug, "prototyping", "draft", "da", datetime.date(2026, 1, 1), None],
        [None],
        ["Ung i Norden", network.name, "Scaling", "network", "sv", "2026-02-01", "2026-12-31"],
    ])  # fmt: skip
    preview = client.post(reverse(IMPORT_URL), {"file": upload}).content.decode()
    assert "Import these initiatives" in preview
    assert not Initiative.objects.exists()
    response = client.post(reverse(IMPORT_URL), {"confirm": "1"})
    assert response.status_code == 302
    imported = {initiative.title: initiative for initiative in Initiative.objects.all()}
    assert set(imported) == {"Familiehuset", "Ung i Norden"}
    assert imported["Ung i Norden"].phase == Phase.SCALING
    assert imported["Familiehuset"].start_date == datetime.date(2026, 1, 1)
    # The coordinator's organisation takes part, so their draft stays theirs.
    assert imported["Familiehuset"].organisations.filter(pk=coordinator.person.organisation_id).exists()
    assert client.get(imported["Familiehuset"].get_absolute_url()).status_code == 200


def test_an_import_into_a_network_the_user_cannot_add_to_is_refused(client, network, other_network, coordinator):
    client.force_login(coordinator)
    upload = csv_file([HEADER, ["Fremmed", other_network.slug, "", "", "", "", ""]])
    html = client.post(reverse(IMPORT_URL), {"file": upload}).content.decode()
    assert "Row 2, column network" in html
    assert not Initiative.objects.exists()


def test_the_confirmation_checks_the_rows_again(client, network, coordinator):
    rows = [{"number": 2, "values": {"title": "", "network": network.slug}}]
    with pytest.raises(ValidationError) as error:
        imports.import_initiatives(rows, coordinator)
    assert "Row 2, column title" in str(error.value)
    assert not Initiative.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_an_error_on_the_field(client, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("notes.txt", b"hello")
    html = client.post(reverse(IMPORT_URL), {"file": upload}).content.decode()
    assert "Upload a .xlsx or .csv file." in html
