"""Domain operations of evaluation that pages, the API, signals and jobs share.

- Learning summaries: which scopes a change touches; queuing their recomputation once the
  change is committed, once per scope however many rows changed (per transaction, and
  across transactions for a short debounce window when a broker runs the jobs); storing
  the figures without needless or doubled writes; the status pages show.
- Full recomputations a network administrator starts, with exact progress.
- The funding cliff.
- Follows, notification settings and unsubscribing.
"""

import calendar
import datetime
import json
import logging
import os
import time
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import connections, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from core import pagecache
from core.audience import get_audience
from core.cache import OUTAGE_ERRORS as REDIS_OUTAGE
from core.choices import ContentLanguage
from initiatives.choices import FundingKind, Phase
from initiatives.models import Funding, Initiative, Mission
from partners.choices import Country
from portfolios.choices import Decision, ReviewStatus
from portfolios.models import Portfolio, PortfolioEntry, ReviewDecision

from . import summaries
from .choices import NotificationKind, SummaryAudience, SummaryScope, SummaryStatus
from .models import (
    Follow,
    LearningSummary,
    NotificationSettings,
    RecomputationRun,
    RecomputationRunScope,
)

logger = logging.getLogger(__name__)

CREATED, UPDATED, UNCHANGED, REMOVED = "created", "updated", "unchanged", "removed"

# A burst of changes to one scope within this many seconds gives one recomputation; short,
# because a change should show in its summaries within seconds (docs/performance.md).
DEFAULT_DEBOUNCE_SECONDS = 2
# The pending mark outlives the countdown by this much; should the job be lost, the next
# change after that queues a new one (and the nightly run catches up meanwhile).
PENDING_GRACE_SECONDS = 600
# A run still not finished after this long is taken for dead: a new one may start.
RUN_STALE_AFTER = datetime.timedelta(hours=2)
UNSUBSCRIBE_SALT = "evaluation.unsubscribe"
# Test-only: "<file>:<seconds>" makes a recomputation touch <file> and sleep after its
# first audience is stored, so a test can kill the worker in the middle (see
# tests/test_celery_worker.py). Never set in production.
TEST_PAUSE_ENV = "HORISONT_TEST_PAUSE_BETWEEN_AUDIENCES"


def supported_scope(scope) -> str:
    """The scope as a plain string (it travels as JSON), or UnsupportedScope."""
    try:
        scope = SummaryScope(scope)
    except ValueError:
        raise summaries.UnsupportedScope(scope) from None
    if scope not in summaries.SUPPORTED_SCOPES:
        raise summaries.UnsupportedScope(scope)
    return scope.value


# --- which scopes a change touches ---------------------------------------------------------


def scopes_for_initiative(initiative):
    """The (scope, id) pairs whose summaries a change to the initiative touches: itself,
    its missions, their themes, the portfolios holding it and its network, sorted. A
    mission or network the initiative just left is no longer reachable from it: the
    caller adds those."""
    missions = list(initiative.missions.order_by().values_list("pk", "theme_id"))
    pairs = {(SummaryScope.INITIATIVE.value, initiative.pk), (SummaryScope.NETWORK.value, initiative.network_id)}
    pairs.update((SummaryScope.MISSION.value, mission_id) for mission_id, _ in missions)
    pairs.update((SummaryScope.THEME.value, theme_id) for _, theme_id in missions if theme_id)
    pairs.update(
        (SummaryScope.PORTFOLIO.value, portfolio_id)
        for portfolio_id in PortfolioEntry.objects.filter(initiative=initiative.pk)
        .order_by()
        .values_list("portfolio_id", flat=True)
    )
    return sorted(pairs)


