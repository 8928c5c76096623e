"""Fetch speed: the workbench's ``fetch_many`` against the same requests one by one with a
plain requests.Session, as a ratio measured in the same run.

    python bench/fetch.py [SEQUENTIAL_SAMPLE]

200 URLs (10 each) on 20 local servers, one per loopback address 127.0.0.1 .. 127.0.0.20,
each answering after 200 ms. The servers count the requests they hold at once, to check
the per-host limit; process RSS is printed after each of three fetch_many rounds, to show
memory stays flat. SEQUENTIAL_SAMPLE times only the first N sequential requests and scales
(the full sequential run takes about 40 s). Exits 1 if a fetch failed, the per-host limit
was exceeded or the speed-up is below the target.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests  # noqa: E402
from local_servers import SlowServer, start_servers  # noqa: E402

from workbench.sources.fetch import FetchOptions, FetchResult, fetch_many  # noqa: E402

HOSTS = 20
PER_HOST = 10
DELAY = 0.2
TARGET = 10.0
ROUNDS = 3


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def make_urls(servers: list[SlowServer]) -> list[str]:
    # Host after host, as a crawl list usually comes; fetch_many does its own interleaving.
    return [server.url(f"/article/{n}.html") for server in servers for n in range(PER_HOST)]


def sequential(urls: list[str]) -> tuple[float, list[str]]:
    failures = []
    with requests.Session() as session:
        started = time.perf_counter()
        for url in urls:
            response = session.get(url, timeout=10)
            if response.status_code != 200:
                failures.append(f"{url}: status {response.status_code}")
        return time.perf_counter() - started, failures


def failures_of(urls: list[str], results: list[FetchResult | Exception]) -> list[str]:
    failures = []
    for url, result in zip(urls, results, strict=True):
        if isinstance(result, Exception):
            failures.append(f"{url}: {type(result).__name__}: {result}")
        elif result.status != 200 or url not in (result.text or ""):
            failures.append(f"{url}: status {result.status} or not its own page")
    return failures


def floor_seconds(limit: int, delay: float) -> float:
    """The least time PER_HOST requests of DELAY each can take under the host limit."""
    starts = [0.0] * PER_HOST
    for i in range(1, PER_HOST):
        freed = starts[i - limit] + DELAY if i >= limit else 0.0
        starts[i] = max(starts[i - 1] + delay, freed)
    return starts[-1] + DELAY


def main() -> int:
    try:
        sample = int(sys.argv[1]) if len(sys.argv) > 1 else None
    except ValueError:
        sample = 0
    if sample is not None and sample < 1:
        print("usage: python bench/fetch.py [SEQUENTIAL_SAMPLE]; a positive whole number")
        return 2
    defaults = FetchOptions()
    limit, delay = defaults.per_host_limit, defaults.per_host_delay
    workers = limit * HOSTS  # more would only wait on the host limiter
    servers = start_servers(HOSTS, DELAY)
    try:
        urls = make_urls(servers)
        options = FetchOptions(allow_hosts=frozenset(s.host_port for s in servers))
        print(
            f"fetch benchmark: {len(urls)} URLs on {HOSTS} local servers "
            f"({DELAY * 1000:.0f} ms each), per-host limit {limit}, delay {delay:g} s, "
            f"{workers} workers"
        )

        timed = urls if sample is None else urls[:sample]
        seq_time, failures = sequential(timed)
        if len(timed) < len(urls):
            seq_time *= len(urls) / len(timed)
            print(
                f"sequential (baseline): {seq_time:6.1f} s   "
                f"({len(timed)} of {len(urls)} requests timed, scaled)"
            )
        else:
            print(f"sequential (baseline): {seq_time:6.1f} s")

        for server in servers:
            server.reset()
        gc.collect()
        rss = [rss_mb()]
        times = []
        for _round in range(ROUNDS):
            started = time.perf_counter()
            results = fetch_many(urls, options, workers=workers)
            times.append(time.perf_counter() - started)
            failures += failures_of(urls, results)
            del results
            gc.collect()
            rss.append(rss_mb())

        ratio = seq_time / times[0]
        floor = floor_seconds(limit, delay)
        met = ratio >= TARGET
        print(
            f"workbench fetch_many:  {times[0]:6.1f} s   = {ratio:.1f}x faster than sequential "
            f"(target >= {TARGET:g}x) {'OK' if met else 'MISSED'}"
        )
        print(
            f"  rounds 2-{ROUNDS}: "
            + ", ".join(f"{t:.2f} s" for t in times[1:])
            + f"; floor from limit {limit} and delay {delay:g} s: {floor:.1f} s "
            f"(ratio ceiling {seq_time / floor:.0f}x)"
        )

        peak = max(server.max_in_flight for server in servers)
        served = sum(server.requests for server in servers)
        within = peak <= limit
        print(
            f"max in flight per host: {peak:3d} (limit {limit}, {served} requests over "
            f"{ROUNDS} rounds) {'OK' if within else 'VIOLATED'}"
        )

        deltas = ", ".join(f"round {n} {rss[n] - rss[n - 1]:+.1f} MB" for n in range(1, ROUNDS + 1))
        print(f"memory (RSS):  {deltas}  ({rss[0]:.1f} -> {rss[-1]:.1f} MB)")

        if failures:
            print(f"FAILED: {len(failures)} of {len(urls) * ROUNDS + len(timed)} requests")
            for line in failures[:10]:
                print(f"  {line}")
        else:
            print(f"all {len(urls) * ROUNDS + len(timed)} requests answered 200 with their page")
        return 0 if met and within and not failures else 1
    finally:
        for server in servers:
            server.close()


if __name__ == "__main__":
    sys.exit(main())
