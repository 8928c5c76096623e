"""HTTP transport that connects only to the addresses the guard checked (no DNS rebinding)."""

from __future__ import annotations

import functools
import socket
import sys
import threading
import time
from collections.abc import Callable, Collection, Hashable
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ReadTimeoutError,
    ResponseError,
)
from urllib3.poolmanager import PoolManager
from urllib3.response import HTTPResponse
from urllib3.util.retry import Retry

from workbench.sources.guard import DEFAULT_PORTS, Address, check_host

RETRY_STATUSES = frozenset({500, 502, 503, 504})
# A retried error response is read to its end only when it is this small; a larger or
# endless one would defeat the size and time caps, so its connection is dropped instead.
_DRAIN_LIMIT = 64 * 1024


class _PinnedConnectionMixin:
    """Open the socket to a checked address instead of resolving ``host`` again."""

    def __init__(self, *args: Any, pinned_addresses: tuple[Address, ...] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.pinned_addresses = pinned_addresses

    def _new_conn(self) -> socket.socket:
        if not self.pinned_addresses:
            raise NewConnectionError(self, "refusing to connect: no checked address")
        error: OSError | None = None
        for family, ip in self.pinned_addresses:
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                for option in self.socket_options or ():
                    sock.setsockopt(*option)
                if self.timeout is None or isinstance(self.timeout, int | float):
                    sock.settimeout(self.timeout)
                if self.source_address:
                    sock.bind(self.source_address)
                sock.connect((ip, self.port))
            except TimeoutError as exc:
                sock.close()
                raise ConnectTimeoutError(
                    self, f"Connection to {self.host} ({ip}) timed out. (timeout={self.timeout})"
                ) from exc
            except OSError as exc:
                sock.close()
                error = exc
                continue
            sys.audit("http.client.connect", self, self.host, self.port)
            return sock
        raise NewConnectionError(self, f"Failed to establish a new connection: {error}")

    def getresponse(self) -> HTTPResponse:
        response = super().getresponse()
        # urllib3 reads a retried response to its end before retrying; bound that.
        response.drain_conn = functools.partial(_drain_or_drop, response)  # type: ignore[method-assign]
        return response


def _drain_or_drop(response: HTTPResponse) -> None:
    remaining = response.length_remaining
    if remaining is not None and remaining <= _DRAIN_LIMIT:
        HTTPResponse.drain_conn(response)
    else:
        response.close()
        response.release_conn()


class PinnedHTTPConnection(_PinnedConnectionMixin, HTTPConnection):
    """HTTP connection to a pinned address."""


class PinnedHTTPSConnection(_PinnedConnectionMixin, HTTPSConnection):
    """HTTPS connection to a pinned address; SNI and certificate check use the host name."""


class _PinnedHTTPPool(HTTPConnectionPool):
    ConnectionCls = PinnedHTTPConnection


class _PinnedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = PinnedHTTPSConnection


def _pool_key(context: dict[str, Any]) -> Hashable:
    """Key pools by every pool argument, the pinned addresses included."""
    items = []
    for name, value in context.items():
        if name in ("scheme", "host"):
            value = value.lower()
        elif isinstance(value, dict):
            value = frozenset(value.items())
        elif isinstance(value, list):
            value = tuple(value)
        items.append((name, value))
    return tuple(sorted(items, key=lambda item: item[0]))


class _PinnedPoolManager(PoolManager):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pool_classes_by_scheme = {"http": _PinnedHTTPPool, "https": _PinnedHTTPSPool}
        self.key_fn_by_scheme = {"http": _pool_key, "https": _pool_key}  # type: ignore[dict-item]


class GuardedAdapter(HTTPAdapter):
    """requests adapter: check the host of each request once, connect only to what was checked.

    requests asks the adapter for a connection pool once per request. This adapter
    resolves and checks the host at that moment and puts the checked addresses into
    the pool key; the pool's connections open their sockets to those addresses and
    never resolve the name again, while the Host header, TLS SNI and certificate
    check keep the name. Proxies are never used: they would hide the real target.
    """

    def __init__(self, allow_hosts: Collection[str], max_retries: Retry) -> None:
        self.allow_hosts = frozenset(allow_hosts)
        super().__init__(max_retries=max_retries)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        self._pool_connections = connections
        self._pool_maxsize = maxsize
        self._pool_block = block
        self.poolmanager = _PinnedPoolManager(
            num_pools=connections, maxsize=maxsize, block=block, **pool_kwargs
        )

    def get_connection_with_tls_context(
        self, request: requests.PreparedRequest, verify: Any, proxies: Any = None, cert: Any = None
    ) -> HTTPConnectionPool:
        host_params, pool_kwargs = self.build_connection_pool_key_attributes(request, verify, cert)
        scheme, host = host_params["scheme"], host_params["host"] or ""
        port = host_params["port"] or DEFAULT_PORTS.get(scheme, 80)
        pool_kwargs["pinned_addresses"] = tuple(check_host(host, port, self.allow_hosts))
        return self.poolmanager.connection_from_host(**host_params, pool_kwargs=pool_kwargs)


class _Retry(Retry):
    """urllib3 Retry that stops at the fetch's deadline and never waits again after a
    read timeout, but does retry a connection that broke early (e.g. a stale keep-alive)."""

    deadline: float | None = None

    def new(self, **kwargs: Any) -> _Retry:
        retry = super().new(**kwargs)
        retry.deadline = self.deadline
        return retry

    def increment(
        self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None
    ) -> Retry:
        if isinstance(error, ReadTimeoutError):
            raise error
        if self.deadline is not None and time.monotonic() >= self.deadline:
            # urllib3 then returns the last 5xx response or raises the connection error.
            raise MaxRetryError(_pool, url, error or ResponseError("time limit reached"))
        return super().increment(method, url, response, error, _pool, _stacktrace)

    def get_backoff_time(self) -> float:
        backoff = super().get_backoff_time()
        if self.deadline is None:
            return backoff
        return max(0.0, min(backoff, self.deadline - time.monotonic()))


def make_retry(retries: int, backoff_factor: float, deadline: float | None = None) -> Retry:
    """Retry policy: connection errors and 500/502/503/504 answers, with backoff.

    In: how many retries, the backoff factor, and a ``time.monotonic()`` after
    which no retry starts. Out: a urllib3 Retry that returns the last 5xx
    response instead of raising once retries are used up.
    """
    retry = _Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        redirect=0,
        backoff_factor=backoff_factor,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        raise_on_status=False,
        raise_on_redirect=False,
        respect_retry_after_header=False,
    )
    retry.deadline = deadline
    return retry


