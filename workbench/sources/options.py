"""What a fetch is asked to do (FetchOptions) and what it brings back (FetchResult)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FetchOptions:
    """How to fetch: timeouts (seconds), caps, retries, politeness and exempt hosts.

    ``allow_hosts`` holds ``host:port`` strings (``[::1]:8080`` for IPv6) that skip
    the address guard, for tests and intranet deployments.
    """

    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    total_timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff_factor: float = 0.5
    contact_url: str = "https://example.invalid/workbench"
    allow_hosts: frozenset[str] = frozenset()
    respect_robots: bool = False
    per_host_limit: int = 2
    per_host_delay: float = 0.1

    def __post_init__(self) -> None:
        hosts = frozenset(host.strip().lower() for host in self.allow_hosts)
        object.__setattr__(self, "allow_hosts", hosts)
        if min(self.connect_timeout, self.read_timeout, self.total_timeout) <= 0:
            raise ValueError("timeouts must be positive")
        if self.max_bytes <= 0 or self.max_redirects < 0 or self.retries < 0:
            raise ValueError("max_bytes must be positive, max_redirects and retries not negative")
        if self.per_host_limit < 1 or self.per_host_delay < 0:
            raise ValueError("per_host_limit must be at least 1 and per_host_delay not negative")

    @property
    def user_agent(self) -> str:
        """The User-Agent header, naming where site owners can read about the crawler."""
        return f"workbench-factcheck/0.1 (+{self.contact_url})"


@dataclass(frozen=True)
class FetchResult:
    """What a fetch produced. ``redirects`` lists the URLs that answered with a redirect,
    in order; ``final_url`` answered with ``status``. ``text`` is set for text types only."""

    requested_url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    headers: dict[str, str]
    body: bytes
    text: str | None
    redirects: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether the status is 2xx."""
        return 200 <= self.status < 300
