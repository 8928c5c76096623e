"""The fetch queue: which sources want a fetch, queueing their jobs, finding fetches
whose worker died, and fetching in the foreground."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workbench.extensions import queue
from workbench.models import ArticleSource, Claim, ClaimSource, Snapshot, Source, utcnow
from workbench.services.snapshots import (
    FETCHABLE_KINDS,
    FetchOutcome,
    RetryLater,
    fetch_source,
)

# A request no worker has started for this many leases has lost its job (a flushed
# queue); well beyond the longest retry wait (30 + 60 + 120 s against a 300 s lease).
UNSTARTED_LEASES = 10


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
    """Request a fetch of each page source and queue a job for it; returns how many."""
    ids = request_fetch(session, source_ids)
    for source_id in ids:
        queue.enqueue("fetch_source", source_id)
    return len(ids)


def stale_requests(session: Session, lease_seconds: int) -> list[int]:
    """Sources whose fetch was requested but never finished: started by a worker whose
    lease ran out (it died mid-fetch), or never started for much longer than a lease.

    The queue keeps a job that no worker has taken yet (and a retry waiting its
    turn), so an unstarted request is queued again only when its job must be lost."""
    now = utcnow()
    dead = now - timedelta(seconds=lease_seconds)
    lost = now - timedelta(seconds=lease_seconds * UNSTARTED_LEASES)
    return list(
        session.scalars(
            select(Source.id).where(
                Source.fetch_requested_at.isnot(None),
                (Source.fetch_started_at < dead)
                | (Source.fetch_started_at.is_(None) & (Source.fetch_requested_at < lost)),
            )
        ).all()
    )


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


def fetch_now(app, source_ids: list[int], *, workers: int = 8, on_done=None) -> list[FetchOutcome]:
    """Fetch sources here and now, ``workers`` at a time (per-host limits still
    apply), each in its own app context and session; ``on_done(outcome)`` is called
    as each finishes. A failure worth retrying is reported, not raised."""

    def one(source_id: int) -> FetchOutcome:
        with app.app_context():
            from workbench.extensions import db

            try:
                return fetch_source(db.session, source_id, app.config)
            except RetryLater as error:
                return FetchOutcome(source_id, "", "failed", f"{error} (will be retried)")

    outcomes = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for future in as_completed([pool.submit(one, source_id) for source_id in source_ids]):
            outcomes.append(future.result())
            if on_done is not None:
                on_done(outcomes[-1])
    return outcomes
