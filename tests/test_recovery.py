"""Recovery after a killed worker (issue 17): the broker's visibility timeout is matched to
the jobs' time limits, and a full recomputation that stops making progress shows itself
as stalled to its network's administrators, with a retry that queues the scopes not yet
counted, each counted once. The same with a real worker killed mid-run is in
tests/test_celery_worker.py."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from config.celery_app import app as celery_app
from core.choices import Visibility
from evaluation import queueing, runs
from evaluation.choices import SummaryStatus
from evaluation.models import LearningSummary, RecomputationRun, RecomputationRunScope

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_triggers(settings):
    settings.HORISONT_SUMMARY_TRIGGERS = False


def test_the_visibility_timeout_is_a_little_above_every_jobs_hard_time_limit():
    """Shorter than a job's hard limit (plus the debounce countdown), and Redis would hand
    a job still running to a second worker; much longer, and a killed worker's jobs wait
    for nothing."""
    celery_app.loader.import_default_modules()
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    countdown = queueing.debounce_seconds()
    ours = {name: task for name, task in celery_app.tasks.items() if not name.startswith("celery.")}
    assert "evaluation.tasks.run_full_recomputation" in ours
    limits = {name: task.time_limit or settings.CELERY_TASK_TIME_LIMIT for name, task in ours.items()}
    assert all(limit + countdown < timeout for limit in limits.values()), (timeout, limits)
    assert timeout <= max(limits.values()) + 600
    assert celery_app.conf.task_acks_late and celery_app.conf.task_reject_on_worker_lost
    # A batch still running is never called stalled.
    assert settings.HORISONT_RUN_STALLED_AFTER > settings.HORISONT_JOB_TIME_LIMITS["batch"][1]


def network_with_scopes(network, n=3):
    mission = factories.MissionFactory(network=network, visibility=Visibility.PUBLIC)
    for _ in range(n):
        factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC).missions.add(mission)
    return sorted(runs.all_scopes(network.pk))


def stalled_run(network, pairs, counted):
    """A run whose worker died after counting `counted` of its scopes, long ago."""
    run = RecomputationRun.objects.create(network=network, total=len(pairs), status=SummaryStatus.RUNNING)
    for scope, scope_id in pairs[:counted]:
        RecomputationRunScope.objects.create(run=run, scope=scope, scope_id=scope_id)
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.HORISONT_RUN_STALLED_AFTER + 60)
    RecomputationRun.objects.filter(pk=run.pk).update(done=counted, progressed=long_ago, started=long_ago)
    run.refresh_from_db()
    return run


def test_a_run_with_recent_progress_is_not_stalled(network):
    run = RecomputationRun.objects.create(network=network, total=3, status=SummaryStatus.RUNNING)
    assert not run.is_stalled
    run.progressed = timezone.now() - datetime.timedelta(seconds=settings.HORISONT_RUN_STALLED_AFTER - 30)
    assert not run.is_stalled
    run.progressed -= datetime.timedelta(seconds=60)
    assert run.is_stalled
    run.status = SummaryStatus.DONE
    assert not run.is_stalled


def test_the_administrator_sees_a_stalled_run_and_retries_the_remaining_scopes(
    client, network, network_admin, django_capture_on_commit_callbacks
):
    pairs = network_with_scopes(network)
    run = stalled_run(network, pairs, counted=2)
    client.force_login(network_admin)
    page = client.get(reverse("evaluation:network_recompute", kwargs={"slug": network.slug})).content.decode()
    retry_url = reverse("evaluation:recomputation_retry", kwargs={"pk": run.pk})
    assert retry_url in page
    detail = client.get(reverse("evaluation:recomputation_detail", kwargs={"pk": run.pk})).content.decode()
    assert retry_url in detail
    assert client.get(reverse("evaluation:recomputation_status", kwargs={"pk": run.pk})).json()["stalled"] is True

    with django_capture_on_commit_callbacks(execute=True):  # the jobs run in-process here
        response = client.post(retry_url)
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.status, run.done, run.total) == (SummaryStatus.DONE, len(pairs), len(pairs))
    # Only the scopes not yet counted were queued again: the two counted ones have no summary.
    computed = set(LearningSummary.objects.values_list("scope", "scope_id"))
    assert computed == set(pairs[2:])
    assert not run.is_stalled


def test_retrying_a_run_that_is_not_stalled_queues_nothing(client, network, network_admin):
    pairs = network_with_scopes(network)
    run = RecomputationRun.objects.create(
        network=network, total=len(pairs), status=SummaryStatus.RUNNING, progressed=timezone.now()
    )
    client.force_login(network_admin)
    page = client.get(reverse("evaluation:network_recompute", kwargs={"slug": network.slug})).content.decode()
    assert reverse("evaluation:recomputation_retry", kwargs={"pk": run.pk}) not in page
    client.post(reverse("evaluation:recomputation_retry", kwargs={"pk": run.pk}))
    run.refresh_from_db()
    assert (run.status, run.done) == (SummaryStatus.RUNNING, 0)
    assert not LearningSummary.objects.exists()


def test_only_the_networks_administrators_may_retry(client, network, coordinator, outsider):
    run = stalled_run(network, network_with_scopes(network), counted=0)
    url = reverse("evaluation:recomputation_retry", kwargs={"pk": run.pk})
    for user in (coordinator, outsider):
        client.force_login(user)
        assert client.post(url).status_code == 404
    run.refresh_from_db()
    assert run.status == SummaryStatus.RUNNING and run.is_stalled
