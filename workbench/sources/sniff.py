"""What a file is, judged by its bytes alone: PDF, HTML, plain text, or refused."""

from __future__ import annotations

import re

from workbench.errors import InputRejected
from workbench.text.decode import bom_codec, decode_bytes

PDF = "application/pdf"
HTML = "text/html"
TEXT = "text/plain"

_PDF_WINDOW = 1024
_HTML_WINDOW = 4096
_TEXT_WINDOW = 65536
# Signatures at offset 0 that no text or PDF file starts with.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or an Office document such as DOCX"),
    (b"PK\x05\x06", "a ZIP archive or an Office document such as DOCX"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
)
# Signatures short enough to start a text file too: named only when the content is binary.
_WEAK_MAGIC = ((b"MZ", "a Windows executable"), (b"BZh", "a bzip2 archive"))
# Before the first tag: whitespace, comments, an XML declaration or processing instruction.
_PREAMBLE = re.compile(r"\A(?:\s|<!--.*?-->|<\?.*?\?>)+", re.S)
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|section|main|title|meta|table|h[1-6])"
    r"(?=[\s/>])",
    re.I,
)


def sniff(data: bytes) -> str:
    """The media type of ``data`` judged by content; file names are never consulted.

    In: the file's bytes. Out: "application/pdf", "text/html" or "text/plain".
    Raises InputRejected, with a one-line message naming the type when it is a
    common one, for empty files and anything else.
    """
    if not data.strip():
        raise InputRejected("The file is empty.")
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise _refused(name)
    if data.lstrip().startswith(b"%PDF-"):
        return PDF
    if _HTML_START.match(_PREAMBLE.sub("", _head_text(data))):
        return HTML
    # Some PDFs carry junk before their header; readers accept it within the first KB. The
    # end-of-file marker is required then, so that text quoting a header stays text.
    if b"%PDF-" in data[:_PDF_WINDOW] and b"%%EOF" in data[-_PDF_WINDOW:]:
        return PDF
    if not _looks_binary(data):
        return TEXT
    name = next((name for magic, name in _WEAK_MAGIC if data.startswith(magic)), None)
    raise _refused(name or "binary data")


def _refused(what: str) -> InputRejected:
    return InputRejected(f"The file is not HTML, PDF or text (it looks like {what}).")


def _head_text(data: bytes) -> str:
    """The first few KB as text, good enough to spot markup (any ASCII-compatible encoding)."""
    head = data[:_HTML_WINDOW]
    return head.decode(bom_codec(head) or "latin-1", errors="ignore")


def _looks_binary(data: bytes) -> bool:
    """Whether the start of ``data`` fails the text rules of ``decode_bytes``."""
    sample = data[:_TEXT_WINDOW]
    if not sample.strip():
        return False
    if len(data) > _TEXT_WINDOW:
        # Do not let a UTF-8 sequence cut in half at the window's edge spoil the sample.
        sample = sample[: len(sample) - _partial_utf8_tail(sample)]
    try:
        decode_bytes(sample, max_bytes=len(sample))
    except InputRejected:
        return True
    return False


def _partial_utf8_tail(sample: bytes) -> int:
    """How many bytes at the end of ``sample`` start a UTF-8 sequence it does not finish."""
    for back in range(1, min(4, len(sample)) + 1):
        byte = sample[-back]
        if byte & 0xC0 != 0x80:  # not a continuation byte: a lead byte or ASCII
            need = 2 if byte >= 0xC0 else 1
            need = 3 if byte >= 0xE0 else need
            need = 4 if byte >= 0xF0 else need
            return back if need > back else 0
    return 0
