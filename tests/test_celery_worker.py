"""The learning-summary job on a real Celery worker process, through Redis, writing to the
test database: what production does, minus the scheduler.

The worker listens on a queue of its own (a fresh uuid), so no other worker and no
leftover message can take or add work; the test sends with eagerness switched off, so
the figures it then finds in PostgreSQL can only have been written by the worker."""

import json
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from celery import Celery
from django.conf import settings
from django.db import connection
from django.urls import reverse

from config.celery_app import app as celery_app
from core.choices import Visibility
from evaluation import services, summaries
from evaluation.choices import LearningKind, SummaryAudience, SummaryStatus, ValueDomain
from evaluation.models import LearningSummary, RecomputationRun, RecomputationRunScope
from evaluation.tasks import recompute_learning_summary

from . import factories

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# Generous for a loaded two-core machine: start-up imports Django and the whole project.
READY_TIMEOUT = 90
TASK_TIMEOUT = 30
STOP_TIMEOUT = 20
TASK_NAME = "evaluation.tasks.recompute_learning_summary"


def database_url(settings_dict):
    """The URL of the database this test process uses (pytest-django's test database)."""
    credentials = quote(settings_dict["USER"] or "", safe="")
    if settings_dict.get("PASSWORD"):
        credentials += ":" + quote(settings_dict["PASSWORD"], safe="")
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


_apps = {}


def app_for(broker_url):
    """The project's Celery app, or one like it on another broker: the control commands
    (ping) and producers of an app always use the app's own broker."""
    if broker_url == settings.CELERY_BROKER_URL:
        return celery_app
    if broker_url not in _apps:
        app = Celery("horisont-isolated", set_as_current=False)
        app.config_from_object("django.conf:settings", namespace="CELERY")
        # The read and write URLs too: Celery prefers the CELERY_BROKER_URL environment
        # variable (this process's own broker) to a configured broker_url.
        app.conf.update(
            broker_url=broker_url, broker_read_url=broker_url, broker_write_url=broker_url, task_always_eager=False
        )
        # Routed as the project's app routes (before the app first sends: it keeps its routes).
        app.conf.task_routes = celery_app.conf.task_routes
        _apps[broker_url] = app
    return _apps[broker_url]


@dataclass
class WorkerProcess:
    process: subprocess.Popen
    queue: str
    hostname: str
    log_path: Path
    broker_url: str

    def log(self):
        return self.log_path.read_text(errors="replace")

    def fail(self, message):
        pytest.fail(f"{message}\n--- worker log ---\n{self.log()}")

    def wait_until_ready(self):
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.fail(f"the worker exited with {self.process.returncode} before it was ready")
            if app_for(self.broker_url).control.ping(destination=[self.hostname], timeout=1.0):
                return
        self.fail(f"the worker did not answer a ping within {READY_TIMEOUT} s")

    def succeeded(self, task_id):
        """The worker's own log line for the task, once it has finished it."""
        marker = f"Task {TASK_NAME}[{task_id}] succeeded"
        return next((line for line in self.log().splitlines() if marker in line), None)

    def lines(self, text):
        return [line for line in self.log().splitlines() if text in line]

    def kill(self):
        """SIGKILL: no warm shutdown, no acknowledgement, nothing cleaned up."""
        self.process.kill()
        self.process.wait(timeout=STOP_TIMEOUT)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()  # warm shutdown: a running task is finished first
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT)