def expand_sources(initiatives=(), missions=(), portfolios=(), reviews=()):
    """The scopes touched by changes to these initiatives, missions, portfolios and
    portfolio reviews, in a fixed number of queries."""
    initiatives, missions, portfolios = set(initiatives), set(missions), set(portfolios)
    pairs = set()
    if reviews:
        for portfolio_id, initiative_id in ReviewDecision.objects.filter(review__in=reviews).values_list(
            "review__portfolio_id", "initiative_id"
        ):
            portfolios.add(portfolio_id)
            initiatives.add(initiative_id)
    if initiatives:
        for pk, network_id in Initiative.objects.filter(pk__in=initiatives).values_list("pk", "network_id"):
            pairs.add((SummaryScope.INITIATIVE.value, pk))
            pairs.add((SummaryScope.NETWORK.value, network_id))
        missions.update(
            Initiative.missions.through.objects.filter(initiative__in=initiatives).values_list("mission_id", flat=True)
        )
        portfolios.update(
            PortfolioEntry.objects.filter(initiative__in=initiatives).values_list("portfolio_id", flat=True)
        )
    if missions:
        for pk, theme_id, network_id in Mission.objects.filter(pk__in=missions).values_list(
            "pk", "theme_id", "network_id"
        ):
            pairs.update({(SummaryScope.MISSION.value, pk), (SummaryScope.NETWORK.value, network_id)})
            if theme_id:
                pairs.add((SummaryScope.THEME.value, theme_id))
    if portfolios:
        for pk, network_id in Portfolio.objects.filter(pk__in=portfolios).values_list("pk", "network_id"):
            pairs.update({(SummaryScope.PORTFOLIO.value, pk), (SummaryScope.NETWORK.value, network_id)})
    return pairs


class PendingRecomputations:
    """What one transaction changed, gathered until it commits: then expanded to scopes
    and queued, each scope once."""

    def __init__(self):
        self.scopes = set()
        self.initiatives = set()
        self.missions = set()
        self.portfolios = set()
        self.reviews = set()
        self.flushed = False

    def flush(self):
        self.flushed = True
        pairs = set(self.scopes) | expand_sources(self.initiatives, self.missions, self.portfolios, self.reviews)
        enqueue_recomputations(pairs)


def _pending_batch():
    """The current transaction's PendingRecomputations, registering its flush with
    on_commit when the transaction has none yet (or the savepoint that had it was rolled
    back, which drops its callback). None outside a transaction: then the caller flushes
    at once, the change being committed already."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    batch = getattr(connection, "_horisont_pending_recomputations", None)
    if batch is not None and not batch.flushed:
        if any(entry[1] is batch.callback for entry in connection.run_on_commit):
            return batch
    batch = PendingRecomputations()
    batch.callback = batch.flush
    connection._horisont_pending_recomputations = batch
    # robust: the change is committed by then, and a broker that does not answer must not
    # turn it into an error page; the nightly recomputation catches up.
    transaction.on_commit(batch.callback, robust=True)
    return batch


def _gather(add):
    batch = _pending_batch()
    if batch is not None:
        add(batch)
        return
    batch = PendingRecomputations()
    add(batch)
    try:
        batch.flush()
    except Exception:
        logger.exception("Could not queue learning summary recomputations")


def schedule_summary_recompute(scope, scope_id):
    """Queue the recomputation of a scope's summaries for when the current transaction
    commits, so the job reads the change and a rolled-back change queues nothing."""
    pair = (supported_scope(scope), int(scope_id))
    _gather(lambda batch: batch.scopes.add(pair))


def schedule_recompute_for(*, initiatives=(), missions=(), portfolios=(), reviews=(), scopes=()):
    """Queue, after commit, the scopes touched by changes to these records (primary keys).
    Cheap when called: nothing is read until the transaction commits."""
    scopes = [(supported_scope(scope), int(pk)) for scope, pk in scopes if pk]

    def add(batch):
        batch.initiatives.update(pk for pk in initiatives if pk)
        batch.missions.update(pk for pk in missions if pk)
        batch.portfolios.update(pk for pk in portfolios if pk)
        batch.reviews.update(pk for pk in reviews if pk)
        batch.scopes.update(scopes)

    _gather(add)


# --- queuing, debounced ----------------------------------------------------------------------


def debounce_seconds():
    return getattr(settings, "HORISONT_SUMMARY_DEBOUNCE_SECONDS", DEFAULT_DEBOUNCE_SECONDS)


def _jobs_run_in_process():
    from .tasks import recompute_learning_summary

    return bool(recompute_learning_summary.app.conf.task_always_eager)


_redis_clients = {}


def _redis():
    """A client of the broker's Redis, or None when the broker is no Redis."""
    url = settings.CELERY_BROKER_URL or ""
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return None
    client = _redis_clients.get(url)
    if client is None:
        import redis

        client = _redis_clients[url] = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
    return client


def _pending_key(scope, scope_id):
    # The database name keeps two sites (or two test databases) on one Redis apart.
    database = connections["default"].settings_dict["NAME"]
    return f"horisont:summary-pending:{database}:{scope}:{scope_id}"


