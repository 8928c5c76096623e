"""Turn uploaded or pasted bytes into text, refusing what is not text."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from workbench.errors import InputRejected

DEFAULT_MAX_BYTES = 2 * 1024 * 1024

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""", re.I)
# Browsers read these labels as windows-1252, and so do we: a page that says
# latin-1 and contains curly quotes is windows-1252 in practice.
_AS_WINDOWS_1252 = frozenset(
    {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "cp819", "ascii", "us-ascii"}
)
_PREFERRED = ("cp1252", "iso8859_15", "cp1250", "cp1251", "iso8859_2")
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KB, if any."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def codec_name(label: str | None) -> str | None:
    """The Python codec for a charset label, with latin-1/ascii read as windows-1252;
    ``None`` when the label is missing or unknown.

    >>> codec_name("ISO-8859-1"), codec_name("utf8"), codec_name("nonsense")
    ('cp1252', 'utf-8', None)
    """
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(
    data: bytes, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> str:
    """Decode ``data`` to text: a BOM, then ``encoding``, then UTF-8, then a declared
    charset, then detection. Raise ``InputRejected`` for empty, oversized, binary
    or undecodable input.

    >>> decode_bytes("Grüße".encode("cp1252"))
    'Grüße'
    """
    if len(data) > max_bytes:
        raise InputRejected(f"The input is {len(data):,} bytes; the limit is {max_bytes:,} bytes.")
    if not data.strip():
        raise InputRejected("The input is empty.")
    if b"\x00" in data[:65536] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputRejected("The input is binary (it contains NUL bytes), not text.")
    text = _decode(data, encoding)
    if text is None:
        raise InputRejected("The input is not readable text in any known encoding.")
    return check_text(text, max_bytes=max_bytes)


def _decode(data: bytes, encoding: str | None) -> str | None:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _try(data, codec)
    for codec in (codec_name(encoding), "utf-8", codec_name(declared_charset(data))):
        if codec and (text := _try(data, codec)) is not None:
            return text
    return _detect(data)


def _detect(data: bytes) -> str | None:
    """Detection, preferring the Western European code pages among equally clean
    candidates: on short German text, detectors often rank Mac code pages first."""
    matches = [m for m in from_bytes(data) if m.percent_chaos <= 20]
    if not matches:
        return None
    cleanest = min(m.percent_chaos for m in matches)
    close = [m for m in matches if m.percent_chaos <= cleanest + 2]
    for preferred in _PREFERRED:
        for match in close:
            if preferred in match.could_be_from_charset:
                return _try(data, preferred)
    return str(close[0])


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def check_text(text: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Refuse text that is empty, oversized or mostly control characters; return it
    with line endings made ``\\n``."""
    if len(text) > max_bytes:
        raise InputRejected(f"The input is {len(text):,} characters; the limit is {max_bytes:,}.")
    if "\x00" in text:
        raise InputRejected("The input is binary (it contains NUL bytes), not text.")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise InputRejected("The input is empty.")
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        raise InputRejected("The input looks binary (many control characters), not text.")
    return text
