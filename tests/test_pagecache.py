"""The anonymous page and API cache (core/pagecache.py), against Redis as in production.

The suite runs with the cache off (config/settings/test.py); the `page_cache` fixture
turns it on with a cache alias of its own on the test Redis, under a key prefix of its
own (it never flushes the database other suites share), and deletes its keys after.
The invalidation runs when a write's transaction commits: those tests commit for real
(transaction=True)."""

import re
import uuid

import pytest
import redis
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import add_message, constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.db import transaction
from django.template import engines
from django.template.response import TemplateResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from core import pagecache
from core.choices import Visibility
from initiatives.models import Initiative

from . import factories

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def page_cache(settings):
    prefix = f"test-pagecache-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "KEY_PREFIX": prefix,
        },
    }
    settings.HORISONT_PAGE_CACHE_ALIAS = "pages"
    settings.HORISONT_PAGE_CACHE_SECONDS = 30
    backend = caches["pages"]
    backend.get("ping")  # Redis answers, or the test fails here
    yield backend
    client = redis.Redis.from_url(settings.REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def public(network):
    return factories.InitiativeFactory(network=network, title="Måltidsvenner", visibility=Visibility.PUBLIC)


def without_token(html):
    return TOKEN.sub("", re.sub(r'"X-CSRFToken": "[^"]+"', "", html))


def test_an_anonymous_page_is_served_again_with_the_readers_own_csrf_token(page_cache, public):
    url = reverse("initiatives:initiative_list")
    first_reader, second_reader = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    miss = first_reader.get(url)
    hit = second_reader.get(url)
    assert miss["X-Page-Cache"] == "miss"
    assert hit["X-Page-Cache"] == "hit"
    assert "Måltidsvenner" in hit.text
    assert without_token(hit.text) == without_token(miss.text)
    # Each reader got a token of their own, with its cookie, and it is accepted.
    tokens = {TOKEN.search(response.text).group(1) for response in (miss, hit)}
    assert len(tokens) == 2
    assert pagecache.CSRF_PLACEHOLDER not in hit.text
    assert "csrftoken" in hit.cookies
    token = TOKEN.search(hit.text).group(1)
    answer = second_reader.post(reverse("set_language"), {"language": "sv", "next": url, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    # A stranger's token from the cached page is not.
    assert (
        first_reader.post(
            reverse("set_language"), {"language": "sv", "next": url, "csrfmiddlewaretoken": token}
        ).status_code
        == 403
    )


def test_a_logged_in_reader_never_gets_or_leaves_a_cached_page(page_cache, client, network, member, public):
    factories.InitiativeFactory(network=network, title="Kun for netværket", visibility=Visibility.NETWORK)
    url = reverse("initiatives:initiative_list")
    anonymous = Client().get(url)
    assert "Kun for netværket" not in anonymous.text
    client.force_login(member)
    for _ in range(2):
        response = client.get(url)
        assert "Kun for netværket" in response.text
        assert "X-Page-Cache" not in response
    assert "Kun for netværket" not in Client().get(url).text


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_shows_at_once(page_cache, network):
    public = factories.InitiativeFactory(network=network, title="Måltidsvenner", visibility=Visibility.PUBLIC)
    url = public.get_absolute_url()
    list_url = reverse("initiatives:initiative_list")
    assert Client().get(url).status_code == 200
    assert "Måltidsvenner" in Client().get(list_url).text
    assert Client().get(list_url)["X-Page-Cache"] == "hit"
    with transaction.atomic():
        public.title = "Måltidsvenner i Aarhus"
        public.save()
        # Not before the commit: a reader meanwhile still gets the stored page.
        assert Client().get(list_url)["X-Page-Cache"] == "hit"
    response = Client().get(list_url)
    assert response["X-Page-Cache"] == "miss"
    assert "Måltidsvenner i Aarhus" in response.text
    # Made a draft: gone from the public at once, not after the time-out.
    Client().get(url)
    assert Client().get(url)["X-Page-Cache"] == "hit"
    public.visibility = Visibility.DRAFT
    public.save()
    assert Client().get(url).status_code == 404
    assert "Måltidsvenner" not in Client().get(list_url).text
    # A change to a many-to-many relation (m2m_changed only) counts too.
    visible = factories.InitiativeFactory(
        network=network, title="Fællesspisning i Gellerup", visibility=Visibility.PUBLIC
    )
    aarhus = factories.MunicipalityFactory(name="Aarhus Kommune")
    filtered = f"{list_url}?municipality_id={aarhus.pk}"
    assert "Fællesspisning i Gellerup" not in Client().get(filtered).text
    assert Client().get(filtered)["X-Page-Cache"] == "hit"
    visible.municipalities.add(aarhus)
    assert "Fællesspisning i Gellerup" in Client().get(filtered).text


def test_a_write_that_sends_no_signal_shows_after_invalidate(page_cache, public):
    url = reverse("initiatives:initiative_list")
    Client().get(url)
    Initiative.objects.filter(pk=public.pk).update(title="Omdøbt med update()")
    assert "Omdøbt med update()" not in Client().get(url).text  # until invalidated or timed out
    pagecache.invalidate()
    assert "Omdøbt med update()" in Client().get(url).text


def test_languages_and_htmx_results_are_kept_apart(page_cache, public):
    url = reverse("initiatives:initiative_list")
    danish = Client().get(url, HTTP_ACCEPT_LANGUAGE="da")
    swedish = Client().get(url, HTTP_ACCEPT_LANGUAGE="sv")
    swedish_again = Client().get(url, HTTP_ACCEPT_LANGUAGE="sv")
    cookie = Client()
    cookie.cookies["django_language"] = "en"
    english = cookie.get(url, HTTP_ACCEPT_LANGUAGE="sv")
    assert swedish["X-Page-Cache"] == "miss" and swedish_again["X-Page-Cache"] == "hit"
    assert danish["Content-Language"] == "da" and swedish_again["Content-Language"] == "sv"
    assert english["Content-Language"] == "en" and english["X-Page-Cache"] == "miss"
    assert '<html lang="sv">' in swedish_again.text and '<html lang="en">' in english.text
    results = Client().get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="object-list-results")
    assert results["X-Page-Cache"] == "miss"
    assert "<html" not in results.text and "Måltidsvenner" in results.text
    assert "<html" in Client().get(url, HTTP_ACCEPT_LANGUAGE="da").text


def test_the_filter_form_is_kept_per_audience(page_cache, client, network, member):
    factories.MissionFactory(network=network, title="Netværkets egen mission", visibility=Visibility.NETWORK)
    url = reverse("initiatives:initiative_list")
    assert "Netværkets egen mission" not in Client().get(url).text
    client.force_login(member)
    assert "Netværkets egen mission" in client.get(url).text
    assert "Netværkets egen mission" in client.get(f"{url}?ordering=title").text
    assert "Netværkets egen mission" not in Client().get(f"{url}?ordering=title").text


def anonymous_request(path="/initiatives/"):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.LANGUAGE_CODE = "da"
    return request


def render(request, source):
    response = TemplateResponse(request, engines["django"].from_string(source), {})
    answer = pagecache.CachedAnswer.for_page(request)
    answer.keep(response, csrf_placeholder=True)
    response.render()
    return answer


def test_a_page_that_used_the_csp_nonce_is_kept_and_served_with_a_fresh_nonce(page_cache, network):
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC)
    nonces = []
    for expected in ("miss", "hit", "hit"):
        response = Client().get(initiative.get_absolute_url())
        assert response["X-Page-Cache"] == expected
        nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)"', response.text).group(1)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        assert pagecache.NONCE_PLACEHOLDER not in response.text
        nonces.append(nonce)
    # Each answer has its own nonce: a stored page never hands out another reader's.
    assert len(set(nonces)) == 3