def enqueue_recomputations(pairs):
    """Mark the scopes' summaries queued and queue one job per scope. With a broker, a
    scope already queued and not yet started is not queued again (a Redis key per scope,
    SET NX with an expiry; the job clears it when it starts) and the job waits out the
    debounce window, so a burst of edits is one recomputation. In-process (eager) jobs
    run at once, one per scope per transaction."""
    from .tasks import recompute_learning_summary

    pairs = sorted(set(pairs))
    if not pairs:
        return 0
    mark_summaries(pairs, SummaryStatus.QUEUED)
    eager, client, queued = _jobs_run_in_process(), None, 0
    if not eager:
        client = _redis()
    for position, (scope, scope_id) in enumerate(pairs):
        try:
            if eager:
                recompute_learning_summary.apply_async(args=[scope, scope_id])
            else:
                delay = debounce_seconds()
                if client is not None and not client.set(
                    _pending_key(scope, scope_id), "1", nx=True, ex=delay + PENDING_GRACE_SECONDS
                ):
                    continue
                recompute_learning_summary.apply_async(args=[scope, scope_id], countdown=delay)
            queued += 1
        except (*REDIS_OUTAGE, KombuOperationalError) as error:
            # The queue is optional at run time: the change is committed; the nightly
            # recomputation catches up. One warning, not one traceback per scope.
            logger.warning(
                "The job queue did not answer; %d summary recomputations wait for the nightly run: %s",
                len(pairs) - position,
                error,
            )
            break
        except Exception:
            logger.exception("Could not queue the recomputation of %s %s", scope, scope_id)
    return queued


def clear_pending(scope, scope_id):
    """Called by the job as it starts: a change from now on queues a new recomputation."""
    if _jobs_run_in_process():
        return
    client = _redis()
    if client is not None:
        try:
            client.delete(_pending_key(scope, scope_id))
        except REDIS_OUTAGE as error:
            logger.warning(
                "Redis did not answer; the queued mark of %s %s expires by itself: %s", scope, scope_id, error
            )


def is_pending(scope, scope_id):
    if _jobs_run_in_process():
        return False
    client = _redis()
    try:
        return bool(client is not None and client.exists(_pending_key(scope, scope_id)))
    except REDIS_OUTAGE as error:
        # Redis is optional at run time: a page shows "not queued" rather than an error.
        logger.warning("Redis did not answer whether %s %s is queued: %s", scope, scope_id, error)
        return False


def pending_among(pairs):
    """The pairs whose recomputation after a change is queued (one round trip to Redis)."""
    pairs = list(pairs)
    if _jobs_run_in_process() or not pairs:
        return []
    client = _redis()
    if client is None:
        return []
    pipeline = client.pipeline(transaction=False)
    for scope, scope_id in pairs:
        pipeline.exists(_pending_key(scope, scope_id))
    try:
        answers = pipeline.execute()
    except REDIS_OUTAGE as error:
        logger.warning("Redis did not answer which summaries are queued: %s", error)
        return []
    return [pair for pair, found in zip(pairs, answers, strict=True) if found]


def mark_summaries(pairs, status):
    """Set the status of the stored summaries of these scopes (both audiences), without
    touching `updated`: the figures did not change. One UPDATE per kind of scope."""
    by_scope = {}
    for scope, scope_id in pairs:
        by_scope.setdefault(scope, set()).add(scope_id)
    changed = 0
    for scope, ids in sorted(by_scope.items()):
        changed += (
            LearningSummary.objects.filter(scope=scope, scope_id__in=ids).exclude(status=status).update(status=status)
        )
    if changed:
        pagecache.invalidate_after_commit()  # pages say "queued" or "running"
    return changed


def summary_status(scope, scope_id, audience):
    """What a page says about a scope's summary: {"status", "computed_at"}; status is
    None when no summary was ever computed and none is queued."""
    row = (
        LearningSummary.objects.filter(scope=scope, scope_id=scope_id, audience=audience)
        .values("status", "computed_at")
        .first()
    )
    if row is None:
        return {"status": SummaryStatus.QUEUED.value if is_pending(scope, scope_id) else None, "computed_at": None}
    return row


# --- computing and storing ----------------------------------------------------------------------


def _pause_for_tests():
    setting = os.environ.get(TEST_PAUSE_ENV)
    if not setting:
        return
    path, _, seconds = setting.rpartition(":")
    Path(path).touch()
    time.sleep(float(seconds))


