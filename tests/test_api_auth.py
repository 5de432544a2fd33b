"""Who is asking: tokens (Bearer or Token, hashed, revocable, managed on a page),
sessions with CSRF for the browser, no Basic auth; throttling; history of API writes."""

import base64
import datetime
import hashlib
import re

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.choices import Visibility
from core.models import ApiToken
from evaluation.models import LearningEntry

from . import factories
from .support.api import World, assert_problem

pytestmark = pytest.mark.django_db

# Until config/urls.py includes the token page, this module's URLconf adds it.
urlpatterns = [
    path("account/tokens/", include("core.token_urls")),
    path("", include("config.urls")),
]


@pytest.fixture(autouse=True)
def token_page_urls(settings):
    try:
        reverse("tokens:list")
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__


@pytest.fixture
def draft(network, coordinator):
    return World(network, coordinator).initiative(Visibility.DRAFT, title="Kladde")


def api_with(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    return client


@pytest.mark.parametrize("keyword", ["Bearer", "Token", "bearer"])
def test_a_token_reads_what_its_user_may_see(keyword, coordinator, draft):
    _, secret = ApiToken.issue(coordinator, "BI")
    response = api_with(f"{keyword} {secret}").get(f"/api/v1/initiatives/{draft.pk}/")
    assert response.status_code == 200
    assert_problem(APIClient().get(f"/api/v1/initiatives/{draft.pk}/"), 404)


def test_only_a_hash_of_the_token_is_stored(coordinator):
    token, secret = ApiToken.issue(coordinator, "BI")
    token.refresh_from_db()
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix) and len(token.prefix) < len(secret) // 3
    stored = " ".join(str(value) for value in ApiToken.objects.filter(pk=token.pk).values().get().values())
    assert secret not in stored
    assert secret[len(token.prefix) :] not in stored


@pytest.mark.parametrize(
    "header",
    [
        "Bearer hrs_not-a-real-token",
        "Bearer",
        "Bearer two words",
        "Token ",
        "Bearer \u00e6\u00f8\u00e5",
    ],
)
def test_a_bad_token_is_a_401_problem_with_a_challenge(header):
    response = api_with(header).get("/api/v1/initiatives/")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused(coordinator, draft):
    token, secret = ApiToken.issue(coordinator, "BI")
    client = api_with(f"Bearer {secret}")
    assert client.get(f"/api/v1/initiatives/{draft.pk}/").status_code == 200
    token.revoke()
    assert_problem(client.get(f"/api/v1/initiatives/{draft.pk}/"), 401)
    assert_problem(client.get("/api/v1/initiatives/"), 401)


def test_the_token_of_a_deactivated_user_is_refused(coordinator):
    _, secret = ApiToken.issue(coordinator, "BI")
    coordinator.is_active = False
    coordinator.save()
    assert_problem(api_with(f"Bearer {secret}").get("/api/v1/initiatives/"), 401)


def test_basic_auth_is_not_accepted(coordinator, draft):
    coordinator.set_password("correct horse battery staple")
    coordinator.save()
    credentials = base64.b64encode(b"coordinator:correct horse battery staple").decode()
    for header in (f"Basic {credentials}", "Basic d3Jvbmc6d3Jvbmc=", "basic"):
        client = api_with(header)
        # Refused, not silently anonymous: also the public list, also with a wrong password.
        for response in (client.get("/api/v1/initiatives/"), client.get(f"/api/v1/initiatives/{draft.pk}/")):
            problem = assert_problem(response, 401)
            assert response["WWW-Authenticate"].startswith("Bearer")
            assert "Bearer" in problem["detail"]
        assert_problem(client.post("/api/v1/initiatives/", {}, format="json"), 401)


