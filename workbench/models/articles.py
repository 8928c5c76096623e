"""Articles and their claims, with the links to the sources they cite."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.extensions import db
from workbench.models.base import postgresql_only, utcnow
from workbench.models.sources import SourceLink
from workbench.models.users import User


def _trigram(name: str, column: str) -> Index:
    """A pg_trgm index: it serves ``ILIKE '%term%'`` (the dashboard's search)."""
    return postgresql_only(
        Index(name, column, postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"})
    )


def _claims_where(name: str, condition: str) -> Index:
    """A partial index of the claims (not those marked not a claim) meeting
    ``condition``, by article. A query uses it when it states the same condition with
    literal values (see ``dashboard.py``), not parameters a cached plan cannot see."""
    where = text(f"{condition} AND kind <> 'not_claim'")
    return Index(name, "article_id", postgresql_where=where, sqlite_where=where)


class Article(db.Model):
    __tablename__ = "articles"
    __table_args__ = (
        # The dashboard's order (newest first) without sorting every article.
        Index("ix_articles_imported_at_id", "imported_at", "id"),
        _trigram("ix_articles_title_trgm", "title"),
        _trigram("ix_articles_body_trgm", "body"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    dek: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)
    body_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    original: Mapped[str] = mapped_column(Text)
    input_format: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(12), index=True)
    origin_url: Mapped[str | None] = mapped_column(Text, unique=True)
    publisher: Mapped[str | None] = mapped_column(String(255))
    published_at: Mapped[datetime | None]
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signed_off_at: Mapped[datetime | None] = mapped_column(index=True)
    # Labelled stretches of the body, [[start, end, kind], ...], for display.
    layout: Mapped[list] = mapped_column(JSON, default=list)

    claims: Mapped[list[Claim]] = relationship(
        back_populates="article", order_by="Claim.position", cascade="all, delete-orphan"
    )
    source_links: Mapped[list[ArticleSource]] = relationship(
        back_populates="article", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.title[:40]!r}>"


class Claim(db.Model):
    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("article_id", "position"),
        # An article's state asks whether it has a pending, disputed or decided claim
        # (services/dashboard.py): each question is one look into one of these.
        _claims_where("ix_claims_pending_article_id", "status = 'pending'"),
        _claims_where("ix_claims_disputed_article_id", "status = 'disputed'"),
        _claims_where("ix_claims_decided_article_id", "status <> 'pending'"),
        # The dashboard's count of check-first claims still pending, per article.
        _claims_where(
            "ix_claims_check_first_pending_article_id",
            "status = 'pending' AND triage = 'check_first'",
        ),
        CheckConstraint("start_offset <= end_offset", name="offsets_ordered"),
        CheckConstraint(
            "status IN ('pending', 'verified', 'disputed', 'unsupported')", name="status_known"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column("start_offset")
    end: Mapped[int] = mapped_column("end_offset")
    kind: Mapped[str] = mapped_column(String(20), default="statement")
    # How much the claim needs a reviewer (matching/triage.py): check_first, checkable or
    # not_checkable, a score (higher first) and the reason in words.
    triage: Mapped[str] = mapped_column(String(20), default="checkable", server_default="checkable")
    triage_score: Mapped[int] = mapped_column(default=0, server_default="0")
    triage_reason: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime | None]
    # Every change must name the version it was made on; see services/review.py.
    version: Mapped[int] = mapped_column(default=1)
    # A key of UNSUPPORTED_REASONS when the claim is unsupported.
    reason: Mapped[str] = mapped_column(String(40), default="")
    # The pinned evidence of the verdict: a copy of the passage with its snapshot and
    # W3C anchor (``{"snapshot_id", "source_id", "source_url", "passage", "anchor",
    # "match_id"}``), kept when matches are recomputed; ``{}`` when a note decides.
    evidence: Mapped[dict] = mapped_column(JSON, default=dict)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # What the matcher suggests (never applied by itself): verified, disputed,
    # unsupported or needs_source, with the reason shown to the reviewer.
    suggestion: Mapped[str] = mapped_column(String(20), default="")
    suggestion_reason: Mapped[str] = mapped_column(Text, default="")
    # Set when a newer snapshot no longer holds a passage a reviewer relied on.
    is_source_changed: Mapped[bool] = mapped_column(default=False)

    article: Mapped[Article] = relationship(back_populates="claims")
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    assigned_to: Mapped[User | None] = relationship(foreign_keys=[assigned_to_id])
    source_links: Mapped[list[ClaimSource]] = relationship(
        back_populates="claim", cascade="all, delete-orphan"
    )

    @property
    def is_claim(self) -> bool:
        """False for a sentence a reviewer marked as stating nothing checkable."""
        return self.kind != "not_claim"

    def __repr__(self) -> str:
        return f"<Claim {self.id} #{self.position} {self.status}>"


class ClaimSource(SourceLink, db.Model):
    __tablename__ = "claim_sources"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )

    claim: Mapped[Claim] = relationship(back_populates="source_links")

    def __repr__(self) -> str:
        return f"<ClaimSource {self.claim_id}->{self.source_id} {self.origin}>"


class ArticleSource(SourceLink, db.Model):
    __tablename__ = "article_sources"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )

    article: Mapped[Article] = relationship(back_populates="source_links")

    def __repr__(self) -> str:
        return f"<ArticleSource {self.article_id}->{self.source_id} {self.origin}>"