def refresh_learning_summaries(scope, scope_id):
    """Bring the stored summaries of a scope up to date for both audiences, and return
    what happened to each: created, updated, unchanged or removed. A scope that no longer
    exists loses its summaries; so does an audience that may not see the scope. Each
    audience is its own transaction: a worker killed between them leaves one audience
    new and one old, and the next run finishes the other."""
    scope = supported_scope(scope)
    pair = (scope, int(scope_id))
    work = SummaryWork([pair])
    outcome = {}
    for position, audience in enumerate(sorted(SummaryAudience.values)):
        if position:
            _pause_for_tests()
        outcome.update(work.store([(*pair, audience)]))
    return {audience: outcome[(*pair, audience)] for audience in sorted(SummaryAudience.values)}


def refresh_scopes(pairs, today=None):
    """The same for many scopes at once, set-based: the fingerprints of all of them, the
    figures of those whose inputs changed, and the rows written in bulk, in one
    transaction. Returns {(scope, id): {audience: outcome}}."""
    pairs = sorted({(supported_scope(scope), int(scope_id)) for scope, scope_id in pairs})
    work = SummaryWork(pairs, today=today)
    outcome = work.store([(*pair, audience) for pair in pairs for audience in sorted(SummaryAudience.values)])
    found = defaultdict(dict)
    for (scope, scope_id, audience), what in outcome.items():
        found[(scope, scope_id)][audience] = what
    return dict(found)


def refresh_learning_summary(record, audience, today=None):
    """Store one audience's summary of the scope; None when the audience may not see the
    scope (its row, if any, is then left to refresh_learning_summaries to remove)."""
    if not summaries.scope_visible_to(record, audience):
        return None
    key = (record.scope, record.scope_id, SummaryAudience(audience).value)
    return SummaryWork([key[:2]], today=today, audiences=[key[2]]).store([key])[key]


