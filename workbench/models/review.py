"""The audit trail: review events, only ever added."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.extensions import db
from workbench.models.base import utcnow
from workbench.models.users import User


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
