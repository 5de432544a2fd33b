"""Recomputation runs: the bodies of the recomputation jobs (one scope after a change, a
batch of scopes set-based, every scope at night), and the full recomputations a network
administrator starts (RecomputationRun): starting one (one at a time per network),
counting each scope once however often its job runs, finishing, and noticing a run that
stalled (a worker killed with its batch) so the administrator can retry the scopes not
yet counted. evaluation/tasks.py wraps these as Celery tasks; the jobs are queued here by
name, so this module does not import tasks."""

import datetime
import logging

from celery import current_app
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from core.audience import get_audience

from . import similarity, summaries
from .choices import SummaryStatus
from .models import RecomputationRun, RecomputationRunScope
from .queueing import clear_pending, is_pending, pending_among
from .summary_store import (
    all_scopes,
    mark_summaries,
    mark_summaries_failed,
    pause_for_tests,
    refresh_learning_summaries,
    refresh_scopes,
    remove_orphan_summaries,
    supported_scope,
)

logger = logging.getLogger(__name__)

# A database that briefly does not answer is worth another try (the tasks retry them); a
# bug is not.
RETRYABLE = (OperationalError, InterfaceError)
# Scopes per batch job of a full recomputation: initiatives in batches of this many; the
# missions, themes, portfolios and networks (which share initiatives, and so share work)
# together in one batch while they are at most this many, else in batches of it.
BATCH_SIZE = 2500
BATCH_TASK = "evaluation.tasks.recompute_learning_summaries"

# A run still not finished after this long is taken for dead: a new one may start.
RUN_STALE_AFTER = datetime.timedelta(hours=2)
RUN_TASK = "evaluation.tasks.run_full_recomputation"


# --- full recomputations a network administrator starts -------------------------------------------


def can_start_full_recomputation(user, network):
    audience = get_audience(user)
    return audience.sees_everything or network.pk in audience.admin_network_ids


def start_full_recomputation(network, user):
    """Start recomputing every summary of the network (and the twin candidates they show);
    returns the RecomputationRun whose progress the page shows. A run of the network that
    is still going is returned instead of starting a second. Only the network's
    administrators may start one."""
    if not can_start_full_recomputation(user, network):
        raise PermissionDenied
    with transaction.atomic():
        # One start at a time per network: the row lock orders two clicks.
        type(network).objects.select_for_update().filter(pk=network.pk).first()
        active = RecomputationRun.objects.filter(
            network=network, status__in=[SummaryStatus.QUEUED, SummaryStatus.RUNNING]
        ).first()
        if active is not None:
            if timezone.now() - active.started < RUN_STALE_AFTER:
                return active
            finish_run(active.pk, error="Did not finish in time.")
        run = RecomputationRun.objects.create(
            network=network,
            started_by=user if user is not None and user.is_authenticated else None,
            total=sum(1 for _ in all_scopes(network.pk)),
        )
        transaction.on_commit(lambda: current_app.signature(RUN_TASK, args=[run.pk]).apply_async(), robust=True)
    return run


def begin_run(run_id):
    """The run's job started: count the scopes again (some may have come or gone since the
    click), mark the run and the scopes' summaries, and return the scopes; None when the
    run is no longer going."""
    with transaction.atomic():
        run = RecomputationRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or not run.is_active:
            return None
        pairs = list(all_scopes(run.network_id))
        done = run.finished_scopes.count()
        run.total, run.done, run.status = max(len(pairs), done), done, SummaryStatus.RUNNING
        run.progressed = timezone.now()
        run.save(update_fields=["total", "done", "status", "progressed"])
    mark_summaries(pairs, SummaryStatus.QUEUED)
    if not pairs:
        finish_run(run_id)
    return pairs