class SummaryWork:
    """The recomputation of a set of scopes' summaries. Everything is read first, in one
    transaction and outside any lock: the fingerprints of all the scopes' audiences
    (summaries.inputs_fingerprints),
    then the figures of those whose fingerprint differs from the stored one
    (summaries.iter_summaries), each kept as its JSON text until it is written. store()
    then writes, in one transaction per call, with the rows locked:

    - a row whose fingerprint is ours (unchanged inputs, or another worker just wrote the
      same) is left alone; only a queued or running status is set back to done;
    - otherwise the figures computed from the newest reads win: each row's `computed_at`
      is when the reads behind it began, and a row written meanwhile from later reads is
      not overwritten with older figures. A change committed while we read queued its own
      recomputation, which reads after it, so the newest state always gets stored.
    """

    def __init__(self, pairs, today=None, audiences=SummaryAudience.values):
        self.as_of = timezone.now()
        self.today = today or timezone.localdate()
        self.pairs = sorted({(supported_scope(scope), int(scope_id)) for scope, scope_id in pairs})
        with transaction.atomic():
            connection = connections[LearningSummary.objects.db]
            if connection.vendor == "postgresql":
                # The batch's statements cost enough for PostgreSQL to compile them to
                # machine code first (JIT), which takes longer than running them.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL jit = off")
            self._read(audiences)

    def _read(self, audiences):
        self.records = summaries.load_scopes(self.pairs)
        self.fingerprints = summaries.inputs_fingerprints(list(self.records), today=self.today)
        self.wanted = {
            (*pair, audience)
            for pair, record in self.records.items()
            for audience in audiences
            if summaries.scope_visible_to(record, audience)
        }
        stored = {
            key: (fingerprint, status)
            for key, fingerprint, status in self._rows(self.pairs, "inputs_fingerprint", "status")
        }
        stale = [key for key in self.wanted if not self._fresh(stored.get(key), key)]
        # JSON text: a batch's figures as Python objects would take several times the memory.
        self.metrics = {
            key: json.dumps(metrics, separators=(",", ":"))
            for key, metrics in summaries.iter_summaries(stale, today=self.today)
        }

    def _fresh(self, row, key):
        return row is not None and row[1] != SummaryStatus.FAILED and row[0] == self.fingerprints.get(key)

    @staticmethod
    def _rows(pairs, *fields, lock=False):
        """(key, *fields) of the stored rows of these scopes, one query per kind of scope."""
        by_scope = defaultdict(list)
        for scope, scope_id in pairs:
            by_scope[scope].append(scope_id)
        for scope, ids in sorted(by_scope.items()):
            rows = LearningSummary.objects.filter(scope=scope, scope_id__in=sorted(ids)).order_by("pk")
            if lock:
                rows = rows.select_for_update()
            for row in rows.values_list("scope", "scope_id", "audience", *fields):
                yield ((row[0], row[1], row[2]), *row[3:])

    def store(self, keys):
        """Write these (scope, id, audience) keys; returns {key: outcome}."""
        keys = sorted(set(keys))
        outcome = {}
        with transaction.atomic():
            existing = {
                key: (pk, fingerprint, status, computed_at)
                for key, pk, fingerprint, status, computed_at in self._rows(
                    {key[:2] for key in keys}, "pk", "inputs_fingerprint", "status", "computed_at", lock=True
                )
            }
            gone, back_to_done, changed, new = [], [], [], []
            for key in keys:
                row = existing.get(key)
                if key[:2] not in self.records or not summaries.scope_visible_to(self.records[key[:2]], key[2]):
                    # The scope is gone, or the audience may not see it.
                    if row:
                        gone.append(row[0])
                    outcome[key] = REMOVED if row else UNCHANGED
                    continue
                if row and self._fresh(row[1:3], key):
                    if row[2] != SummaryStatus.DONE:
                        back_to_done.append(row[0])
                    outcome[key] = UNCHANGED
                    continue
                if key not in self.metrics or (row and row[3] and row[3] > self.as_of):
                    # Fresh when we read it, or since written from newer reads: theirs stays.
                    outcome[key] = UNCHANGED
                    continue
                if row:
                    changed.append((row[0], key))
                    outcome[key] = UPDATED
                else:
                    new.append(key)
                    outcome[key] = CREATED
            if gone:
                LearningSummary.objects.filter(pk__in=gone).delete()
            if back_to_done:
                LearningSummary.objects.filter(pk__in=back_to_done).update(status=SummaryStatus.DONE, error="")
            if changed:
                self._update(changed)
            if new:
                self._create(new, outcome)
            if back_to_done or changed or new:
                # Written in bulk, without the signals that forget cached anonymous pages.
                pagecache.invalidate_after_commit()
        return outcome

    def _values(self, key):
        """The stored fields of a key's new figures; `metrics` as JSON text."""
        return {
            "network_id": self.records[key[:2]].network_id,
            "metrics": self.metrics[key],
            "inputs_fingerprint": self.fingerprints[key],
            "computed_at": self.as_of,
            "status": SummaryStatus.DONE.value,
            "error": "",
        }

    def _update(self, changed):
        now = timezone.now()
        connection = connections[LearningSummary.objects.db]
        if connection.vendor != "postgresql":
            rows = []
            for pk, key in changed:
                values = self._values(key)
                values["metrics"] = json.loads(values["metrics"])
                rows.append(LearningSummary(pk=pk, updated=now, **values))
            LearningSummary.objects.bulk_update(rows, [*self._values(changed[0][1]), "updated"], batch_size=200)
            return
        # One UPDATE ... FROM (VALUES ...) per thousand rows: QuerySet.bulk_update builds a
        # CASE per field and row, which costs more Python than computing the figures did.
        from psycopg2.extras import execute_values

        quote = connection.ops.quote_name
        columns = [*self._values(changed[0][1]), "updated"]
        assignments = ", ".join(f"{quote(column)} = v.{quote(column)}" for column in columns)
        sql = (
            f"UPDATE {quote(LearningSummary._meta.db_table)} AS s SET {assignments} "
            f"FROM (VALUES %s) AS v(id, {', '.join(map(quote, columns))}) WHERE s.id = v.id"
        )
        template = "(%s, %s, %s::jsonb, %s, %s::timestamptz, %s, %s, %s::timestamptz)"
        values = [(pk, *self._values(key).values(), now) for pk, key in changed]
        with connection.cursor() as cursor:
            execute_values(cursor.cursor, sql, values, template=template, page_size=1000)

    def _create(self, new, outcome):
        """Insert the new rows; one that another worker inserted meanwhile (the insert waits
        for theirs to commit, then does nothing) is then treated as an existing row."""
        now = timezone.now()
        connection = connections[LearningSummary.objects.db]
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            quote = connection.ops.quote_name
            columns = ["scope", "scope_id", "audience", *self._values(new[0]), "created", "updated"]
            sql = (
                f"INSERT INTO {quote(LearningSummary._meta.db_table)} ({', '.join(map(quote, columns))}) "
                "VALUES %s ON CONFLICT (scope, scope_id, audience) DO NOTHING"
            )
            template = "(%s, %s, %s, %s, %s::jsonb, %s, %s::timestamptz, %s, %s, %s::timestamptz, %s::timestamptz)"
            values = [(*key, *self._values(key).values(), now, now) for key in new]
            with connection.cursor() as cursor:
                execute_values(cursor.cursor, sql, values, template=template, page_size=1000)
        else:
            rows = []
            for key in new:
                values = self._values(key)
                values["metrics"] = json.loads(values["metrics"])
                rows.append(LearningSummary(scope=key[0], scope_id=key[1], audience=key[2], **values))
            LearningSummary.objects.bulk_create(rows, batch_size=200, ignore_conflicts=True)
        keys = set(new)
        for key, pk, fingerprint, computed_at in self._rows({key[:2] for key in keys}, "pk", "inputs_fingerprint",
                                                            "computed_at", lock=True):  # fmt: skip
            if key not in keys or (computed_at == self.as_of and fingerprint == self.fingerprints[key]):
                continue
            if fingerprint == self.fingerprints[key] or (computed_at and computed_at > self.as_of):
                outcome[key] = UNCHANGED
                continue
            values = self._values(key)
            values["metrics"] = json.loads(values["metrics"])
            LearningSummary.objects.filter(pk=pk).update(updated=now, **values)
            outcome[key] = UPDATED


