"""Token scopes and expiry, and `last_used` on every authenticated request (issue 12)."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rest_framework import permissions
from rest_framework.test import APIClient

from config.api_urls import router
from core.choices import TokenScope, Visibility
from core.models import ApiToken

from . import factories
from .support.api import ENDPOINTS_BY_BASENAME, assert_problem

pytestmark = pytest.mark.django_db


def api_with(secret):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def write_requests(world):
    """(method, url) for every unsafe method of every route of every registered viewset,
    derived from the router: list routes (create) and detail routes (replace, change,
    delete) and any extra action, each against a record that exists."""
    for _, viewset, basename in router.registry:
        record = ENDPOINTS_BY_BASENAME[basename].make(world, Visibility.PUBLIC)
        for route in router.get_routes(viewset):
            name = route.name.format(basename=basename)
            url = reverse(f"api:{name}", kwargs={"pk": record.pk} if route.detail else {})
            for method, action in route.mapping.items():
                if method.upper() in permissions.SAFE_METHODS or not hasattr(viewset, action):
                    continue
                yield basename, method, url, record


def test_a_read_only_token_cannot_write_any_resource(world):
    # A superuser may change everything: any refusal here is the token's scope.
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    _, secret = ApiToken.issue(admin, "BI", scope=TokenScope.READ)
    client = api_with(secret)
    tried = set()
    for basename, method, url, record in write_requests(world):
        response = getattr(client, method)(url, {}, format="json")
        problem = assert_problem(response, 403)
        assert problem["code"] == "read_only_token", (basename, method, problem)
        assert type(record).objects.filter(pk=record.pk).exists()
        tried.add((basename, method))
    # Every resource that can be written was tried, with every write method it has.
    assert {basename for _, viewset, basename in router.registry if hasattr(viewset, "create")} <= {
        basename for basename, _ in tried
    }
    assert {"post", "put", "patch", "delete"} <= {method for _, method in tried}
    # The same user's read-write token may write, and the read-only one may read.
    assert client.get("/api/v1/initiatives/").status_code == 200
    _, writer = ApiToken.issue(admin, "sync", scope=TokenScope.READ_WRITE)
    mission = ENDPOINTS_BY_BASENAME["mission"].make(world, Visibility.PUBLIC)
    assert api_with(writer).delete(f"/api/v1/missions/{mission.pk}/").status_code == 204


def test_an_expired_token_is_401(coordinator):
    today = timezone.localdate()
    _, last_day_today = ApiToken.issue(coordinator, "today", expires=today)
    assert api_with(last_day_today).get("/api/v1/initiatives/").status_code == 200
    token, secret = ApiToken.issue(coordinator, "old", expires=today - datetime.timedelta(days=1))
    problem = assert_problem(api_with(secret).get("/api/v1/initiatives/", HTTP_ACCEPT_LANGUAGE="en"), 401)
    assert "expired" in problem["detail"]
    assert 'Bearer realm="api"' in api_with(secret).get("/api/v1/initiatives/")["WWW-Authenticate"]


@pytest.mark.parametrize("answer", ["404", "400", "403"])
def test_last_used_is_recorded_on_error_answers_too(answer, coordinator, network):
    # Error answers roll the request's transaction back (ATOMIC_REQUESTS); the use counts.
    scope = TokenScope.READ if answer == "403" else TokenScope.READ_WRITE
    token, secret = ApiToken.issue(coordinator, "BI", scope=scope)
    client = api_with(secret)
    if answer == "404":
        response = client.get("/api/v1/initiatives/999999999/")
    elif answer == "400":
        response = client.get("/api/v1/initiatives/?updated_since=not-a-date")
    else:
        response = client.post("/api/v1/initiatives/", {"network": network.pk, "title": "x"}, format="json")
    assert response.status_code == int(answer), response.content
    token.refresh_from_db()
    assert token.last_used is not None


def test_the_token_page_offers_scope_and_expiry(client, coordinator, network):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("tokens:list")).text
    # Read-only is the choice offered first.
    assert re.search(r'<input type="radio" name="scope" value="read"[^>]*checked', page), page
    assert 'name="expires"' in page and 'type="date"' in page

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    created = client.post(reverse("tokens:list"), {"name": "BI", "scope": "read", "expires": tomorrow.isoformat()})
    assert created.status_code == 200
    secret = re.search(r'value="(hrs_[^"]+)"', created.text).group(1)
    token = ApiToken.objects.get(user=coordinator)
    assert token.scope == TokenScope.READ and token.expires == tomorrow
    assert "Read only" in client.get(reverse("tokens:list")).text
    reader = api_with(secret)
    assert reader.get("/api/v1/initiatives/").status_code == 200
    assert_problem(reader.post("/api/v1/initiatives/", {"network": network.pk, "title": "x"}, format="json"), 403)

    # An expiry date in the past is a form error, and nothing is made.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    refused = client.post(reverse("tokens:list"), {"name": "old", "scope": "read", "expires": yesterday.isoformat()})
    assert refused.status_code == 400
    assert ApiToken.objects.filter(user=coordinator).count() == 1


def test_a_read_write_token_chosen_on_the_page_writes(client, coordinator, network):
    client.force_login(coordinator)
    created = client.post(reverse("tokens:list"), {"name": "sync", "scope": "read_write"})
    secret = re.search(r'value="(hrs_[^"]+)"', created.text).group(1)
    payload = {"network": network.pk, "title": "Via a read-write token"}
    response = api_with(secret).post("/api/v1/initiatives/", payload, format="json")
    assert response.status_code == 201, response.content
