"""Celery jobs of evaluation. They take primary keys only (JSON arguments) and are
idempotent: acks_late puts a task back when its worker dies, so it may run twice."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services, summaries

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    ignore_result=True,
    soft_time_limit=120,
    time_limit=180,
    # A database that briefly does not answer is worth another try; a bug is not.
    autoretry_for=(OperationalError, InterfaceError),
    max_retries=3,
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
)
def recompute_learning_summary(self, scope: str, scope_id: int):
    """Recompute the public and the network summary of one scope."""
    try:
        outcome = services.refresh_learning_summaries(scope, scope_id)
    except summaries.UnsupportedScope:
        logger.warning("No learning summary is computed for scope %r (%s)", scope, scope_id)
        return None
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:
        services.mark_summaries_failed(scope, scope_id, exc)
        raise
    logger.info("Learning summary %s %s: %s", scope, scope_id, outcome)
    return outcome


@shared_task(bind=True, acks_late=True, ignore_result=True, soft_time_limit=600, time_limit=660)
def recompute_all_learning_summaries(self):
    """The nightly catch-up: drop the summaries of deleted scopes, then queue one
    recomputation per scope. Ids are streamed, so memory does not grow with the data;
    unchanged scopes cost a fingerprint each."""
    removed = services.remove_orphan_summaries()
    queued = 0
    for scope in summaries.SUPPORTED_SCOPES:
        ids = summaries.scope_model(scope).objects.order_by("pk").values_list("pk", flat=True)
        for scope_id in ids.iterator(chunk_size=2000):
            recompute_learning_summary.apply_async(args=[scope.value, scope_id])
            queued += 1
    logger.info("Queued %s learning summary recomputations, removed %s orphans", queued, removed)
    return {"queued": queued, "removed": removed}
