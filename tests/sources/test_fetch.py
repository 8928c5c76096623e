"""The fetcher against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import ast
import gzip
import socket
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from workbench.errors import FetchFailed, UnsafeURL
from workbench.sources import fetch as fetch_module
from workbench.sources.fetch import FetchOptions, FetchResult, fetch, fetch_many
from workbench.sources.limiter import round_robin

GERMAN = "„Die Bürger müssen für Straßen 5 € zahlen“, sagte er. Äpfel, Öl, Übermut – weiß."


class Counter:
    """Counts requests a handler sees, and how many ran at the same time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits = 0
        self.running = 0
        self.max_running = 0

    def __enter__(self) -> Counter:
        with self.lock:
            self.hits += 1
            self.running += 1
            self.max_running = max(self.max_running, self.running)
        return self

    def __exit__(self, *exc: object) -> None:
        with self.lock:
            self.running -= 1


def test_html_page(server: HTTPServer, options: FetchOptions) -> None:
    server.expect_request("/page").respond_with_data(
        "<html><body>Grüße</body></html>",
        content_type="text/html; charset=utf-8",
        headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT", "X-Other": "x"},
    )
    result = fetch(server.url_for("/page"), options)
    assert isinstance(result, FetchResult)
    assert (result.status, result.content_type, result.charset) == (200, "text/html", "utf-8")
    assert result.text == "<html><body>Grüße</body></html>"
    assert result.body == result.text.encode("utf-8")
    assert result.final_url == result.requested_url == server.url_for("/page")
    assert result.redirects == []
    assert result.headers["etag"] == '"v1"'
    assert "last-modified" in result.headers and "x-other" not in result.headers
    assert result.ok and result.elapsed > 0


def test_sends_user_agent_with_contact_url(server: HTTPServer, options: FetchOptions) -> None:
    seen: list[str] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("User-Agent", ""))
        return Response("ok")

    server.expect_request("/ua").respond_with_handler(handler)
    fetch(server.url_for("/ua"), replace(options, contact_url="https://factcheck.test/about"))
    assert seen == ["workbench-factcheck/0.1 (+https://factcheck.test/about)"]


def test_redirect_chain_with_relative_location(server: HTTPServer, options: FetchOptions) -> None:
    server.expect_request("/start").respond_with_data("", 301, headers={"Location": "/middle"})
    server.expect_request("/middle").respond_with_data("", 302, headers={"Location": "end?x=1"})
    server.expect_request("/end").respond_with_data("done", content_type="text/plain")
    result = fetch(server.url_for("/start"), options)
    assert result.status == 200 and result.text == "done"
    assert result.final_url == server.url_for("/end?x=1")
    assert result.redirects == [server.url_for("/start"), server.url_for("/middle")]


