"""Fetch pages a user named, through the guarded fetcher, with the app's settings."""

from __future__ import annotations

from collections.abc import Mapping

from workbench.errors import FetchFailed
from workbench.sources.fetch import FetchOptions, FetchResult, fetch


def fetch_options(config: Mapping) -> FetchOptions:
    """FetchOptions from the app config (``WORKBENCH_FETCH_*`` settings)."""
    allow = config.get("FETCH_ALLOW_HOSTS") or ""
    if isinstance(allow, str):
        allow = [host for host in allow.split(",") if host.strip()]
    return FetchOptions(
        contact_url=config.get("FETCH_CONTACT_URL") or FetchOptions.contact_url,
        allow_hosts=frozenset(allow),
        respect_robots=bool(config.get("FETCH_RESPECT_ROBOTS")),
        max_bytes=int(config.get("FETCH_MAX_BYTES") or FetchOptions.max_bytes),
        retries=int(config.get("FETCH_RETRIES", FetchOptions.retries)),
        backoff_factor=float(config.get("FETCH_BACKOFF", FetchOptions.backoff_factor)),
    )


def fetch_article_page(url: str, config: Mapping) -> FetchResult:
    """The page at ``url`` for import; ``FetchFailed`` unless it answered 2xx."""
    page = fetch(url, fetch_options(config))
    if not page.ok:
        raise FetchFailed(f"{url} answered HTTP {page.status}; nothing was imported.")
    return page
