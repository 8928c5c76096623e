"""Background jobs: thin wrappers that call one service each."""

from __future__ import annotations

from flask import current_app

from workbench.extensions import db, queue
from workbench.services import snapshots

# Retries after 30 s, 60 s, 120 s: long enough for a flaky site to come back.
FETCH_RETRIES = 3
FETCH_RETRY_DELAY = 30
FETCH_RETRY_BACKOFF = 2


@queue.job(retries=FETCH_RETRIES, retry_delay=FETCH_RETRY_DELAY, retry_backoff=FETCH_RETRY_BACKOFF)
def fetch_source(source_id: int) -> str:
    """Fetch one source into a snapshot; a ``RetryLater`` makes Huey try again."""
    return snapshots.fetch_source(db.session, source_id, current_app.config).state


@queue.every_minute
def requeue_stale_fetches() -> int:
    """Queue again the fetches whose worker died before recording an outcome."""
    lease = int(current_app.config["FETCH_LEASE_SECONDS"])
    return snapshots.queue_fetches(db.session, snapshots.stale_requests(db.session, lease))
