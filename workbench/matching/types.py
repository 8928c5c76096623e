"""Plain records the matcher takes and returns (no Flask, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Stored with every match; bump it when scoring, candidates or checks change, so
# stored matches from an older matcher can be found and recomputed.
MATCHER_VERSION = "27"


@dataclass(frozen=True)
class Document:
    """The text of one snapshot and its sentence spans (``text[s:e]`` is a sentence)."""

    key: int
    text: str
    sentences: tuple[tuple[int, int], ...]
    language: str | None = None


@dataclass(frozen=True)
class Passage:
    """A candidate: one to three consecutive sentences of a document."""

    key: int
    start: int
    end: int
    text: str
    sentences: int


@dataclass(frozen=True)
class Flag:
    """A fact the claim states that the passage lacks or states differently.

    ``kind`` is one of ``number``, ``date``, ``quote``, ``name``, ``negation``,
    ``direction``;
    ``message`` reads like "claim: 10.000, source: 11.000".
    """

    kind: str
    claim: str
    source: str
    message: str


@dataclass(frozen=True)
class Evidence:
    """A passage ranked for a claim. Offsets are in the document's text:
    ``span`` is the stretch that matches best, ``highlights`` the words the
    passage shares with the claim."""

    key: int
    start: int
    end: int
    passage: str
    score: float
    span: tuple[int, int]
    highlights: tuple[tuple[int, int], ...] = ()
    flags: tuple[Flag, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Suggestion:
    """What the matcher would suggest to a reviewer; never applied by itself.
    ``status`` is ``verified``, ``disputed``, ``unsupported`` or ``needs_source``."""

    status: str
    reason: str
