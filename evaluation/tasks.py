"""Celery jobs of evaluation. They take primary keys only (JSON arguments) and are
idempotent: acks_late puts a task back when its worker dies, so it may run twice.

Queues (config/celery_app.py routes them; a worker started without -Q serves all):

- `summaries`: recompute_learning_summary, the recomputation of one scope after a change,
  debounced; short, and what a user waits for.
- `bulk`: the nightly recomputation and a network's full recomputation (the twin
  candidates, then every scope in batches of set-based work), long and memory-bound.
- `horisont` (the default): the e-mails.

Each task is a thin wrapper: the work is in runs.py (recomputations), emails.py and
similarity.py.

Redelivery after a killed worker: with the Redis broker an unacknowledged message comes
back once the broker transport's `visibility_timeout` has passed
(CELERY_BROKER_TRANSPORT_OPTIONS in settings, derived there from the time limits,
HORISONT_JOB_TIME_LIMITS). It is longer than the longest task's hard time limit plus its
countdown, or a task still running would be handed to a second worker
(tests/test_recovery.py checks it for every task)."""

from celery import chain, shared_task
from django.conf import settings
from django.utils import timezone

from . import emails, runs, similarity

# Each job's kind of time limit (settings.HORISONT_JOB_TIME_LIMITS, beside the broker's
# visibility timeout that is matched to them; docs/architecture.md "How a job flows").
TIME_LIMITS = {
    "recompute_learning_summary": "short",
    "recompute_learning_summaries": "batch",
    "recompute_all_learning_summaries": "long",
    "queue_all_learning_summaries": "queue",
    "run_full_recomputation": "long",
    "compute_twin_candidates": "long",
    "send_weekly_digests": "long",
    "send_funding_cliff_alerts": "batch",
    "send_review_due_alerts": "batch",
}
RETRY = {
    # A database that briefly does not answer is worth another try; a bug is not.
    "autoretry_for": runs.RETRYABLE,
    "max_retries": 3,
    "retry_backoff": 5,
    "retry_backoff_max": 120,
    "retry_jitter": True,
}


def job(name, **options):
    soft, hard = settings.HORISONT_JOB_TIME_LIMITS[TIME_LIMITS[name]]
    return shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=soft, time_limit=hard, **options)


@job("recompute_learning_summary", **RETRY)
def recompute_learning_summary(self, scope: str, scope_id: int, run_id: int | None = None):
    """Recompute the public and the network summary of one scope (runs.recompute_scope)."""
    return runs.recompute_scope(scope, scope_id, run_id)


@job("recompute_learning_summaries", **RETRY)
def recompute_learning_summaries(self, pairs: list, run_id: int | None = None):
    """Recompute a batch of scopes set-based (runs.recompute_batch)."""
    return runs.recompute_batch(pairs, run_id)


@job("recompute_all_learning_summaries")
def recompute_all_learning_summaries(self, twins: bool = True):
    """The nightly catch-up: the twin candidates first (the initiative summaries show them),
    then every summary (queue_all_learning_summaries). Each is a job of its own, so the
    twin computation's memory is not held while the summaries are computed."""
    if twins:
        return chain(compute_twin_candidates.si(), queue_all_learning_summaries.si()).apply_async().id
    return queue_all_learning_summaries.apply_async().id


@job("queue_all_learning_summaries")
def queue_all_learning_summaries(self):
    """Every scope queued in batch jobs (runs.queue_all)."""
    return runs.queue_all()


@job("run_full_recomputation")
def run_full_recomputation(self, run_id: int):
    """A full recomputation a network administrator started (runs.run_full)."""
    return runs.run_full(run_id)


@job("compute_twin_candidates")
def compute_twin_candidates(self):
    initiatives, candidates = similarity.refresh_twin_candidates()
    return {"initiatives": initiatives, "twin_candidates": candidates}


@job("send_weekly_digests")
def send_weekly_digests(self):
    return {"sent": emails.send_weekly_digests(timezone.localdate())}


@job("send_funding_cliff_alerts")
def send_funding_cliff_alerts(self):
    return {"sent": emails.send_funding_cliff_alerts(timezone.localdate())}


@job("send_review_due_alerts")
def send_review_due_alerts(self):
    return {"sent": emails.send_review_due_alerts(timezone.localdate())}
