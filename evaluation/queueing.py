"""Queueing the recomputation of learning summaries after a change: which scopes a change
touches, gathered per transaction and queued once it commits, once per scope however many
rows changed, and (with a broker) debounced across transactions by a Redis mark per
scope; and what a page says about a scope's summary meanwhile.

The jobs are sent by name (evaluation.tasks imports this module, not the reverse)."""

import logging

import redis
from celery import current_app
from django.conf import settings
from django.db import connections, transaction
from kombu.exceptions import OperationalError as KombuOperationalError

from core.cache import OUTAGE_ERRORS as REDIS_OUTAGE
from initiatives.models import Initiative, Mission
from portfolios.models import Portfolio, PortfolioEntry, ReviewDecision

from .choices import SummaryScope, SummaryStatus
from .models import LearningSummary
from .summary_store import mark_summaries, supported_scope

logger = logging.getLogger(__name__)

# A burst of changes to one scope within this many seconds gives one recomputation; short,
# because a change should show in its summaries within seconds (docs/performance.md).
DEFAULT_DEBOUNCE_SECONDS = 2
# The pending mark outlives the countdown by this much; should the job be lost, the next
# change after that queues a new one (and the nightly run catches up meanwhile).
PENDING_GRACE_SECONDS = 600
RECOMPUTE_SCOPE_TASK = "evaluation.tasks.recompute_learning_summary"


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
    return bool(current_app.conf.task_always_eager)


_redis_clients = {}


def _redis():
    """A client of the broker's Redis, or None when the broker is no Redis."""
    url = settings.CELERY_BROKER_URL or ""
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return None
    client = _redis_clients.get(url)
    if client is None:
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
    recompute_learning_summary = current_app.signature(RECOMPUTE_SCOPE_TASK)
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
