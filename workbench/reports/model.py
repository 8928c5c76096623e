"""The verification report of one article as plain records: what every exporter reads.

Times are naive UTC datetimes, as the database keeps them; ``iso`` and ``human`` print
them with their zone, so no exporter has to know that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

# Version of the JSON export's schema (docs/report-schema.json): raise it when a field
# changes meaning or goes away; adding a field keeps it.
SCHEMA_VERSION = "1"
DECIDED = ("verified", "disputed", "unsupported")
STATUS_LABELS = {
    "pending": "pending",
    "verified": "verified",
    "disputed": "disputed",
    "unsupported": "unsupported",
}
# Shown beside the word, never instead of it (the same icons as the review page).
STATUS_ICONS = {"pending": "○", "verified": "✓", "disputed": "✗", "unsupported": "?"}
SUGGESTION_LABELS = {
    "verified": "likely verified",
    "disputed": "likely disputed",
    "unsupported": "unsupported",
    "needs_source": "needs a source",
}
DEFAULT_ORGANIZATION = "Fact-checking workbench"
ARCHIVE_LOOKUP = "https://web.archive.org/web/*/"


def iso(moment: datetime | None) -> str | None:
    """``2026-12-01T08:30:00Z`` for a naive UTC time; ``None`` stays ``None``."""
    if moment is None:
        return None
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def human(moment: datetime | None) -> str:
    """``2026-12-01 08:30 UTC`` for a naive UTC time, ``""`` for none."""
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else ""


def archive_link(url: str) -> str:
    """The Wayback Machine's list of captures of ``url`` (a link to follow; nothing is
    fetched here).

    >>> archive_link("https://example.org/a b")
    'https://web.archive.org/web/*/https://example.org/a%20b'
    """
    return ARCHIVE_LOOKUP + quote(url, safe=":/?&=#%+@;,~!$'()*[]")


@dataclass(frozen=True)
class Flag:
    """A fact of the claim that the best passage lacks or states differently."""

    kind: str
    message: str
    claim: str = ""
    source: str = ""


@dataclass(frozen=True)
class Evidence:
    """The passage a verdict pinned, as the reviewer saw it: the snapshot it is in
    (time and sha256 of the captured bytes) and its W3C Web Annotation selectors."""

    passage: str
    source_url: str
    snapshot_id: int | None
    fetched_at: datetime | None
    sha256: str
    # [{"type": "TextQuoteSelector", "exact", "prefix", "suffix"},
    #  {"type": "TextPositionSelector", "start", "end"}]
    selectors: tuple[dict, ...] = ()

    def selector(self, kind: str) -> dict:
        """The selector of ``kind`` (``TextQuoteSelector``...), or ``{}``."""
        return next((s for s in self.selectors if s.get("type") == kind), {})

    @property
    def archive_url(self) -> str:
        return archive_link(self.source_url) if self.source_url else ""


@dataclass(frozen=True)
class ClaimEntry:
    """One claim of the article, in order, with the reviewer's decision beside the
    matcher's suggestion. ``position`` counts from 0, as everywhere in the workbench."""

    claim_id: int
    position: int
    text: str
    status: str
    reviewer: str = ""
    decided_at: datetime | None = None
    note: str = ""
    reason: str = ""
    reason_text: str = ""
    evidence: Evidence | None = None
    suggestion: str = ""
    suggestion_reason: str = ""
    flags: tuple[Flag, ...] = ()
    source_changed: bool = False
    # The claim on the review page, when the workbench's public address is known.
    url: str = ""

    @property
    def number(self) -> int:
        return self.position + 1

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def suggestion_label(self) -> str:
        return SUGGESTION_LABELS.get(self.suggestion, self.suggestion.replace("_", " "))

    @property
    def agrees(self) -> bool | None:
        """Whether the decision is what the matcher suggested; ``None`` while pending
        or without a suggestion ("needs a source" is no verdict to agree with)."""
        if not self.is_decided or self.suggestion not in DECIDED:
            return None
        return self.suggestion == self.status

    @property
    def archive_url(self) -> str:
        return self.evidence.archive_url if self.evidence else ""


@dataclass(frozen=True)
class NotClaim:
    """A sentence a reviewer marked as stating nothing checkable."""

    claim_id: int
    position: int
    text: str
    marked_by: str = ""
    marked_at: datetime | None = None
    note: str = ""

    @property
    def number(self) -> int:
        return self.position + 1


@dataclass(frozen=True)
class Excluded:
    """A stretch of the body that holds no claims (title, heading, metadata,
    boilerplate, source list, footnote), with its kind."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return self.kind.replace("_", " ")


@dataclass(frozen=True)
class Report:
    """Everything a verification report says about one article."""

    article_id: int
    title: str
    language: str
    imported_at: datetime
    generated_at: datetime
    origin_url: str = ""
    publisher: str = ""
    published_at: datetime | None = None
    # Who signed the article off as checked, and when.
    checked_by: str = ""
    checked_at: datetime | None = None
    claims: tuple[ClaimEntry, ...] = ()
    not_claims: tuple[NotClaim, ...] = ()
    excluded: tuple[Excluded, ...] = ()
    # The workbench's public address, and the article's review page there; empty
    # when not known (a report made from the command line without SITE_URL).
    site_url: str = ""
    review_url: str = ""
    # The fact-checking organisation named as author of the ClaimReview markup.
    organization: str = DEFAULT_ORGANIZATION
    schema_version: str = SCHEMA_VERSION

    @property
    def display_title(self) -> str:
        return self.title or f"Article {self.article_id}"

    @property
    def counts(self) -> dict[str, int]:
        """Claims per status, decided first (sentences marked not a claim are not
        claims)."""
        return {s: sum(1 for c in self.claims if c.status == s) for s in (*DECIDED, "pending")}

    @property
    def decided(self) -> tuple[ClaimEntry, ...]:
        return tuple(c for c in self.claims if c.is_decided)
