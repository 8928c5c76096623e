"""robots.txt rules per site, read by protego, fetched once and kept for a day (RFC 9309)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from protego import Protego

from workbench.errors import FetchFailed, WorkbenchError
from workbench.sources.guard import parse_target

# RFC 9309 asks crawlers not to rely on a cached robots.txt for more than 24 hours.
CACHE_SECONDS = 24 * 60 * 60

# Loads a robots.txt URL: out (status, text); raises WorkbenchError when it cannot.
Loader = Callable[[str], tuple[int, str]]


@dataclass(frozen=True)
class _Rules:
    parser: Protego | None  # None: everything is disallowed
    problem: str
    expires: float


class RobotsCache:
    """Thread-safe cache of robots.txt rules keyed by scheme, host and port."""

    def __init__(self, ttl: float = CACHE_SECONDS) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._rules: dict[str, _Rules] = {}
        self._loading: dict[str, threading.Lock] = {}

    def check(self, url: str, user_agent: str, load: Loader) -> None:
        """Raise FetchFailed when robots.txt does not let ``user_agent`` fetch ``url``.

        In: the URL, the user agent, a loader used at most once per site and day.
        A 4xx robots.txt allows everything; a 5xx or unreachable one disallows
        everything, as RFC 9309 says.
        """
        target = parse_target(url)
        origin = f"{target.scheme}://{target.host_port}"
        rules = self._rules_for(origin, load)
        if rules.parser is None:
            raise FetchFailed(f"robots.txt of {origin} {rules.problem}, so {url} is not fetched")
        if not rules.parser.can_fetch(url, user_agent):
            raise FetchFailed(f"robots.txt of {origin} disallows fetching {url}")

    def clear(self) -> None:
        """Forget every cached robots.txt."""
        with self._lock:
            self._rules.clear()

    def _rules_for(self, origin: str, load: Loader) -> _Rules:
        with self._lock:
            loading = self._loading.setdefault(origin, threading.Lock())
        # One load per site even when many threads ask at once.
        with loading:
            with self._lock:
                rules = self._rules.get(origin)
            if rules is not None and rules.expires > time.monotonic():
                return rules
            rules = self._load(origin + "/robots.txt", load)
            with self._lock:
                self._rules[origin] = rules
                self._loading.pop(origin, None)
            return rules

    def _load(self, robots_url: str, load: Loader) -> _Rules:
        expires = time.monotonic() + self.ttl
        try:
            status, text = load(robots_url)
        except WorkbenchError as exc:
            return _Rules(None, f"could not be fetched ({exc})", expires)
        if 200 <= status < 300:
            return _Rules(Protego.parse(text), "", expires)
        if 400 <= status < 500:
            return _Rules(Protego.parse(""), "", expires)
        return _Rules(None, f"answered with status {status}", expires)
