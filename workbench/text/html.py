"""The one HTML extraction path, for imported articles and snapshots alike: trafilatura for
full pages, lxml for fragments and short pages; out come blocks with link offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
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
# The extensive date search reads years out of running text ("bis Ende 2026": 2026-01-01).
_CONFIG.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
_OPTIONS = dict(
    include_links=True,
    include_comments=False,
    include_tables=True,
    include_images=False,
    with_metadata=True,
    deduplicate=False,
)

# lxml fallback: elements whose text never becomes a block (their tail still counts).
_SKIP = frozenset(
    "script style noscript template iframe object embed svg canvas math head title "
    "nav footer aside form button select option textarea input".split()
)
# trafilatura's rescue for short pages hands back raw HTML elements; its own "head" is a heading.
_XML_SKIP = _SKIP - {"head"}
# lxml fallback: block-level HTML tags. Unknown tags are treated as inline.
_HTML_BLOCKS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li blockquote div section article main header body html ul ol dl dt "
    "dd table thead tbody tfoot tr figure figcaption address details summary center".split()
)
# trafilatura's XML vocabulary.
_XML_BLOCKS = frozenset("doc body main head p item quote list table row code".split())
# A <code> directly inside these is a code block, not inline code.
_CODE_PARENTS = frozenset("doc body main list quote table div section article code".split())


@dataclass(frozen=True)
class Page:
    """The main text of a page as blocks, with its title ("" if none) and ISO date."""

    blocks: list[Block]
    title: str
    published: str | None


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

    def walk(self, root: etree._Element) -> None:
        """Walk ``root`` into blocks. A stack, not recursion: page trees can nest deeper
        than Python's recursion limit."""
        todo: list[tuple] = [("enter", root, PARAGRAPH, 0)]
        while todo:
            step = todo.pop()
            if step[0] == "enter":
                self.enter(step[1], step[2], step[3], todo)
            elif step[0] == "text":
                self.buf.add(step[1])
            elif step[0] == "flush":
                self.flush(step[1], step[2])
            elif step[2] and step[0] == "link" and step[1] is self.buf:
                step[1].add_link(step[3], step[2])

    def enter(self, el: etree._Element, context: str, level: int, todo: list[tuple]) -> None:
        """Start ``el`` (not its tail); what comes after its text is pushed on ``todo``."""
        tag = el.tag
        skip = _XML_SKIP if self.xml else _SKIP
        if not isinstance(tag, str) or tag in skip or self.is_code_block(el):
            return  # comments, processing instructions, scripts, navigation, code
        if tag in (_XML_BLOCKS if self.xml else _HTML_BLOCKS):
            kind, lvl = self.kind_of(el, context)
            self.flush(kind, lvl)
            todo.append(("flush", context, level))
            context, level = kind, lvl
        elif tag in ("a", "ref"):
            todo.append(("link", self.buf, self.link_url(el), self.buf.size))
        elif tag in ("br", "lb", "hr"):
            self.buf.add(" ")
        elif tag in ("cell", "td", "th") and self.buf.size:
            self.buf.add(" | ")
        self.buf.add(el.text or "")
        for child in reversed(el):
            todo.append(("text", child.tail or ""))
            todo.append(("enter", child, context, level))


def _walk(root: etree._Element, base_url: str | None, xml: bool) -> list[Block]:
    walker = _Walker(base_url, xml)
    walker.walk(root)
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


def _trafilatura(text: str, url: str | None) -> tuple[list[Block], str, str | None]:
    # bare_extraction, not extract(output_format="xml"): the XML serialiser pretty-prints
    # and drops whitespace-only tails, gluing adjacent links together ("AB" for "A B").
    doc = trafilatura.bare_extraction(text, url=url, config=_CONFIG, **_OPTIONS)
    if doc is None or doc.body is None:
        return [], "", None
    return _walk(doc.body, url, xml=True), doc.title or "", _iso_date(doc.date)


def _lxml(text: str, base_url: str | None) -> tuple[list[Block], str]:
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", text))
    except (etree.ParserError, ValueError):
        return [], ""
    body = root.find("body")
    blocks = _walk(body if body is not None else root, base_url, xml=False)
    return blocks, (root.findtext("head/title") or "") if _PAGE.search(text) else ""


def _iso_date(value: str | None) -> str | None:
    """The "YYYY-MM-DD" date that ``value`` starts with, else None."""
    try:
        return date.fromisoformat((value or "")[:10]).isoformat()
    except ValueError:
        return None


def extract_page(text: str, *, base_url: str | None = None) -> Page:
    """The main text of an HTML page or fragment: the one extraction path of the workbench,
    for imported articles and for snapshots of their sources alike.

    In: HTML source; ``base_url`` (the page's address) resolves relative links and helps
    the metadata. Out: a Page whose blocks are the headings, paragraphs, list items and
    quotes of the main text in document order, with their http(s) links; empty when the
    page has no readable text. Full pages go through trafilatura (boilerplate removed);
    fragments, and pages where trafilatura finds little, are read with lxml.
    """
    blocks: list[Block] = []
    title, published = "", None
    if _PAGE.search(text):
        blocks, title, published = _trafilatura(text, base_url)
    found = sum(len(b.text) for b in blocks)
    if found < _SHORT:
        fallback, head_title = _lxml(text, base_url)
        if sum(len(b.text) for b in fallback) > 2 * found:
            blocks, title = fallback, title or head_title
    return Page(blocks, " ".join(title.split()), published)


def parse_html(text: str, *, base_url: str | None = None) -> list[Block]:
    """Parse an HTML page or fragment into blocks for import.

    In: HTML source; ``base_url`` resolves relative links. Out: the blocks of
    ``extract_page`` with the page's title first as a level-1 heading unless the main
    text starts with it. Raises InputRejected when there is no readable text.
    """
    page = extract_page(text, base_url=base_url)
    if not page.blocks:
        raise InputRejected(_NO_TEXT)
    return _with_title(page.blocks, page.title)
