"""Plain records that every input format is parsed into before structure and sentences."""

from __future__ import annotations

from dataclasses import dataclass, field

# Block kinds a format parser may emit. Structure analysis may later re-label a
# "paragraph" as title, dek, heading, metadata, boilerplate or html.
PARAGRAPH = "paragraph"
HEADING = "heading"
TITLE = "title"
DEK = "dek"
LIST_ITEM = "list_item"
QUOTE = "quote"
METADATA = "metadata"
BOILERPLATE = "boilerplate"
HTML = "html"
SOURCE_LIST = "source_list"
FOOTNOTE = "footnote"

# Blocks whose sentences become claims.
CLAIMABLE = frozenset({PARAGRAPH, DEK, LIST_ITEM, QUOTE})


@dataclass(frozen=True)
class Link:
    """A link inside a block: ``block.text[start:end]`` is the anchor text (may be empty)."""

    start: int
    end: int
    url: str


@dataclass
class Block:
    """One block of text (a paragraph, heading, list item ...) with the links inside it.

    ``level`` is the heading level for headings (1 = headline), else 0.
    ``footnote_refs`` maps an offset in ``text`` to a footnote label cited there.
    """

    kind: str
    text: str
    links: list[Link] = field(default_factory=list)
    level: int = 0
    footnote_refs: list[tuple[int, str]] = field(default_factory=list)
    label: str = ""
