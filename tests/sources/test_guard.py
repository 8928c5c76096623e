"""The address guard: refused spellings, refused names, redirects and DNS rebinding."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from workbench.errors import FetchFailed, UnsafeURL
from workbench.sources.fetch import FetchOptions, fetch
from workbench.sources.guard import check_url
from workbench.sources.transport import new_session

pytestmark = pytest.mark.security

PUBLIC = "93.184.216.34"  # never contacted: every test below stops the connect first

REFUSED = {
    "http://127.0.0.1/": "loopback",
    "http://2130706433/": "loopback address 127.0.0.1",
    "http://0x7f000001/": "loopback address 127.0.0.1",
    "http://0177.0.0.1/": "loopback address 127.0.0.1",
    "http://017700000001/": "loopback address 127.0.0.1",
    "http://0x7f.1/": "loopback address 127.0.0.1",
    "http://127.1/": "loopback address 127.0.0.1",
    "http://127.0.0.1.:8080/": "loopback",
    "http://[::1]/": "loopback address ::1",
    "http://[::ffff:127.0.0.1]/": "loopback address 127.0.0.1 (embedded in ::ffff:7f00:1)",
    "http://[::ffff:7f00:1]/": "loopback",
    "http://[::127.0.0.1]/": "loopback",
    "http://[2002:7f00:1::]/": "loopback address 127.0.0.1",
    "http://[2002:a00:1::]/": "private address 10.0.0.1",
    "http://[64:ff9b::a9fe:a9fe]/": "link-local address 169.254.169.254",
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/": "",
    "http://localhost/": "loopback",
    "http://LocalHost:5000/": "loopback",
    "http://app.localhost/": "loopback",
    "http://user:secret@127.0.0.1/": "loopback",
    "http://10.0.0.1/": "private address 10.0.0.1",
    "http://172.16.5.4/": "private address 172.16.5.4",
    "http://192.168.1.1/": "private address 192.168.1.1",
    "http://169.254.169.254/latest/meta-data/": "link-local address 169.254.169.254",
    "http://100.64.0.1/": "shared",
    "http://0.0.0.0/": "unspecified",
    "http://0/": "unspecified",
    "http://[::]/": "unspecified",
    "http://224.0.0.1/": "multicast",
    "http://[ff02::1]/": "multicast",
    "http://240.0.0.1/": "reserved",
    "http://255.255.255.255/": "",
    "http://192.0.2.10/": "",
    "http://[fe80::1]/": "link-local",
    "http://[fc00::1]/": "private",
    "http://[2001:db8::1]/": "",
    "http://1.2.3.4.5/": "not a valid IPv4 address",
    "http://0x1ffffffff/": "not a valid IPv4 address",
    "http://09.0.0.1/": "not a valid IPv4 address",
}


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Fail on any connect and count resolver calls; the list records lookups."""
    lookups: list[object] = []
    real_getaddrinfo = socket.getaddrinfo

    def counting_getaddrinfo(host: str, *args: object, **kwargs: object) -> object:
        lookups.append(host)
        return real_getaddrinfo(host, *args, **kwargs)

    def refuse(sock: socket.socket, address: object) -> None:
        raise AssertionError(f"connected to {address}")

    monkeypatch.setattr(socket, "getaddrinfo", counting_getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return lookups


def fake_resolver(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """Make getaddrinfo answer the given IPv4 addresses in turn (the last one repeats)."""
    lookups: list[str] = []

    def getaddrinfo(host: str, port: object, *args: object, **kwargs: object) -> object:
        lookups.append(host)
        ip = answers[min(len(lookups), len(answers)) - 1]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return lookups


@pytest.mark.parametrize(("url", "why"), REFUSED.items())
def test_refused_spellings(url: str, why: str, no_connections: list[object]) -> None:
    with pytest.raises(UnsafeURL, match="refusing|not a valid") as refused:
        check_url(url, frozenset())
    assert why in str(refused.value)
    with pytest.raises(UnsafeURL):
        fetch(url, FetchOptions())
    assert no_connections == []  # not even a DNS lookup


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://localhost./", "localhost: it is a local name for the server itself"),
        ("http://LOCALHOST/", "localhost: it is a local name for the server itself"),
        ("http://app.localhost./x", "app.localhost: it is a local name for the server itself"),
        ("http://intranet/", "intranet: it is a local name on the server's own network"),
        ("http://printer.local/", "printer.local: it is a local name on the server's own network"),
        ("http://db.internal/", "db.internal: it is a local name on the server's own network"),
        ("http://nas.home.arpa/", "nas.home.arpa: it is a local name on the server's own network"),
        ("http://127.1/", "127.1: it is a loopback address 127.0.0.1, the server itself"),
        ("http://0x7f000001/", "it is a loopback address 127.0.0.1, the server itself"),
        ("http://[::1]/", "::1: it is a loopback address ::1, the server itself"),
        ("http://0/", "it is an unspecified address 0.0.0.0, the server itself"),
        ("http://10.0.0.1/", "it is a private address 10.0.0.1, on the server's own network"),
        ("http://169.254.169.254/", "link-local address 169.254.169.254, on the server's own"),
        (
            "http://[::ffff:10.0.0.1]/",
            "private address 10.0.0.1 (embedded in ::ffff:a00:1), on the server's own network",
        ),
        ("http://224.0.0.1/", "it is a multicast address 224.0.0.1, not a public one"),
    ],
)
def test_a_refusal_says_the_server_itself_or_its_own_network(
    url: str, why: str, no_connections: list[object]
) -> None:
    """Every spelling of a local address or name gets the real reason, without a lookup."""
    with pytest.raises(UnsafeURL) as refused:
        check_url(url)
    assert why in str(refused.value)
    assert no_connections == []