def launch_worker(log_path, *, broker_url=None, extra_env=None, queue=None):
    """Start a worker process on a queue of its own (or `queue`), against the test
    database; returns it once it answers a ping."""
    queue = queue or f"horisont-test-{uuid.uuid4().hex}"
    hostname = f"{uuid.uuid4().hex[:12]}-{queue}@horisont-test"
    broker_url = broker_url or settings.CELERY_BROKER_URL
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": broker_url,
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    command = [
        sys.executable, "-m", "celery", "-A", "config.celery_app", "worker",
        "--pool=solo", "--concurrency=1", "-Q", queue, "-n", hostname, "-l", "info",
        # Nothing to meet or gossip with: a faster start, and no talk with other workers.
        "--without-mingle", "--without-gossip", "--without-heartbeat",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
    worker = WorkerProcess(process, queue, hostname, log_path, broker_url)
    try:
        worker.wait_until_ready()
    except BaseException:
        worker.stop()
        raise
    return worker


def forget_queue(worker):
    broker = redis.Redis.from_url(worker.broker_url)
    # The queue and the binding tables kombu keeps for it (the worker declared them).
    broker.delete(worker.queue, f"_kombu.binding.{worker.queue}", f"_kombu.binding_permanent.{worker.queue}")
    broker.close()


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    worker = launch_worker(tmp_path / "worker.log")
    try:
        yield worker
    finally:
        # Stopped before pytest-django empties the database, which the worker is connected to.
        worker.stop()
        # pytest shows this only when the test failed.
        print(f"--- worker log (exit {worker.process.returncode}) ---\n{worker.log()}")
        forget_queue(worker)


@pytest.fixture
def no_triggers(settings):
    """Only the jobs a test sends itself: changes made while setting up queue nothing."""
    settings.HORISONT_SUMMARY_TRIGGERS = False


@pytest.fixture
def not_eager():
    """Send tasks to the broker from this process instead of running them here."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = eager


def run_on_worker(worker, scope, scope_id, until):
    """Send the job to the worker's queue and wait until the worker logged that it
    succeeded and `until()` holds for what it wrote; returns the worker's log line."""
    assert not celery_app.conf.task_always_eager
    sent = recompute_learning_summary.apply_async(args=[scope, scope_id], queue=worker.queue)
    deadline = time.monotonic() + TASK_TIMEOUT
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            worker.fail(f"the worker exited with {worker.process.returncode}")
        line = worker.succeeded(sent.id)
        if line and until():
            return line
        time.sleep(0.2)
    worker.fail(f"task {sent.id} did not finish with the expected result within {TASK_TIMEOUT} s")


def rows(scope, scope_id):
    return {s.audience: s for s in LearningSummary.objects.filter(scope=scope, scope_id=scope_id)}


def test_the_worker_computes_and_stores_a_network_summary(celery_worker_process, not_eager, no_triggers, network):
    public = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC)
    factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT)
    factories.LearningEntryFactory(
        initiative=public, kind=LearningKind.BARRIER, visibility=Visibility.PUBLIC, categories=["procurement"]
    )
    factories.LearningEntryFactory(initiative=public, kind=LearningKind.INSIGHT, visibility=Visibility.NETWORK)
    factories.ValueAssessmentFactory(initiative=public, domain=ValueDomain.EFFECTS, score=4)
    scope, scope_id = "network", network.pk
    assert not LearningSummary.objects.exists()

    def both_done():
        found = rows(scope, scope_id)
        return set(found) == set(SummaryAudience.values) and all(s.status == SummaryStatus.DONE for s in found.values())

    line = run_on_worker(celery_worker_process, scope, scope_id, until=both_done)
    assert "'created'" in line
    first = rows(scope, scope_id)
    assert first["public"].metrics["initiatives"] == 1
    assert first["public"].metrics["learning_entries"] == 1
    assert first["public"].metrics["top_barrier_categories"][0]["category"] == "procurement"
    assert first["public"].metrics["value_domains"]["effects"] == {"assessments": 1, "average": 4.0}
    assert first["network"].metrics["learning_entries"] == 2
    for audience, summary in first.items():
        assert summary.metrics == summaries.compute_metrics(scope, scope_id, audience)
        assert summary.inputs_fingerprint == summaries.inputs_fingerprint(scope, scope_id, audience)

    # Nothing changed: the worker leaves the rows alone.
    line = run_on_worker(celery_worker_process, scope, scope_id, until=lambda: True)
    assert "'public': 'unchanged'" in line and "'network': 'unchanged'" in line
    assert {a: s.updated for a, s in rows(scope, scope_id).items()} == {a: s.updated for a, s in first.items()}

    # A new public entry: both audiences are recomputed.
    factories.LearningEntryFactory(initiative=public, kind=LearningKind.METHOD, visibility=Visibility.PUBLIC)
    line = run_on_worker(
        celery_worker_process,
        scope,
        scope_id,
        until=lambda: rows(scope, scope_id)["public"].metrics["learning_entries"] == 2,
    )
    assert "'public': 'updated'" in line and "'network': 'updated'" in line
    assert rows(scope, scope_id)["network"].metrics["learning_entries"] == 3