def mark_summaries_failed(scope, scope_id, error):
    """Record on a scope's stored summaries that their last recomputation failed; the
    figures stay, and the next run recomputes them whatever the fingerprint says."""
    failed = LearningSummary.objects.filter(scope=scope, scope_id=scope_id).update(
        status=SummaryStatus.FAILED, error=str(error)[:2000] or type(error).__name__, updated=timezone.now()
    )
    pagecache.invalidate_after_commit()
    return failed


def remove_orphan_summaries():
    """Delete the summaries of scopes that no longer exist; returns how many."""
    removed = 0
    for scope in summaries.SUPPORTED_SCOPES:
        model = summaries.scope_model(scope)
        removed += (
            LearningSummary.objects.filter(scope=scope).exclude(scope_id__in=model.objects.values("pk")).delete()[0]
        )
    return removed


def all_scopes(network_id=None):
    """Every (scope, id) there is, or every one a network owns, streamed in pk order."""
    for scope in summaries.SUPPORTED_SCOPES:
        model = summaries.scope_model(scope)
        queryset = model.objects.order_by("pk")
        if network_id is not None:
            queryset = (
                queryset.filter(pk=network_id)
                if model._meta.model_name == "network"
                else queryset.filter(network=network_id)
            )
        for pk in queryset.values_list("pk", flat=True).iterator(chunk_size=2000):
            yield scope.value, pk


# --- full recomputations a network administrator starts -------------------------------------------


def can_start_full_recomputation(user, network):
    audience = get_audience(user)
    return audience.sees_everything or network.pk in audience.admin_network_ids


def start_full_recomputation(network, user):
    """Start recomputing every summary of the network (and the twin candidates they show);
    returns the RecomputationRun whose progress the page shows. A run of the network that
    is still going is returned instead of starting a second. Only the network's
    administrators may start one."""
    from .tasks import run_full_recomputation

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
        transaction.on_commit(lambda: run_full_recomputation.delay(run.pk), robust=True)
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
        run.save(update_fields=["total", "done", "status"])
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
        fields = ["done"]
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
        run.save(update_fields=["done"])
    if run.done >= run.total:
        finish_run(run_id)
    return len(new)


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


# --- the funding cliff ------------------------------------------------------------------------------


