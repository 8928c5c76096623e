"""Which sources an article cites: links, bare domains, source lists, outlet names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.text.urls import find_domains, find_urls, normalise_url, outlet_domain

PAGE = "page"
OUTLET = "outlet"

_BOLD = re.compile(r"\*\*([^*\n]{2,60})\*\*")
_NAME_LIST = re.compile(r"(?:seiten von|websites? of|pages of|sites of)\s+(.+?)[.!]?$", re.I)
_PUBLISHER = re.compile(r"^\W*(?:besuchen sie uns|visit us)\b", re.I)


@dataclass(frozen=True)
class SourceRef:
    """A source as cited: ``key`` is the normalised URL (page) or the outlet domain."""

    key: str
    kind: str
    origin: str
    label: str = ""


def page_ref(url: str, origin: str, label: str = "") -> SourceRef | None:
    """A page source for an http(s) ``url``; ``None`` for anything else, an address
    that does not parse included (``http://[fe80::1%25eth0]``, a port over 65535)."""
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        key = normalise_url(url)
    except ValueError:
        return None
    return SourceRef(key=key, kind=PAGE, origin=origin, label=label if label != url else "")


def refs_in_listing(text: str, origin: str) -> list[SourceRef]:
    """Every URL and bare domain in a source list, metadata block or footnote."""
    refs = [r for _, _, url in find_urls(text) if (r := page_ref(url, origin))]
    refs += [
        SourceRef(key=outlet_domain(domain), kind=OUTLET, origin=origin)
        for _, _, domain in find_domains(text)
    ]
    return refs


def outlet_names(text: str) -> list[str]:
    """Outlet names a closing line cites: bold names, or the list after "Seiten von"."""
    names = _BOLD.findall(text)
    if names:
        return [n.strip() for n in names]
    match = _NAME_LIST.search(text.strip())
    if not match:
        return []
    return [n.strip() for n in re.split(r",\s*|\s+(?:und|and|sowie|&)\s+", match.group(1)) if n]


def name_outlets(refs: list[SourceRef], names: list[str]) -> list[SourceRef]:
    """Give each outlet source the cited name that its domain spells, if any.

    >>> refs = [SourceRef("de.euronews.com", OUTLET, "metadata")]
    >>> name_outlets(refs, ["Euronews"])[0].label
    'Euronews'
    """
    named = []
    for ref in refs:
        label = ref.label
        if ref.kind == OUTLET and not label:
            labels = [re.sub(r"\W|_", "", part) for part in ref.key.split(".")[:-1]]
            for name in names:
                squashed = re.sub(r"\W", "", name.lower())
                if len(squashed) >= 3 and any(
                    squashed == part or (len(part) >= 4 and (part in squashed or squashed in part))
                    for part in labels
                ):
                    label = name
                    break
        named.append(SourceRef(ref.key, ref.kind, ref.origin, label))
    return named


def publisher_domain(text: str) -> str | None:
    """The publisher's own domain from a "Besuchen Sie uns auf: n-ag.net" line."""
    if not _PUBLISHER.match(text):
        return None
    domains = find_domains(text)
    return outlet_domain(domains[0][2]) if domains else None
