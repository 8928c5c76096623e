"""Is a page inert? What in its markup would run script: an inline or foreign script,
an event-handler attribute, a ``javascript:`` address, an element that only a payload
puts there. Used on every page, fragment and HTML-rendered report of the suite."""

from __future__ import annotations

import re

import lxml.html

TAG = "xss"
# Elements no template uses; <svg> is allowed (the dashboard's progress bar is one).
FOREIGN = {"img", "iframe", "frame", "object", "embed", "base", "math"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
# Browsers drop tabs, newlines and control characters inside a URL's scheme.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")


def payload(field: str) -> str:
    """Every way out of a text into markup, each calling ``xss("field")``."""
    call = f'{TAG}("{field}")'
    return (
        f"<script>{call}</script> <img src=x onerror={call}> "
        f"\"><svg onload={call}> ' onmouseover='{call}' "
        f'<a href="javascript:{call}">link</a> javascript:{call}'
    )


def short_payload(field: str) -> str:
    """The same in at most 80 characters (token names, user names)."""
    return f'<img src=x onerror={TAG}("{field}")>"><svg/onload={TAG}(1)>'


def shown(field: str) -> str:
    """What the page's text holds when ``field``'s payload is shown as text."""
    return f'{TAG}("{field}")'


def dangers(html: str, *, fragment: bool = False) -> list[str]:
    """Each thing in ``html`` that would run script in a browser."""
    if not html.strip():
        return []
    root = (
        lxml.html.fragment_fromstring(html, create_parent="div")
        if fragment
        else lxml.html.document_fromstring(html)
    )
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        tag = element.tag.lower()
        if tag in FOREIGN:
            found.append(f"<{tag}> element")
        if tag == "script":
            src = element.get("src", "")
            if not src.startswith("/static/") or (element.text or "").strip():
                found.append(f"script {src or (element.text or '')[:60]!r}")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value[:40]!r}>")
            scheme = _IGNORED_IN_SCHEME.sub("", value).lower()
            if name in URL_ATTRIBUTES and scheme.startswith(("javascript:", "vbscript:")):
                found.append(f"<{tag} {name}={value[:40]!r}>")
            if name in ("srcdoc",):
                found.append(f"<{tag} srcdoc>")
    return found


def text_of(html: str, *, fragment: bool = False) -> str:
    """The text a reader sees (markup gone, entities decoded)."""
    if not html.strip():
        return ""
    root = (
        lxml.html.fragment_fromstring(html, create_parent="div")
        if fragment
        else lxml.html.document_fromstring(html)
    )
    return root.text_content()
