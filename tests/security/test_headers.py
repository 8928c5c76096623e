"""The security headers on every response: error pages (400, 403, 404, 405, 413, 429,
500), static files, downloads, the served report and the API, answers and errors alike
(each page for each role and for nobody: tests/security/test_access.py). A policy that would let an
injected script run (inline, eval, another origin) or let another site frame the page
is an attack getting through."""

from __future__ import annotations

import io

import pytest
from api_client import api_client
from conftest import PASSWORD
from routes import world
from security.headers import header_problems, policy

from workbench.services.users import MAX_FAILURES_PER_ACCOUNT

pytestmark = pytest.mark.security


def _check(attack, where: str, response) -> None:
    with attack("headers", f"{where} ({response.status_code})"):
        found = header_problems(response)
        assert not found, found


@pytest.fixture
def setup(app, make_user, demo_text):
    ids = world(app, make_user, demo_text)
    users = {role: make_user(role, f"h-{role}").get_id() for role in ("reviewer", "admin")}

    def client_as(role: str | None):
        test_client = app.test_client()
        if role:
            with test_client.session_transaction() as flask_session:
                flask_session["_user_id"] = users[role]
        return test_client

    return ids, client_as


def test_every_response_carries_the_headers(app, attack, setup, make_user):
    """The report, error pages, static files, downloads and the API, on one set of
    records (making them takes longer than all the requests). Every page for every
    role: tests/security/test_access.py checks their headers with their access."""
    _report(attack, *setup)
    _static_files_and_downloads(attack, *setup)
    _api(app, attack, *setup, make_user)
    _error_pages(app, attack, *setup, make_user)  # last: it turns CSRF off


def _report(attack, ids, client_as) -> None:
    """The served HTML report has its own, stricter policy."""
    response = client_as("reviewer").get(f"/articles/{ids['article_id']}/report.html")
    _check(attack, "HTML report", response)
    with attack("headers", "HTML report allows no script at all"):
        directives = policy(response.headers["Content-Security-Policy"])
        assert directives.get("default-src") == ["'none'"] and "script-src" not in directives


def _error_pages(app, attack, ids, client_as, make_user) -> None:
    reviewer, anonymous = client_as("reviewer"), client_as(None)
    answers = {
        "404 unknown address": reviewer.get("/no/such/page"),
        "404 unknown record": reviewer.get("/articles/999999"),
        "404 anonymous": anonymous.get("/no/such/page"),
        "405 wrong method": reviewer.get("/logout"),
        "400 no CSRF token": reviewer.post(f"/claims/{ids['claim_id']}/verdict"),
        "403 role": reviewer.get("/admin/users"),
        "400 bad form": anonymous.post("/login", data={}),
    }
    app.config["WTF_CSRF_ENABLED"] = False
    app.config["MAX_CONTENT_LENGTH"] = 100_000  # tests/security/test_uploads.py: the real one
    too_big = io.BytesIO(b"x" * 100_001)
    answers["413 upload"] = reviewer.post(
        f"/sources/{ids['source_id']}/upload",
        data={"file": (too_big, "big.txt")},
        content_type="multipart/form-data",
    )
    make_user("reviewer", "locked")
    for _ in range(MAX_FAILURES_PER_ACCOUNT):
        anonymous.post("/login", data={"username": "locked", "password": "wrong password"})
    answers["429 throttled"] = anonymous.post(
        "/login", data={"username": "locked", "password": PASSWORD}
    )
    for where, response in answers.items():
        assert str(response.status_code) == where[:3], (where, response.status_code)
        _check(attack, where, response)


def _static_files_and_downloads(attack, ids, client_as) -> None:
    anonymous, reviewer = client_as(None), client_as("reviewer")
    for name in ("workbench.css", "review.js", "time.js", "no-such-file.js"):
        with anonymous.get(f"/static/{name}") as response:
            _check(attack, f"static {name}", response)
    for fmt in ("csv", "md", "json"):
        _check(
            attack, f"{fmt} download", reviewer.get(f"/articles/{ids['article_id']}/report.{fmt}")
        )


def _api(app, attack, ids, client_as, make_user) -> None:
    api = api_client(app, make_user, "reviewer", "h-api")
    answers = {
        "openapi document": client_as(None).get("/api/v1/openapi.json"),
        "401 without token": client_as(None).get("/api/v1/articles"),
        "401 with a session only": client_as("reviewer").get("/api/v1/articles"),
        "article list": api.get("/articles"),
        "article": api.get(f"/articles/{ids['article_id']}"),
        "404 under the API": api.get("/no-such-thing"),
        "405 under the API": api.open("DELETE", "/articles"),
        "415 not JSON": api.post("/articles", data="x"),
        "422 bad body": api.post("/articles", json={"nothing": 1}),
        "403 role": api.post(f"/articles/{ids['article_id']}/sign-off"),
    }
    for where, response in answers.items():
        _check(attack, f"API {where}", response)


def test_a_server_error_page(app, attack, make_user):
    """A bug's 500 page (a route that raises, added for this test only)."""
    test_client = app.test_client()
    with test_client.session_transaction() as flask_session:
        flask_session["_user_id"] = make_user("reviewer", "h-bug").get_id()

    def broken():
        raise RuntimeError("a bug")

    app.add_url_rule("/broken-for-the-test", "broken", broken)
    app.testing = False  # answer with the error page instead of raising into the test
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = test_client.get("/broken-for-the-test")
    assert response.status_code == 500
    _check(attack, "500 internal error", response)
