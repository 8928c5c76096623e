"""Redis gone: imports through the web, the API and the CLI still succeed while the job
queue does not answer, each fetch they want stays recorded in the database, and a
worker started once Redis is back fetches them all. A private ``redis-server`` on a
free port is stopped and started; the shared one is never touched."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import PASSWORD
from sqlalchemy import select

from workbench import create_app
from workbench.extensions import db
from workbench.models import Snapshot, Source
from workbench.services.tokens import create_token

pytestmark = pytest.mark.fault

# A request with no job on the queue is queued again after one lease; when the queue
# could not say which jobs it holds, only after ten (50 s), longer than this test.
LEASE = 5

ARTICLE = """Hilfen nach dem Hochwasser ({via})

Das Innenministerium kündigte am Montag eine Soforthilfe von 50 Millionen Euro an.

Quellen: {url}
"""
PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Hilfe</title></head>
<body><article><p>Das Innenministerium kündigte am Montag eine Soforthilfe von
50 Millionen Euro für die Opfer des Hochwassers an ({via}).</p></article></body></html>"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """``redis-server`` on a free loopback port, with nothing saved to disk, so a
    restart starts it empty as a lost Redis host would come back."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.folder = Path(tempfile.mkdtemp(prefix="workbench-fault-redis-"))
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                *("--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder)),
                *("--save", "", "--appendonly", "no", "--protected-mode", "yes"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert _wait_for(self.answers, timeout=15), "the private redis-server started"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(15)
        assert not self.answers()

    def answers(self) -> bool:
        import redis

        try:
            return redis.Redis.from_url(self.url, socket_connect_timeout=1).ping()
        except redis.exceptions.ConnectionError:
            return False


@pytest.fixture
def private_redis():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)


def _wait_for(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _worker(app, redis_url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "WORKBENCH_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "WORKBENCH_INSTANCE_PATH": app.instance_path,
        "WORKBENCH_FETCH_ALLOW_HOSTS": app.config["FETCH_ALLOW_HOSTS"],
        "WORKBENCH_REDIS_URL": redis_url,
        "WORKBENCH_FETCH_LEASE_SECONDS": str(LEASE),
        "WORKBENCH_SECRET_KEY": "test",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "worker", "--threads", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_imports_succeed_without_redis_and_are_fetched_once_it_is_back(
    app, httpserver, allow, private_redis, make_user, tmp_path, caplog
):
    vias = ("web", "api", "cli")
    for via in vias:
        httpserver.expect_request(f"/{via}").respond_with_data(
            PAGE.format(via=via), content_type="text/html; charset=utf-8"
        )
    base = allow(httpserver)
    queue_app = create_app(
        {
            **{k: app.config[k] for k in ("DATABASE_URL", "SECRET_KEY", "FETCH_ALLOW_HOSTS")},
            "INSTANCE_PATH": app.instance_path,
            "REDIS_URL": private_redis.url,
            "QUEUE_IMMEDIATE": False,
            "FETCH_ON_IMPORT": True,
            "WTF_CSRF_ENABLED": False,
        }
    )
    reviewer = make_user("reviewer")
    with queue_app.app_context():
        _, secret = create_token(db.session, db.session.get(type(reviewer), reviewer.id), "cms")

    private_redis.stop()
    caplog.set_level(logging.WARNING, logger="workbench.queue")
    web = queue_app.test_client()
    web.post("/login", data={"username": reviewer.username, "password": PASSWORD})
    page = web.post(
        "/import",
        data={
            "text": ARTICLE.format(via="web", url=f"{base}/web"),
            "fmt": "auto",
            "language": "auto",
        },
    )
    assert page.status_code == 302, page.get_data(as_text=True)
    api = queue_app.test_client().post(
        "/api/v1/articles",
        json={"text": ARTICLE.format(via="api", url=f"{base}/api")},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert api.status_code == 201, api.get_json()
    path = tmp_path / "cli.txt"
    path.write_text(ARTICLE.format(via="cli", url=f"{base}/cli"), encoding="utf-8")
    cli = queue_app.test_cli_runner().invoke(args=["import", str(path)])
    assert cli.exit_code == 0 and "imported article" in cli.output, cli.output
    imported = time.monotonic()

    unanswered = [r for r in caplog.records if "does not answer" in r.getMessage()]
    assert len(unanswered) == 1, "the outage is logged once, not once per job"
    with queue_app.app_context():
        wanted = db.session.execute(
            select(Source.url, Source.fetch_requested_at).order_by(Source.url)
        ).all()
        wanted_urls = [f"{base}/{via}" for via in sorted(vias)]
        assert [url for url, _ in wanted] == wanted_urls
        assert all(requested is not None for _, requested in wanted), "recorded as wanted"
        assert db.session.scalars(select(Snapshot)).all() == []
        db.session.remove()
        db.engine.dispose()
    assert [r.url for r in httpserver.log] == [], "nothing was fetched while Redis was gone"

    private_redis.start()  # empty: whatever was queued before is gone too
    time.sleep(max(0.0, imported + LEASE + 0.1 - time.monotonic()))
    worker = _worker(app, private_redis.url)
    try:

        def fetched():
            with queue_app.app_context():
                db.session.rollback()
                return db.session.execute(
                    select(Source.url, Snapshot.state, Snapshot.text).join(Snapshot.source)
                ).all()

        assert _wait_for(lambda: {url for url, *_ in fetched()} == set(wanted_urls)), fetched()
        for url, state, text in fetched():
            via = url.rsplit("/", 1)[1]
            assert state == "fetched" and f"Hochwassers an ({via})" in text
        with queue_app.app_context():
            assert (
                db.session.scalars(
                    select(Source.id).where(Source.fetch_requested_at.isnot(None))
                ).all()
                == []
            ), "every request is answered"
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            output, _ = worker.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        with queue_app.app_context():
            db.session.remove()
            db.engine.dispose()
    assert "3 unfinished fetches queued again" in output, output
