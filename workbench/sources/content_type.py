"""The media type and charset label an HTTP response declares."""

from __future__ import annotations

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
