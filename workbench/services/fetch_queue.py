"""The fetch queue: which sources want a fetch, queueing their jobs, finding fetches
whose job was lost, and fetching in the foreground.

The database, not the queue, records what is wanted: ``Source.fetch_requested_at``
is set before a job is queued and cleared when a snapshot records the outcome, so a
job the queue never got or lost is queued again from it."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workbench import jobs
from workbench.models import ArticleSource, Claim, ClaimSource, Snapshot, Source, utcnow
from workbench.services.snapshots import (
    FETCHABLE_KINDS,
    FetchOutcome,
    RetryLater,
    fetch_source,
)

# When the queue cannot list its jobs, a request no worker has started for this many
# leases has lost its job; well beyond the longest retry wait (30 + 60 + 120 s
# against a 300 s lease).
UNSTARTED_LEASES = 10
# When it can, a request with no job on the queue for this long has lost it (the queue
# did not answer when it was made, or came back empty).
UNQUEUED_GRACE_SECONDS = 60


def request_fetch(session: Session, source_ids: list[int]) -> list[int]:
    """Mark page sources as wanting a fetch; return the ids to queue. Outlets
    (no page) are skipped. Commits."""
    if not source_ids:
        return []
    now = utcnow()
    ids = session.scalars(
        select(Source.id).where(Source.id.in_(source_ids), Source.kind.in_(FETCHABLE_KINDS))
    ).all()
    if ids:
        session.execute(
            update(Source)
            .where(Source.id.in_(ids))
            .values(fetch_requested_at=now, fetch_started_at=None)
        )
    session.commit()
    return list(ids)


def queue_fetches(session: Session, source_ids: list[int]) -> int:
    """Request a fetch of each page source and queue a job for it; returns how many
    are requested. A queue that does not answer loses nothing: the requests stay in
    the database for ``requeue_stale``."""
    ids = request_fetch(session, source_ids)
    for source_id in ids:
        jobs.fetch_source.enqueue(source_id)
    return len(ids)


def stale_requests(
    session: Session, lease_seconds: int, waiting: Collection[int] | None = None
) -> list[int]:
    """Sources whose fetch was requested but will not finish without a new job: started
    by a worker whose lease ran out (it died mid-fetch), or not started for
    ``UNQUEUED_GRACE_SECONDS`` (or a lease, if shorter) and with no job on the queue
    (the queue did not answer when it was requested, or lost it). The grace covers a
    job on its way to the queue or to a worker.

    ``waiting`` holds the sources whose job is on the queue (due, or a retry waiting
    its turn); when the queue cannot say (``None``), an unstarted request counts as
    lost only after ``UNSTARTED_LEASES`` leases."""
    now = utcnow()
    dead = now - timedelta(seconds=lease_seconds)
    grace = (
        min(lease_seconds, UNQUEUED_GRACE_SECONDS)
        if waiting is not None
        else lease_seconds * UNSTARTED_LEASES
    )
    lost = now - timedelta(seconds=grace)
    unstarted = Source.fetch_started_at.is_(None) & (Source.fetch_requested_at < lost)
    ids = session.scalars(
        select(Source.id)
        .where(Source.fetch_requested_at.isnot(None), (Source.fetch_started_at < dead) | unstarted)
        .order_by(Source.id)
    ).all()
    return [source_id for source_id in ids if source_id not in (waiting or ())]


def requeue_stale(session: Session, lease_seconds: int, waiting: Collection[int] | None) -> int:
    """Queue a job again for each of the ``stale_requests``; returns how many."""
    return queue_fetches(session, stale_requests(session, lease_seconds, waiting))


def unfetched_sources(session: Session, article_id: int | None = None) -> list[int]:
    """Page sources (of one article, or all) that have no snapshot and no pending fetch."""
    query = select(Source.id).where(
        Source.kind.in_(FETCHABLE_KINDS),
        Source.fetch_requested_at.is_(None),
        ~select(Snapshot.id).where(Snapshot.source_id == Source.id).exists(),
    )
    if article_id is not None:
        query = query.where(Source.id.in_(cited_source_ids(article_id)))
    return list(session.scalars(query.order_by(Source.id)).all())


def failed_sources(
    session: Session, article_id: int | None = None, source_id: int | None = None
) -> list[int]:
    """Page sources whose latest snapshot failed or was refused, and that no fetch is
    pending for: what ``fetch --again`` tries once more."""
    latest = (
        select(Snapshot.source_id, func.max(Snapshot.id).label("id"))
        .group_by(Snapshot.source_id)
        .subquery()
    )
    query = (
        select(Source.id)
        .join(latest, latest.c.source_id == Source.id)
        .join(Snapshot, Snapshot.id == latest.c.id)
        .where(
            Source.kind.in_(FETCHABLE_KINDS),
            Source.fetch_requested_at.is_(None),
            Snapshot.state.in_(("failed", "refused")),
        )
    )
    if article_id is not None:
        query = query.where(Source.id.in_(cited_source_ids(article_id)))
    if source_id is not None:
        query = query.where(Source.id == source_id)
    return list(session.scalars(query.order_by(Source.id)).all())


def queued_sources(session: Session, article_id: int | None = None) -> list[int]:
    """Sources with a fetch requested and not yet recorded."""
    query = select(Source.id).where(Source.fetch_requested_at.isnot(None))
    if article_id is not None:
        query = query.where(Source.id.in_(cited_source_ids(article_id)))
    return list(session.scalars(query.order_by(Source.id)).all())


def cited_source_ids(article_id: int):
    """A select of the ids of every source an article cites, as a whole or per claim."""
    return (
        select(ArticleSource.source_id)
        .where(ArticleSource.article_id == article_id)
        .union(select(ClaimSource.source_id).join(Claim).where(Claim.article_id == article_id))
    )


def fetch_now(
    new_session: Callable[[], Session],
    config: Mapping,
    source_ids: list[int],
    *,
    workers: int = 8,
    on_done: Callable[[FetchOutcome], object] | None = None,
) -> list[FetchOutcome]:
    """Fetch sources here and now, ``workers`` at a time (per-host limits still
    apply), each in a session of its own from ``new_session``; ``on_done(outcome)``
    is called as each finishes. A failure worth retrying is reported, not raised.

    Each fetch runs in a copy of the caller's context, so the jobs it queues (the
    matching of its snapshot) go where the caller's would."""

    def one(source_id: int) -> FetchOutcome:
        with new_session() as session:
            try:
                return fetch_source(session, source_id, config)
            except RetryLater as error:
                return FetchOutcome(source_id, "", "failed", f"{error} (will be retried)")

    outcomes = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [
            pool.submit(contextvars.copy_context().run, one, source_id) for source_id in source_ids
        ]
        for future in as_completed(futures):
            outcomes.append(future.result())
            if on_done is not None:
                on_done(outcomes[-1])
    return outcomes
