"""Cited pages and outlets, their snapshots, the passages matched in them, and the
links that tie a source to a claim or an article."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from workbench.extensions import db
from workbench.models.base import utcnow


class Source(db.Model):
    """A cited page (normalised URL) or an outlet (bare domain), stored once.

    ``fetch_requested_at`` is set while a fetch is wanted and cleared when a snapshot
    records its outcome; ``fetch_started_at`` is the lease of the worker fetching it,
    so a fetch whose worker died is found and queued again. ``fetch_attempts`` counts
    the failed tries of the open request, so its retries end and leave one snapshot.
    """

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="page")
    title: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    fetch_requested_at: Mapped[datetime | None] = mapped_column(index=True)
    fetch_started_at: Mapped[datetime | None]
    fetch_attempts: Mapped[int] = mapped_column(default=0, server_default="0")

    snapshots: Mapped[list[Snapshot]] = relationship(
        back_populates="source", order_by="Snapshot.id", viewonly=True
    )

    def __repr__(self) -> str:
        return f"<Source {self.id} {self.kind} {self.url}>"


class Snapshot(db.Model):
    """One capture of a source: a fetch, an upload or pasted text. Never updated;
    a re-fetch adds a row. ``state`` is ``fetched``, ``failed`` or ``refused``."""

    __tablename__ = "snapshots"
    __table_args__ = (Index("ix_snapshots_source_id_id", "source_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    state: Mapped[str] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(String(20), default="fetch")
    requested_url: Mapped[str] = mapped_column(Text, default="")
    final_url: Mapped[str] = mapped_column(Text, default="")
    http_status: Mapped[int | None]
    content_type: Mapped[str] = mapped_column(String(120), default="")
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    passages: Mapped[list] = mapped_column(JSON, default=list)
    title: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(12))
    error: Mapped[str] = mapped_column(Text, default="")
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    source: Mapped[Source] = relationship(back_populates="snapshots")

    def __repr__(self) -> str:
        return f"<Snapshot {self.id} source {self.source_id} {self.state}>"


class Match(db.Model):
    """A passage of a snapshot ranked as evidence for a claim, with the checks on it.

    ``anchor`` is a W3C Web Annotation selector pair (TextQuoteSelector and
    TextPositionSelector) plus the snapshot's sha256, so the passage can be found
    again in a newer snapshot of the same source.
    """

    __tablename__ = "matches"
    __table_args__ = (Index("ix_matches_claim_id_rank", "claim_id", "rank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id"), index=True)
    rank: Mapped[int]
    score: Mapped[float]
    passage: Mapped[str] = mapped_column(Text)
    passage_start: Mapped[int]
    passage_end: Mapped[int]
    span_start: Mapped[int]
    span_end: Mapped[int]
    highlights: Mapped[list] = mapped_column(JSON, default=list)
    flags: Mapped[list] = mapped_column(JSON, default=list)
    anchor: Mapped[dict] = mapped_column(JSON, default=dict)
    matcher_version: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    snapshot: Mapped[Snapshot] = relationship()

    def __repr__(self) -> str:
        return f"<Match {self.id} claim {self.claim_id} #{self.rank} {self.score:.0f}>"


class SourceLink:
    """What a link to a source records: where it came from (``LINK_ORIGINS``) and the
    words it was cited with (anchor text, outlet name)."""

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True, index=True)
    origin: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(Text, default="")

    @declared_attr
    def source(cls) -> Mapped[Source]:
        return relationship(Source)
