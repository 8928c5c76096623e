"""Real worker processes on the real queue: a fetch whose worker is killed leaves
nothing half-written and runs again."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug import Response

from workbench import create_app
from workbench.extensions import db
from workbench.models import Snapshot, Source
from workbench.services.dialect import insert_for
from workbench.services.fetch_queue import queue_fetches

BACKENDS = ["sqlite", "redis"]


@pytest.fixture(params=BACKENDS)
def backend(request):
    if request.param == "redis" and not os.environ.get("WORKBENCH_TEST_REDIS_URL"):
        pytest.skip("set WORKBENCH_TEST_REDIS_URL to test the Redis queue (.ci/run does)")
    return request.param


def _worker(app, backend, log=None, **settings) -> subprocess.Popen:
    env = {
        **os.environ,
        "WORKBENCH_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "WORKBENCH_INSTANCE_PATH": app.instance_path,
        "WORKBENCH_FETCH_ALLOW_HOSTS": app.config["FETCH_ALLOW_HOSTS"],
        "WORKBENCH_FETCH_LEASE_SECONDS": "1",
        "WORKBENCH_FETCH_RETRIES": "0",
        **{f"WORKBENCH_{k}": str(v) for k, v in settings.items()},
    }
    if backend == "redis":
        env["WORKBENCH_REDIS_URL"] = os.environ["WORKBENCH_TEST_REDIS_URL"]
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "worker", "--threads", "2"],
        env=env,
        stdout=log or subprocess.DEVNULL,
        stderr=log or subprocess.DEVNULL,
    )


def _queue_fetch_of(queue_app, url: str) -> None:
    """Store a page source and queue its fetch on an empty real queue."""
    from workbench.extensions import queue

    with queue_app.app_context():
        queue.huey_for(queue_app).flush()
        db.session.execute(
            insert_for(db.session)(Source.__table__).values(url=url, kind="page", title="")
        )
        db.session.commit()
        source_id = db.session.scalar(select(Source.id).where(Source.url == url))
        assert queue_fetches(db.session, [source_id]) == 1


def _stop(worker: subprocess.Popen, queue_app) -> None:
    """Stop a worker as Ctrl+C would, and close the test's own connections."""
    worker.send_signal(signal.SIGINT)
    try:
        worker.wait(10)
    except subprocess.TimeoutExpired:
        worker.kill()
    with queue_app.app_context():
        db.session.remove()
        db.engine.dispose()


def _wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


# Long enough for the second worker to start: it sweeps for lost fetches at start and
# again as its first periodic job, and a job it has taken but not begun looks lost to
# the second sweep once a lease has passed since the first queued it (on a busy machine
# a lease of 1 s was, and the page was fetched twice).
KILLED_LEASE = 3


@pytest.mark.fault  # the fault suite's killed worker (tests/fault/ holds the others)
def test_killed_worker_leaves_no_snapshot_and_the_fetch_runs_again(app, httpserver, allow, backend):
    arrived, release = threading.Event(), threading.Event()
    calls = []

    def slow_then_fine(request):
        calls.append(time.monotonic())
        if len(calls) == 1:
            arrived.set()
            release.wait(20)
        return Response(
            "<html><body><p>Die Soforthilfe beträgt 50 Millionen Euro.</p></body></html>",
            content_type="text/html",
        )

    httpserver.expect_request("/langsam").respond_with_handler(slow_then_fine)
    url = f"{allow(httpserver)}/langsam"
    queue_app = _queue_app(app, backend)
    _queue_fetch_of(queue_app, url)

    first = _worker(app, backend, FETCH_LEASE_SECONDS=KILLED_LEASE)
    try:
        assert arrived.wait(30), "the worker picked up the fetch"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    release.set()

    with queue_app.app_context():
        assert db.session.scalars(select(Snapshot)).all() == []
    blobs = (
        [p for p in Path(app.config["SNAPSHOT_DIR"]).rglob("*") if p.is_file()]
        if Path(app.config["SNAPSHOT_DIR"]).exists()
        else []
    )
    assert blobs == [], "no half-written blob"

    time.sleep(KILLED_LEASE + 0.2)  # the dead worker's lease runs out
    second = _worker(app, backend, FETCH_LEASE_SECONDS=KILLED_LEASE)
    try:

        def fetched():
            with queue_app.app_context():
                db.session.rollback()
                return db.session.scalars(select(Snapshot)).all()

        assert _wait_for(fetched), "the fetch ran again in the new worker"
        [snapshot] = fetched()
        assert snapshot.state == "fetched" and "50 Millionen Euro" in snapshot.text
        assert len(calls) == 2
    finally:
        _stop(second, queue_app)


def _queue_app(app, backend, **settings):
    """The app as a web process sees it: queueing to the real queue. Job options
    such as the retry delay travel with each job, so they are set here."""
    return create_app(
        {
            **settings,
            **{k: app.config[k] for k in ("DATABASE_URL", "SECRET_KEY", "FETCH_ALLOW_HOSTS")},
            "INSTANCE_PATH": app.instance_path,
            "QUEUE_IMMEDIATE": False,
            "REDIS_URL": os.environ.get("WORKBENCH_TEST_REDIS_URL") if backend == "redis" else None,
        }
    )


def test_a_failed_fetch_is_retried_with_backoff_and_leaves_one_snapshot(
    app, httpserver, allow, tmp_path
):
    """503, 503, then 200: the worker tries three times, each retry waiting longer,
    and the request leaves its one outcome; each failed try is one log line, not a
    traceback (an unreachable page is no bug)."""
    answers = iter([503, 503, 200])
    asked = []

    def flaky(request):
        asked.append(time.monotonic())
        return Response(
            "<html><body><p>Die Hilfe kommt am Montag an.</p></body></html>",
            status=next(answers),
            content_type="text/html",
        )

    httpserver.expect_request("/wackelig").respond_with_handler(flaky)
    url = f"{allow(httpserver)}/wackelig"
    # A lease longer than the worker's start: its first sweep leaves the queued job be.
    retry = {"FETCH_JOB_RETRY_DELAY": 1, "FETCH_JOB_RETRY_BACKOFF": 2, "FETCH_LEASE_SECONDS": 30}
    queue_app = _queue_app(app, "sqlite", **retry)
    _queue_fetch_of(queue_app, url)

    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        worker = _worker(app, "sqlite", log=log, **retry)
    try:

        def states():
            with queue_app.app_context():
                db.session.rollback()
                return db.session.scalars(select(Snapshot.state).order_by(Snapshot.id)).all()

        assert _wait_for(lambda: states() == ["fetched"], timeout=30), states()
        assert len(asked) == 3
        first_gap, second_gap = asked[1] - asked[0], asked[2] - asked[1]
        assert first_gap >= 1 and second_gap >= 2 * 0.9, "each retry waits longer"
    finally:
        _stop(worker, queue_app)
    logged = log_path.read_text()
    assert "Traceback" not in logged
    tries = [line for line in logged.splitlines() if "Fetch of source" in line]
    assert len(tries) == 2, logged
    assert all(f"{url}: HTTP 503 (try" in line for line in tries)
