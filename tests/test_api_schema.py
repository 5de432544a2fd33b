"""The OpenAPI document: generated cleanly, committed as docs/openapi.yaml, complete
(a summary on every operation, the filters documented), and browsable offline."""

import re
from pathlib import Path

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

from config.api_urls import router

COMMITTED = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"
REGENERATE = "python manage.py spectacular --lang en --validate --fail-on-warn --file docs/openapi.yaml"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The schema as `spectacular --validate --fail-on-warn` writes it (it raises on any
    warning or validation error)."""
    target = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    call_command("spectacular", "--lang", "en", "--validate", "--fail-on-warn", "--file", str(target))
    return target.read_text()


@pytest.fixture(scope="module")
def schema(generated):
    return yaml.safe_load(generated)


def test_the_committed_schema_is_the_generated_one(generated):
    assert COMMITTED.read_text() == generated, f"docs/openapi.yaml is stale: run `{REGENERATE}`"


def test_it_is_openapi_3_1_with_the_token_scheme(schema):
    assert schema["openapi"] == "3.1.0"
    assert schema["info"]["contact"]["email"]
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["tokenAuth"]["description"],
    }
    assert "basicAuth" not in schema["components"]["securitySchemes"]


def test_every_operation_has_a_summary_and_error_responses(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"
            if not path.startswith("/api/v1/export/"):
                problem = operation["responses"]["429"]["content"]["application/problem+json"]
                assert problem["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_every_endpoint_is_documented_with_its_filters(schema):
    from django_filters.filters import OrderingFilter

    for prefix, viewset, _ in router.registry:
        operations = schema["paths"][f"/api/v1/{prefix}/"]
        documented = {parameter["name"] for parameter in operations["get"]["parameters"]}
        filters = viewset.filterset_class.base_filters
        assert set(filters) <= documented, f"{prefix}: {set(filters) - documented} undocumented"
        assert {"updated_since", "ordering", "limit", "offset", "format"} <= documented, prefix
        assert isinstance(filters["ordering"], OrderingFilter)
        writable = not viewset.__name__.startswith("LearningSummary")
        assert ("post" in operations) == writable, prefix
        detail = schema["paths"][f"/api/v1/{prefix}/{{id}}/"]
        etag = detail["get"]["responses"]["200"]["headers"]["ETag"]
        assert etag["schema"]["type"] == "string"
        if writable:
            assert "412" in detail["patch"]["responses"]
            assert any(p["name"] == "If-Match" for p in detail["patch"]["parameters"])


def test_people_never_show_their_email(schema):
    assert "work_email" not in schema["components"]["schemas"]["Person"]["properties"]
    assert "user" not in schema["components"]["schemas"]["Person"]["properties"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fmt, content_type", [("json", "application/vnd.oai.openapi+json"), ("yaml", "application/vnd.oai.openapi")]
)
def test_the_schema_is_served_as_json_and_yaml(client, fmt, content_type):
    response = client.get(f"/api/v1/schema/?format={fmt}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    document = response.json() if fmt == "json" else yaml.safe_load(response.content)
    assert document["openapi"] == "3.1.0"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_docs_load_only_our_own_static_files(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.text
    assert "http://" not in html and "https://" not in html and "//" not in html.replace("<!DOCTYPE html>", "")
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert "<style" not in html and " style=" not in html
    references = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert references
    for reference in references:
        if reference.startswith("/static/"):
            assert finders.find(reference.removeprefix("/static/")), f"{reference} is not a static file"
        else:
            assert reference.startswith("/api/v1/"), reference
            script = client.get(reference)
            assert script.status_code == 200
            assert script["Content-Type"].startswith("application/javascript")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    if "redoc" in url:
        # ReDoc's injected styles carry the response's nonce (handed over in data-, because
        # browsers hide a nonce attribute's value from scripts).
        nonce = re.search(r'data-csp-nonce="([^"]+)"', html).group(1)
        assert f"'nonce-{nonce}'" in csp.split("style-src")[1].split(";")[0]


@pytest.mark.django_db
def test_the_api_info(client):
    info = client.get("/api/v1/api-info").json()
    assert info["name"] == "Horisont API"
    assert info["version"] == "1.0.0"
    assert info["contact"]["email"]
    assert client.get(info["documentation"]).status_code == 200
