"""The ingest pipeline as one pure function: input text in, article structure out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from workbench.errors import InputRejected
from workbench.text.document import (
    BOILERPLATE,
    CLAIMABLE,
    DEK,
    FOOTNOTE,
    HEADING,
    METADATA,
    QUOTE,
    SOURCE_LIST,
    TITLE,
    Block,
)
from workbench.text.language import detect_language
from workbench.text.markers import fit_sentences, marker_spans
from workbench.text.markup import strip_markup
from workbench.text.noise import noise_kind
from workbench.text.plain import parse_plain
from workbench.text.prose import prose_problem
from workbench.text.segment import sentence_spans
from workbench.text.sources import (
    SourceRef,
    name_outlets,
    outlet_names,
    page_ref,
    publisher_domain,
    refs_in_listing,
)
from workbench.text.structure import label_blocks

FORMATS = ("auto", "text", "markdown", "html")
BLOCK_SEPARATOR = "\n\n"
MIN_CLAIM_WORDS = 3

_HTML_START = re.compile(
    r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>]|<h[1-6])", re.I
)
_MARKDOWN_SIGNS = re.compile(
    r"(^#{1,6}\s+\S|\]\(https?://|^\[[^\]]+\]:\s*\S|\[\^[^\]]+\]|^\s*[-*+]\s+\[)", re.M
)
_CLOSING_TAG = re.compile(r"</(p|div|a|li|h\d)>", re.I)
_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r"[\"„“«»]([^\"„“«»]{12,})[\"“”«»]")


@dataclass(frozen=True)
class Span:
    """A labelled stretch of the body: ``body[start:end]`` is one block."""

    start: int
    end: int
    kind: str


@dataclass
class ClaimDraft:
    position: int
    start: int
    end: int
    text: str
    kind: str
    sources: list[SourceRef] = field(default_factory=list)


@dataclass
class Analysis:
    """Everything ingest learns from one input, before anything is stored."""

    format: str
    language: str
    title: str
    dek: str
    body: str
    spans: list[Span]
    claims: list[ClaimDraft]
    sources: list[SourceRef]
    publisher: str | None = None


def detect_format(text: str) -> str:
    """``html``, ``markdown`` or ``text``, from what the input looks like."""
    if _HTML_START.match(text) or ("</" in text and len(_CLOSING_TAG.findall(text)) >= 3):
        return "html"
    if len(_MARKDOWN_SIGNS.findall(text)) >= 1:
        return "markdown"
    return "text"


def parse_blocks(text: str, fmt: str, base_url: str | None = None) -> list[Block]:
    """The format's parser: ``text``, ``markdown`` or ``html`` to blocks."""
    if fmt == "html":
        from workbench.text.html import parse_html

        return parse_html(text, base_url=base_url)
    if fmt == "markdown":
        from workbench.text.markdown import parse_markdown

        return parse_markdown(text)
    return parse_plain(text)