def test_last_use_is_recorded_at_most_once_a_minute(coordinator):
    token, secret = ApiToken.issue(coordinator, "BI")
    client = api_with(f"Bearer {secret}")
    assert token.last_used is None
    client.get("/api/v1/initiatives/")
    token.refresh_from_db()
    first = token.last_used
    assert first is not None
    client.get("/api/v1/initiatives/")
    token.refresh_from_db()
    assert token.last_used == first
    ApiToken.objects.filter(pk=token.pk).update(last_used=first - datetime.timedelta(minutes=2))
    client.get("/api/v1/initiatives/")
    token.refresh_from_db()
    assert token.last_used > first


def test_session_writes_need_the_csrf_token(network_admin, network):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(network_admin)
    assert client.get("/api/v1/initiatives/").status_code == 200
    payload = {"network": network.pk, "title": "Via the browser"}
    assert_problem(client.post("/api/v1/initiatives/", payload, format="json"), 403)
    csrf = client.get(reverse("tokens:list")).cookies["csrftoken"].value
    response = client.post("/api/v1/initiatives/", payload, format="json", HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 201, response.content


def test_the_token_page_makes_shows_once_and_revokes_tokens(client, coordinator, member, draft):
    url = reverse("tokens:list")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the assertions read English
    assert "You have no tokens yet" in client.get(url).text

    created = client.post(url, {"name": "Kommunens BI"})
    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"]
    secret = re.search(r'value="(hrs_[^"]+)"', created.text).group(1)
    token = ApiToken.objects.get(user=coordinator)
    assert token.name == "Kommunens BI" and token.key_hash == ApiToken.hash_secret(secret)
    assert api_with(f"Bearer {secret}").get(f"/api/v1/initiatives/{draft.pk}/").status_code == 200

    listing = client.get(url).text
    assert "Kommunens BI" in listing and token.prefix in listing
    assert secret not in listing

    # Someone else cannot revoke it; its owner can.
    other = APIClient()
    other.force_login(member)
    assert other.post(reverse("tokens:revoke", args=[token.pk])).status_code == 404
    assert client.post(reverse("tokens:revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert_problem(api_with(f"Bearer {secret}").get("/api/v1/initiatives/"), 401)
    assert client.get(reverse("tokens:revoke", args=[token.pk])).status_code == 405


def test_the_token_page_has_no_inline_script_or_style(client, coordinator):
    client.force_login(coordinator)
    ApiToken.issue(coordinator, "BI")
    for response in (client.get(reverse("tokens:list")), client.post(reverse("tokens:list"), {"name": "x"})):
        html = response.text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
        assert "<style" not in html and " style=" not in html and "onclick" not in html


def test_a_token_needs_a_name(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("tokens:list"), {"name": ""})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_anonymous_clients_are_throttled_with_retry_after(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "5/hour"}}
    statuses = [client.get("/api/v1/initiatives/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/initiatives/")
    problem = assert_problem(response, 429)
    assert 0 < int(response["Retry-After"]) <= 60
    assert problem["code"] == "throttled"


def test_token_users_are_throttled_per_user(coordinator, member, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1/min", "user": "2/hour"}}
    one = api_with(f"Bearer {ApiToken.issue(coordinator, 'a')[1]}")
    other = api_with(f"Bearer {ApiToken.issue(member, 'b')[1]}")
    assert [one.get("/api/v1/initiatives/").status_code for _ in range(3)] == [200, 200, 429]
    assert int(one.get("/api/v1/initiatives/")["Retry-After"]) > 60
    assert other.get("/api/v1/initiatives/").status_code == 200


def test_the_default_rates_are_60_a_minute_and_1000_an_hour(settings):
    # (and the IATI export's own budget on top: tests/test_iati_standard.py)
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == {
        "anon": "60/min",
        "user": "1000/hour",
        "export-iati": "20/min",
    }


def test_api_writes_are_recorded_in_history_with_the_tokens_user(coordinator, draft):
    client = api_with(f"Bearer {ApiToken.issue(coordinator, 'BI')[1]}")
    assert client.patch(f"/api/v1/initiatives/{draft.pk}/", {"summary": "Revised"}, format="json").status_code == 200
    latest = draft.history.latest()
    assert latest.history_user == coordinator and latest.summary == "Revised"

    payload = {"initiative": draft.pk, "title": "Lært", "what_we_learned": "Much.", "kind": "insight"}
    created = client.post("/api/v1/learning-entries/", payload, format="json")
    assert created.status_code == 201
    entry = LearningEntry.objects.get(pk=created.json()["id"])
    assert entry.history.get().history_user == coordinator
    assert client.delete(f"/api/v1/learning-entries/{entry.pk}/").status_code == 204
    deleted = LearningEntry.history.filter(id=entry.pk, history_type="-").get()
    assert deleted.history_user == coordinator


def test_a_session_write_is_recorded_with_the_session_user(network_admin, network):
    client = APIClient()
    client.force_login(network_admin)
    created = client.post("/api/v1/missions/", {"network": network.pk, "title": "Ingen alene"}, format="json")
    assert created.status_code == 201
    from initiatives.models import Mission

    assert Mission.objects.get(pk=created.json()["id"]).history.get().history_user == network_admin


def test_a_phase_change_moves_the_initiative_and_records_who(coordinator, draft):
    client = api_with(f"Bearer {ApiToken.issue(coordinator, 'BI')[1]}")
    refused = client.patch(f"/api/v1/initiatives/{draft.pk}/", {"phase": "scaling"}, format="json")
    assert assert_problem(refused, 400)["errors"][0]["field"] == "phase"
    payload = {"initiative": draft.pk, "to_phase": "scaling", "rationale": "It works.", "date": "2026-05-01"}
    created = client.post("/api/v1/phase-changes/", payload, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["from_phase"] == "idea_development"
    assert created.json()["changed_by"] == coordinator.person.pk
    draft.refresh_from_db()
    assert draft.phase == "scaling"
    assert draft.history.latest().history_user == coordinator

    compost = {"initiative": draft.pk, "to_phase": "composted", "rationale": "No funding after the pool."}
    problem = assert_problem(client.post("/api/v1/phase-changes/", compost, format="json"), 400)
    assert [e["field"] for e in problem["errors"]] == ["composted_lessons"]
    compost["composted_lessons"] = "The recruitment method works elsewhere."
    assert client.post("/api/v1/phase-changes/", compost, format="json").status_code == 201
    draft.refresh_from_db()
    assert draft.phase == "composted" and draft.composted_lessons.startswith("The recruitment")


def test_the_lead_is_the_creators_organisation(coordinator, network):
    client = api_with(f"Bearer {ApiToken.issue(coordinator, 'BI')[1]}")
    created = client.post("/api/v1/initiatives/", {"network": network.pk, "title": "Ny"}, format="json")
    assert created.status_code == 201
    assert created.json()["participations"] == [
        {
            "id": created.json()["participations"][0]["id"],
            "organisation": coordinator.person.organisation_id,
            "role": "lead",
            "start_date": None,
            "end_date": None,
        }
    ]


def test_timestamps_are_iso_8601_with_offset(network):
    factories.InitiativeFactory(network=network)
    row = APIClient().get("/api/v1/initiatives/").json()["results"][0]
    parsed = datetime.datetime.fromisoformat(row["updated"])
    assert parsed.utcoffset() is not None
    assert abs(parsed - timezone.now()) < datetime.timedelta(minutes=5)


def test_a_portfolio_created_through_the_api_gets_the_default_categories(network_admin, network):
    client = api_with(f"Bearer {ApiToken.issue(network_admin, 'BI')[1]}")
    created = client.post("/api/v1/portfolios/", {"network": network.pk, "title": "Portefølje"}, format="json")
    assert created.status_code == 201
    categories = client.get(f"/api/v1/categories/?portfolio_id={created.json()['id']}").json()
    assert categories["count"] >= 5
