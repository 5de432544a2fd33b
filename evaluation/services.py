"""Evaluation's domain operations, one module per job; this module only names them, so
`from evaluation import services` keeps working for the other apps, commands and tests.
Code inside evaluation imports the module that does the job:

- queueing.py: which scopes a change touches; queueing their recomputation after commit,
  once per scope, debounced; what a page says about a summary meanwhile.
- summary_store.py: computing and storing the summaries (fingerprints, bulk writes).
- runs.py: full recomputations a network administrator starts, their progress, stall and retry.
- follows.py: follows, notification settings and unsubscribing.
- The funding cliff is initiatives.funding (the dashboard, the summaries and the e-mails
  share it).
"""

from initiatives.funding import add_months, cliff_months, funding_cliff

from .follows import (
    UNSUBSCRIBE_SALT,
    InvalidUnsubscribeToken,
    absolute_url,
    default_language,
    follow,
    is_following,
    notification_settings_for,
    site_url,
    unfollow,
    unsubscribe,
    unsubscribe_token,
    unsubscribe_url,
)
from .queueing import (
    DEFAULT_DEBOUNCE_SECONDS,
    PENDING_GRACE_SECONDS,
    clear_pending,
    debounce_seconds,
    enqueue_recomputations,
    expand_sources,
    is_pending,
    pending_among,
    schedule_recompute_for,
    schedule_summary_recompute,
    scopes_for_initiative,
    summary_status,
)
from .runs import (
    RUN_STALE_AFTER,
    begin_run,
    can_start_full_recomputation,
    finish_run,
    record_run_progress,
    record_runs_progress,
    start_full_recomputation,
)
from .summary_store import (
    CREATED,
    REMOVED,
    TEST_PAUSE_ENV,
    UNCHANGED,
    UPDATED,
    SummaryWork,
    all_scopes,
    mark_summaries,
    mark_summaries_failed,
    refresh_learning_summaries,
    refresh_learning_summary,
    refresh_scopes,
    remove_orphan_summaries,
    supported_scope,
)

__all__ = [
    "CREATED", "DEFAULT_DEBOUNCE_SECONDS", "PENDING_GRACE_SECONDS", "REMOVED", "RUN_STALE_AFTER", "TEST_PAUSE_ENV",
    "UNCHANGED", "UNSUBSCRIBE_SALT", "UPDATED", "InvalidUnsubscribeToken", "SummaryWork", "absolute_url",
    "add_months", "all_scopes", "begin_run", "can_start_full_recomputation", "clear_pending", "cliff_months",
    "debounce_seconds", "default_language", "enqueue_recomputations", "expand_sources", "finish_run", "follow",
    "funding_cliff", "is_following", "is_pending", "mark_summaries", "mark_summaries_failed",
    "notification_settings_for", "pending_among", "record_run_progress", "record_runs_progress",
    "refresh_learning_summaries", "refresh_learning_summary", "refresh_scopes", "remove_orphan_summaries",
    "schedule_recompute_for", "schedule_summary_recompute", "scopes_for_initiative", "site_url",
    "start_full_recomputation", "summary_status", "supported_scope", "unfollow", "unsubscribe", "unsubscribe_token",
    "unsubscribe_url",
]  # fmt: skip
