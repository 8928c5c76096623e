"""Per-host politeness: at most N requests in flight to one host, spaced by a minimum delay."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

# Forget idle hosts once this many are tracked, so a long-running process does not grow forever.
_PRUNE_AT = 1024


class HostLimiter:
    """Thread-safe gate per host: a counting semaphore of ``limit`` plus ``delay``
    seconds between the starts of two requests to the same host."""

    def __init__(self, limit: int = 2, delay: float = 0.1) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self.delay = max(0.0, delay)
        self._changed = threading.Condition()
        self._in_flight: dict[str, int] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of ``host``'s slots for the duration of the ``with`` block.

        In: a host name (case-insensitive). Blocks until a slot is free and the
        delay since the previous start to that host has passed.
        """
        host = host.lower()
        with self._changed:
            while self._in_flight.get(host, 0) >= self.limit:
                self._changed.wait()
            self._in_flight[host] = self._in_flight.get(host, 0) + 1
            now = time.monotonic()
            start_at = max(now, self._next_start.get(host, now))
            self._next_start[host] = start_at + self.delay
        try:
            if start_at > now:
                time.sleep(start_at - now)
            yield
        finally:
            with self._changed:
                self._in_flight[host] -= 1
                if len(self._in_flight) > _PRUNE_AT:
                    self._prune(time.monotonic())
                self._changed.notify_all()

    def in_flight(self, host: str) -> int:
        """How many requests to ``host`` hold a slot now (for tests and monitoring)."""
        with self._changed:
            return self._in_flight.get(host.lower(), 0)

    def _prune(self, now: float) -> None:
        for host in [h for h, count in self._in_flight.items() if count == 0]:
            if self._next_start.get(host, 0.0) <= now:
                del self._in_flight[host]
                self._next_start.pop(host, None)


def round_robin(hosts: Iterable[str]) -> list[int]:
    """An order to work through items one host after another, so that one busy host
    does not hold every worker.

    In: the host of each item. Out: item indexes, e.g. ["a", "a", "b"] -> [0, 2, 1].
    """
    queues: dict[str, list[int]] = defaultdict(list)
    for index, host in enumerate(hosts):
        queues[host.lower()].append(index)
    order: list[int] = []
    for rank in range(max((len(queue) for queue in queues.values()), default=0)):
        order.extend(queue[rank] for queue in queues.values() if rank < len(queue))
    return order
