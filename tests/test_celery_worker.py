"""The learning-summary job on a real Celery worker process, through Redis, writing to the
test database: what production does, minus the scheduler.

The worker listens on a queue of its own (a fresh uuid), so no other worker and no
leftover message can take or add work; the test sends with eagerness switched off, so
the figures it then finds in PostgreSQL can only have been written by the worker."""

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
from django.conf import settings
from django.db import connection

from config.celery_app import app as celery_app
from core.choices import Visibility
from evaluation import summaries
from evaluation.choices import LearningKind, SummaryAudience, SummaryStatus, ValueDomain
from evaluation.models import LearningSummary
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


@dataclass
class WorkerProcess:
    process: subprocess.Popen
    queue: str
    hostname: str
    log_path: Path

    def log(self):
        return self.log_path.read_text(errors="replace")

    def fail(self, message):
        pytest.fail(f"{message}\n--- worker log ---\n{self.log()}")

    def wait_until_ready(self):
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.fail(f"the worker exited with {self.process.returncode} before it was ready")
            if celery_app.control.ping(destination=[self.hostname], timeout=1.0):
                return
        self.fail(f"the worker did not answer a ping within {READY_TIMEOUT} s")

    def succeeded(self, task_id):
        """The worker's own log line for the task, once it has finished it."""
        marker = f"Task {TASK_NAME}[{task_id}] succeeded"
        return next((line for line in self.log().splitlines() if marker in line), None)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()  # warm shutdown: a running task is finished first
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT)


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    queue = f"horisont-test-{uuid.uuid4().hex}"
    hostname = f"{queue}@horisont-test"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "config.celery_app", "worker",
        "--pool=solo", "--concurrency=1", "-Q", queue, "-n", hostname, "-l", "info",
        # Nothing to meet or gossip with: a faster start, and no talk with other workers.
        "--without-mingle", "--without-gossip", "--without-heartbeat",
    ]  # fmt: skip
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
    worker = WorkerProcess(process, queue, hostname, log_path)
    try:
        worker.wait_until_ready()
        yield worker
    finally:
        # Stopped before pytest-django empties the database, which the worker is connected to.
        worker.stop()
        # pytest shows this only when the test failed.
        print(f"--- worker log (exit {process.returncode}) ---\n{worker.log()}")
        broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
        # The queue and the binding tables kombu keeps for it (the worker declared them).
        broker.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        broker.close()


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


def test_the_worker_computes_and_stores_a_network_summary(celery_worker_process, not_eager, network):
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
        return set(found) == set(SummaryAudience.values) and all(
            s.status == SummaryStatus.DONE for s in found.values()
        )

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
