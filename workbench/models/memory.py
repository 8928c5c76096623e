"""Claim memory's index: the content keys of each claim, by language, so that claims
sharing rare keys with a claim are found without reading every claim."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workbench.extensions import db


class ClaimKey(db.Model):
    """One content key (``read(text, language).keys``: a stem, a number with its unit,
    a date) of one claim. Every key is kept: which keys are rare depends on the archive
    as it grows, so a lookup decides that from the postings' lengths when it asks."""

    __tablename__ = "claim_keys"
    # The primary key is the posting list, in order: a lookup reads it and nothing else.
    __table_args__ = {"sqlite_with_rowid": False}

    language: Mapped[str] = mapped_column(String(12), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    def __repr__(self) -> str:
        return f"<ClaimKey {self.language}:{self.key} claim {self.claim_id}>"


class ClaimEcho(db.Model):
    """A claim of another article that said the same thing when one of the two was
    imported (claim memory's lookup at import), stored both ways with the similarity:
    the page of repeated claims reads these pairs instead of looking every claim up.
    Verdicts are not stored here; they are read from the claims."""

    __tablename__ = "claim_echoes"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    similarity: Mapped[float] = mapped_column(Float)

    def __repr__(self) -> str:
        return f"<ClaimEcho {self.claim_id}~{self.other_id} {self.similarity}>"