def test_the_worker_recomputes_a_batch_of_scopes_set_based(celery_worker_process, not_eager, no_triggers, network):
    """The nightly recomputation's batch job: many scopes in one job, the figures equal to
    each scope computed on its own, and a second run rewrites nothing."""
    worker = celery_worker_process
    mission = factories.MissionFactory(network=network)
    initiatives = [factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC) for _ in range(3)]
    initiatives.append(factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK))
    for made in initiatives:
        made.missions.add(mission)
        factories.LearningEntryFactory(
            initiative=made, kind=LearningKind.BARRIER, visibility=Visibility.PUBLIC, categories=["procurement"]
        )
    pairs = [["initiative", made.pk] for made in initiatives] + [["mission", mission.pk], ["network", network.pk]]
    name = "evaluation.tasks.recompute_learning_summaries"

    def run_batch():
        sent = app_for(worker.broker_url).send_task(name, args=[pairs], queue=worker.queue)
        marker = f"Task {name}[{sent.id}] succeeded"
        wait_for(lambda: any(marker in line for line in worker.lines(marker)), worker, "the batch job")
        return next(line for line in worker.lines(marker))

    line = run_batch()
    # 3 public initiatives x 2 audiences, the network-only one for its network (the public
    # gets none), the mission's 2 and the network's 2.
    assert "{'created': 11, 'unchanged': 1}" in line
    written = {(s.scope, s.scope_id, s.audience): s for s in LearningSummary.objects.all()}
    assert len(written) == 11
    for (scope, scope_id, audience), summary in written.items():
        assert summary.status == SummaryStatus.DONE
        assert summary.metrics == summaries.compute_metrics(scope, scope_id, audience)
        assert summary.inputs_fingerprint == summaries.inputs_fingerprint(scope, scope_id, audience)
    assert written[("mission", mission.pk, "public")].metrics["top_barrier_categories"][0]["entries"] == 3
    assert written[("mission", mission.pk, "network")].metrics["top_barrier_categories"][0]["entries"] == 4

    line = run_batch()
    assert "{'unchanged': 12}" in line
    assert {s.pk: s.updated for s in LearningSummary.objects.all()} == {s.pk: s.updated for s in written.values()}


# --- a burst of edits, debounced ------------------------------------------------------------


@pytest.fixture
def jobs_to(request):
    """Route the summary job to a queue (a worker's, or one a worker will listen on), as
    the queue setting would in production."""
    routed = []

    def route(queue):
        recompute_learning_summary.queue = queue
        recompute_learning_summary._exec_options = None  # Celery caches the options
        routed.append(queue)

    yield route
    if routed:
        del recompute_learning_summary.queue
        recompute_learning_summary._exec_options = None


def wait_for(condition, worker, what, timeout=TASK_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            worker.fail(f"the worker exited with {worker.process.returncode}")
        if condition():
            return
        time.sleep(0.2)
    worker.fail(f"{what} did not happen within {timeout} s")


def test_a_burst_of_edits_gives_one_recomputation_per_scope(
    transactional_db, tmp_path, not_eager, settings, jobs_to, network
):
    """Five learning entries saved one after the other, each its own commit: the summaries
    are marked queued at once, and the worker computes each scope (the initiative and its
    network) once. A later edit is a new recomputation.

    Not timed: the worker starts only after the five commits, so however slowly they run
    (a loaded machine), no job can have started, and cleared its scope's pending mark,
    before the last of them; the burst is one job per scope by construction, not because
    it fitted in the debounce window."""
    settings.HORISONT_SUMMARY_TRIGGERS = False
    settings.HORISONT_SUMMARY_DEBOUNCE_SECONDS = 1
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC)
    scopes = [("initiative", initiative.pk), ("network", network.pk)]
    for scope, scope_id in scopes:
        services.refresh_learning_summaries(scope, scope_id)
    settings.HORISONT_SUMMARY_TRIGGERS = True
    queue = f"horisont-test-{uuid.uuid4().hex}"
    jobs_to(queue)

    def received():
        return sum(line.endswith("] received") for line in worker.lines(f"Task {TASK_NAME}["))

    def public_entries(n):
        def check():
            found = [rows(scope, scope_id).get("public") for scope, scope_id in scopes]
            return all(s and s.status == SummaryStatus.DONE and s.metrics["learning_entries"] == n for s in found)

        return check

    for _ in range(5):
        factories.LearningEntryFactory(
            initiative=initiative, kind=LearningKind.BARRIER, visibility=Visibility.PUBLIC, categories=["procurement"]
        )
    assert set(LearningSummary.objects.values_list("status", flat=True)) == {SummaryStatus.QUEUED}
    assert all(services.is_pending(scope, scope_id) for scope, scope_id in scopes)
    worker = launch_worker(tmp_path / "worker.log", queue=queue)
    try:
        burst_then_one_more(worker, initiative, network, public_entries, received)
    finally:
        worker.stop()
        print(f"--- worker log (exit {worker.process.returncode}) ---\n{worker.log()}")
        forget_queue(worker)