def test_redirect_loop_fails(server: HTTPServer, options: FetchOptions) -> None:
    server.expect_request("/a").respond_with_data("", 302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", 302, headers={"Location": "/a"})
    with pytest.raises(FetchFailed, match="redirect loop"):
        fetch(server.url_for("/a"), options)


def test_five_redirects_are_followed_six_are_too_many(
    server: HTTPServer, options: FetchOptions
) -> None:
    for hop in range(7):
        server.expect_request(f"/r{hop}").respond_with_data(
            "", 302, headers={"Location": f"/r{hop + 1}"}
        )
    server.expect_request("/r7").respond_with_data("end")
    assert fetch(server.url_for("/r2"), options).text == "end"
    with pytest.raises(FetchFailed, match="more than 5 times"):
        fetch(server.url_for("/r1"), options)


def test_not_found_is_a_result(server: HTTPServer, options: FetchOptions) -> None:
    server.expect_request("/missing").respond_with_data("nope", 404, content_type="text/plain")
    result = fetch(server.url_for("/missing"), options)
    assert result.status == 404 and result.text == "nope" and not result.ok


def test_server_error_is_retried(server: HTTPServer, options: FetchOptions) -> None:
    counter = Counter()

    def handler(request: Request) -> Response:
        with counter:
            if counter.hits == 1:
                return Response("x" * 200_000, status=503)
            return Response("recovered")

    server.expect_request("/flaky").respond_with_handler(handler)
    result = fetch(server.url_for("/flaky"), options)
    assert (result.status, result.text, counter.hits) == (200, "recovered", 2)


def test_server_error_after_retries_is_a_result(server: HTTPServer, options: FetchOptions) -> None:
    counter = Counter()

    def handler(request: Request) -> Response:
        with counter:
            return Response("broken", status=500)

    server.expect_request("/broken").respond_with_handler(handler)
    result = fetch(server.url_for("/broken"), options)
    assert (result.status, result.text, counter.hits) == (500, "broken", 3)


def test_total_time_cap_stops_retries(server: HTTPServer, options: FetchOptions) -> None:
    counter = Counter()

    def handler(request: Request) -> Response:
        with counter:
            time.sleep(0.4)
            return Response("busy", status=503)

    server.expect_request("/busy").respond_with_handler(handler)
    result = fetch(server.url_for("/busy"), replace(options, total_timeout=0.6, retries=5))
    assert (result.status, counter.hits) == (503, 2)


def test_read_timeout_fails_without_retry(server: HTTPServer, options: FetchOptions) -> None:
    counter = Counter()

    def handler(request: Request) -> Response:
        with counter:
            time.sleep(1.0)
            return Response("late")

    server.expect_request("/slow").respond_with_handler(handler)
    with pytest.raises(FetchFailed, match="did not answer within 0.3 s"):
        fetch(server.url_for("/slow"), replace(options, read_timeout=0.3))
    assert counter.hits == 1


def test_total_time_cap_applies_while_streaming(server: HTTPServer, options: FetchOptions) -> None:
    def drip() -> object:
        for _ in range(20):
            time.sleep(0.1)
            yield b"x" * 10

    server.expect_request("/drip").respond_with_handler(lambda request: Response(drip()))
    with pytest.raises(FetchFailed, match="longer than 0.5 s"):
        fetch(server.url_for("/drip"), replace(options, total_timeout=0.5))


def test_connection_refused_fails(options: FetchOptions) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = replace(options, allow_hosts=frozenset({f"127.0.0.1:{port}"}))
    with pytest.raises(FetchFailed, match="could not connect to 127.0.0.1"):
        fetch(f"http://127.0.0.1:{port}/", closed)


@pytest.mark.security
def test_body_over_limit_with_content_length(server: HTTPServer, options: FetchOptions) -> None:
    server.expect_request("/big").respond_with_data(b"x" * 5000)
    with pytest.raises(FetchFailed, match="larger than 1000 bytes"):
        fetch(server.url_for("/big"), replace(options, max_bytes=1000))


@pytest.mark.security
def test_body_over_limit_when_chunked(server: HTTPServer, options: FetchOptions) -> None:
    def chunks() -> object:
        for _ in range(100):
            yield b"y" * 1000

    def handler(request: Request) -> Response:
        response = Response(chunks())
        assert "Content-Length" not in response.headers
        return response

    server.expect_request("/stream").respond_with_handler(handler)
    with pytest.raises(FetchFailed, match="larger than 20000 bytes"):
        fetch(server.url_for("/stream"), replace(options, max_bytes=20_000))
    assert len(fetch(server.url_for("/stream"), options).body) == 100_000


def test_gzip_body_is_decoded(server: HTTPServer, options: FetchOptions) -> None:
    html = "<p>komprimiert: Grüße</p>" * 50
    server.expect_request("/gz").respond_with_data(
        gzip.compress(html.encode("utf-8")),
        content_type="text/html; charset=utf-8",
        headers={"Content-Encoding": "gzip"},
    )
    result = fetch(server.url_for("/gz"), options)
    assert result.text == html


@pytest.mark.security
def test_gzip_bomb_stops_at_the_limit(server: HTTPServer, options: FetchOptions) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    server.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/plain", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchFailed, match="larger than 1000000 bytes"):
        fetch(server.url_for("/bomb"), replace(options, max_bytes=1_000_000))


def test_windows_1252_without_charset_header(server: HTTPServer, options: FetchOptions) -> None:
    page = f"<html><head><title>Nachrichten</title></head><body><p>{GERMAN}</p></body></html>"
    server.expect_request("/de").respond_with_data(page.encode("cp1252"), content_type="text/html")
    result = fetch(server.url_for("/de"), options)
    assert result.charset == "cp1252"
    assert result.text == page


def test_latin1_header_is_read_as_windows_1252(server: HTTPServer, options: FetchOptions) -> None:
    server.expect_request("/l1").respond_with_data(
        GERMAN.encode("cp1252"), content_type="text/plain; charset=ISO-8859-1"
    )
    result = fetch(server.url_for("/l1"), options)
    assert (result.text, result.charset) == (GERMAN, "cp1252")


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1251">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
    ],
)
def test_meta_charset(server: HTTPServer, options: FetchOptions, meta: str) -> None:
    page = f"<html><head>{meta}</head><body>Привет, мир</body></html>"
    server.expect_request("/ru").respond_with_data(page.encode("cp1251"), content_type="text/html")
    result = fetch(server.url_for("/ru"), options)
    assert (result.text, result.charset) == (page, "cp1251")