class _NoFollowSession(requests.Session):
    def resolve_redirects(self, *args: Any, **kwargs: Any) -> Any:
        # With allow_redirects=False requests still reads a whole 3xx body here to
        # prepare Response.next, uncapped; fetch follows redirects itself.
        return iter(())


def new_session(allow_hosts: Collection[str]) -> requests.Session:
    """A session whose every http(s) request goes through ``GuardedAdapter``.

    In: exempt ``host:port`` strings. Out: a session that ignores proxy and netrc
    settings from the environment and does not retry until ``set_retry`` is called.
    """
    session = _NoFollowSession()
    session.trust_env = False
    session.adapters.clear()
    adapter = GuardedAdapter(allow_hosts, make_retry(0, 0.0))
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def set_retry(session: requests.Session, retry: Retry) -> None:
    """Use ``retry`` for the session's next requests (a session serves one thread at a time)."""
    for adapter in session.adapters.values():
        adapter.max_retries = retry  # type: ignore[attr-defined]


class SessionCache:
    """One session per thread and configuration, reused across requests, closed together.

    Sessions of threads that have ended are closed when the next session is made.
    """

    def __init__(self) -> None:
        self._local = threading.local()
        self._lock = threading.Lock()
        self._sessions: list[tuple[threading.Thread, requests.Session]] = []

    def get(self, key: Hashable, factory: Callable[[], requests.Session]) -> requests.Session:
        """This thread's session for ``key``, made by ``factory`` on first use."""
        local = self._local
        sessions: dict[Hashable, requests.Session] = local.__dict__.setdefault("sessions", {})
        session = sessions.get(key)
        if session is None:
            session = sessions[key] = factory()
            with self._lock:
                ended = [entry for entry in self._sessions if not entry[0].is_alive()]
                self._sessions = [entry for entry in self._sessions if entry[0].is_alive()]
                self._sessions.append((threading.current_thread(), session))
            for _thread, old in ended:
                old.close()
        return session

    def close(self) -> None:
        """Close every session handed out (their pooled sockets too); call when idle."""
        with self._lock:
            sessions, self._sessions = self._sessions, []
            self._local = threading.local()
        for _thread, session in sessions:
            session.close()
