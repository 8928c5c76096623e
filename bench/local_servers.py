"""Slow local HTTP servers for benchmarks: one per loopback address (127.0.0.N), each
answering every GET after a fixed delay and counting how many requests it holds at once."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FILLER = "Die Stadt meldet neue Zahlen zum Haushalt, der Rat berät am Montag darüber. "


class SlowServer:
    """A ThreadingHTTPServer on ``address`` (port chosen by the OS) in a daemon thread."""

    def __init__(self, address: str, delay: float) -> None:
        self.delay = delay
        self._lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.requests = 0
        self._httpd = ThreadingHTTPServer((address, 0), _handler_for(self))
        self.host, self.port = self._httpd.server_address[:2]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name=f"server-{self.host}", daemon=True
        )
        self._thread.start()

    @property
    def host_port(self) -> str:
        return f"{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return f"http://{self.host_port}{path}"

    def reset(self) -> None:
        with self._lock:
            self.max_in_flight = self.requests = 0

    def enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.requests += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


def _handler_for(server: SlowServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real sites and requests' pools use
        # Headers and body go out in two writes; with Nagle on, the second waits ~40 ms
        # for the client's delayed ACK, which would pad every request of the baseline.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            server.enter()
            try:
                time.sleep(server.delay)
                body = page(server.host_port, self.path)
            finally:
                # Counted as done before the answer is written: the client holds its host
                # slot until it has read the answer, so this window lies inside the slot
                # and a count above the limit can only mean the limit was broken.
                server.leave()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


def page(host_port: str, path: str, size: int = 2048) -> bytes:
    """A small HTML page of about ``size`` bytes that names its own URL."""
    url = f"http://{host_port}{path}"
    head = f"<!doctype html><html><head><title>{url}</title></head><body>"
    text = f"<h1>{url}</h1><p>" + FILLER * (size // len(FILLER))
    return (head + text[: size - len(head) - 18] + "</p></body></html>").encode("utf-8")


def start_servers(count: int, delay: float) -> list[SlowServer]:
    """``count`` servers on 127.0.0.1 .. 127.0.0.<count>, distinct hosts to a client."""
    if not 1 <= count <= 254:
        raise ValueError("count must be between 1 and 254")
    servers: list[SlowServer] = []
    try:
        for n in range(1, count + 1):
            servers.append(SlowServer(f"127.0.0.{n}", delay))
    except BaseException:
        for server in servers:
            server.close()
        raise
    return servers
