"""Markdown to plain-text blocks via markdown-it-py (CommonMark, tables, footnotes)."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from workbench.text.document import (
    FOOTNOTE,
    HEADING,
    HTML,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    Block,
    Link,
)
from workbench.text.urls import find_urls

# move_to_end=False keeps definitions in place, so unreferenced ones are not dropped.
_MD = (
    MarkdownIt("commonmark")
    .enable(["table", "strikethrough"])
    .use(footnote_plugin, move_to_end=False)
)
_SPACE = re.compile(r"(\s+)")
_BR = re.compile(r"<br\b", re.IGNORECASE)


class TextBuffer:
    """Accumulates one block's inline text, collapsing whitespace and tracking link offsets."""

    def __init__(self, kind: str, level: int = 0, label: str = "") -> None:
        self.kind, self.level, self.label = kind, level, label
        self.parts: list[str] = []
        self.size = 0
        self.at_space = True  # swallow leading whitespace
        self.links: list[tuple[int, int, str]] = []
        self.refs: list[tuple[int, str]] = []

    def add(self, text: str) -> None:
        """Append ``text``; runs of whitespace become one space, never a leading one."""
        for chunk in _SPACE.split(text):
            if not chunk:
                continue
            if chunk.isspace():
                if not self.at_space:
                    self.parts.append(" ")
                    self.size += 1
                    self.at_space = True
            else:
                self.parts.append(chunk)
                self.size += len(chunk)
                self.at_space = False

    def add_link(self, start: int, url: str) -> None:
        """Record a link whose anchor runs from ``start`` to the current end."""
        self.links.append((start, self.size, url))

    def block(self) -> Block | None:
        """Out: the finished Block (trailing space stripped, offsets clamped), or None if empty."""
        text = "".join(self.parts).rstrip()
        if not text:
            return None
        n = len(text)
        links = []
        for start, end, url in self.links:
            start, end = min(start, n), min(end, n)
            while start < end and text[start] == " ":
                start += 1
            while end > start and text[end - 1] == " ":
                end -= 1
            links.append(Link(start, end, url))
        refs = [(min(at, n), label) for at, label in self.refs]
        return Block(self.kind, text, links, self.level, refs, self.label)


def add_text_with_urls(buf: TextBuffer, text: str) -> None:
    """Append ``text`` to ``buf``, turning bare http(s) URLs in it into Links."""
    pos = 0
    for start, end, url in find_urls(text):
        buf.add(text[pos:start])
        at = buf.size
        buf.add(url)
        buf.add_link(at, url)
        pos = end
    buf.add(text[pos:])


def _is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _inline(buf: TextBuffer, children: list[Token], labels: dict[int, str]) -> None:
    """Feed an inline token stream into ``buf`` as plain text, links and footnote refs."""
    opened: list[tuple[int, str]] = []
    for tok in children:
        if tok.type == "text":
            if opened:
                buf.add(tok.content)
            else:
                add_text_with_urls(buf, tok.content)
        elif tok.type == "code_inline":
            buf.add(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            buf.add(" ")
        elif tok.type == "html_inline" and _BR.match(tok.content):
            buf.add(" ")
        elif tok.type == "link_open":
            opened.append((buf.size, str(tok.attrs.get("href", ""))))
        elif tok.type == "link_close" and opened:
            start, href = opened.pop()
            if _is_web(href):
                buf.add_link(start, href)
        elif tok.type == "footnote_ref":
            ident = tok.meta["id"]
            label = tok.meta.get("label") or labels.setdefault(ident, f"inline-{len(labels) + 1}")
            buf.refs.append((buf.size, label))
        # images, raw inline html, emphasis/strike markers and anchors carry no text


def _paragraph_kind(stack: list[Any]) -> str:
    for entry in reversed(stack):
        if entry == "blockquote":
            return QUOTE
        if isinstance(entry, list):  # a list item: [TextBuffer | None]
            return LIST_ITEM
    return PARAGRAPH


def parse_markdown(text: str) -> list[Block]:
    """Parse Markdown into blocks.

    In: Markdown source. Out: headings, paragraphs, list items, quotes and raw HTML
    blocks in document order, then one FOOTNOTE block per footnote definition.
    Code blocks and rules are skipped; block text is plain (no markup).
    """
    env: dict[str, Any] = {}
    tokens = _MD.parse(text, env)
    main: list[TextBuffer] = []
    notes: list[TextBuffer] = []
    raw_html: dict[int, str] = {}  # index in ``main`` -> verbatim HTML
    labels: dict[int, str] = {}  # inline footnote id -> label
    stack: list[Any] = []  # "blockquote", [item buffer], or a footnote TextBuffer
    current: TextBuffer | None = None
    cell = 0

    def target(kind: str, level: int = 0) -> TextBuffer:
        """The buffer the next block's text goes into (footnotes and items merge paragraphs)."""
        note = next((e for e in reversed(stack) if isinstance(e, TextBuffer)), None)
        if note is not None:
            if note.size:
                note.add(" ")
            return note
        if kind == LIST_ITEM and isinstance(stack[-1], list):
            if stack[-1][0] is None:
                stack[-1][0] = TextBuffer(LIST_ITEM)
                main.append(stack[-1][0])
            elif stack[-1][0].size:
                stack[-1][0].add(" ")
            return stack[-1][0]
        buf = TextBuffer(kind, level)
        main.append(buf)
        return buf

    for tok in tokens:
        kind = tok.type
        if kind == "blockquote_open":
            stack.append("blockquote")
        elif kind == "list_item_open":
            stack.append([None])
        elif kind == "footnote_reference_open":
            buf = TextBuffer(FOOTNOTE, label=str(tok.meta["label"]))
            notes.append(buf)
            stack.append(buf)
        elif kind in ("blockquote_close", "list_item_close", "footnote_reference_close"):
            stack.pop()
        elif kind == "heading_open":
            current = target(HEADING, int(tok.tag[1:]))
        elif kind == "paragraph_open":
            current = target(_paragraph_kind(stack))
        elif kind == "tr_open":
            current, cell = target(PARAGRAPH), 0
        elif kind in ("th_open", "td_open") and current is not None:
            if cell:
                current.add(" | ")
            cell += 1
        elif kind == "inline" and current is not None:
            _inline(current, tok.children or [], labels)
        elif kind in ("heading_close", "paragraph_close", "tr_close"):
            current = None
        elif kind == "html_block" and tok.content.strip():
            raw_html[len(main)] = tok.content.strip()
            main.append(TextBuffer(HTML))
        # fences, indented code and horizontal rules are skipped

    for ident, data in env.get("footnotes", {}).get("list", {}).items():
        if "tokens" in data:  # inline footnote ^[...]
            buf = TextBuffer(FOOTNOTE, label=labels.get(ident, f"inline-{len(labels) + 1}"))
            _inline(buf, data["tokens"], labels)
            notes.append(buf)

    blocks: list[Block] = []
    for index, buf in enumerate(main + notes):
        if index in raw_html:
            blocks.append(Block(HTML, raw_html[index]))
        elif (block := buf.block()) is not None:
            blocks.append(block)
    return blocks
