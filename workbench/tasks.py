"""Background jobs: thin wrappers that call one service each. ``create_app`` binds
``table`` to the app's queue; services queue these through ``workbench.jobs``."""

from __future__ import annotations

import logging

from flask import current_app
from huey.exceptions import RetryTask

from workbench import jobs
from workbench.extensions import db, queue
from workbench.queue import JobTable
from workbench.services import fetch_queue, matching, memory, snapshots

log = logging.getLogger(__name__)
table = JobTable()


@table.runs(
    jobs.fetch_source,
    retries="FETCH_JOB_RETRIES",
    retry_delay="FETCH_JOB_RETRY_DELAY",
    retry_backoff="FETCH_JOB_RETRY_BACKOFF",
)
def fetch_source(source_id: int) -> str:
    """Fetch one source into a snapshot. A ``RetryLater`` is an expected failure: one
    log line, and Huey tries again after the retry delay (the service counts the
    tries and records the outcome on the last one)."""
    try:
        outcome = snapshots.fetch_source(
            db.session, source_id, current_app.config, only_if_requested=True
        )
    except snapshots.RetryLater as later:
        log.warning("Fetch of source %s failed: %s; trying again later", source_id, later)
        raise RetryTask(str(later)) from None
    if outcome.state in ("failed", "refused"):
        log.warning(
            "Fetch of source %s %s: %s: %s", source_id, outcome.state, outcome.url, outcome.detail
        )
    return outcome.state


@table.every_minute
def requeue_stale_fetches() -> int:
    """Queue again the fetches whose job was lost: never queued (the queue did not
    answer), dropped by the queue, or taken by a worker that died."""
    waiting = queue.waiting(jobs.fetch_source)
    return fetch_queue.requeue_stale(
        db.session,
        int(current_app.config["FETCH_LEASE_SECONDS"]),
        None if waiting is None else {args[0] for args in waiting},
    )


@table.runs(jobs.match_snapshot)
def match_snapshot(snapshot_id: int) -> int:
    """A snapshot arrived: re-anchor relied-on passages and re-match claims citing it."""
    return matching.on_new_snapshot(db.session, snapshot_id)


@table.runs(jobs.match_claims)
def match_claims(claim_ids: list[int]) -> int:
    """A claim's sources changed: match it again."""
    return matching.match_claims(db.session, claim_ids)


@table.runs(jobs.rematch_stale)
def rematch_stale() -> int:
    """Match again the pending claims whose matches an older matcher version made."""
    return matching.rematch_stale(db.session)


@table.runs(jobs.record_echoes)
def record_echoes(article_id: int) -> int:
    """An article was imported: store the claims of other articles its claims repeat
    (a memory lookup per claim, too slow to make in the import itself)."""
    return memory.record_echoes(db.session, article_id)
