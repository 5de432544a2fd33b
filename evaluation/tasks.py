"""Celery jobs of evaluation. They take primary keys only (JSON arguments) and are
idempotent: acks_late puts a task back when its worker dies, so it may run twice.

Redelivery after a killed worker: with the Redis broker an unacknowledged message comes
back once the broker transport's `visibility_timeout` has passed
(CELERY_BROKER_TRANSPORT_OPTIONS in settings). It must be longer than the longest task
plus its countdown, or a task still running would be handed to a second worker."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import emails, services, similarity, summaries
from .choices import SummaryStatus

logger = logging.getLogger(__name__)

RETRYABLE = (OperationalError, InterfaceError)


@shared_task(
    bind=True,
    acks_late=True,
    ignore_result=True,
    soft_time_limit=120,
    time_limit=180,
    # A database that briefly does not answer is worth another try; a bug is not.
    autoretry_for=RETRYABLE,
    max_retries=3,
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
)
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


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=1500, time_limit=1560)
def recompute_all_learning_summaries(self):
    """The nightly catch-up: twin candidates first (the initiative summaries show them),
    then drop the summaries of deleted scopes and queue one recomputation per scope. Ids
    are streamed, so memory does not grow with the data; unchanged scopes cost a
    fingerprint each."""
    initiatives, candidates = similarity.refresh_twin_candidates()
    removed = services.remove_orphan_summaries()
    queued = 0
    for scope, scope_id in services.all_scopes():
        recompute_learning_summary.apply_async(args=[scope, scope_id])
        queued += 1
    logger.info(
        "Queued %s learning summary recomputations, removed %s orphans; %s twin candidates of %s initiatives",
        queued, removed, candidates, initiatives,
    )  # fmt: skip
    return {"queued": queued, "removed": removed, "twin_candidates": candidates}


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=1500, time_limit=1560)
def run_full_recomputation(self, run_id: int):
    """A full recomputation a network administrator started (services.start_full_
    recomputation): the twin candidates, then every scope of the network, each counted
    in the run once."""
    pairs = services.begin_run(run_id)
    if pairs is None:
        return None
    try:
        similarity.refresh_twin_candidates()
    except Exception as exc:
        logger.exception("Twin candidates failed in run %s", run_id)
        services.finish_run(run_id, error=f"twin candidates: {exc}")
        raise
    for scope, scope_id in pairs:
        recompute_learning_summary.apply_async(args=[scope, scope_id], kwargs={"run_id": run_id})
    return {"queued": len(pairs)}


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
