"""PostgreSQL stopped and started under a running web server: a clean 503 page and a
JSON 503 error while it is down, and the same server process answers again once it
is back, without being restarted."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import pytest
import requests
from conftest import PASSWORD

from workbench import create_app
from workbench.config import database_url
from workbench.extensions import db
from workbench.services.database import upgrade
from workbench.services.tokens import create_token
from workbench.services.users import create_user
from workbench.web.errors import DATABASE_DOWN, RETRY_AFTER

pytestmark = pytest.mark.fault

TIMEOUT = 10


@pytest.fixture(scope="module")
def workbench_db(private_postgres, tmp_path_factory):
    """The private server's database at the newest schema, with a reviewer ``rita``
    and an API token of hers: ``(url, bearer headers)``."""
    url = database_url("", private_postgres.url)
    upgrade(url)
    app = create_app(
        {
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(tmp_path_factory.mktemp("setup")),
            "SECRET_KEY": "x",
        }
    )
    with app.app_context():
        user = create_user(db.session, "rita", PASSWORD, "reviewer")
        _, secret = create_token(db.session, user, "cms")
        db.session.remove()
        db.engine.dispose()
    return url, {"Authorization": f"Bearer {secret}"}


@contextmanager
def _served(url: str, tmp_path):
    """``workbench serve`` (waitress, no job worker) on a free port; its output goes
    to a log file the test reads afterwards."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "WORKBENCH_DATABASE_URL": url,
        "WORKBENCH_INSTANCE_PATH": str(tmp_path / "instance"),
        "WORKBENCH_SECRET_KEY": secrets.token_hex(32),  # what serve asks of production
    }
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "workbench", "serve", "--no-worker", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{base}/login", timeout=TIMEOUT).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert server.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, "the server did not answer within 30 s"
            time.sleep(0.2)
        yield base, server
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


def _log_in(base: str, password: str = PASSWORD) -> tuple[requests.Session, requests.Response]:
    """The login form filled in and sent as a browser would (the form needs no database)."""
    browser = requests.Session()
    form = browser.get(f"{base}/login", timeout=TIMEOUT)
    assert form.status_code == 200, form.text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form.text)
    assert token, form.text
    answer = browser.post(
        f"{base}/login",
        data={"csrf_token": token.group(1), "username": "rita", "password": password},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    return browser, answer


@contextmanager
def _hammering(base: str, cookies):
    """Two clients asking for the dashboard without pause, as a desk would: every
    status they got, and any request that got no HTTP answer at all."""
    answers: list[int | str] = []
    done = threading.Event()

    def ask():
        with requests.Session() as client:
            client.cookies.update(cookies)
            while not done.is_set():
                try:
                    answers.append(client.get(f"{base}/", timeout=TIMEOUT).status_code)
                except requests.RequestException as error:
                    answers.append(repr(error))
                time.sleep(0.02)

    threads = [threading.Thread(target=ask, daemon=True) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        yield answers
    finally:
        done.set()
        for thread in threads:
            thread.join(TIMEOUT + 5)


def _answers_normally(browser, base, api):
    page = browser.get(f"{base}/", timeout=TIMEOUT)
    assert page.status_code == 200 and "rita" in page.text
    listed = requests.get(f"{base}/api/v1/articles", headers=api, timeout=TIMEOUT)
    assert listed.status_code == 200 and "articles" in listed.json()


def test_requests_get_503_while_postgresql_is_down_and_the_server_recovers_on_its_own(
    private_postgres, workbench_db, tmp_path
):
    url, api = workbench_db
    with _served(url, tmp_path) as (base, server):
        browser, answer = _log_in(base)
        assert answer.status_code == 302, answer.text
        _answers_normally(browser, base, api)

        # Restarted between two requests: every pooled connection is dead, and the
        # next request still succeeds (each connection is pinged before use).
        private_postgres.stop()
        private_postgres.start()
        _answers_normally(browser, base, api)

        with _hammering(base, browser.cookies) as answers:
            time.sleep(0.3)
            private_postgres.stop()

            page = browser.get(f"{base}/", timeout=TIMEOUT)
            assert page.status_code == 503
            assert page.headers["Content-Type"].startswith("text/html")
            assert page.headers["Retry-After"] == str(RETRY_AFTER)
            assert DATABASE_DOWN in page.text and "Fact-checking workbench" in page.text
            assert "Traceback" not in page.text

            listed = requests.get(f"{base}/api/v1/articles", headers=api, timeout=TIMEOUT)
            assert listed.status_code == 503
            assert listed.json()["error"] == {
                "code": "database_unavailable",
                "message": DATABASE_DOWN,
            }

            script = browser.get(
                f"{base}/", headers={"Accept": "application/json"}, timeout=TIMEOUT
            )
            assert (script.status_code, script.json()) == (503, {"error": DATABASE_DOWN})

            _, login = _log_in(base)
            assert (login.status_code, DATABASE_DOWN in login.text) == (503, True)

            private_postgres.start()
            _answers_normally(browser, base, api)
            time.sleep(0.3)

        assert server.poll() is None, "the same server process answered throughout"
    log = (tmp_path / "server.log").read_text(errors="replace")
    unexpected = [a for a in answers if a not in (200, 503)]
    assert answers.count(503) > 0 and answers.count(200) > 0
    assert unexpected == [], f"only 200 and 503 while the database went away: {unexpected}\n{log}"
    assert "database not answering" in log
    assert "Traceback" not in log, log[-3000:]


def test_a_request_whose_connection_dies_as_it_ends_still_gets_its_answer(
    private_postgres, workbench_db, tmp_path
):
    """The server goes away after the view has answered, before the request's session
    is closed (and rolled back): the answer stands, and the next request reconnects."""
    url, api = workbench_db
    app = create_app(
        {"DATABASE_URL": url, "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x", "TESTING": True}
    )
    stop_after = {"request": True}

    @app.after_request
    def stop_postgres(response):
        if stop_after.pop("request", False):
            private_postgres.stop()
        return response

    client = app.test_client()
    try:
        answer = client.get("/api/v1/articles", headers=api)
        assert answer.status_code == 200 and "articles" in answer.get_json()
    finally:
        private_postgres.start()
    assert client.get("/api/v1/articles", headers=api).status_code == 200
    with app.app_context():
        db.engine.dispose()
