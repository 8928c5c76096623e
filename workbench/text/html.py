"""HTML to plain-text blocks: trafilatura for full pages, lxml for fragments and as fallback."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import use_config

from workbench.errors import InputRejected
from workbench.text.document import HEADING, LIST_ITEM, PARAGRAPH, QUOTE, Block
from workbench.text.markdown import TextBuffer

_PAGE = re.compile(r"<(!doctype|html|head|body)\b", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_HEADING_TAG = re.compile(r"^h([1-6])$")
_NO_TEXT = "The HTML has no readable text."
# Below this much extracted text, trafilatura would swap in its "baseline" rescue: a flat
# dump of <p> texts without links or headings (often with the menu). We disable that
# rescue and instead fall back to our own lxml walk when it finds much more text.
_SHORT = 250
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "0")

# lxml fallback: elements whose text never becomes a block (their tail still counts).
_SKIP = frozenset(
    "script style noscript template iframe object embed svg canvas math head title "
    "nav footer aside form button select option textarea input".split()
)
# lxml fallback: block-level HTML tags. Unknown tags are treated as inline.
_HTML_BLOCKS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li blockquote div section article main header body html ul ol dl dt "
    "dd table thead tbody tfoot tr figure figcaption address details summary center".split()
)
# trafilatura's XML vocabulary.
_XML_BLOCKS = frozenset("doc body main head p item quote list table row code".split())
# A <code> directly inside these is a code block, not inline code.
_CODE_PARENTS = frozenset("doc body main list quote table div section article code".split())


class _Walker:
    """Turns an element tree into blocks; knows both trafilatura XML and plain HTML tags."""

    def __init__(self, base_url: str | None, xml: bool) -> None:
        self.base_url, self.xml = base_url, xml
        self.blocks: list[Block] = []
        self.buf = TextBuffer(PARAGRAPH)

    def flush(self, kind: str, level: int = 0) -> None:
        """Emit the current buffer (if it has text) and start a new one of ``kind``."""
        if (block := self.buf.block()) is not None:
            self.blocks.append(block)
        self.buf = TextBuffer(kind, level)

    def kind_of(self, el: etree._Element, context: str) -> tuple[str, int]:
        """Block kind and heading level for a block element seen inside ``context``."""
        tag = el.tag
        if tag == "head" and self.xml:
            match = _HEADING_TAG.match(el.get("rend", ""))
            return HEADING, int(match.group(1)) if match else 2
        if match := _HEADING_TAG.match(tag):
            return HEADING, int(match.group(1))
        if tag in ("item", "li", "dt", "dd"):
            return LIST_ITEM, 0
        if tag in ("quote", "blockquote"):
            return QUOTE, 0
        return (context if context in (QUOTE, LIST_ITEM) else PARAGRAPH), 0

    def link_url(self, el: etree._Element) -> str | None:
        """The absolute http(s) URL an anchor points to, or None for anything else."""
        href = (el.get("target") if self.xml else el.get("href")) or ""
        href = href.strip()
        if not href or href.startswith("#"):
            return None
        try:
            href = urljoin(self.base_url, href) if self.base_url else href
            scheme = urlsplit(href).scheme.lower()
        except ValueError:  # malformed, e.g. "http://[::1"
            return None
        return href if scheme in ("http", "https") else None

    def is_code_block(self, el: etree._Element) -> bool:
        """A ``<pre>``, or a ``<code>`` standing alone or spanning lines (not inline code)."""
        if el.tag != "code":
            return el.tag == "pre"
        parent = el.getparent()
        alone = parent is None or parent.tag in _CODE_PARENTS
        return alone or "\n" in "".join(el.itertext()).strip()

    def visit(self, el: etree._Element, context: str, level: int = 0) -> None:
        """Walk ``el`` (not its tail) into blocks; ``context`` is the enclosing block kind."""
        tag = el.tag
        if not isinstance(tag, str) or (not self.xml and tag in _SKIP) or self.is_code_block(el):
            return  # comments, processing instructions, scripts, navigation, code
        blocks = _XML_BLOCKS if self.xml else _HTML_BLOCKS
        if tag in blocks:
            kind, lvl = self.kind_of(el, context)
            self.flush(kind, lvl)
            self.buf.add(el.text or "")
            for child in el:
                self.visit(child, kind, lvl)
                self.buf.add(child.tail or "")
            self.flush(context, level)
        elif tag in ("a", "ref"):
            url = self.link_url(el)
            buf, start = self.buf, self.buf.size
            self.inline(el, context, level)
            if url and buf is self.buf:
                buf.add_link(start, url)
        elif tag in ("br", "lb", "hr"):
            self.buf.add(" ")
        elif tag in ("cell", "td", "th"):
            if self.buf.size:
                self.buf.add(" | ")
            self.inline(el, context, level)
        else:
            self.inline(el, context, level)

    def inline(self, el: etree._Element, context: str, level: int) -> None:
        self.buf.add(el.text or "")
        for child in el:
            self.visit(child, context, level)
            self.buf.add(child.tail or "")


def _walk(root: etree._Element, base_url: str | None, xml: bool) -> list[Block]:
    walker = _Walker(base_url, xml)
    walker.visit(root, PARAGRAPH)
    walker.flush(PARAGRAPH)
    return walker.blocks


def _with_title(blocks: list[Block], title: str) -> list[Block]:
    """Put ``title`` first as a level-1 heading unless the extracted blocks already carry it."""
    title = " ".join(title.split())
    key = title.casefold()
    if not title or any(
        b.text.casefold() == key for b in blocks[:1] + [b for b in blocks if b.kind == HEADING]
    ):
        return blocks
    return [Block(HEADING, title, level=1), *blocks]


def _trafilatura(text: str, base_url: str | None) -> list[Block]:
    # bare_extraction, not extract(output_format="xml"): the XML serialiser pretty-prints
    # and drops whitespace-only tails, gluing adjacent links together ("AB" for "A B").
    doc = trafilatura.bare_extraction(
        text,
        include_links=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=True,
        config=_CONFIG,
    )
    if doc is None or doc.body is None:
        return []
    blocks = _walk(doc.body, base_url, xml=True)
    return _with_title(blocks, doc.title or "") if blocks else []


def _lxml(text: str, base_url: str | None) -> list[Block]:
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", text))
    except (etree.ParserError, ValueError):
        return []
    body = root.find("body")
    blocks = _walk(body if body is not None else root, base_url, xml=False)
    if blocks and _PAGE.search(text):
        title = root.findtext(".//title") or ""
        blocks = _with_title(blocks, title)
    return blocks


def parse_html(text: str, *, base_url: str | None = None) -> list[Block]:
    """Parse an HTML page or fragment into blocks.

    In: HTML source; ``base_url`` resolves relative links. Out: headings, paragraphs,
    list items and quotes of the main text in document order, with http(s) Links.
    Full pages go through trafilatura (boilerplate removed, title first as a level-1
    heading); fragments, and pages where trafilatura finds little, are read with lxml.
    Raises InputRejected when there is no readable text.
    """
    blocks: list[Block] = []
    if _PAGE.search(text):
        blocks = _trafilatura(text, base_url)
    found = sum(len(b.text) for b in blocks)
    if found < _SHORT:
        fallback = _lxml(text, base_url)
        if sum(len(b.text) for b in fallback) > 2 * found:
            blocks = fallback
    if not blocks:
        raise InputRejected(_NO_TEXT)
    return blocks