def add_months(day, months):
    """The same day `months` later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def funding_cliff_months():
    return getattr(settings, "HORISONT_FUNDING_CLIFF_MONTHS", 6)


def funding_cliff(queryset, today=None, months=None):
    """The initiatives of `queryset` heading for a funding cliff: their temporary pool
    funding ends (its last end date) between today and `months` from now (default
    settings.HORISONT_FUNDING_CLIFF_MONTHS), with no operating-budget funding running
    past that date and no scaling decision (a `scale` decision in a closed portfolio
    review, or the initiative already scaling or in operations). Composted initiatives
    ended on purpose. Annotated with `pool_funding_ends`."""
    today = today or timezone.localdate()
    until = add_months(today, funding_cliff_months() if months is None else months)
    last_pool_end = (
        Funding.objects.filter(initiative=OuterRef("pk"), kind=FundingKind.TEMPORARY_POOL, end_date__isnull=False)
        .order_by("-end_date")
        .values("end_date")[:1]
    )
    operating_after = Funding.objects.filter(initiative=OuterRef("pk"), kind=FundingKind.OPERATING_BUDGET).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=OuterRef("pool_funding_ends"))
    )
    scaling_decided = ReviewDecision.objects.filter(
        initiative=OuterRef("pk"), decision=Decision.SCALE, review__status=ReviewStatus.CLOSED
    )
    return (
        queryset.annotate(pool_funding_ends=Subquery(last_pool_end))
        .filter(pool_funding_ends__gte=today, pool_funding_ends__lte=until)
        .exclude(phase__in=[Phase.SCALING, Phase.OPERATIONS, Phase.COMPOSTED])
        .exclude(Exists(operating_after))
        .exclude(Exists(scaling_decided))
    )


# --- follows -----------------------------------------------------------------------------------------


def follow(user, target):
    """The user follows a mission or an initiative they may see; returns the Follow
    (the existing one when they already follow it)."""
    field = _follow_field(target)
    if not type(target).objects.visible_to(user).filter(pk=target.pk).exists():
        raise PermissionDenied
    follow_row, _ = Follow.objects.get_or_create(user=user, **{field: target})
    return follow_row


def unfollow(user, target):
    """Stop following; returns whether the user followed it."""
    deleted, _ = Follow.objects.filter(user=user, **{_follow_field(target): target}).delete()
    return bool(deleted)


def is_following(user, target):
    return Follow.objects.of(user).filter(**{_follow_field(target): target}).exists()


def _follow_field(target):
    if isinstance(target, Mission):
        return "mission"
    if isinstance(target, Initiative):
        return "initiative"
    raise TypeError(f"One follows a mission or an initiative, not {type(target).__name__}")


# --- notification settings and unsubscribing ------------------------------------------------------------

COUNTRY_LANGUAGES = {Country.DENMARK: ContentLanguage.DANISH, Country.SWEDEN: ContentLanguage.SWEDISH}


def default_language(user):
    """The language of the country of the user's organisation; the site's default when
    the user has none."""
    person = getattr(user, "person", None) if user is not None else None
    organisation = getattr(person, "organisation", None) if person is not None else None
    if organisation is not None and organisation.country in COUNTRY_LANGUAGES:
        return COUNTRY_LANGUAGES[organisation.country].value
    site = (settings.LANGUAGE_CODE or "en")[:2]
    return site if site in ContentLanguage.values else ContentLanguage.ENGLISH.value


def notification_settings_for(user):
    row, _ = NotificationSettings.objects.get_or_create(user=user, defaults={"language": default_language(user)})
    return row


def site_url():
    return getattr(settings, "HORISONT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def absolute_url(path):
    return site_url() + path


def unsubscribe_token(user, kind):
    return signing.dumps({"u": user.pk, "k": NotificationKind(kind).value}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user, kind):
    """The link in every e-mail. The page is `evaluation:unsubscribe` (path
    /unsubscribe/<token>/), which calls unsubscribe(token)."""
    token = unsubscribe_token(user, kind)
    try:
        path = reverse("evaluation:unsubscribe", kwargs={"token": token})
    except NoReverseMatch:
        path = f"/unsubscribe/{token}/"
    return absolute_url(path)


class InvalidUnsubscribeToken(ValueError):
    pass


def unsubscribe(token):
    """Switch off the kind of e-mail the token was made for; returns (user, kind). Raises
    InvalidUnsubscribeToken for a token that was not made here (or was altered). The
    token does not expire: an old e-mail's link still works."""
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        kind = NotificationKind(data["k"])
        user = get_user_model().objects.get(pk=data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, get_user_model().DoesNotExist) as exc:
        raise InvalidUnsubscribeToken(str(exc)) from None
    row = notification_settings_for(user)
    field = NotificationSettings.KIND_FIELDS[kind]
    if getattr(row, field):
        setattr(row, field, False)
        row.save(update_fields=[field, "updated"])
    return user, kind
