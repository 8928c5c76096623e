"""The nouns of the workbench as SQLAlchemy models: article, claim, source, review event, user.

Each lives in the module of its kind; every name is here too, so ``from workbench.models
import Claim`` is the one way to import them, and importing this package registers every
table on the metadata (migrations, backups and the schema test rely on it)."""

from workbench.models.articles import Article, ArticleSource, Claim, ClaimSource
from workbench.models.base import (
    EVENT_ACTIONS,
    LINK_ORIGINS,
    ROLES,
    SOURCE_KINDS,
    STATUSES,
    UNSUPPORTED_REASONS,
    postgresql_only,
    utcnow,
)
from workbench.models.memory import ClaimEcho, ClaimKey
from workbench.models.review import ReviewEvent
from workbench.models.sources import Match, Snapshot, Source, SourceLink
from workbench.models.users import ApiToken, LoginAttempt, User

__all__ = [
    "EVENT_ACTIONS",
    "LINK_ORIGINS",
    "ROLES",
    "SOURCE_KINDS",
    "STATUSES",
    "UNSUPPORTED_REASONS",
    "ApiToken",
    "Article",
    "ArticleSource",
    "Claim",
    "ClaimEcho",
    "ClaimKey",
    "ClaimSource",
    "LoginAttempt",
    "Match",
    "ReviewEvent",
    "Snapshot",
    "Source",
    "SourceLink",
    "User",
    "postgresql_only",
    "utcnow",
]
