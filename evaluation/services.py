"""Keeping learning summaries up to date: which scopes a change touches, queuing their
recomputation once the change is committed, and storing the figures without needless or
doubled writes."""

from django.db import transaction
from django.utils import timezone

from . import summaries
from .choices import SummaryAudience, SummaryScope, SummaryStatus
from .models import LearningSummary

CREATED, UPDATED, UNCHANGED, REMOVED = "created", "updated", "unchanged", "removed"


def supported_scope(scope) -> str:
    """The scope as a plain string (it travels as JSON), or UnsupportedScope."""
    try:
        scope = SummaryScope(scope)
    except ValueError:
        raise summaries.UnsupportedScope(scope) from None
    if scope not in summaries.SUPPORTED_SCOPES:
        raise summaries.UnsupportedScope(scope)
    return scope.value


def schedule_summary_recompute(scope, scope_id):
    """Queue the recomputation of a scope's summaries for when the current transaction
    commits, so the job reads the change and a rolled-back change queues nothing."""
    # The task module imports this one; importing it here keeps the import one-way.
    from .tasks import recompute_learning_summary

    scope, scope_id = supported_scope(scope), int(scope_id)
    # robust: the change is committed by then, and a broker that does not answer must not
    # turn it into an error page; the nightly recomputation catches up.
    transaction.on_commit(lambda: recompute_learning_summary.delay(scope, scope_id), robust=True)


def scopes_for_initiative(initiative):
    """The (scope, id) pairs whose summaries a change to the initiative touches: itself,
    its missions, their themes and its network, sorted. Portfolios holding it are for the
    portfolios app to add (evaluation does not import it). A mission or network the
    initiative just left is no longer reachable from it: the caller adds those."""
    missions = list(initiative.missions.order_by().values_list("pk", "theme_id"))
    pairs = {(SummaryScope.INITIATIVE.value, initiative.pk), (SummaryScope.NETWORK.value, initiative.network_id)}
    pairs.update((SummaryScope.MISSION.value, mission_id) for mission_id, _ in missions)
    pairs.update((SummaryScope.THEME.value, theme_id) for _, theme_id in missions if theme_id)
    return sorted(pairs)


def refresh_learning_summaries(scope, scope_id):
    """Bring the stored summaries of a scope up to date for both audiences, and return
    what happened to each: created, updated, unchanged or removed. A scope that no longer
    exists loses its summaries; so does an audience that may not see the scope."""
    scope = supported_scope(scope)
    record = summaries.load_scope(scope, scope_id)
    outcome = {}
    for audience in sorted(SummaryAudience.values):
        try:
            outcome[audience] = refresh_learning_summary(record, audience) if record else None
        except LookupError:
            # Deleted while we were computing.
            outcome[audience] = None
        if outcome[audience] is None:
            removed, _ = LearningSummary.objects.filter(scope=scope, scope_id=scope_id, audience=audience).delete()
            outcome[audience] = REMOVED if removed else UNCHANGED
    return outcome


def refresh_learning_summary(record, audience):
    """Store one audience's summary of the scope, or return None when the audience may
    not see the scope. The row is locked while it is compared and written, so two workers
    on the same scope write once: the second finds the first's fingerprint."""
    if not summaries.scope_visible_to(record, audience):
        return None
    key = {"scope": record.scope, "scope_id": record.scope_id, "audience": audience}
    with transaction.atomic():
        fingerprint = summaries.inputs_fingerprint(record.scope, record.scope_id, audience)
        summary = LearningSummary.objects.select_for_update().filter(**key).first()
        if summary and summary.status == SummaryStatus.DONE and summary.inputs_fingerprint == fingerprint:
            return UNCHANGED
        fields = {
            "network_id": record.network_id,
            "metrics": summaries.compute_metrics(record.scope, record.scope_id, audience),
            "inputs_fingerprint": fingerprint,
            "computed_at": timezone.now(),
            "status": SummaryStatus.DONE,
            "error": "",
        }
        if summary is None:
            # Another worker may insert the row meanwhile: get_or_create then waits for
            # its commit and hands back that row, locked.
            summary, created = LearningSummary.objects.select_for_update().get_or_create(**key, defaults=fields)
            if created:
                return CREATED
            if summary.status == SummaryStatus.DONE and summary.inputs_fingerprint == fingerprint:
                return UNCHANGED
        for name, value in fields.items():
            setattr(summary, name, value)
        summary.save(update_fields=[*fields, "updated"])
        return UPDATED


def mark_summaries_failed(scope, scope_id, error):
    """Record on a scope's stored summaries that their last recomputation failed; the
    figures stay, and the next run recomputes them whatever the fingerprint says."""
    return LearningSummary.objects.filter(scope=scope, scope_id=scope_id).update(
        status=SummaryStatus.FAILED, error=str(error)[:2000] or type(error).__name__, updated=timezone.now()
    )


def remove_orphan_summaries():
    """Delete the summaries of scopes that no longer exist; returns how many."""
    removed = 0
    for scope in summaries.SUPPORTED_SCOPES:
        model = summaries.scope_model(scope)
        removed += LearningSummary.objects.filter(scope=scope).exclude(scope_id__in=model.objects.values("pk")).delete()[0]
    return removed
