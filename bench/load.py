"""Load benchmark: a newsroom's worth of data in PostgreSQL, the workbench on gunicorn
(4 workers) and 16 reviewers at once, from a second process.

    python bench/load.py [--quick] [--fill-only] [--database URL] [--clients N]
                         [--seconds S] [--think T]

Fills its own database (``workbench_load`` on the local server unless --database or
WORKBENCH_LOAD_DATABASE_URL says otherwise; created if missing, emptied first, migrated
with the project's migrations) with 10,000 generated articles and 400,000 claims by
COPY, timed. Then 16 logged-in reviewers, each pausing about a second between requests
(--think), use the dashboard (filtered, searched), the review page of a 200-claim
article, the API's article read and verdicts (API and web form) for 30 s; beside it,
a hello page on the same gunicorn settings and pace is the floor of what server and
client cost on this machine. Prints requests/s, p50, p95, p99 and errors per route,
checks that every accepted verdict left exactly one review event, and exits 1 when a
target is missed. --quick: 1,000 articles, 40,000 claims, 10 s. Not part of ``make
bench`` or CI: it takes minutes and wants the machine to itself.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from load_data import load  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/workbench_load"
PASSWORD = "load benchmark password"
WORKERS = 4  # as bench/load_gunicorn.py says
APP_NAME = "workbench-load"
TARGET_P95_MS = 150.0
# A reviewer reads before the next click: each client waits 0 to 2 s (1 s on average)
# between requests, so 16 of them ask about 15 pages a second, a busier desk than the
# thirty reviewers the workbench is built for. --think 0 measures the server saturated.
THINK = 1.0
FULL = {"articles": 10_000, "claims": 400_000, "seconds": 30, "warmup": 5, "floor": 15}
QUICK = {"articles": 1_000, "claims": 40_000, "seconds": 10, "warmup": 2, "floor": 5}


def main() -> int:
    args = _arguments()
    size = QUICK if args.quick else FULL
    seconds = args.seconds or size["seconds"]
    url = args.database or os.environ.get("WORKBENCH_LOAD_DATABASE_URL") or DEFAULT_URL
    print(f"machine: {os.cpu_count()} cores, load average {_load()} before the run")
    prepare_database(url)
    started = time.perf_counter()
    from workbench.services.database import upgrade

    upgrade(_sqlalchemy_url(url))
    print(f"schema: migrated in {time.perf_counter() - started:.1f} s")
    password_hash = generate_password_hash(PASSWORD)
    plan, rows, took = load(
        _psycopg_url(url), size["articles"], size["claims"], password_hash, args.clients
    )
    total = sum(rows.values())
    print(
        f"bulk load (COPY, then VACUUM ANALYZE): {total:,} rows in {took:.1f} s "
        f"= {total / took:,.0f} rows/s"
    )
    print("  " + ", ".join(f"{table} {n:,}" for table, n in rows.items()))
    if args.fill_only:
        return 0
    with tempfile.TemporaryDirectory(prefix="workbench-load-") as tmp:
        usernames = [f"load{i + 1:02d}" for i in range(args.clients)]
        tokens = create_tokens(url, tmp, usernames)
        hello = Server("hello", "load_hello:app", HERE, {}, Path(tmp))
        app = Server(
            "workbench",
            "workbench.wsgi:app",
            ROOT,
            {
                "WORKBENCH_ENV": "production",
                # The name finds the app's database backends, to count their CPU time.
                "WORKBENCH_DATABASE_URL": _with_name(url),
                "WORKBENCH_SECRET_KEY": os.urandom(24).hex(),
                "WORKBENCH_INSTANCE_PATH": str(Path(tmp) / "instance"),
                "WORKBENCH_FETCH_ON_IMPORT": "false",
            },
            Path(tmp),
        )
        floor = result = None
        try:
            hello.start("/")
            app.start("/login")
            common = {
                "clients": args.clients,
                "usernames": usernames,
                "password": PASSWORD,
                "think": args.think,
            }
            floor = drive(
                tmp,
                "floor",
                {
                    **common,
                    "base_url": hello.url,
                    "mode": "floor",
                    "seconds": size["floor"],
                    "warmup": 1,
                },
                lambda: {"hello": hello.cpu_seconds()},
            )
            events_before = _max_event_id(url)
            print(f"load average {_load()} before the clients start")
            result = drive(
                tmp,
                "app",
                {
                    **common,
                    "base_url": app.url,
                    "mode": "app",
                    "seconds": seconds,
                    "warmup": size["warmup"],
                    "tokens": tokens,
                    "articles": plan.articles,
                    "long_articles": plan.long_articles,
                    "languages": plan.languages,
                    "search_terms": plan.search_terms,
                    "claims": plan.decidable,
                },
                lambda: {
                    "workbench": app.cpu_seconds(),
                    "its PostgreSQL": backends_cpu_seconds(url),
                },
            )
            print(f"load average {_load()} after the run")
        finally:
            app.stop()
            hello.stop()
    if result is None or floor is None:
        return 1
    met = print_table(result, floor, args.clients, args.think)
    costs = [f"{name} {ms:.1f} ms" for name, ms in (*_cpu(result), *_cpu(floor))]
    print(f"server CPU per measured request: {', '.join(costs)}")
    versions = {claim_id: version for claim_id, version, _, _ in plan.decidable}
    met &= check_events(url, events_before, result["accepted"], versions)
    return 0 if met else 1


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rows, a shorter run")
    parser.add_argument("--database", help=f"PostgreSQL URL (default {DEFAULT_URL})")
    parser.add_argument("--fill-only", action="store_true", help="fill the database and stop")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, help="measured seconds (default 30, quick 10)")
    parser.add_argument(
        "--think",
        type=float,
        default=THINK,
        help=f"mean seconds a client waits between requests (default {THINK}; 0: no pause)",
    )
    args = parser.parse_args()
    if args.clients < 1 or (args.seconds is not None and args.seconds < 1):
        parser.error("--clients and --seconds are positive whole numbers")
    if args.think < 0:
        parser.error("--think is zero or more seconds")
    return args


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _sqlalchemy_url(url: str) -> str:
    from workbench.config import database_url

    return database_url("", _psycopg_url(url))


def prepare_database(url: str) -> None:
    """Create the database if it is missing; drop everything in it."""
    url = _psycopg_url(url)
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if name in ("", "test", "postgres"):
        raise SystemExit(f"refusing to empty the database {name!r}: give one of its own")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            print(f"database {name}: exists, emptied")
        else:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"database {name}: created")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def create_tokens(url: str, instance: str, usernames: list[str]) -> list[str]:
    """An API token per client, made by the token service as an operator would."""
    from sqlalchemy import select

    from workbench import create_app
    from workbench.extensions import db
    from workbench.models import User
    from workbench.services.tokens import create_token

    app = create_app(
        {"DATABASE_URL": _psycopg_url(url), "INSTANCE_PATH": instance, "SECRET_KEY": "load"}
    )
    secrets = []
    with app.app_context():
        for name in usernames:
            user = db.session.scalar(select(User).where(User.username == name))
            secrets.append(create_token(db.session, user, "load benchmark")[1])
        db.session.remove()
        db.engine.dispose()
    return secrets


class Server:
    """gunicorn with the benchmark's settings (bench/load_gunicorn.py) on a free port of
    127.0.0.1."""

    def __init__(self, name: str, app: str, chdir: Path, env: dict, tmp: Path) -> None:
        self.name, self.app, self.chdir, self.env = name, app, chdir, env
        self.log = tmp / f"{name}.log"
        self.ready = tmp / f"{name}-ready"
        self.ready.mkdir()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self, ready_path: str) -> None:
        command = [
            sys.executable, "-m", "gunicorn",
            "--config", str(HERE / "load_gunicorn.py"),
            "--bind", f"127.0.0.1:{self.port}",
            "--chdir", str(self.chdir),
            "--error-logfile", str(self.log),
            self.app,
        ]  # fmt: skip
        env = {**os.environ, **self.env, "LOAD_READY_DIR": str(self.ready)}
        self.process = subprocess.Popen(command, env=env)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name}: gunicorn stopped\n{self.log.read_text()}")
            if len(list(self.ready.iterdir())) >= WORKERS:
                try:
                    if requests.get(self.url + ready_path, timeout=30).status_code == 200:
                        print(f"{self.name}: gunicorn, {WORKERS} workers, at {self.url}")
                        return
                except requests.RequestException:
                    pass
            time.sleep(0.2)
        raise SystemExit(f"{self.name}: gunicorn's workers were not ready within 180 s")

    def cpu_seconds(self) -> float:
        """CPU time the master and its workers have used so far."""
        if self.process is None:
            return 0.0
        workers = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    workers.append(int(stat.parent.name))
            except (OSError, ValueError, IndexError):
                continue
        return cpu_seconds([self.process.pid, *workers])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def drive(tmp: str, name: str, plan: dict, cpu) -> dict | None:
    """Run the clients' process on ``plan``; its result with ``cpu``, how many CPU
    seconds each server in ``cpu()`` used while requests were measured; None when the
    process failed."""
    plan_path, result_path = Path(tmp) / f"{name}-plan.json", Path(tmp) / f"{name}-result.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    print(
        f"{name}: {plan['clients']} clients for {plan['warmup']} s warm-up "
        f"and {plan['seconds']} s measured"
    )
    command = [sys.executable, str(HERE / "load_client.py"), plan_path, result_path]
    marks = {}
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as clients:
        for line in clients.stdout:
            marks[line.strip()] = cpu()
    if clients.returncode != 0 or len(marks) != 2:
        print(f"{name}: the clients' process failed ({clients.returncode})")
        return None
    result = json.loads(result_path.read_text(encoding="utf-8"))
    result["cpu"] = {k: marks["done"][k] - marks["measuring"][k] for k in marks["done"]}
    return result


def _cpu(result: dict) -> list[tuple[str, float]]:
    """Each server's CPU time per measured request: what the requests cost, less
    swayed by other load than their latency (though crowded cores run slower too)."""
    requests = max(1, sum(len(entry["latencies"]) for entry in result["routes"].values()))
    return [(name, 1000 * seconds / requests) for name, seconds in result["cpu"].items()]


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of a sorted list, in milliseconds."""
    if not ordered:
        return math.nan
    return 1000 * ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def print_table(result: dict, floor: dict, clients: int, think: float) -> bool:
    """The figures per route; True when every route met its targets."""
    pace = f"pausing 0-{2 * think:g} s between requests" if think else "without pause"
    print()
    print(f"{clients} clients {pace}; targets: p95 < {TARGET_P95_MS:.0f} ms, no errors")
    header = (
        f"{'route':<26}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p99 ms':>9}{'errors':>8}  targets"
    )
    print(header)
    print("-" * len(header))
    met = True
    rows = [(name, entry, True) for name, entry in sorted(result["routes"].items())]
    every = [x for entry in result["routes"].values() for x in entry["latencies"]]
    errors = sum(entry["errors"] for entry in result["routes"].values())
    rows.append(("all workbench routes", {"latencies": every, "errors": errors}, False))
    rows += [(name, entry, False) for name, entry in floor["routes"].items()]
    for name, entry, judged in rows:
        ordered = sorted(entry["latencies"])
        seconds = floor["seconds"] if name.endswith("(floor)") else result["seconds"]
        p95 = percentile(ordered, 95)
        verdict = ""
        if judged:
            ok = bool(ordered) and p95 < TARGET_P95_MS and entry["errors"] == 0
            met &= ok
            verdict = "OK" if ok else "MISSED"
        print(
            f"{name:<26}{len(ordered):>9}{len(ordered) / seconds:>8.1f}"
            f"{percentile(ordered, 50):>9.1f}{p95:>9.1f}{percentile(ordered, 99):>9.1f}"
            f"{entry['errors']:>8}  {verdict}"
        )
    for sample in result["samples"] + floor["samples"]:
        print(f"  error: {sample}")
    return met


