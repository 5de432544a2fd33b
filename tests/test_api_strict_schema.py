"""The committed OpenAPI 3.1 document agrees with the server as a strict reader sees it:
real responses of every list and detail endpoint, found from the document's own paths,
validate with a JSON Schema 2020-12 validator (formats asserted, no undocumented
property); no 3.0 `nullable`, no ambiguous `oneOf`; `ordering` repeated or as a comma
list; problem documents acceptable on any error; RateLimit headers as documented."""

import copy
from pathlib import Path

import pytest
import yaml
from django.core.cache import cache
from jsonschema import Draft202012Validator
from rest_framework.test import APIClient

from core.choices import TokenScope, Visibility
from core.models import ApiToken

from . import factories
from .support.api import ENDPOINTS, assert_problem

pytestmark = pytest.mark.django_db

COMMITTED = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"
NOT_JSON = ("/api/v1/export/", "/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/")


@pytest.fixture(scope="module")
def document():
    return yaml.safe_load(COMMITTED.read_text())


def walk(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, (*path, index))


def closed(schema):
    """The schema with every object that lists its properties closed to others, so an
    undocumented field in a response is an error."""
    schema = copy.deepcopy(schema)
    for _, node in walk(schema):
        if "properties" in node and "additionalProperties" not in node:
            node["unevaluatedProperties"] = False
    return schema


def validator_for(document, schema):
    root = {**schema, "components": closed(document["components"])}
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_valid(document, schema, body, where):
    errors = sorted(validator_for(document, schema).iter_errors(body), key=lambda e: list(e.path))
    assert not errors, f"{where}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def json_get_paths(document):
    """The GET operations that answer JSON (not the exports, nor the bulk downloads)."""
    for path, operations in document["paths"].items():
        if "get" in operations and not path.startswith(NOT_JSON):
            content = operations["get"]["responses"].get("200", {}).get("content", {})
            if "application/json" in content:
                yield path, operations["get"]


