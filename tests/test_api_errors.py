"""Every error is an RFC 9457 problem document, in the request's language where there is
a translation; bad input is a 400 that changes nothing, never a 500."""

import json

import pytest
from django.db import connection
from django.urls import include, path
from django.utils import translation
from rest_framework.views import APIView

from core.choices import Visibility
from evaluation.models import LearningEntry
from initiatives.choices import InitiativeKind
from initiatives.models import Initiative

from . import factories
from .support.api import assert_problem, client_for

pytestmark = pytest.mark.django_db


class FailingView(APIView):
    """Stands for a bug in an API view (this test module's own URLconf serves it)."""

    permission_classes = []

    def get(self, request):
        raise RuntimeError("a bug")


urlpatterns = [
    path("api/v1/failing/", FailingView.as_view()),
    path("", include("config.urls")),
]


@pytest.fixture
def admin_api(network_admin):
    return client_for(network_admin)


@pytest.fixture
def initiative(world):
    return world.initiative(title="Måltidsfællesskaber", summary="Original summary.")


def snapshot():
    """Everything a bad write could have touched."""
    return (
        list(Initiative.objects.order_by("pk").values()),
        list(LearningEntry.objects.order_by("pk").values()),
        Initiative.history.count(),
    )


JSON = "application/json"
MEGABYTE = "x" * (1024 * 1024)
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "Fine text <a href='javascript:alert(1)'>here</a>",
    "<!-- hidden -->",
    "<svg/onload=alert(1)>",
]
BAD_INITIATIVE_BODIES = [
    # wrong types
    {"title": ["a", "list"]},
    {"title": {"an": "object"}},
    {"network": "not a number"},
    {"start_date": 20260101},
    {"start_date": "2026-13-45"},
    {"target_groups": "older_alone"},
    {"target_groups": ["not_a_group"]},
    {"sdg_targets": ["18.1"]},
    {"business_case_investment": "lots"},
    {"business_case_investment": "-5"},
    {"business_case_investment": "1e400"},
    {"visibility": "secret"},
    {"missions": "1,2"},
    {"parent": True},
    # unknown fields
    {"bogus": 1},
    {"work_email": "someone@example.org"},
    # 1 MB strings, in a short and in a long text field
    {"title": MEGABYTE},
    {"summary": MEGABYTE},
    # invalid unicode once parsed: a lone surrogate, a NUL
    {"summary": "\ud800"},
    {"title": "nul\u0000byte"},
    # hostile markup
    *({"summary": markup} for markup in HOSTILE),
    {"title": HOSTILE[0]},
    # model validation (the same as the form's)
    {"kind": InitiativeKind.PILOT},
    {"start_date": "2026-05-01", "end_date": "2026-01-01"},
    {"phase": "composted"},
]


@pytest.mark.parametrize("body", BAD_INITIATIVE_BODIES, ids=lambda b: json.dumps(b)[:40])
def test_bad_input_is_a_400_problem_and_changes_nothing(body, admin_api, initiative, network):
    before = snapshot()
    # Encoded here, not by the test client: its encoder refuses a lone surrogate.
    created = admin_api.generic(
        "POST", "/api/v1/initiatives/", json.dumps({"network": network.pk, "title": "New", **body}), JSON
    )
    problem = assert_problem(created, 400)
    assert problem["errors"], problem
    known = {*admin_api.get(f"/api/v1/initiatives/{initiative.pk}/").json(), *body}
    for error in problem["errors"]:
        assert error["field"] is None or error["field"].split(".")[0] in known, error
        assert error["pointer"].startswith("#/")
    changed = admin_api.generic("PATCH", f"/api/v1/initiatives/{initiative.pk}/", json.dumps(body), JSON)
    assert_problem(changed, 400)
    assert snapshot() == before


RAW_BODIES = [
    (b'{"title": "\xff\xfe broken utf-8"}', "application/json"),
    (b'{"title": "unterminated', "application/json"),
    (b"[1, 2, 3]", "application/json"),
    (b'"just a string"', "application/json"),
    (b'{"title": NaN}', "application/json"),
    (b'{"title": "\\ud800"}', "application/json"),
    (b"\xef\xbb\xbf\xff", "application/json"),
]


@pytest.mark.parametrize("raw, content_type", RAW_BODIES)
def test_undecodable_bodies_are_400_problems(raw, content_type, admin_api, initiative):
    before = snapshot()
    response = admin_api.generic("PATCH", f"/api/v1/initiatives/{initiative.pk}/", raw, content_type=content_type)
    assert_problem(response, 400)
    response = admin_api.generic("POST", "/api/v1/learning-entries/", raw, content_type=content_type)
    assert_problem(response, 400)
    assert snapshot() == before


def test_a_body_that_is_not_json_is_a_415_problem(admin_api, initiative):
    response = admin_api.generic("PATCH", f"/api/v1/initiatives/{initiative.pk}/", "title=x", content_type="text/plain")
    assert_problem(response, 415)