def burst_then_one_more(worker, initiative, network, public_entries, received):
    wait_for(public_entries(5), worker, "one recomputation with all five entries")
    assert received() == 2, worker.log()
    summary = rows("network", network.pk)["public"]
    assert summary.metrics["top_barrier_categories"][0] == {
        "category": "procurement",
        "entries": 5,
        "examples": summary.metrics["top_barrier_categories"][0]["examples"],
    }

    factories.LearningEntryFactory(initiative=initiative, kind=LearningKind.INSIGHT, visibility=Visibility.PUBLIC)
    wait_for(public_entries(6), worker, "a new recomputation after the first")
    assert received() == 4, worker.log()


# --- a worker killed in the middle ------------------------------------------------------------

# A Redis database of its own for the kill test: a worker with a two-second visibility
# timeout hands back every unacknowledged message of its Redis database, so it must not
# share one with other workers.
KILL_TEST_REDIS_DB = int(os.environ.get("HORISONT_TEST_KILL_REDIS_DB", "13"))
FAST_REDELIVERY = json.dumps({"visibility_timeout": 2, "unacked_restore_interval": 1, "unacked_restore_throttle": 1})


def isolated_broker_url():
    return f"{settings.CELERY_BROKER_URL.rsplit('/', 1)[0]}/{KILL_TEST_REDIS_DB}"


def test_a_worker_killed_mid_recomputation_leaves_correct_summaries_after_a_restart(
    transactional_db, tmp_path, not_eager, no_triggers, network
):
    """SIGKILL after the first audience is stored and before the second is: the task was
    never acknowledged, so Redis hands it to the next worker, which finishes the job. In
    the end each summary equals a fresh computation, there is one row per audience, and
    the run that asked for it counted the scope once."""
    broker_url = isolated_broker_url()
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC)
    factories.LearningEntryFactory(
        initiative=initiative, kind=LearningKind.BARRIER, visibility=Visibility.PUBLIC, categories=["procurement"]
    )
    scope, scope_id = "network", network.pk
    services.refresh_learning_summaries(scope, scope_id)
    before = rows(scope, scope_id)
    factories.LearningEntryFactory(
        initiative=initiative, kind=LearningKind.ENABLER, visibility=Visibility.PUBLIC, categories=["culture"]
    )
    factories.LearningEntryFactory(initiative=initiative, kind=LearningKind.INSIGHT, visibility=Visibility.NETWORK)
    run = RecomputationRun.objects.create(network=network, total=1, status=SummaryStatus.RUNNING)
    paused = tmp_path / "paused"
    fast = {"CELERY_BROKER_TRANSPORT_OPTIONS": FAST_REDELIVERY}

    first = launch_worker(
        tmp_path / "first.log",
        broker_url=broker_url,
        extra_env={**fast, services.TEST_PAUSE_ENV: f"{paused}:120"},
    )
    second = None
    try:
        sent = app_for(broker_url).send_task(
            TASK_NAME, args=[scope, scope_id], kwargs={"run_id": run.pk}, queue=first.queue
        )
        wait_for(paused.exists, first, "the pause between the audiences")
        middle = rows(scope, scope_id)
        assert middle["network"].metrics["learning_entries"] == 3
        assert middle["public"].metrics == before["public"].metrics
        assert middle["public"].status == SummaryStatus.RUNNING
        first.kill()
        assert first.succeeded(sent.id) is None

        second = launch_worker(tmp_path / "second.log", broker_url=broker_url, extra_env=fast, queue=first.queue)
        wait_for(lambda: second.succeeded(sent.id), second, "the redelivered task", timeout=45)
        line = second.succeeded(sent.id)
    finally:
        for worker in (first, second):
            if worker is not None:
                worker.stop()
                print(f"--- {worker.log_path.name} (exit {worker.process.returncode}) ---\n{worker.log()}")
        forget_queue(first)

    assert "'network': 'unchanged'" in line and "'public': 'updated'" in line
    final = rows(scope, scope_id)
    assert LearningSummary.objects.filter(scope=scope, scope_id=scope_id).count() == 2
    for audience, summary in final.items():
        assert summary.status == SummaryStatus.DONE
        assert summary.metrics == summaries.compute_metrics(scope, scope_id, audience)
        assert summary.inputs_fingerprint == summaries.inputs_fingerprint(scope, scope_id, audience)
    assert final["public"].metrics["learning_entries"] == 2
    assert final["network"].metrics["learning_entries"] == 3
    run.refresh_from_db()
    assert (run.done, run.total, run.status) == (1, 1, SummaryStatus.DONE)
    assert not RecomputationRunScope.objects.filter(run=run).exists()


# --- a whole worker killed in the middle of a network's full recomputation --------------------

