"""Background jobs: thin wrappers that call one service each."""

from __future__ import annotations

from flask import current_app

from workbench.extensions import db, queue
from workbench.services import fetch_queue, matching, snapshots


@queue.job(
    retries="FETCH_JOB_RETRIES",
    retry_delay="FETCH_JOB_RETRY_DELAY",
    retry_backoff="FETCH_JOB_RETRY_BACKOFF",
)
def fetch_source(source_id: int) -> str:
    """Fetch one source into a snapshot; a ``RetryLater`` makes Huey try again."""
    return snapshots.fetch_source(
        db.session, source_id, current_app.config, only_if_requested=True
    ).state


@queue.every_minute
def requeue_stale_fetches() -> int:
    """Queue again the fetches whose worker died before recording an outcome."""
    lease = int(current_app.config["FETCH_LEASE_SECONDS"])
    return fetch_queue.queue_fetches(db.session, fetch_queue.stale_requests(db.session, lease))


@queue.job()
def match_snapshot(snapshot_id: int) -> int:
    """A snapshot arrived: re-anchor relied-on passages and re-match claims citing it."""
    return matching.on_new_snapshot(db.session, snapshot_id)


@queue.job()
def match_claims(claim_ids: list[int]) -> int:
    """A claim's sources changed: match it again."""
    return matching.match_claims(db.session, claim_ids)


@queue.job()
def rematch_stale() -> int:
    """Match again the pending claims whose matches an older matcher version made."""
    return matching.rematch_stale(db.session)