def analyse(
    text: str, *, fmt: str = "auto", language: str = "auto", base_url: str | None = None
) -> Analysis:
    """Split an article into body, labelled spans, claims with offsets, and sources.

    ``body[c.start:c.end] == c.text`` holds for every claim. Raises ``InputRejected``
    when nothing in the input can be read as text, or what can does not read as prose
    (encoded data, a dump): that is refused before any sentence is looked for.
    """
    if fmt not in FORMATS:
        raise InputRejected(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    fmt = detect_format(text) if fmt == "auto" else fmt
    blocks = [
        b for b in map(_plain_label, label_blocks(parse_blocks(text, fmt, base_url))) if b.text
    ]
    if not blocks:
        raise InputRejected("The input has no text to check.")
    if problem := prose_problem(" ".join(b.text for b in blocks)):
        raise InputRejected(f"The input does not read as an article: {problem}.")
    body, offsets = _layout(blocks)
    prose = " ".join(b.text for b in blocks if b.kind in CLAIMABLE or b.kind == TITLE)
    lang = detect_language(prose or body) if language in ("auto", "", None) else language
    claims = _claims(blocks, offsets, body, lang)
    return Analysis(
        format=fmt,
        language=lang,
        title=next((b.text for b in blocks if b.kind == TITLE), ""),
        dek=next((b.text for b in blocks if b.kind == DEK), ""),
        body=body,
        spans=[Span(o, o + len(b.text), b.kind) for b, o in zip(blocks, offsets, strict=True)],
        claims=claims,
        sources=_article_sources(blocks),
        publisher=next(
            (p for b in blocks if b.kind == BOILERPLATE and (p := publisher_domain(b.text))), None
        ),
    )


def _plain_label(block: Block) -> Block:
    """A title or heading without markup: it is shown as a label, never as the cited
    words of a claim (those stay as written). Its links cite nothing, so they go."""
    if block.kind not in (TITLE, HEADING):
        return block
    text = strip_markup(block.text)
    return block if text == block.text else replace(block, text=text, links=[], footnote_refs=[])


def _layout(blocks: list[Block]) -> tuple[str, list[int]]:
    offsets, cursor = [], 0
    for block in blocks:
        offsets.append(cursor)
        cursor += len(block.text) + len(BLOCK_SEPARATOR)
    return BLOCK_SEPARATOR.join(b.text for b in blocks), offsets


def _claims(blocks: list[Block], offsets: list[int], body: str, lang: str) -> list[ClaimDraft]:
    footnotes = {b.label: b for b in blocks if b.kind == FOOTNOTE}
    claims: list[ClaimDraft] = []
    for block, offset in zip(blocks, offsets, strict=True):
        if block.kind not in CLAIMABLE:
            continue
        markers = marker_spans(block.text, block.links)
        fitted = fit_sentences(block.text, sentence_spans(block.text, lang), markers)
        spans = [(start, end) for start, end, _ in fitted]
        for start, end, owns in fitted:
            sentence = block.text[start:end]
            # A share prompt or credit inside a paragraph is no claim either.
            if len(_WORD.findall(sentence)) < MIN_CLAIM_WORDS or noise_kind(sentence):
                continue
            # Links of the citation markers after the sentence are its links too.
            refs = [
                ref
                for link in block.links
                if start <= link.start < owns
                and (ref := page_ref(link.url, "inline", block.text[link.start : link.end]))
            ]
            for at, label in block.footnote_refs:
                if _owner(spans, at) == (start, end) and label in footnotes:
                    refs += refs_in_listing(footnotes[label].text, "footnote")
                    refs += [
                        r for k in footnotes[label].links if (r := page_ref(k.url, "footnote"))
                    ]
            claims.append(
                ClaimDraft(
                    position=len(claims),
                    start=offset + start,
                    end=offset + end,
                    text=sentence,
                    kind="quote"
                    if block.kind == QUOTE or _QUOTED.search(sentence)
                    else "statement",
                    sources=_unique(refs),
                )
            )
    return claims


def _owner(spans: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
    """The sentence a footnote marker at ``at`` belongs to: the last one starting before it."""
    owner = None
    for start, end in spans:
        if start < at:
            owner = (start, end)
    return owner


def _article_sources(blocks: list[Block]) -> list[SourceRef]:
    refs: list[SourceRef] = []
    names: list[str] = []
    for block in blocks:
        if block.kind in (SOURCE_LIST, FOOTNOTE, METADATA):
            origin = {SOURCE_LIST: "source_list", FOOTNOTE: "footnote", METADATA: "metadata"}[
                block.kind
            ]
            listing = block.text if block.kind != METADATA else _metadata_sources(block.text)
            refs += refs_in_listing(listing, origin)
            refs += [
                r
                for k in block.links
                if (r := page_ref(k.url, origin, block.text[k.start : k.end]))
            ]
        elif block.kind == BOILERPLATE:
            names += _outlet_names(block.text)
    return name_outlets(_unique(refs), names)


def _metadata_sources(text: str) -> str:
    """Only the "Quellen"/"Sources" line of a metadata block cites sources."""
    return "\n".join(
        line for line in text.split("\n") if re.match(r"^\s*(quellen?|sources?)\b", line, re.I)
    )


def _outlet_names(text: str) -> list[str]:
    return outlet_names(text) if publisher_domain(text) is None else []


def _unique(refs: list[SourceRef]) -> list[SourceRef]:
    seen: dict[str, SourceRef] = {}
    for ref in refs:
        seen.setdefault(ref.key, ref)
    return list(seen.values())