def test_a_body_beyond_the_upload_limit_is_a_413_problem(admin_api, initiative, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    before = snapshot()
    response = admin_api.patch(f"/api/v1/initiatives/{initiative.pk}/", {"summary": "y" * 2000}, format="json")
    assert_problem(response, 413)
    assert snapshot() == before


def test_hostile_markup_is_refused_but_plain_comparisons_pass(admin_api, initiative):
    response = admin_api.patch(
        f"/api/v1/initiatives/{initiative.pk}/",
        {"summary": "For people <65 & families with 3 < 4 children"},
        format="json",
    )
    assert response.status_code == 200, response.content


def test_an_invalid_query_parameter_is_a_400_problem_naming_it(admin_api):
    problem = assert_problem(admin_api.get("/api/v1/initiatives/?updated_since=yesterday"), 400)
    assert [error["parameter"] for error in problem["errors"]] == ["updated_since"]
    problem = assert_problem(admin_api.get("/api/v1/initiatives/?phase=flying&ordering=nonsense"), 400)
    assert {error["parameter"] for error in problem["errors"]} == {"phase", "ordering"}
    problem = assert_problem(admin_api.get("/api/v1/initiatives/?network_id=999999999999999999999"), 400)
    assert problem["errors"][0]["parameter"] == "network_id"


def test_iso_offsets_beyond_postgresqls_range_are_understood(admin_api, initiative):
    # ISO 8601 allows ±23:59; PostgreSQL stores offsets up to ±15:59 only.
    far_east = admin_api.get("/api/v1/initiatives/?updated_since=2000-01-01T00:00:00%2B17:36")
    assert far_east.status_code == 200 and far_east.json()["count"] == 1
    problem = assert_problem(admin_api.get("/api/v1/initiatives/?updated_since=0001-01-01T00:00:00%2B17:36"), 400)
    assert problem["errors"][0]["parameter"] == "updated_since"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/nothing-here/",
        "/api/v1/initiatives/not-a-number/",
        "/api/v1/initiatives/999999/",
        "/api/v1/initiatives/99999999999999999999999/",
        "/api/v1/export/nothing-here/",
        "/api/v1/initiatives/1/unknown/",
        "/api/v1/reviews/a%0Ab/",
    ],
)
def test_unknown_api_urls_are_404_problems(url, client):
    problem = assert_problem(client.get(url), 404)
    assert problem["instance"] == url


def test_a_path_without_its_trailing_slash_is_redirected_keeping_the_method(admin_api, initiative):
    response = admin_api.get("/api/v1/initiatives?phase=scaling")
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/initiatives/?phase=scaling"


def test_a_method_the_endpoint_lacks_is_a_405_problem(admin_api):
    assert_problem(admin_api.put("/api/v1/initiatives/", {}, format="json"), 405)
    assert_problem(admin_api.delete("/api/v1/learning-summaries/"), 405)


def test_a_record_others_depend_on_is_a_409_problem_and_stays(admin_api, world):
    parent = world.initiative(title="Parent")
    world.initiative(title="Pilot", kind=InitiativeKind.PILOT, parent=parent)
    assert_problem(admin_api.delete(f"/api/v1/initiatives/{parent.pk}/"), 409)
    assert Initiative.objects.filter(pk=parent.pk).exists()


@pytest.mark.urls(__name__)
def test_an_unexpected_error_is_a_500_problem(client):
    client.raise_request_exception = False
    problem = assert_problem(client.get("/api/v1/failing/"), 500)
    assert "a bug" not in json.dumps(problem)


def test_problems_speak_the_requests_language(client, network, member):
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC)
    english = assert_problem(client.get("/api/v1/nothing/", HTTP_ACCEPT_LANGUAGE="en"), 404)
    swedish = client.get("/api/v1/nothing/", HTTP_ACCEPT_LANGUAGE="sv")
    assert assert_problem(swedish, 404)["detail"] == "Hittades inte."
    assert swedish["Content-Language"] == "sv"
    assert english["detail"] == "Not found."
    danish = client.get("/api/v1/initiatives/?phase=flying", HTTP_ACCEPT_LANGUAGE="da")
    assert "Marker en gyldig valgmulighed" in assert_problem(danish, 400)["errors"][0]["detail"]

    api = client_for(member)
    forbidden = api.patch(f"/api/v1/initiatives/{initiative.pk}/", {"summary": "x"}, HTTP_ACCEPT_LANGUAGE="sv")
    with translation.override("sv"):
        swedish_forbidden = translation.gettext("Forbidden")
    assert swedish_forbidden != "Forbidden"
    assert assert_problem(forbidden, 403)["title"] == swedish_forbidden


def test_a_csv_request_still_gets_its_error_as_a_problem_document(client):
    response = client.get("/api/v1/initiatives/?format=csv&phase=flying")
    assert_problem(response, 400)


def test_no_problem_leaks_the_database(admin_api, initiative):
    # A failed write inside the request's transaction leaves the connection usable.
    assert_problem(admin_api.patch(f"/api/v1/initiatives/{initiative.pk}/", {"title": ""}, format="json"), 400)
    assert connection.is_usable()
    assert admin_api.get(f"/api/v1/initiatives/{initiative.pk}/").status_code == 200


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000 + b"]" * 100_000,  # past Python's recursion limit
        b"[" * 100_000,  # unterminated too
        b'{"title": "Dyb", "summary": ' + b'{"a": ' * 50 + b"1" + b"}" * 50 + b"}",
    ],
)
def test_json_nested_too_deep_is_a_400_problem_and_changes_nothing(raw, admin_api, initiative):
    before = snapshot()
    for method, url in (("PATCH", f"/api/v1/initiatives/{initiative.pk}/"), ("POST", "/api/v1/initiatives/")):
        response = admin_api.generic(method, url, raw, content_type="application/json")
        problem = assert_problem(response, 400)
        assert "32" in problem["detail"]  # says how deep is allowed
    assert snapshot() == before
