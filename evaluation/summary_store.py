"""Storing the learning summaries: computing the figures of a set of scopes and writing
them without needless or doubled writes (a fingerprint of the inputs per row; rows
locked while they are compared and written), their status, and the scopes there are.

Raw SQL (UPDATE ... FROM VALUES, INSERT ... ON CONFLICT) on PostgreSQL, the ORM's bulk
operations elsewhere: QuerySet.bulk_update costs more Python than the figures do."""

import json
import os
import time
from collections import defaultdict
from pathlib import Path

from django.db import connections, transaction
from django.utils import timezone

from core import pagecache

from . import summaries
from .choices import SummaryAudience, SummaryScope, SummaryStatus
from .models import LearningSummary

CREATED, UPDATED, UNCHANGED, REMOVED = "created", "updated", "unchanged", "removed"
# Test-only: "<file>:<seconds>" makes a recomputation touch <file> and sleep after its
# first audience is stored (one scope) or before its figures are computed (a batch), so a
# test can kill the worker in the middle (tests/test_celery_worker.py,
# tests/test_recovery.py). Never set in production.
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


# --- computing and storing ----------------------------------------------------------------------


def pause_for_tests():
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
            pause_for_tests()
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
            gone, back_to_done, changed, new = self._sort_out(keys, existing, outcome)
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

    def _sort_out(self, keys, existing, outcome):
        """What to do with each key, given its stored row (pk, fingerprint, status,
        computed_at) or none: the rows to delete, to set back to done, to update, and the
        keys to insert. Fills `outcome`."""
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
        return gone, back_to_done, changed, new

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
