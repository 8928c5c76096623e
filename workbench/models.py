"""The nouns of the workbench as SQLAlchemy models: article, claim, source, review event, user."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_login import UserMixin
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
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from workbench.extensions import db

STATUSES = ("pending", "verified", "disputed", "unsupported")
# Each role can do what the roles before it can: an editor also signs articles off,
# an admin also manages users.
ROLES = ("reviewer", "editor", "admin")
# Why a claim is unsupported: the reviewer picks one, and the report says it in words.
UNSUPPORTED_REASONS = {
    "no_source": "No source cited",
    "source_unavailable": "Source unavailable (dead, paywalled, blocked or unreadable)",
    "no_passage": "No passage in the sources says this",
}
# What a review event records: a verdict (status change), or one of these actions.
EVENT_ACTIONS = (
    "status",
    "not_claim",
    "is_claim",
    "assign",
    "unassign",
    "source_added",
    "source_removed",
    "sign_off",
)
SOURCE_KINDS = ("page", "outlet", "upload", "text")
LINK_ORIGINS = ("inline", "source_list", "footnote", "metadata", "reviewer")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def postgresql_only(index: Index) -> Index:
    """An index that only PostgreSQL has (the migrations create it there alone);
    ``info["dialect"]`` tells the schema comparison to skip it on other databases."""
    index.info["dialect"] = "postgresql"
    return index.ddl_if(dialect="postgresql")


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


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    role: Mapped[str] = mapped_column(String(20), default="reviewer")
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def get_id(self) -> str:
        """The session's user id, bound to the password: a reset ends every session
        opened with the old one."""
        return f"{self.id}.{self.password_hash[-16:]}"

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


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
    hint: Mapped[str] = mapped_column(String(120), default="")
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


class ReviewEvent(db.Model):
    """One change a person made to a claim or an article; rows are only ever added.

    ``action`` is one of ``EVENT_ACTIONS``: ``status`` for a verdict (``from_status``
    to ``to_status``, with its note, reason and evidence), the others for what they
    name. An article-level event (a sign-off) has no claim.
    """

    __tablename__ = "review_events"
    __table_args__ = (
        Index("ix_review_events_claim_id_created_at", "claim_id", "created_at"),
        Index("ix_review_events_article_id_id", "article_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(20), default="status")
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(String(40), default="")
    evidence: Mapped[dict] = mapped_column(JSON, default=dict)
    # What the action was about when it is not a status: a source URL, a user name.
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        change = f"{self.from_status}->{self.to_status}"
        return f"<ReviewEvent {self.id} {self.action} claim {self.claim_id} {change}>"


class LoginAttempt(db.Model):
    """A failed or successful login, kept for throttling by account and by address."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_username_at", "username", "at"),
        Index("ix_login_attempts_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(64))
    is_success: Mapped[bool] = mapped_column(default=False)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<LoginAttempt {self.username} from {self.address} {self.is_success}>"


class ApiToken(db.Model):
    """A bearer token for the REST API. Only the sha256 of the secret is stored (the
    secret is shown once); ``prefix`` is its first characters, to tell tokens apart.
    Requests made with it act as its user, with the user's current role."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.prefix}… of user {self.user_id}>"
