"""Label blocks (title, dek, heading, metadata, boilerplate, source list) and join
paragraphs that a stray blank line cut in half."""

from __future__ import annotations

import re
from dataclasses import replace

from workbench import lexicon
from workbench.text.document import (
    BOILERPLATE,
    DEK,
    FOOTNOTE,
    HEADING,
    HTML,
    LIST_ITEM,
    METADATA,
    PARAGRAPH,
    QUOTE,
    SOURCE_LIST,
    TITLE,
    Block,
    Link,
)
from workbench.text.markers import ends_with_marker, is_only_markers
from workbench.text.noise import noise_blocks, noise_kind

SOURCE_LIST_RE = re.compile(
    r"^\W*(quellen?|sources?|references?|referenzen|links|weiterführende links|einzelnachweise)"
    r"\s*(?::|$)",
    re.I,
)
_METADATA_KEYS = re.compile(
    r"^(details|metadaten|vorfall|ort|datum|autor|autorin|quellen?|kategorie|stichworte|tags"
    r"|date|author|location|category|sources?)\b",
    re.I,
)
_KEY_VALUE = re.compile(r"^[\wÄÖÜäöüß .-]{1,30}(?:\t|:\s)\s*\S")
_TAG = re.compile(r"<[^>]+>")
_TERMINAL = tuple(".!?…:;\"“”»’'")
# A sentence end inside a line: a word of three or more letters (not "Dr." or "St.")
# or a digit, then . ! or ?, then a capital.
_SENTENCE_INSIDE = re.compile(r"(?:\w{3,}|\d)[.!?][\"“”»]?\s+[\"„“»]?[A-ZÄÖÜ0-9]")
MAX_HEADING_WORDS = 12
MAX_TITLE_WORDS = 25
MAX_DEK_WORDS = 60


def label_blocks(blocks: list[Block]) -> list[Block]:
    """Return new blocks with structural kinds assigned and cut paragraphs joined.
    The first block becomes the title when it reads like a headline."""
    blocks = [replace(b) for b in blocks if b.text.strip()]
    for block in blocks:
        if block.kind == PARAGRAPH:
            block.kind = _non_claim_kind(block.text) or PARAGRAPH
    _mark_source_sections(blocks)
    _mark_noise(blocks)
    _mark_title(blocks)
    _mark_headings(blocks)
    blocks = _join_cut_paragraphs(blocks)
    _mark_dek(blocks)
    return blocks


def _non_claim_kind(text: str) -> str | None:
    lines = text.split("\n")
    if _is_metadata(lines):
        return METADATA
    if noise_kind(text):
        return BOILERPLATE
    if SOURCE_LIST_RE.match(text) and len(text.split()) > 1:
        return SOURCE_LIST
    stripped = text.strip()
    tags = sum(len(t) for t in _TAG.findall(stripped))
    if stripped.startswith("<") and tags * 3 >= len(stripped.replace(" ", "")):
        return HTML
    return None


def _mark_noise(blocks: list[Block]) -> None:
    """Teaser runs and link-only headlines among the blocks that could hold claims."""
    candidates = [
        b
        for b in blocks
        if b.kind in (PARAGRAPH, LIST_ITEM, QUOTE) and not is_only_markers(b.text, b.links)
    ]
    for index in noise_blocks(candidates):
        candidates[index].kind = BOILERPLATE


def _is_metadata(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    tabbed = sum("\t" in line for line in lines)
    keyed = sum(bool(_KEY_VALUE.match(line) and _METADATA_KEYS.match(line)) for line in lines)
    return tabbed * 2 >= len(lines) or keyed * 2 > len(lines)


def _mark_source_sections(blocks: list[Block]) -> None:
    """Items under a "Sources"/"Quellen" heading are a source list, not claims."""
    in_sources = False
    for block in blocks:
        if block.kind in (HEADING, TITLE) or (block.kind == PARAGRAPH and _is_heading_like(block)):
            in_sources = bool(SOURCE_LIST_RE.match(block.text)) and len(block.text.split()) <= 3
        elif in_sources and block.kind in (PARAGRAPH, LIST_ITEM):
            block.kind = SOURCE_LIST


def _mark_title(blocks: list[Block]) -> None:
    if not blocks:
        return
    first = blocks[0]
    if first.kind == HEADING or (
        first.kind == PARAGRAPH
        and "\n" not in first.text
        and len(first.text.split()) <= MAX_TITLE_WORDS
        and not _SENTENCE_INSIDE.search(first.text.rstrip(".!?"))
        and len(blocks) > 1
    ):
        first.kind = TITLE


def _is_heading_like(block: Block) -> bool:
    text = block.text.strip()
    words = text.split()
    return (
        "\n" not in text
        and 0 < len(words) <= MAX_HEADING_WORDS
        and not _terminated(block)
        # "[Quelle](…)" alone cites for the paragraph before it; it heads nothing.
        and not (block.links and is_only_markers(text, block.links))
        and not text.endswith(",")
        # A heading does not end with a function word; a sentence cut in half often does.
        and words[-1].casefold() not in lexicon.words("stopwords_de.txt", "stopwords_en.txt")
        and not text[0].islower()
    )


def _mark_headings(blocks: list[Block]) -> None:
    for i, block in enumerate(blocks):
        if block.kind != PARAGRAPH or not _is_heading_like(block):
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if following is not None and following.kind in (PARAGRAPH, LIST_ITEM):
            if following.text[:1].isupper() or following.text[:1].isdigit():
                block.kind = HEADING
                block.level = 2


def _join_cut_paragraphs(blocks: list[Block]) -> list[Block]:
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind in (PARAGRAPH, DEK)
            and block.kind == PARAGRAPH
            and (not _terminated(previous) or is_only_markers(block.text, block.links))
        ):
            joined[-1] = _join(previous, block)
        else:
            joined.append(block)
    return joined


def _terminated(block: Block) -> bool:
    """Whether a paragraph ends a sentence: a full stop, or citation markers after one."""
    text = block.text.rstrip()
    return text.endswith(_TERMINAL) or ends_with_marker(text, block.links)


def _join(first: Block, second: Block) -> Block:
    shift = len(first.text) + 1
    return replace(
        first,
        text=f"{first.text} {second.text}",
        links=first.links + [Link(k.start + shift, k.end + shift, k.url) for k in second.links],
        footnote_refs=first.footnote_refs + [(o + shift, lab) for o, lab in second.footnote_refs],
    )


def _mark_dek(blocks: list[Block]) -> None:
    if len(blocks) < 3 or blocks[0].kind != TITLE:
        return
    candidate = blocks[1]
    if (
        candidate.kind == PARAGRAPH
        and len(candidate.text.split()) <= MAX_DEK_WORDS
        and len(_SENTENCE_INSIDE.findall(candidate.text)) <= 1
    ):
        candidate.kind = DEK


def is_excluded(kind: str) -> bool:
    """Kinds shown muted on the article page: everything that is not a claim's block."""
    return kind in (TITLE, HEADING, METADATA, BOILERPLATE, HTML, SOURCE_LIST, FOOTNOTE)