def record_run_progress(run_id, scope, scope_id, error=None):
    """Count a scope of a run as computed, once however often its job runs, and finish the
    run with its last scope. Returns True when this call counted it."""
    with transaction.atomic():
        run = RecomputationRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or not run.is_active:
            return False
        _, created = RecomputationRunScope.objects.get_or_create(run=run, scope=scope, scope_id=scope_id)
        if not created:
            return False
        run.done = min(run.done + 1, run.total)
        run.progressed = timezone.now()
        fields = ["done", "progressed"]
        if error is not None:
            run.error = (run.error + f"{scope} {scope_id}: {error}\n")[-4000:]
            fields.append("error")
        run.save(update_fields=fields)
    if run.done >= run.total:
        finish_run(run_id)
    return True


def record_runs_progress(run_id, pairs):
    """Count a batch of a run's scopes as computed, each once however often its batch runs
    (a redelivered batch counts only the scopes not counted yet); finish the run with its
    last scope. Returns how many this call counted."""
    pairs = sorted({(scope, int(scope_id)) for scope, scope_id in pairs})
    with transaction.atomic():
        run = RecomputationRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or not run.is_active or not pairs:
            return 0
        counted = set(
            run.finished_scopes.filter(
                scope__in={scope for scope, _ in pairs}, scope_id__in={pk for _, pk in pairs}
            ).values_list("scope", "scope_id")
        )
        new = [pair for pair in pairs if pair not in counted]
        RecomputationRunScope.objects.bulk_create(
            [RecomputationRunScope(run=run, scope=scope, scope_id=scope_id) for scope, scope_id in new]
        )
        run.done = min(run.done + len(new), run.total)
        if new:
            run.progressed = timezone.now()
        run.save(update_fields=["done", "progressed"])
    if run.done >= run.total:
        finish_run(run_id)
    return len(new)


def retry_run(run_id, user):
    """Queue again the scopes a stalled run has not counted yet (a worker was killed with
    their batch, say); returns how many. Only the network's administrators may; a run that
    is not stalled is left alone (0). Nothing is doubled: a scope counts once in the run
    however many of its jobs run (the killed batch also comes back by itself after the
    broker's visibility timeout), and a summary whose inputs did not change is not
    rewritten. The twin candidates are not recomputed (the nightly run does)."""
    with transaction.atomic():
        run = RecomputationRun.objects.select_for_update().select_related("network").filter(pk=run_id).first()
        if run is None or not can_start_full_recomputation(user, run.network):
            raise PermissionDenied
        if not run.is_stalled:
            return 0
        counted = set(run.finished_scopes.values_list("scope", "scope_id"))
        remaining = [pair for pair in all_scopes(run.network_id) if pair not in counted]
        run.total = run.done + len(remaining)
        run.status, run.progressed = SummaryStatus.RUNNING, timezone.now()
        run.save(update_fields=["total", "status", "progressed"])
        if remaining:
            transaction.on_commit(lambda: queue_batches(remaining, run_id=run_id), robust=True)
    if remaining:
        mark_summaries(remaining, SummaryStatus.QUEUED)
    else:
        finish_run(run_id)
    return len(remaining)


def finish_run(run_id, error=None):
    with transaction.atomic():
        run = RecomputationRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or not run.is_active:
            return
        if error:
            run.error = (run.error + f"{error}\n")[-4000:]
        run.status = SummaryStatus.FAILED if run.error else SummaryStatus.DONE
        run.finished = timezone.now()
        run.save(update_fields=["status", "finished", "error"])
        # The per-scope marks only served to count each scope once.
        run.finished_scopes.all().delete()


# --- the jobs' bodies -----------------------------------------------------------------------------


def refresh_recording_failure(scope, scope_id, run_id=None):
    """refresh_learning_summaries; should it fail (but for a database that did not answer,
    which the task retries), the failure is recorded on the scope's summaries and counted
    in the run, then raised."""
    try:
        return refresh_learning_summaries(scope, scope_id)
    except RETRYABLE:
        raise
    except Exception as exc:
        mark_summaries_failed(scope, scope_id, exc)
        if run_id is not None:
            record_run_progress(run_id, scope, scope_id, error=exc)
        raise