def test_an_allow_listed_local_name_is_fetched() -> None:
    assert check_url("http://localhost:8080/", {"localhost:8080"})


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/f",
        "file:///etc/passwd",
        "gopher://example.org/",
        "//example.org/",
        "javascript:alert(1)",
        "http:///path",
        "https://:443/",
        "http://[::1/",
    ],
)
def test_refused_schemes_and_forms(url: str, no_connections: list[object]) -> None:
    with pytest.raises(UnsafeURL):
        fetch(url, FetchOptions())
    assert no_connections == []


def test_name_resolving_to_a_private_address(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_resolver(monkeypatch, "10.0.0.5")
    with pytest.raises(UnsafeURL, match="intranet.example: it resolves to a private address 10.0"):
        fetch("http://intranet.example/", FetchOptions())


def test_one_private_address_among_public_ones_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def getaddrinfo(host: str, port: object, *args: object, **kwargs: object) -> object:
        ips = (PUBLIC, "10.1.1.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in ips]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    with pytest.raises(UnsafeURL, match="10.1.1.1"):
        check_url("https://mixed.example/")


def test_public_name_passes_and_unknown_name_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_resolver(monkeypatch, PUBLIC)
    assert check_url("https://user@news.example/a") == [(socket.AF_INET, PUBLIC)]

    def no_such_name(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    with pytest.raises(FetchFailed, match="cannot resolve nowhere.example"):
        check_url("http://nowhere.example/")


def test_allow_list_is_per_host_and_port() -> None:
    local = [(socket.AF_INET, "127.0.0.1")]
    assert check_url("http://127.0.0.1:8080/x", {"127.0.0.1:8080"}) == local
    assert check_url("http://[::1]:8080/", {"[::1]:8080"}) == [(socket.AF_INET6, "::1")]
    with pytest.raises(UnsafeURL):
        check_url("http://127.0.0.1:8081/", {"127.0.0.1:8080"})


def test_redirect_to_another_local_port_is_refused(
    server: HTTPServer, other_server: HTTPServer, options: FetchOptions
) -> None:
    other_server.expect_request("/admin").respond_with_data("internal")
    server.expect_request("/jump").respond_with_data(
        "", 302, headers={"Location": other_server.url_for("/admin")}
    )
    with pytest.raises(UnsafeURL, match="loopback"):
        fetch(server.url_for("/jump"), options)
    assert other_server.log == []


def test_redirect_to_another_scheme_is_refused(server: HTTPServer, options: FetchOptions) -> None:
    server.expect_request("/ftp").respond_with_data("", 301, headers={"Location": "ftp://x.org/"})
    with pytest.raises(UnsafeURL, match="ftp://"):
        fetch(server.url_for("/ftp"), options)


def test_no_dns_rebinding(
    monkeypatch: pytest.MonkeyPatch, server: HTTPServer, options: FetchOptions
) -> None:
    """First answer public, later answers 127.0.0.1: the connection must go to the first."""
    server.expect_request("/").respond_with_data("rebound")
    lookups = fake_resolver(monkeypatch, PUBLIC, "127.0.0.1")
    targets: list[object] = []
    real_connect: Callable[..., None] = socket.socket.connect

    def connect(sock: socket.socket, address: tuple[str, int]) -> None:
        targets.append(address)
        if address[0] != "127.0.0.1":
            raise ConnectionRefusedError("stopped by the test before any packet")
        real_connect(sock, address)  # a second lookup would reach the test server here

    monkeypatch.setattr(socket.socket, "connect", connect)
    url = f"http://rebind.example:{server.port}/"
    with pytest.raises(FetchFailed, match="could not connect to rebind.example"):
        fetch(url, replace(options, allow_hosts=frozenset()))
    assert lookups == ["rebind.example"]
    assert targets == [(PUBLIC, server.port)] * 3  # the first try and two retries
    assert server.log == []


def test_pinned_connection_keeps_the_host_header(
    monkeypatch: pytest.MonkeyPatch, server: HTTPServer, options: FetchOptions
) -> None:
    server.expect_request("/").respond_with_data("pinned")
    lookups = fake_resolver(monkeypatch, "127.0.0.1")
    allowed = replace(options, allow_hosts=frozenset({f"pinned.example:{server.port}"}))
    assert fetch(f"http://pinned.example:{server.port}/", allowed).text == "pinned"
    assert lookups == ["pinned.example"]
    request, _response = server.log[0]
    assert request.headers["Host"] == f"pinned.example:{server.port}"


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_pinned_https_checks_the_certificate_for_the_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=secure.example",
            "-addext",
            "subjectAltName=DNS:secure.example",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    with HTTPServer(host="127.0.0.1", port=0, ssl_context=context) as tls_server:
        tls_server.expect_request("/").respond_with_data("over tls")
        lookups = fake_resolver(monkeypatch, "127.0.0.1")
        allowed = {f"{name}:{tls_server.port}" for name in ("secure.example", "other.example")}
        session = new_session(allowed)
        try:
            response = session.get(f"https://secure.example:{tls_server.port}/", verify=str(cert))
            assert response.text == "over tls"
            assert names == ["secure.example"]
            with pytest.raises(Exception, match="(?i)hostname|match"):
                session.get(f"https://other.example:{tls_server.port}/", verify=str(cert))
        finally:
            session.close()
        assert lookups == ["secure.example", "other.example"]
