"""What the models share: statuses, roles and other value lists, the clock, and
indexes made for one database."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Index

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