def check_events(url: str, before: int, accepted: list, versions: dict[int, int]) -> bool:
    """Every accepted verdict left exactly one status event and moved its claim one
    version on, nothing else left an event, and each claim has its last verdict."""
    wanted = Counter(claim_id for claim_id, _, _ in accepted)
    last = {claim_id: status for claim_id, status, _ in accepted}
    with psycopg.connect(_psycopg_url(url)) as conn:
        rows = conn.execute(
            "SELECT claim_id, count(*) FROM review_events"
            " WHERE id > %s AND action = 'status' GROUP BY claim_id",
            (before,),
        ).fetchall()
        found = Counter(dict(rows))
        other = conn.execute(
            "SELECT count(*) FROM review_events WHERE id > %s AND action <> 'status'", (before,)
        ).fetchone()[0]
        claims = conn.execute(
            "SELECT id, version, status FROM claims WHERE id = ANY(%s)", (list(wanted),)
        ).fetchall()
    lost = sum((wanted - found).values())
    extra = sum((found - wanted).values()) + other
    wrong = sum(
        1
        for cid, version, status in claims
        if version != versions[cid] + wanted[cid] or status != last[cid]
    )
    ok = lost == 0 and extra == 0 and wrong == 0 and len(claims) == len(wanted)
    print(
        f"verdicts accepted: {len(accepted)}; review events they left: "
        f"{sum(found.values())}; lost {lost}, extra {extra}; claims whose version or "
        f"status is not their last verdict's: {wrong}  {'OK' if ok else 'MISSED'}"
    )
    return ok


def _with_name(url: str) -> str:
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, f"application_name={APP_NAME}") if q)
    return urlunsplit(parts._replace(query=query))


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time these processes have used so far (those gone count 0)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def backends_cpu_seconds(url: str) -> float:
    """CPU time of the PostgreSQL backends serving the workbench."""
    with psycopg.connect(_psycopg_url(url)) as conn:
        pids = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s", (APP_NAME,)
        ).fetchall()
    return cpu_seconds([pid for (pid,) in pids])


def _max_event_id(url: str) -> int:
    with psycopg.connect(_psycopg_url(url)) as conn:
        return conn.execute("SELECT coalesce(max(id), 0) FROM review_events").fetchone()[0]


if __name__ == "__main__":
    sys.exit(main())
