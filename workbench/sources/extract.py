"""Evidence text from fetched or uploaded HTML, PDF and plain text, split into passages."""

from __future__ import annotations

import contextlib
import io
import logging
import re
from dataclasses import dataclass

import pypdf

from workbench.sources.sniff import HTML, PDF, TEXT, sniff
from workbench.text.decode import decode_text
from workbench.text.html import extract_page
from workbench.text.language import detect_language
from workbench.text.markup import strip_markup
from workbench.text.noise import noise_blocks, noise_kind
from workbench.text.segment import sentence_spans

MAX_CHARS = 2_000_000
_MIN_LANGUAGE_CHARS = 20
_PDF_TYPES = frozenset({PDF, "application/x-pdf"})
_HTML_TYPES = frozenset({HTML, "application/xhtml+xml"})
# pypdf logs a warning per malformed file; a broken PDF is reported as empty text instead.
if logging.getLogger("pypdf").level == logging.NOTSET:
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*|\f\s*")
# Only a line-end hyphen before a lowercase letter is a split word; "Nord- und Süd-" is not.
_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u00ad][ \t]*\n[ \t]*([^\W\d_]+)")
_NOT_JOINED = frozenset("und oder bzw sowie bis and or to".split())
# A newline the sentence splitter should see: before a list item. Others are line wrapping.
_SOFT_NEWLINE = re.compile(r"\n(?![ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t])")


@dataclass(frozen=True)
class Extracted:
    """Main text of a source with its metadata and sentence passages."""

    text: str  # main text, paragraphs separated by "\n\n"
    title: str | None
    published: str | None  # ISO date "YYYY-MM-DD" when found
    language: str | None  # ISO 639-1 when detectable
    passages: tuple[tuple[int, int], ...]  # sentence spans in `text`, text[s:e] exact
    cut: bool = False  # the source had more text than MAX_CHARS; `text` is its beginning


def extract(
    body: bytes,
    media_type: str,
    *,
    charset: str | None = None,
    url: str | None = None,
    whole: bool = False,
) -> Extracted:
    """Main text of a fetched or uploaded body.

    In: the bytes, their media type (PDF, HTML or text/plain, parameters allowed; others
    are sniffed), the Content-Type charset and the URL if known; ``whole`` when only the
    whole text will do (an upload): text over MAX_CHARS then comes back at once as
    ``cut`` with no text, instead of its beginning with passages. Out: Extracted, text ""
    when the source has none (empty page, encrypted or broken PDF). Raises InputRejected
    only when sniffing refuses a body of another type (an image, an archive, binary).
    """
    kind = media_type.split(";")[0].strip().lower()
    if not body.strip():
        return _assemble([], None, None)
    if kind not in _PDF_TYPES | _HTML_TYPES | {TEXT}:
        kind = sniff(body)
    if kind in _PDF_TYPES:
        return _assemble(*_pdf(body), whole=whole)
    if kind in _HTML_TYPES:
        return _assemble(*_html(decode_text(body, charset)[0], url), whole=whole)
    return extract_text(decode_text(body, charset)[0], whole=whole)


def extract_text(text: str, *, language: str | None = None, whole: bool = False) -> Extracted:
    """Passages of pasted text.

    In: the text; its language if known (else detected); ``whole`` as for ``extract``.
    Out: Extracted with the
    paragraphs (blank-line separated blocks) joined by "\\n\\n", line breaks inside
    a paragraph kept, no title or date.
    """
    blocks = _BLANK_LINE.split(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    paragraphs = ["\n".join(line.rstrip() for line in b.strip().split("\n")) for b in blocks]
    return _assemble(paragraphs, None, None, language, whole=whole)


def _assemble(
    paragraphs: list[str],
    title: str | None,
    published: str | None,
    language: str | None = None,
    *,
    whole: bool = False,
) -> Extracted:
    paragraphs = [p for p in (_CONTROL.sub("", p).strip() for p in paragraphs) if p]
    # Teasers, credits, graphics and photo lines are no evidence for anything.
    paragraphs, cut = _capped([p for p in paragraphs if noise_kind(p) is None])
    title = strip_markup(title or "") or None
    if cut and whole:
        return Extracted("", title, published, None, (), cut)
    text = "\n\n".join(paragraphs)
    if language is None and len(text) >= _MIN_LANGUAGE_CHARS:
        language = detect_language(text, default="") or None
    passages: list[tuple[int, int]] = []
    offset = 0
    for paragraph in paragraphs:
        spans = sentence_spans(_SOFT_NEWLINE.sub(" ", paragraph), language or "en")
        passages.extend(
            (offset + start, offset + end)
            for start, end in spans
            if noise_kind(paragraph[start:end]) is None
        )
        offset += len(paragraph) + 2
    return Extracted(text, title, published, language, tuple(passages), cut)


def _capped(paragraphs: list[str]) -> tuple[list[str], bool]:
    """The leading paragraphs that fit in MAX_CHARS (a single giant one cut at a space),
    and whether any text was left out."""
    kept: list[str] = []
    size = -2
    for paragraph in paragraphs:
        size += len(paragraph) + 2
        if size > MAX_CHARS:
            cut = paragraph.rfind(" ", 0, MAX_CHARS + 1)
            return kept or [paragraph[: cut if cut > 0 else MAX_CHARS]], True
        kept.append(paragraph)
    return kept, False


def _html(html: str, url: str | None) -> tuple[list[str], str | None, str | None]:
    """Paragraphs, title and date of a page, by the import's own extraction path."""
    page = extract_page(html, base_url=url)
    noise = noise_blocks(page.blocks)
    paragraphs = [b.text for index, b in enumerate(page.blocks) if index not in noise]
    return paragraphs, page.title or None, page.published


def _pdf(body: bytes) -> tuple[list[str], str | None, None]:
    """Paragraphs and metadata title of a PDF; nothing when it cannot be read."""
    # pypdf raises far more than PdfReadError on malformed files (KeyError, ValueError,
    # RecursionError ...); each means the same here: no readable text (from that part).
    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        # Readers open PDFs whose user password is empty without asking; so do we.
        if reader.is_encrypted and not reader.decrypt(""):
            return [], None, None
        count = len(reader.pages)
    except Exception:
        return [], None, None
    paragraphs: list[str] = []
    size, title = 0, None
    for index in range(count):
        try:
            page = reader.pages[index].extract_text()
        except Exception:
            continue
        # Line-end hyphens re-joined, line breaks inside a paragraph as spaces.
        page = _HYPHEN.sub(_join_hyphen, page.replace("\r\n", "\n").replace("\r", "\n"))
        paragraphs.extend(" ".join(block.split()) for block in _BLANK_LINE.split(page))
        size += len(page)
        if size > MAX_CHARS:
            break
    with contextlib.suppress(Exception):
        title = str(reader.metadata.title or "") if reader.metadata else None
    return paragraphs, title, None


def _join_hyphen(match: re.Match[str]) -> str:
    word = match[1]
    return word if word[0].islower() and word.casefold() not in _NOT_JOINED else match[0]