def test_a_reader_with_messages_is_not_served_or_kept(page_cache):
    request = anonymous_request()
    add_message(request, constants.SUCCESS, "Gemt.")
    assert pagecache.CachedAnswer.for_page(request) is None


def test_an_anonymous_api_list_is_served_again_after_the_throttle(page_cache, settings, public):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "9/min"}}
    url = "/api/v1/initiatives/?limit=5"
    client = APIClient()
    miss, hit = client.get(url), client.get(url)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert hit.json() == miss.json()
    assert hit["Content-Type"] == miss["Content-Type"] == "application/json"
    csv_answer = client.get(f"{url}&format=csv")
    assert csv_answer["Content-Type"].startswith("text/csv") and csv_answer["X-Page-Cache"] == "miss"
    assert client.get(url).status_code == 429  # the throttle counts cached answers too


def test_an_api_token_reader_is_never_served_from_the_cache(page_cache, network, member):
    from core.models import ApiToken

    factories.InitiativeFactory(network=network, title="Kun for netværket", visibility=Visibility.NETWORK)
    url = "/api/v1/initiatives/?limit=50"
    anonymous = APIClient().get(url)
    assert "Kun for netværket" not in anonymous.content.decode()
    _, secret = ApiToken.issue(member, "tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    for _ in range(2):
        response = client.get(url)
        assert "Kun for netværket" in response.content.decode()
        assert "X-Page-Cache" not in response


@pytest.mark.django_db(transaction=True)
def test_a_summary_written_in_bulk_shows_at_once(page_cache, public):
    """The summary jobs write with plain SQL (no signals): they forget the stored pages
    themselves, or an anonymous reader would see the old figures until the time-out."""
    from evaluation import services
    from evaluation.models import LearningEntry

    url = public.get_absolute_url()
    Client().get(url)
    assert Client().get(url)["X-Page-Cache"] == "hit"
    # A new public entry written without signals: the stored page stays as it was.
    LearningEntry.objects.bulk_create(
        [factories.LearningEntryFactory.build(initiative=public, visibility=Visibility.PUBLIC, title="Udbud")]
    )
    assert Client().get(url)["X-Page-Cache"] == "hit"
    outcome = services.refresh_learning_summaries("initiative", public.pk)
    assert {str(value) for value in outcome.values()} & {"created", "updated"}, outcome
    assert Client().get(url)["X-Page-Cache"] == "miss"