def test_no_openapi_30_nullable_and_no_ambiguous_one_of(document):
    for where, node in walk(document):
        assert "nullable" not in node, where
        if "oneOf" in node:
            # Every oneOf left has branches no value can match twice (distinct enums).
            values = []
            for branch in node["oneOf"]:
                target = branch
                if "$ref" in branch:
                    target = document["components"]["schemas"][branch["$ref"].rpartition("/")[2]]
                assert "enum" in target or target == {"type": "null"}, (where, node)
                values += target.get("enum", [None])
            assert len(values) == len(set(map(repr, values))), (where, node)
    for name, schema in document["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema), name


@pytest.fixture
def everything(world):
    """A record of every resource in every audience, and a superuser's token that reads
    them all."""
    for endpoint in ENDPOINTS:
        for visibility in endpoint.visibilities():
            endpoint.make(world, visibility)
    # The deletion feed's rows: a public record, deleted.
    world.initiative(title="Deleted", visibility=Visibility.PUBLIC).delete()
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    _, secret = ApiToken.issue(admin, "schema", scope=TokenScope.READ)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_real_responses_of_every_list_and_detail_validate_strictly(document, everything):
    anonymous = APIClient()
    first_ids, checked = {}, []
    paths = dict(json_get_paths(document))
    for path, operation in sorted(paths.items(), key=lambda item: "{" in item[0]):
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        if "{id}" in path:
            list_path = path.replace("{id}/", "")
            assert first_ids.get(list_path), f"no record to read at {path}"
            url = path.replace("{id}", str(first_ids[list_path]))
        else:
            url = path
        for client in (everything, anonymous):
            cache.clear()  # no throttle between the two readers
            response = client.get(url)
            assert response.status_code == 200, (url, response.content)
            body = response.json()
            assert_valid(document, schema, body, url)
            documented = operation["responses"]["200"].get("headers", {})
            for header in documented:
                if header.startswith("RateLimit-"):
                    assert response.has_header(header), (url, header)
        if "{id}" not in path and isinstance(body, dict) and "results" in body:
            # The last reader was anonymous: a public record both readers may read.
            results = body["results"]
            assert results, f"the world has nothing public at {url}"
            first_ids[path] = results[0]["id"]
        checked.append(path)
    assert len(checked) == len(paths) > 40


def test_a_null_next_link_validates(document, everything):
    response = everything.get("/api/v1/networks/?limit=100")
    body = response.json()
    assert body["next"] is None
    schema = document["paths"]["/api/v1/networks/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert_valid(document, schema["schema"], body, "networks")


def test_a_blank_website_is_valid_not_ambiguous(document):
    organisation = factories.OrganisationFactory(website="")
    body = APIClient().get(f"/api/v1/organisations/{organisation.pk}/").json()
    assert body["website"] == ""
    operation = document["paths"]["/api/v1/organisations/{id}/"]["get"]
    assert_valid(document, operation["responses"]["200"]["content"]["application/json"]["schema"], body, "blank")


@pytest.mark.parametrize("accept", ["application/problem+json", "application/problem+json, application/json;q=0.5"])
def test_problem_json_is_acceptable_on_any_error(document, accept, network):
    client = APIClient()
    problem = assert_problem(client.get("/api/v1/initiatives/999999999/", HTTP_ACCEPT=accept), 404)
    schema = document["paths"]["/api/v1/initiatives/{id}/"]["get"]["responses"]["404"]["content"]
    assert_valid(document, schema["application/problem+json"]["schema"], problem, "404")
    assert_problem(client.get("/api/v1/no-such-thing/", HTTP_ACCEPT=accept), 404)
    assert_problem(client.get("/api/v1/initiatives/?updated_since=x", HTTP_ACCEPT=accept), 400)
    assert_problem(client.post("/api/v1/initiatives/", {}, format="json", HTTP_ACCEPT=accept), 401)
    # A success is answered in JSON, the API's default.
    assert client.get("/api/v1/initiatives/", HTTP_ACCEPT=accept).status_code == 200
    # Other unknown types are still refused, as documented.
    assert_problem(client.get("/api/v1/initiatives/", HTTP_ACCEPT="image/png"), 406)


def test_ordering_takes_several_keys_repeated_or_comma_separated(document, network):
    for title, rank in (("B", 1), ("A", 2), ("A", 1), ("C", 0)):
        factories.ThemeFactory(network=network, name=f"{title}{rank}", visibility="public")
    client = APIClient()
    comma = client.get("/api/v1/themes/?ordering=-name,created")
    repeated = client.get("/api/v1/themes/?ordering=-name&ordering=created")
    assert repeated.status_code == comma.status_code == 200
    assert [r["id"] for r in repeated.json()["results"]] == [r["id"] for r in comma.json()["results"]]
    assert [r["name"] for r in repeated.json()["results"]] == ["C0", "B1", "A2", "A1"]
    parameter = next(p for p in document["paths"]["/api/v1/themes/"]["get"]["parameters"] if p["name"] == "ordering")
    assert parameter["schema"]["type"] == "array" and parameter["explode"] is True
    assert "comma" in parameter["description"]


def test_throttled_answers_carry_ratelimit_headers(settings, document):
    rates = {"anon": "3/min", "user": "5/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    client = APIClient()
    remaining = []
    for _ in range(3):
        response = client.get("/api/v1/themes/")
        assert response.status_code == 200
        assert response["RateLimit-Limit"] == "3"
        remaining.append(int(response["RateLimit-Remaining"]))
        assert 0 < int(response["RateLimit-Reset"]) <= 60
    assert remaining == [2, 1, 0]
    refused = assert_problem(client.get("/api/v1/themes/"), 429)
    assert refused  # a problem document
    response = client.get("/api/v1/themes/")
    assert response["RateLimit-Remaining"] == "0" and int(response["Retry-After"]) > 0
    assert int(response["RateLimit-Reset"]) > 0
    documented = document["paths"]["/api/v1/themes/"]["get"]["responses"]
    assert {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= set(documented["200"]["headers"])
    assert "Retry-After" in documented["429"]["headers"]
