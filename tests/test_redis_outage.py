"""Redis is optional at run time: with production's cache and broker settings pointed at
a Redis that refuses connections, page edits and API writes answer 2xx and are stored
exactly once, and anonymous and logged-in lists answer 200 (docs/architecture.md).

No mocks: the cache and the broker really try 127.0.0.1:1, where nothing listens. The
writes commit for real (transaction=True), so the work queued after commit (the page
cache's invalidation, the learning summaries' jobs) really runs against the dead Redis."""

import importlib
import logging
import socket
import time

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from kombu import pools as kombu_pools

from config.celery_app import app as celery_app
from core import cache as core_cache
from core.choices import Visibility
from initiatives.choices import ParticipationRole
from initiatives.models import Initiative

from . import factories
from .support.api import client_for
from .support.pages import page_form

pytestmark = pytest.mark.django_db(transaction=True)

DEAD_REDIS = "redis://127.0.0.1:1/0"


def _reset_celery_connections():
    celery_app.pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu keeps producer pools per connection in a registry of its own; the one closed
    # above would be handed out again, and every later apply_async (eager ones too: Celery
    # acquires a producer for them) would fail with "Acquire on closed pool".
    kombu_pools.reset()


@pytest.fixture
def redis_down(settings):
    """Production's CACHES (core.cache.RedisCache) and broker, on an unreachable Redis.
    Asked for last, so the test's records are made before Redis goes away."""
    production = importlib.import_module("config.settings.production")
    settings.CACHES = {"default": {**production.CACHES["default"], "LOCATION": DEAD_REDIS}}
    settings.CELERY_BROKER_URL = DEAD_REDIS
    settings.HORISONT_PAGE_CACHE_SECONDS = 30
    with pytest.raises(Exception):  # noqa: B017,PT011 (really unreachable: any client error)
        import redis

        redis.Redis.from_url(DEAD_REDIS).ping()
    eager, broker = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = DEAD_REDIS
    _reset_celery_connections()
    core_cache.reset()  # each test sees the outage (and its warning) anew
    yield caches["default"]
    celery_app.conf.task_always_eager = eager
    celery_app.conf.broker_url = broker
    _reset_celery_connections()
    core_cache.reset()


@pytest.fixture
def public_initiative(network, coordinator):
    initiative = factories.InitiativeFactory(network=network, title="Måltidsvenner", visibility=Visibility.PUBLIC)
    factories.ParticipationFactory(
        initiative=initiative, organisation=coordinator.person.organisation, role=ParticipationRole.LEAD
    )
    return initiative


def test_the_cache_really_is_the_production_backend_on_a_dead_redis(redis_down):
    assert type(redis_down).__module__ == "core.cache"
    assert redis_down.get("anything", "fallback") == "fallback"
    assert redis_down.add("anything", 1) is False


def test_page_edits_and_creations_answer_redirects_and_are_stored_once(
    network, coordinator, public_initiative, caplog, redis_down
):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    edit = reverse("initiatives:initiative_edit", kwargs={"slug": public_initiative.slug})
    for attempt in range(3):
        response = client.post(edit, page_form(client.get(edit), title=f"Måltidsvenner {attempt}"))
        assert response.status_code == 302, response.content[:500]
        public_initiative.refresh_from_db()
        assert public_initiative.title == f"Måltidsvenner {attempt}"
    add = reverse("initiatives:initiative_add")
    form = page_form(client.get(add), title="Seniorbofællesskab", network=str(network.pk))
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        response = client.post(add, form)
    assert response.status_code == 302, response.content[:500]
    assert Initiative.objects.filter(title="Seniorbofællesskab").count() == 1
    # The summaries' jobs could not be queued: one warning, no error, nothing raised.
    assert any("job queue did not answer" in record.getMessage() for record in caplog.records)
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_api_writes_answer_2xx_and_are_stored_once(network, coordinator, public_initiative, caplog, redis_down):
    client = client_for(coordinator)
    client.raise_request_exception = False
    caplog.set_level(logging.WARNING)
    for number in range(5):
        response = client.post(
            "/api/v1/initiatives/", {"network": network.pk, "title": f"Via API {number}"}, format="json"
        )
        assert response.status_code == 201, response.content[:500]
    response = client.patch(f"/api/v1/initiatives/{public_initiative.pk}/", {"title": "Ændret"}, format="json")
    assert response.status_code == 200, response.content[:500]
    assert Initiative.objects.filter(title__startswith="Via API").count() == 5
    assert Initiative.objects.get(pk=public_initiative.pk).title == "Ændret"
    # The throttle failed open, and said so.
    warnings = [record for record in caplog.records if record.name == "core.cache"]
    assert warnings and warnings[0].levelno == logging.WARNING
    assert "did not answer" in warnings[0].getMessage()


def test_anonymous_and_logged_in_lists_answer_200(network, member, public_initiative, redis_down):
    anonymous = Client(raise_request_exception=False)
    pages = [reverse("initiatives:initiative_list"), public_initiative.get_absolute_url(), "/api/v1/initiatives/"]
    for url in pages:
        for _ in range(2):
            response = anonymous.get(url)
            assert response.status_code == 200, (url, response.content[:500])
            assert "Måltidsvenner" in response.text
    logged_in = Client(raise_request_exception=False)
    logged_in.force_login(member)
    for url in pages:
        response = logged_in.get(url)
        assert response.status_code == 200, (url, response.content[:500])
        assert "Måltidsvenner" in response.text


@pytest.fixture
def silent_redis():
    """A Redis that accepts the connection and never answers (a hung server, a dropped
    network path): every call waits for the socket time-out. A real listening socket."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(128)
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()


def test_a_redis_that_does_not_answer_costs_one_time_out_not_one_per_call(
    network, public_initiative, silent_redis, settings
):
    production = importlib.import_module("config.settings.production")
    settings.CACHES = {
        "default": {**production.CACHES["default"], "LOCATION": silent_redis, "OPTIONS": {"socket_timeout": 1}}
    }
    settings.HORISONT_PAGE_CACHE_SECONDS = 30
    core_cache.reset()
    anonymous = Client(raise_request_exception=False)
    started = time.monotonic()
    for url in [reverse("initiatives:initiative_list"), public_initiative.get_absolute_url(), "/api/v1/initiatives/"]:
        response = anonymous.get(url)
        assert response.status_code == 200, (url, response.content[:300])
    elapsed = time.monotonic() - started
    core_cache.reset()
    # Three answers need about ten cache calls; each would wait its 1 s time-out.
    assert 1 <= elapsed < 3, elapsed
