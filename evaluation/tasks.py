"""Celery jobs of evaluation. They take primary keys only (JSON arguments) and are
idempotent: acks_late puts a task back when its worker dies, so it may run twice.

Queues (config/celery_app.py routes them; a worker started without -Q serves all):

- `summaries`: recompute_learning_summary, the recomputation of one scope after a change,
  debounced; short, and what a user waits for.
- `bulk`: the nightly recomputation and a network's full recomputation (the twin
  candidates, then every scope in batches of set-based work), long and memory-bound.
- `horisont` (the default): the e-mails.

Redelivery after a killed worker: with the Redis broker an unacknowledged message comes
back once the broker transport's `visibility_timeout` has passed
(CELERY_BROKER_TRANSPORT_OPTIONS in settings). It must be longer than the longest task
plus its countdown, or a task still running would be handed to a second worker."""

import logging

from celery import chain, shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import emails, services, similarity, summaries
from .choices import SummaryStatus

logger = logging.getLogger(__name__)

RETRYABLE = (OperationalError, InterfaceError)
# Scopes per batch job of a full recomputation: initiatives in batches of this many; the
# missions, themes, portfolios and networks (which share initiatives, and so share work)
# together in one batch while they are at most this many, else in batches of it.
BATCH_SIZE = 2500
RETRY = {
    # A database that briefly does not answer is worth another try; a bug is not.
    "autoretry_for": RETRYABLE,
    "max_retries": 3,
    "retry_backoff": 5,
    "retry_backoff_max": 120,
    "retry_jitter": True,
}


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=120, time_limit=180, **RETRY)
def recompute_learning_summary(self, scope: str, scope_id: int, run_id: int | None = None):
    """Recompute the public and the network summary of one scope; count it in a full
    recomputation run when it belongs to one."""
    try:
        scope = services.supported_scope(scope)
    except summaries.UnsupportedScope:
        logger.warning("No learning summary is computed for scope %r (%s)", scope, scope_id)
        return None
    # From here on, a change queues a new recomputation rather than joining this one.
    services.clear_pending(scope, scope_id)
    services.mark_summaries([(scope, scope_id)], SummaryStatus.RUNNING)
    try:
        outcome = services.refresh_learning_summaries(scope, scope_id)
    except RETRYABLE:
        raise
    except Exception as exc:
        services.mark_summaries_failed(scope, scope_id, exc)
        if run_id is not None:
            services.record_run_progress(run_id, scope, scope_id, error=exc)
        raise
    if services.is_pending(scope, scope_id):
        # A change came in while we computed: its recomputation is queued.
        services.mark_summaries([(scope, scope_id)], SummaryStatus.QUEUED)
    if run_id is not None:
        services.record_run_progress(run_id, scope, scope_id)
    logger.info("Learning summary %s %s: %s", scope, scope_id, outcome)
    return outcome


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=600, time_limit=660, **RETRY)
def recompute_learning_summaries(self, pairs: list, run_id: int | None = None):
    """Recompute a batch of scopes ([[scope, id], ...]) set-based, in one transaction; count
    them in a run when they belong to one. Should the batch fail, each scope is tried on
    its own, so one bad scope does not fail the others."""
    pairs = sorted({(services.supported_scope(scope), int(scope_id)) for scope, scope_id in pairs})
    services.mark_summaries(pairs, SummaryStatus.RUNNING)
    try:
        outcomes = services.refresh_scopes(pairs)
    except RETRYABLE:
        raise
    except Exception:
        logger.exception("A batch of %s learning summaries failed; computing them one by one", len(pairs))
        outcomes = {}
        for scope, scope_id in pairs:
            try:
                outcomes[(scope, scope_id)] = services.refresh_learning_summaries(scope, scope_id)
            except RETRYABLE:
                raise
            except Exception as exc:
                services.mark_summaries_failed(scope, scope_id, exc)
                if run_id is not None:
                    services.record_run_progress(run_id, scope, scope_id, error=exc)
    pending = services.pending_among(pairs)
    if pending:
        services.mark_summaries(pending, SummaryStatus.QUEUED)
    if run_id is not None:
        services.record_runs_progress(run_id, list(outcomes))
    counted = {}
    for found in outcomes.values():
        for what in found.values():
            counted[what] = counted.get(what, 0) + 1
    logger.info("Learning summaries of %s scopes: %s", len(pairs), counted)
    return counted


def batches(pairs, size=BATCH_SIZE):
    """The batch jobs' arguments for these (scope, id) pairs: initiatives in batches of
    `size`; the other scopes together while they are at most `size`."""
    initiatives = [[scope, pk] for scope, pk in pairs if scope == "initiative"]
    others = [[scope, pk] for scope, pk in pairs if scope != "initiative"]
    found = [initiatives[i : i + size] for i in range(0, len(initiatives), size)]
    found += [others[i : i + size] for i in range(0, len(others), size)]
    return found


def queue_batches(pairs, run_id=None):
    """Queue the batch jobs of these pairs (one message per batch); returns how many."""
    found = batches(pairs)
    for batch in found:
        recompute_learning_summaries.apply_async(args=[batch], kwargs={"run_id": run_id})
    return len(found)


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=1500, time_limit=1560)
def recompute_all_learning_summaries(self, twins: bool = True):
    """The nightly catch-up: the twin candidates first (the initiative summaries show them),
    then every summary (queue_all_learning_summaries). Each is a job of its own, so the
    twin computation's memory is not held while the summaries are computed."""
    if twins:
        return chain(compute_twin_candidates.si(), queue_all_learning_summaries.si()).apply_async().id
    return queue_all_learning_summaries.apply_async().id


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=300, time_limit=360)
def queue_all_learning_summaries(self):
    """Drop the summaries of deleted scopes and queue every scope in batch jobs (a few
    messages, not one per scope); unchanged scopes then cost their share of a batch's
    fingerprints."""
    removed = services.remove_orphan_summaries()
    pairs = list(services.all_scopes())
    queued = queue_batches(pairs)
    logger.info("Queued %s learning summaries in %s batches, removed %s orphans", len(pairs), queued, removed)
    return {"scopes": len(pairs), "batches": queued, "removed": removed}


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=1500, time_limit=1560)
def run_full_recomputation(self, run_id: int):
    """A full recomputation a network administrator started (services.start_full_
    recomputation): the twin candidates, then every scope of the network in batch jobs,
    each scope counted in the run once."""
    pairs = services.begin_run(run_id)
    if pairs is None:
        return None
    try:
        similarity.refresh_twin_candidates()
    except Exception as exc:
        logger.exception("Twin candidates failed in run %s", run_id)
        services.finish_run(run_id, error=f"twin candidates: {exc}")
        raise
    return {"scopes": len(pairs), "batches": queue_batches(pairs, run_id=run_id)}


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=1500, time_limit=1560)
def compute_twin_candidates(self):
    initiatives, candidates = similarity.refresh_twin_candidates()
    return {"initiatives": initiatives, "twin_candidates": candidates}


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=1500, time_limit=1560)
def send_weekly_digests(self):
    return {"sent": emails.send_weekly_digests(timezone.localdate())}


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=600, time_limit=660)
def send_funding_cliff_alerts(self):
    return {"sent": emails.send_funding_cliff_alerts(timezone.localdate())}


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=600, time_limit=660)
def send_review_due_alerts(self):
    return {"sent": emails.send_review_due_alerts(timezone.localdate())}
