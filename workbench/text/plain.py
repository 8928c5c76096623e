"""Plain text (pasted copy like the seed) into blocks: paragraphs split at blank lines."""

from __future__ import annotations

import re

from workbench.text.document import LIST_ITEM, PARAGRAPH, Block, Link
from workbench.text.urls import find_urls

_BLANK_LINE = re.compile(r"\n[ \t\u00a0\u3000]*\n")
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def parse_plain(text: str) -> list[Block]:
    """Blocks of a plain-text article. Lines of a paragraph are joined with a space,
    except in tabular or HTML-bearing blocks (metadata), which keep their lines.
    Written-out URLs become links whose anchor is the URL itself."""
    blocks: list[Block] = []
    for chunk in _BLANK_LINE.split(text):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        keeps_lines = any("\t" in line or _TAG.search(line) for line in chunk.split("\n"))
        if keeps_lines:
            kept = [line.rstrip() for line in chunk.strip("\n").split("\n") if line.strip()]
            blocks.append(_block(PARAGRAPH, "\n".join(kept)))
        elif len(lines) > 1 and all(_BULLET.match(line) for line in lines):
            blocks.extend(_block(LIST_ITEM, _BULLET.sub("", line)) for line in lines)
        else:
            blocks.append(_block(PARAGRAPH, " ".join(lines)))
    return blocks


def _block(kind: str, text: str) -> Block:
    return Block(kind=kind, text=text, links=[Link(s, e, url) for s, e, url in find_urls(text)])
