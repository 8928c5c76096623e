"""The one function through which every network request of the workbench goes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from urllib.parse import urljoin

import requests
from urllib3.exceptions import ReadTimeoutError

from workbench.errors import FetchFailed, WorkbenchError
from workbench.sources.content_type import is_text_type, parse_content_type
from workbench.sources.guard import parse_target
from workbench.sources.limiter import HostLimiter, round_robin
from workbench.sources.options import FetchOptions, FetchResult
from workbench.sources.robots import RobotsCache
from workbench.sources.transport import SessionCache, make_retry, new_session, set_retry
from workbench.text.decode import decode_text

__all__ = ["FetchOptions", "FetchResult", "fetch", "fetch_many", "reset"]

KEPT_HEADERS = (
    "content-type",
    "content-length",
    "last-modified",
    "etag",
    "date",
    "content-language",
)
_CHUNK = 16 * 1024
_ROBOTS_MAX_BYTES = 512 * 1024
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started: float | None = None

    def start(self) -> None:
        if self.started is None:
            self.started = time.monotonic()

    def elapsed(self) -> float:
        return 0.0 if self.started is None else time.monotonic() - self.started

    def remaining(self, url: str) -> float:
        left = self.seconds - self.elapsed()
        if left <= 0:
            raise FetchFailed(f"gave up on {url}: it took longer than {self.seconds:g} s")
        return left


_SESSIONS = SessionCache()
_ROBOTS = RobotsCache()
_LIMITERS: dict[tuple[int, float], HostLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


def fetch(url: str, options: FetchOptions) -> FetchResult:
    """GET a URL through the address guard, following redirects by hand.

    In: an http(s) URL and options. Out: a FetchResult, 4xx and 5xx included
    (5xx only after the retries). Raises UnsafeURL (scheme or address refused,
    on any hop) or FetchFailed (connection error, timeout, too large, too many
    redirects or a loop, robots.txt disallows).
    """
    session = _session(_SESSIONS, options)
    session.cookies.clear()
    return _fetch(url, options, session)


def fetch_many(
    urls: Iterable[str], options: FetchOptions, *, workers: int = 16
) -> list[FetchResult | Exception]:
    """Fetch many URLs concurrently, at most ``per_host_limit`` at a time per host.

    In: URLs, options, the number of worker threads. Out: one FetchResult or the
    raised exception per URL, in the order of ``urls``.
    """
    urls = list(urls)
    results: list[FetchResult | Exception | None] = [None] * len(urls)
    sessions = SessionCache()

    def run(index: int) -> None:
        try:
            session = _session(sessions, options)
            session.cookies.clear()
            results[index] = _fetch(urls[index], options, session)
        except Exception as exc:  # one failing URL must not cost the others their results
            results[index] = exc

    try:
        with ThreadPoolExecutor(max(1, min(workers, len(urls))), "fetch") as pool:
            list(pool.map(run, round_robin(_host_or_blank(url) for url in urls)))
    finally:
        sessions.close()
    return [FetchFailed("not fetched") if result is None else result for result in results]


def reset() -> None:
    """Close the pooled connections of ``fetch`` and forget cached robots.txt rules."""
    _SESSIONS.close()
    _ROBOTS.clear()


def _fetch(url: str, options: FetchOptions, session: requests.Session) -> FetchResult:
    limiter = _limiter(options)
    deadline = _Deadline(options.total_timeout)
    redirects: list[str] = []
    current = url
    while True:
        target = parse_target(current)
        if options.respect_robots:
            _ROBOTS.check(current, options.user_agent, _robots_loader(options, session))
        with limiter.slot(target.host):
            deadline.start()
            response = _send(session, current, options, deadline)
            try:
                location = session.get_redirect_target(response)
                if location is None:
                    return _result(url, current, response, redirects, options, deadline)
            finally:
                response.close()
        redirects.append(current)
        location = urljoin(current, location)
        # A second visit is allowed: sites redirect to the same URL after setting a cookie.
        if redirects.count(location) >= 2:
            raise FetchFailed(f"redirect loop: {current} redirects back to {location} again")
        if len(redirects) > options.max_redirects:
            raise FetchFailed(f"{url} redirects more than {options.max_redirects} times")
        current = location


def _send(
    session: requests.Session, url: str, options: FetchOptions, deadline: _Deadline
) -> requests.Response:
    left = deadline.remaining(url)
    timeout = (min(options.connect_timeout, left), min(options.read_timeout, left))
    retry = make_retry(options.retries, options.backoff_factor, time.monotonic() + left)
    set_retry(session, retry)
    headers = {
        "User-Agent": options.user_agent,
        "Accept": _ACCEPT,
        "Accept-Encoding": "gzip, deflate",
    }
    try:
        return session.get(
            url, headers=headers, stream=True, allow_redirects=False, timeout=timeout
        )
    except requests.RequestException as exc:
        host = parse_target(url).host
        if isinstance(exc, requests.ConnectTimeout):
            message = f"connecting to {host} timed out after {timeout[0]:g} s"
        elif isinstance(exc, requests.ReadTimeout):
            message = f"{host} did not answer within {timeout[1]:g} s"
        elif isinstance(exc, requests.exceptions.SSLError):
            message = f"TLS with {host} failed: {_reason(exc)}"
        elif isinstance(exc, requests.ConnectionError):
            message = f"could not connect to {host}: {_reason(exc)}"
        else:
            message = f"fetching {url} failed: {_reason(exc)}"
        raise FetchFailed(message) from exc


def _result(
    url: str,
    final_url: str,
    response: requests.Response,
    redirects: list[str],
    options: FetchOptions,
    deadline: _Deadline,
) -> FetchResult:
    body = _read_body(response, final_url, options, deadline)
    media_type, declared = parse_content_type(response.headers.get("content-type"))
    text, charset = decode_text(body, declared) if is_text_type(media_type) else (None, None)
    return FetchResult(
        requested_url=url,
        final_url=final_url,
        status=response.status_code,
        content_type=media_type,
        charset=charset,
        headers={name: response.headers[name] for name in KEPT_HEADERS if name in response.headers},
        body=body,
        text=text,
        redirects=redirects,
        elapsed=deadline.elapsed(),
    )


def _read_body(
    response: requests.Response, url: str, options: FetchOptions, deadline: _Deadline
) -> bytes:
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise FetchFailed(
            f"{url} is larger than {options.max_bytes} bytes (Content-Length {declared})"
        )
    chunks: list[bytes] = []
    size, late = 0, False
    try:
        # iter_content yields decoded bytes, so the cap also bounds what gzip expands to.
        for chunk in response.iter_content(_CHUNK):
            if late:  # more body after the time was up; a body that had ended is kept
                deadline.remaining(url)
            size += len(chunk)
            if size > options.max_bytes:
                raise FetchFailed(f"{url} is larger than {options.max_bytes} bytes")
            chunks.append(chunk)
            late = deadline.elapsed() >= deadline.seconds
    except requests.RequestException as exc:
        inner = exc.args[0] if exc.args else None
        if isinstance(inner, ReadTimeoutError):
            raise FetchFailed(f"{url} stopped sending for {options.read_timeout:g} s") from exc
        raise FetchFailed(f"reading {url} failed: {_reason(exc)}") from exc
    return b"".join(chunks)


def _reason(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    inner = getattr(inner, "reason", None) or inner
    text = str(inner)
    # urllib3 prefixes its messages with the repr of the connection object.
    return text.split(">: ", 1)[-1] if text.startswith("<") else text


def _robots_loader(
    options: FetchOptions, session: requests.Session
) -> Callable[[str], tuple[int, str]]:
    robots_options = replace(
        options, respect_robots=False, max_bytes=min(options.max_bytes, _ROBOTS_MAX_BYTES)
    )

    def load(robots_url: str) -> tuple[int, str]:
        result = _fetch(robots_url, robots_options, session)
        return result.status, result.body.decode("utf-8", "replace")

    return load


def _host_or_blank(url: str) -> str:
    try:
        return parse_target(url).host
    except WorkbenchError:
        return ""


def _session(cache: SessionCache, options: FetchOptions) -> requests.Session:
    return cache.get(options.allow_hosts, lambda: new_session(options.allow_hosts))


def _limiter(options: FetchOptions) -> HostLimiter:
    # Shared by every fetch in the process with the same limits, whichever thread runs it.
    key = (options.per_host_limit, options.per_host_delay)
    with _LIMITERS_LOCK:
        if key not in _LIMITERS:
            _LIMITERS[key] = HostLimiter(*key)
        return _LIMITERS[key]