def test_pdf_keeps_bytes_without_text(server: HTTPServer, options: FetchOptions) -> None:
    pdf = b"%PDF-1.4\n\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
    server.expect_request("/doc.pdf").respond_with_data(pdf, content_type="application/pdf")
    result = fetch(server.url_for("/doc.pdf"), options)
    assert (result.content_type, result.text, result.charset, result.body) == (
        "application/pdf",
        None,
        None,
        pdf,
    )


def test_robots_txt_is_respected_when_asked(server: HTTPServer, options: FetchOptions) -> None:
    robots = Counter()

    def robots_handler(request: Request) -> Response:
        with robots:
            return Response("User-agent: *\nDisallow: /private\n", content_type="text/plain")

    server.expect_request("/robots.txt").respond_with_handler(robots_handler)
    server.expect_request("/private/page").respond_with_data("secret")
    server.expect_request("/public").respond_with_data("hello")
    polite = replace(options, respect_robots=True)
    with pytest.raises(FetchFailed, match="robots.txt of .* disallows fetching"):
        fetch(server.url_for("/private/page"), polite)
    assert fetch(server.url_for("/public"), polite).text == "hello"
    assert robots.hits == 1
    assert fetch(server.url_for("/private/page"), options).text == "secret"


def test_missing_robots_txt_allows_everything(server: HTTPServer, options: FetchOptions) -> None:
    server.expect_request("/robots.txt").respond_with_data("", 404)
    server.expect_request("/page").respond_with_data("fine")
    assert fetch(server.url_for("/page"), replace(options, respect_robots=True)).text == "fine"


def test_fetch_many_keeps_two_requests_per_host(server: HTTPServer, options: FetchOptions) -> None:
    counter = Counter()

    def handler(request: Request) -> Response:
        with counter:
            time.sleep(0.2)
            return Response(request.path)

    for index in range(8):
        server.expect_request(f"/slow/{index}").respond_with_handler(handler)
    urls = [server.url_for(f"/slow/{index}") for index in range(8)]
    results = fetch_many(urls, options, workers=8)
    assert [result.text for result in results] == [f"/slow/{index}" for index in range(8)]
    assert counter.hits == 8
    assert counter.max_running == 2


def test_per_host_delay_spaces_request_starts(server: HTTPServer, options: FetchOptions) -> None:
    starts: list[float] = []

    def handler(request: Request) -> Response:
        starts.append(time.monotonic())
        return Response("ok")

    server.expect_request("/spaced").respond_with_handler(handler)
    fetch_many([server.url_for("/spaced")] * 3, replace(options, per_host_delay=0.15))
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:], strict=False)]
    assert len(starts) == 3 and min(gaps) >= 0.14


def test_round_robin_takes_hosts_in_turn() -> None:
    assert round_robin(["a", "a", "a", "b", "B", "c"]) == [0, 3, 5, 1, 4, 2]


def test_fetch_many_returns_errors_in_place(server: HTTPServer, options: FetchOptions) -> None:
    server.expect_request("/one").respond_with_data("one")
    results = fetch_many([server.url_for("/one"), "ftp://example.org/x"], options)
    assert isinstance(results[0], FetchResult) and results[0].text == "one"
    assert isinstance(results[1], UnsafeURL)
    assert fetch_many([], options) == []


def test_sources_layer_imports_neither_flask_nor_sqlalchemy() -> None:
    package = Path(fetch_module.__file__).parent
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            roots = {name.split(".")[0] for name in names}
            assert not roots & {"flask", "sqlalchemy"}, f"{module.name} imports {names}"
