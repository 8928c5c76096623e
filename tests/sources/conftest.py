"""Local HTTP servers on 127.0.0.1 for the fetcher tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from workbench.sources.fetch import FetchOptions


@pytest.fixture(scope="session")
def _servers() -> Iterator[tuple[HTTPServer, HTTPServer]]:
    servers = (
        HTTPServer(host="127.0.0.1", port=0, threaded=True),
        HTTPServer(host="127.0.0.1", port=0, threaded=True),
    )
    for server in servers:
        server.start()
    yield servers
    for server in servers:
        server.clear()
        server.stop()


@pytest.fixture
def server(_servers: tuple[HTTPServer, HTTPServer]) -> Iterator[HTTPServer]:
    """The allowed test server: its 127.0.0.1:port is in ``options.allow_hosts``."""
    server = _servers[0]
    server.clear()
    yield server
    server.clear()


@pytest.fixture
def other_server(_servers: tuple[HTTPServer, HTTPServer]) -> Iterator[HTTPServer]:
    """A second local server whose port is not in any allow list."""
    server = _servers[1]
    server.clear()
    yield server
    server.clear()


@pytest.fixture
def options(server: HTTPServer) -> FetchOptions:
    """Options that exempt only the test server and keep retries and delays short."""
    return FetchOptions(
        connect_timeout=2.0,
        read_timeout=5.0,
        total_timeout=15.0,
        backoff_factor=0.01,
        per_host_delay=0.0,
        allow_hosts=frozenset({f"127.0.0.1:{server.port}"}),
    )
