"""Find URLs and bare domains in text and normalise them, so one page is one source."""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

# Tracking parameters that never change which page a link shows.
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga)$", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}

URL_RE = re.compile(r"""\bhttps?://[^\s<>"'`´«»„“”\]\[)(]+""", re.I)
# Top-level domains common in the sources newsrooms cite. A closed list keeps
# "z.B", "U.S." and "report.pdf" from being read as domains.
_TLDS = (
    "de at ch com net org eu uk fr it es nl be pl cz dk se no fi ie pt gr ru ua by lt lv ee "
    "us ca au nz int gov edu info news io co tv fm online media press tr il in jp cn kr br ar mx"
).split()
DOMAIN_RE = re.compile(
    r"(?<![\w@/.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:"
    + "|".join(_TLDS)
    + r"))(?![\w-]|\.\w)",
    re.I,
)
_TRAILING = ".,;:!?)]}'\"“”’»"


def normalise_url(url: str) -> str:
    """Canonical form of an http(s) URL: lower-case scheme and host, no default
    port, no fragment, no tracking parameters, ``/`` for an empty path. The rest of
    the query stays as cited (``?x`` is not ``?x=``, escapes are not re-encoded).

    >>> normalise_url("HTTPS://Example.ORG:443/a?utm_source=x&id=2#top")
    'https://example.org/a?id=2'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        host = host.lower()
    netloc = f"[{host}]" if ":" in host else host
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc += f":{parts.port}"
    return urlunsplit((scheme, netloc, parts.path or "/", _query(parts.query), ""))


def _query(query: str) -> str:
    """The query's parameters as written, without empty ones and tracking ones."""
    return "&".join(
        part
        for part in query.split("&")
        if part and not _TRACKING.match(unquote_plus(part.split("=", 1)[0]))
    )


def outlet_domain(host: str) -> str:
    """The outlet a host names: lower case, without ``www.``.

    >>> outlet_domain("www.BMVG.de")
    'bmvg.de'
    """
    host = host.strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def find_urls(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, url)`` for each http(s) URL written out in ``text``."""
    found = []
    for match in URL_RE.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        found.append((match.start(), match.start() + len(url), url))
    return found


def find_domains(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, domain)`` for each bare domain (``www.bmvg.de``) outside URLs."""
    taken = [(s, e) for s, e, _ in find_urls(text)]
    found = []
    for match in DOMAIN_RE.finditer(text):
        start, end = match.span(1)
        if any(s <= start < e for s, e in taken):
            continue
        found.append((start, end, match.group(1)))
    return found