# The recovery time in this test: the visibility timeout shortened to a few seconds (in
# production it is a little above the longest job's hard time limit: config/settings/base.py),
# plus the time to compute the network's scopes on a loaded machine.
RECOVERY_VISIBILITY_TIMEOUT = 3
RECOVERY_TIME = RECOVERY_VISIBILITY_TIMEOUT + 45


def batches_done(worker):
    marker = "Task evaluation.tasks.recompute_learning_summaries["
    return [line for line in worker.lines(marker) if "succeeded" in line]


def test_a_full_recomputation_survives_a_killed_worker_without_doubling(
    transactional_db, tmp_path, not_eager, no_triggers, settings, client, network, network_admin
):
    """A network administrator's full recomputation; the bulk worker is SIGKILLed while it
    holds a batch (unacknowledged). The run stops making progress and shows itself as
    stalled with a retry; the administrator retries. A new worker then completes the run
    within the recovery time, from both the redelivered batch and the retried scopes,
    and nothing is doubled: each scope counted once, one summary per scope and audience,
    each equal to a fresh computation."""
    broker_url = isolated_broker_url()
    isolated = app_for(broker_url)
    mission = factories.MissionFactory(network=network, visibility=Visibility.PUBLIC)
    for _ in range(4):
        made = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC)
        made.missions.add(mission)
        factories.LearningEntryFactory(
            initiative=made, kind=LearningKind.BARRIER, visibility=Visibility.PUBLIC, categories=["procurement"]
        )
    pairs = sorted(services.all_scopes(network.pk))
    settings.HORISONT_RUN_STALLED_AFTER = 1
    paused = tmp_path / "paused"
    fast = {
        "CELERY_BROKER_TRANSPORT_OPTIONS": json.dumps(
            {"visibility_timeout": RECOVERY_VISIBILITY_TIMEOUT, "unacked_restore_interval": 1}
        )
    }
    # The jobs this process queues (the start, the retry) go to the isolated broker too.
    isolated.set_current()
    first = launch_worker(
        tmp_path / "first.log", broker_url=broker_url, queue="bulk",
        extra_env={**fast, services.TEST_PAUSE_ENV: f"{paused}:300"},
    )  # fmt: skip
    second = None
    try:
        client.force_login(network_admin)
        client.post(reverse("evaluation:network_recompute", kwargs={"slug": network.slug}))
        run = RecomputationRun.objects.get(network=network)
        wait_for(paused.exists, first, "the first batch to start")
        first.kill()
        run.refresh_from_db()
        assert run.is_active and run.done < run.total == len(pairs)

        time.sleep(settings.HORISONT_RUN_STALLED_AFTER + 0.5)  # no worker counts anything now
        assert RecomputationRun.objects.get(pk=run.pk).is_stalled
        page = client.get(reverse("evaluation:network_recompute", kwargs={"slug": network.slug})).content.decode()
        retry_url = reverse("evaluation:recomputation_retry", kwargs={"pk": run.pk})
        assert retry_url in page
        assert client.post(retry_url).status_code == 302

        second = launch_worker(tmp_path / "second.log", broker_url=broker_url, queue="bulk", extra_env=fast)
        ready_at = time.monotonic()
        wait_for(
            lambda: RecomputationRun.objects.get(pk=run.pk).status == SummaryStatus.DONE,
            second, "the run to complete", timeout=RECOVERY_TIME,
        )  # fmt: skip
        recovered_in = time.monotonic() - ready_at
        # The killed batch comes back by itself too (the other original batch, the two
        # retried ones and it: four); wait for it, so that it is counted below.
        wait_for(lambda: len(batches_done(second)) >= 4, second, "the redelivered batch")
    finally:
        celery_app.set_current()
        for worker in (first, second):
            if worker is not None:
                worker.stop()
                print(f"--- {worker.log_path.name} (exit {worker.process.returncode}) ---\n{worker.log()}")
        broker = redis.Redis.from_url(broker_url)
        broker.delete("bulk", "horisont", "unacked", "unacked_index", "unacked_mutex")
        broker.close()

    assert recovered_in < RECOVERY_TIME
    run.refresh_from_db()
    assert (run.status, run.done, run.total, run.error) == (SummaryStatus.DONE, len(pairs), len(pairs), "")
    assert not RecomputationRunScope.objects.filter(run=run).exists()
    stored = list(LearningSummary.objects.values_list("scope", "scope_id", "audience"))
    assert len(stored) == len(set(stored)) == 2 * len(pairs)
    for summary in LearningSummary.objects.all():
        assert summary.status == SummaryStatus.DONE
        assert summary.metrics == summaries.compute_metrics(summary.scope, summary.scope_id, summary.audience)
