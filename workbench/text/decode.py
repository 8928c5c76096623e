"""The one decoder: bytes to text by browsers' rules, for imports, uploads and fetches alike."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from workbench.errors import InputRejected

DEFAULT_MAX_BYTES = 2 * 1024 * 1024

_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""", re.I)
# The HTML standard reads these labels as windows-1252, and so do we: a page that says
# latin-1 and contains curly quotes is windows-1252 in practice.
_AS_WINDOWS_1252 = frozenset(
    {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "cp819", "ascii", "us-ascii"}
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Detection only considers encodings that browsers support: charset_normalizer's favourites
# for short Western text otherwise include Mac and EBCDIC code pages no web page uses.
_WEB_ENCODINGS = (
    "cp1252 cp1250 cp1251 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 cp866 cp874 koi8_r koi8_u "
    "iso8859_2 iso8859_3 iso8859_4 iso8859_5 iso8859_6 iso8859_7 iso8859_8 iso8859_10 "
    "iso8859_13 iso8859_14 iso8859_15 iso8859_16 gb18030 big5 euc_jp iso2022_jp shift_jis "
    "euc_kr utf_16 utf_32"
).split()
# A detection result messier than this is not text in any encoding.
_MAX_CHAOS = 0.2
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KB, if any."""
    head = data[:_SNIFF_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def bom_codec(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` names, if there is one."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


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


def choose_codec(data: bytes, declared: str | None = None) -> str | None:
    """How to decode ``data``, in browsers' order.

    In: the bytes and the charset declared outside them (HTTP Content-Type, or a user's
    choice). Out: a codec name, or None when nothing reads the bytes as text. Order: a
    byte-order mark; the declared charset, then the document's own (meta or XML
    declaration), each only if it reads the bytes; UTF-8; detection by charset_normalizer
    among web encodings, windows-1252 where it reads the bytes as well as the winner.
    """
    if codec := bom_codec(data):
        return codec
    for codec in (codec_name(declared), _document_codec(data)):
        if codec and _reads(data, codec):
            return codec
    if _reads(data, "utf-8"):
        return "utf-8"
    return _detect(data)


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode fetched bytes as a browser would, never failing.

    In: as ``choose_codec``. Out: (text, codec used); bytes the codec cannot read
    become U+FFFD, and windows-1252 is used when nothing fits.
    """
    codec = choose_codec(data, declared) or "cp1252"
    return data.decode(codec, errors="replace"), codec


def decode_bytes(
    data: bytes, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> str:
    """Decode user input to text by the rules of ``choose_codec``, refusing what is not
    text: empty, oversized, binary or undecodable input raises ``InputRejected``.

    >>> decode_bytes("Grüße".encode("cp1252"))
    'Grüße'
    """
    if len(data) > max_bytes:
        raise InputRejected(f"The input is {len(data):,} bytes; the limit is {max_bytes:,} bytes.")
    if not data.strip():
        raise InputRejected("The input is empty.")
    wide = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    if b"\x00" in data[:65536] and not data.startswith(wide):
        raise InputRejected("The input is binary (it contains NUL bytes), not text.")
    codec = choose_codec(data, encoding)
    try:
        text = data.decode(codec) if codec else None
    except UnicodeDecodeError:
        text = None
    if text is None:
        raise InputRejected("The input is not readable text in any known encoding.")
    return check_text(text, max_bytes=max_bytes)


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


def _document_codec(data: bytes) -> str | None:
    codec = codec_name(declared_charset(data))
    # A document readable as ASCII cannot really be UTF-16 or UTF-32 (HTML standard rule).
    if codec and codec.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return codec


def _detect(data: bytes) -> str | None:
    best = from_bytes(data, cp_isolation=_WEB_ENCODINGS).best()
    if best is None or best.percent_chaos > _MAX_CHAOS * 100:
        return None
    if "cp1252" in best.could_be_from_charset and _reads(data, "cp1252"):
        return "cp1252"
    return codec_name(best.encoding)


def _reads(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True
