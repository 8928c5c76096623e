"""Snapshots: fetch a source into an immutable capture, or take one from an upload or
pasted text. Each use case commits once; nothing half-written is ever visible."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select, true, update
from sqlalchemy.orm import Session

from workbench import jobs
from workbench.errors import FetchFailed, InputRejected, NotFound, StorageFull, UnsafeURL
from workbench.models import Snapshot, Source, User, utcnow
from workbench.services.fetching import fetch_options
from workbench.sources.blobs import BlobStore
from workbench.sources.extract import MAX_CHARS, Extracted, extract, extract_text
from workbench.sources.fetch import FetchOptions, fetch
from workbench.sources.sniff import sniff

FETCHABLE_KINDS = ("page",)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class RetryLater(FetchFailed):
    """A failure worth another try (connection trouble, a 5xx, a full disk): the job
    is retried. Expected, so its message is the whole story (no traceback needed)."""


@dataclass(frozen=True)
class FetchOutcome:
    source_id: int
    url: str
    state: str
    detail: str


def blob_store(config: Mapping) -> BlobStore:
    """Where snapshot bytes live: ``SNAPSHOT_DIR`` (default ``instance/snapshots``)."""
    return BlobStore(Path(config["SNAPSHOT_DIR"]))


def fetch_source(
    session: Session, source_id: int, config: Mapping, *, only_if_requested: bool = False
) -> FetchOutcome:
    """Fetch one page source and record the outcome as one snapshot per request.
    Raises ``RetryLater`` (after counting the try) when another try may succeed.

    Jobs pass ``only_if_requested``: a job queued twice (a retry and a sweep) finds
    the request already answered by the first and fetches nothing."""
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"There is no source {source_id}.")
    if source.kind not in FETCHABLE_KINDS:
        return FetchOutcome(source_id, source.url, "skipped", f"{source.kind} sources have no page")
    url = source.url
    lease = int(config.get("FETCH_LEASE_SECONDS") or 300)
    if not _take_lease(session, source_id, lease, only_if_requested):
        return FetchOutcome(source_id, url, "skipped", "fetched or being fetched already")
    options: FetchOptions = fetch_options(config)
    try:
        page = fetch(url, options)
    except UnsafeURL as error:
        return _record_failure(session, source_id, url, "refused", str(error))
    except FetchFailed as error:
        return _retry_or_fail(session, source_id, url, str(error), None, config)
    if page.status >= 500:
        return _retry_or_fail(session, source_id, url, f"HTTP {page.status}", page.status, config)
    if not page.ok:
        return _record_failure(
            session, source_id, url, "failed", f"HTTP {page.status}", page.status
        )
    extracted = extract(page.body, page.content_type, charset=page.charset, url=page.final_url)
    try:
        sha256, _ = blob_store(config).put(page.body)
    except StorageFull:
        # Worth another try: space may be freed before the job's next run.
        error = "No space left on the server to store the page."
        return _retry_or_fail(session, source_id, url, error, page.status, config)
    snapshot = Snapshot(
        source_id=source_id,
        state="fetched",
        origin="fetch",
        requested_url=url,
        final_url=page.final_url,
        http_status=page.status,
        content_type=page.content_type,
        headers=page.headers,
        sha256=sha256,
        size=len(page.body),
        **_text_fields(extracted),
    )
    return _finish(session, source_id, snapshot, f"{len(extracted.text):,} characters")


def add_upload(
    session: Session, source_id: int, data: bytes, config: Mapping, user: User | None = None
) -> Snapshot:
    """A snapshot from an uploaded file (HTML, PDF or text, judged by content)."""
    source = _source(session, source_id)
    limit = int(config.get("MAX_UPLOAD_BYTES") or MAX_UPLOAD_BYTES)
    if len(data) > limit:
        raise InputRejected(
            f"The file is larger than {limit:,} bytes, the most an upload may be; "
            "nothing was added."
        )
    media_type = sniff(data)
    extracted = _usable(extract(data, media_type, whole=True), "The file")
    sha256, _ = blob_store(config).put(data)
    snapshot = Snapshot(
        source_id=source.id,
        state="fetched",
        origin="upload",
        content_type=media_type,
        sha256=sha256,
        size=len(data),
        created_by_id=user.id if user else None,
        **_text_fields(extracted),
    )
    _finish(session, source.id, snapshot, "uploaded")
    return snapshot


def add_text(
    session: Session, source_id: int, text: str, config: Mapping, user: User | None = None
) -> Snapshot:
    """A snapshot from text a reviewer pasted (a paywalled or offline page)."""
    source = _source(session, source_id)
    if not text.strip():
        raise InputRejected("The pasted text is empty.")
    data = text.encode("utf-8")
    limit = int(config.get("MAX_UPLOAD_BYTES") or MAX_UPLOAD_BYTES)
    if len(data) > limit:
        raise InputRejected(f"The text is {len(data):,} bytes; the limit is {limit:,} bytes.")
    if "\x00" in text:
        raise InputRejected("The pasted text contains NUL bytes; it is not text.")
    extracted = _usable(extract_text(text, whole=True), "The pasted text")
    sha256, _ = blob_store(config).put(data)
    snapshot = Snapshot(
        source_id=source.id,
        state="fetched",
        origin="text",
        content_type="text/plain",
        sha256=sha256,
        size=len(data),
        created_by_id=user.id if user else None,
        **_text_fields(extracted),
    )
    _finish(session, source.id, snapshot, "pasted")
    return snapshot


def latest_snapshots(session: Session, source_ids: list[int]) -> dict[int, Snapshot]:
    """The newest snapshot of each source that has one (one query)."""
    if not source_ids:
        return {}
    rows = session.scalars(
        select(Snapshot).where(Snapshot.source_id.in_(source_ids)).order_by(Snapshot.id)
    ).all()
    return {row.source_id: row for row in rows}


def get_snapshot(session: Session, snapshot_id: int) -> Snapshot:
    snapshot = session.get(Snapshot, snapshot_id)
    if snapshot is None:
        raise NotFound(f"There is no snapshot {snapshot_id}.")
    return snapshot


def _take_lease(
    session: Session, source_id: int, lease_seconds: int, only_if_requested: bool = False
) -> bool:
    """Claim the fetch of a source for this worker, unless another one holds a
    live lease (or, with ``only_if_requested``, no fetch is wanted any more); one
    UPDATE, so two workers can never both win."""
    now = utcnow()
    wanted = Source.fetch_requested_at.isnot(None) if only_if_requested else true()
    taken = session.execute(
        update(Source)
        .where(
            Source.id == source_id,
            wanted,
            Source.fetch_started_at.is_(None)
            | (Source.fetch_started_at < now - timedelta(seconds=lease_seconds)),
        )
        .values(
            fetch_started_at=now, fetch_requested_at=func.coalesce(Source.fetch_requested_at, now)
        )
    )
    session.commit()
    return taken.rowcount == 1


def _source(session: Session, source_id: int) -> Source:
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"There is no source {source_id}.")
    return source


def _usable(extracted: Extracted, what: str) -> Extracted:
    """An upload or paste is evidence only with its whole text: refuse one that has none
    and one longer than a snapshot keeps (rather than keep its beginning unsaid)."""
    if extracted.cut:
        raise InputRejected(
            f"{what} holds more than {MAX_CHARS:,} characters of text, the most a snapshot "
            "keeps; nothing was added. Add the part that holds the evidence."
        )
    if not extracted.text:
        raise InputRejected(
            f"{what} has no text to use as evidence (an empty page, a scan without a text "
            "layer, or only menus, scripts, credits and teasers); nothing was added."
        )
    return extracted


def _text_fields(extracted: Extracted) -> dict:
    return {
        "text": extracted.text,
        "passages": [list(p) for p in extracted.passages],
        "title": extracted.title or "",
        "published": extracted.published,
        "language": extracted.language,
    }


def _retry_or_fail(
    session: Session, source_id: int, url: str, error: str, status: int | None, config: Mapping
) -> FetchOutcome:
    """A failure worth another try. While the request has tries left, only the try is
    counted: the request stays open (the source shows as queued), no snapshot is
    written and ``RetryLater`` is raised. The last try records the one failed
    snapshot of the request, saying how many tries it took."""
    tries = int(config.get("FETCH_JOB_RETRIES", 0)) + 1
    attempt = (session.scalar(select(Source.fetch_attempts).where(Source.id == source_id)) or 0) + 1
    if attempt >= tries:
        if attempt > 1:
            error = f"{error} ({attempt} tries)"
        return _record_failure(session, source_id, url, "failed", error, status)
    session.execute(
        update(Source)
        .where(Source.id == source_id)
        .values(fetch_attempts=attempt, fetch_started_at=None)
    )
    session.commit()
    raise RetryLater(f"{url}: {error} (try {attempt} of {tries})")


def _record_failure(
    session: Session,
    source_id: int,
    url: str,
    state: str,
    error: str,
    status: int | None = None,
) -> FetchOutcome:
    snapshot = Snapshot(
        source_id=source_id,
        state=state,
        origin="fetch",
        requested_url=url,
        final_url=url,
        http_status=status,
        error=error,
    )
    return _finish(session, source_id, snapshot, error)


def _finish(session: Session, source_id: int, snapshot: Snapshot, detail: str) -> FetchOutcome:
    """Store the snapshot and end the fetch request in one commit; a source without a
    title takes the page's."""
    session.add(snapshot)
    session.execute(
        update(Source)
        .where(Source.id == source_id)
        .values(fetch_requested_at=None, fetch_started_at=None, fetch_attempts=0)
    )
    if snapshot.title:
        session.execute(
            update(Source)
            .where(Source.id == source_id, Source.title == "")
            .values(title=snapshot.title)
        )
    session.commit()
    if snapshot.state == "fetched":
        jobs.match_snapshot.enqueue(snapshot.id)
    return FetchOutcome(source_id, snapshot.requested_url, snapshot.state, detail)


def snapshot_state(source: Source, latest: Snapshot | None) -> str:
    """``queued``, ``fetched``, ``failed``, ``refused``, ``outlet`` or ``none``."""
    if source.fetch_requested_at is not None:
        return "queued"
    if latest is not None:
        return latest.state
    return "outlet" if source.kind == "outlet" else "none"