def recompute_scope(scope, scope_id, run_id=None):
    """Recompute the public and the network summary of one scope; count it in a full
    recomputation run when it belongs to one. None for a scope without summaries."""
    try:
        scope = supported_scope(scope)
    except summaries.UnsupportedScope:
        logger.warning("No learning summary is computed for scope %r (%s)", scope, scope_id)
        return None
    # From here on, a change queues a new recomputation rather than joining this one.
    clear_pending(scope, scope_id)
    mark_summaries([(scope, scope_id)], SummaryStatus.RUNNING)
    outcome = refresh_recording_failure(scope, scope_id, run_id)
    if is_pending(scope, scope_id):
        # A change came in while we computed: its recomputation is queued.
        mark_summaries([(scope, scope_id)], SummaryStatus.QUEUED)
    if run_id is not None:
        record_run_progress(run_id, scope, scope_id)
    logger.info("Learning summary %s %s: %s", scope, scope_id, outcome)
    return outcome


def recompute_batch(pairs, run_id=None):
    """Recompute a batch of scopes ([[scope, id], ...]) set-based, in one transaction; count
    them in a run when they belong to one. Should the batch fail, each scope is tried on
    its own, so one bad scope does not fail the others. Returns {outcome: how many}."""
    pairs = sorted({(supported_scope(scope), int(scope_id)) for scope, scope_id in pairs})
    mark_summaries(pairs, SummaryStatus.RUNNING)
    pause_for_tests()
    try:
        outcomes = refresh_scopes(pairs)
    except RETRYABLE:
        raise
    except Exception:
        logger.exception("A batch of %s learning summaries failed; computing them one by one", len(pairs))
        outcomes = {}
        for scope, scope_id in pairs:
            try:
                outcomes[(scope, scope_id)] = refresh_recording_failure(scope, scope_id, run_id)
            except RETRYABLE:
                raise
            except Exception:  # recorded on the scope's summaries and in the run
                continue
    pending = pending_among(pairs)
    if pending:
        mark_summaries(pending, SummaryStatus.QUEUED)
    if run_id is not None:
        record_runs_progress(run_id, list(outcomes))
    counted = {}
    for found in outcomes.values():
        for what in found.values():
            counted[what] = counted.get(what, 0) + 1
    logger.info("Learning summaries of %s scopes: %s", len(pairs), counted)
    return counted


def batches(pairs, size=None):
    """The batch jobs' arguments for these (scope, id) pairs: initiatives in batches of
    `size`; the other scopes together while they are at most `size`."""
    size = size or BATCH_SIZE
    initiatives = [[scope, pk] for scope, pk in pairs if scope == "initiative"]
    others = [[scope, pk] for scope, pk in pairs if scope != "initiative"]
    found = [initiatives[i : i + size] for i in range(0, len(initiatives), size)]
    found += [others[i : i + size] for i in range(0, len(others), size)]
    return found


def queue_batches(pairs, run_id=None):
    """Queue the batch jobs of these pairs (one message per batch); returns how many."""
    found = batches(pairs)
    task = current_app.signature(BATCH_TASK)
    for batch in found:
        task.apply_async(args=[batch], kwargs={"run_id": run_id})
    return len(found)


def queue_all():
    """Drop the summaries of deleted scopes and queue every scope in batch jobs (a few
    messages, not one per scope)."""
    removed = remove_orphan_summaries()
    pairs = list(all_scopes())
    queued = queue_batches(pairs)
    logger.info("Queued %s learning summaries in %s batches, removed %s orphans", len(pairs), queued, removed)
    return {"scopes": len(pairs), "batches": queued, "removed": removed}


def run_full(run_id):
    """A full recomputation a network administrator started (start_full_recomputation):
    the twin candidates, then every scope of the network in batch jobs, each scope
    counted in the run once."""
    pairs = begin_run(run_id)
    if pairs is None:
        return None
    try:
        similarity.refresh_twin_candidates()
    except Exception as exc:
        logger.exception("Twin candidates failed in run %s", run_id)
        finish_run(run_id, error=f"twin candidates: {exc}")
        raise
    return {"scopes": len(pairs), "batches": queue_batches(pairs, run_id=run_id)}
