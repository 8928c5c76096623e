"""Pick the charset of a fetched body and decode it the way browsers do."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from workbench.text.decode import codec_name, declared_charset

_TEXT_TYPES = frozenset(
    {
        "application/json",
        "application/xml",
        "application/xhtml+xml",
        "application/javascript",
        "application/x-javascript",
        "application/ecmascript",
    }
)
_MARKUP_TYPES = frozenset({"text/html", "text/xml", "application/xml", "application/xhtml+xml"})
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 4096
# Detection only considers encodings that browsers support: charset_normalizer's favourites
# for Western text otherwise include Mac and EBCDIC code pages no web page uses.
_WEB_ENCODINGS = (
    "cp1252 cp1250 cp1251 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 cp866 cp874 koi8_r koi8_u "
    "iso8859_2 iso8859_3 iso8859_4 iso8859_5 iso8859_6 iso8859_7 iso8859_8 iso8859_10 "
    "iso8859_13 iso8859_14 iso8859_15 iso8859_16 gb18030 big5 euc_jp iso2022_jp shift_jis "
    "euc_kr utf_16 utf_32"
).split()


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header.

    In: e.g. 'Text/HTML; charset="UTF-8"'. Out: ("text/html", "UTF-8");
    ("application/octet-stream", None) when the header is missing or empty.
    """
    media_type, _, params = (header or "").partition(";")
    media_type = media_type.strip().lower() or "application/octet-stream"
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").strip() or None
    return media_type, charset


def is_text_type(media_type: str) -> bool:
    """Whether a media type is text a reader wants decoded: text/*, HTML, XML, JSON."""
    return (
        media_type.startswith("text/")
        or media_type in _TEXT_TYPES
        or media_type.endswith(("+xml", "+json"))
    )


def declared_in_document(body: bytes, media_type: str) -> str | None:
    """The codec an HTML or XML document names in its first 4 KB, if any and known."""
    if media_type not in _MARKUP_TYPES and not media_type.endswith("+xml"):
        return None
    codec = codec_name(declared_charset(body[:_SNIFF_BYTES]))
    # A document readable as ASCII cannot really be UTF-16 or UTF-32 (HTML standard rule).
    if codec and codec.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return codec


def choose_codec(body: bytes, media_type: str, header_charset: str | None) -> str:
    """Decide how to decode a body.

    In: the body, its media type and the Content-Type charset (or None).
    Out: a codec name. Order: byte-order mark, header charset, the document's
    own declaration, JSON's UTF-8, valid UTF-8, charset_normalizer detection
    among web encodings (windows-1252 on a tie or when nothing fits).
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return codec
    codec = codec_name(header_charset) or declared_in_document(body, media_type)
    if codec:
        return codec
    if media_type == "application/json" or media_type.endswith("+json"):
        return "utf-8"
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    best = from_bytes(body, cp_isolation=_WEB_ENCODINGS).best()
    if best is None or "cp1252" in best.could_be_from_charset:
        # Where windows-1252 reads the bytes as well as the winner, it is the likelier one.
        return "cp1252"
    return codec_name(best.encoding) or "cp1252"


def decode_body(body: bytes, media_type: str, header_charset: str | None) -> tuple[str, str]:
    """Decode a text body, replacing bytes the chosen charset cannot read.

    In: as ``choose_codec``. Out: (text, codec name used).
    """
    codec = choose_codec(body, media_type, header_charset)
    return body.decode(codec, errors="replace"), codec
