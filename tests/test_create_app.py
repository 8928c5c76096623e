"""create_app's deployment settings: a warning for the development key, and the client's
address and scheme taken from a trusted reverse proxy (WORKBENCH_PROXY_FIX)."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import select

from workbench import create_app
from workbench.config import DEVELOPMENT_SECRET_KEY
from workbench.extensions import db
from workbench.models import LoginAttempt

PROXY = {"REMOTE_ADDR": "10.0.0.2"}
FORWARDED_FOR = {"X-Forwarded-For": "203.0.113.9"}
FORWARDED_HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.fixture
def make_app(app):
    """Another app on the test's database and instance folder, with ``settings``; its
    connections are closed at the end of the test."""
    made = []

    def make(**settings):
        made.append(
            create_app(
                {
                    "DATABASE_URL": app.config["DATABASE_URL"],
                    "INSTANCE_PATH": app.instance_path,
                    "SECRET_KEY": "0123456789abcdef" * 4,
                    "QUEUE_IMMEDIATE": True,
                    **settings,
                }
            )
        )
        return made[-1]

    yield make
    for other in made:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_the_development_key_is_named_in_the_log_at_start_up(make_app, caplog):
    with caplog.at_level(logging.WARNING):
        make_app(SECRET_KEY=DEVELOPMENT_SECRET_KEY)
    [warning] = _warnings(caplog)
    assert warning.startswith("WORKBENCH_SECRET_KEY is the public development key")


def test_no_warning_with_a_real_key_or_in_development(make_app, caplog):
    with caplog.at_level(logging.WARNING):
        make_app()
        make_app(SECRET_KEY=DEVELOPMENT_SECRET_KEY, ENV="development")
    assert _warnings(caplog) == []


def test_a_proxy_fix_that_is_not_a_count_stops_start_up(make_app):
    with pytest.raises(ValueError, match="WORKBENCH_PROXY_FIX is 'yes'"):
        make_app(PROXY_FIX="yes")


def _fail_login(test_client) -> str:
    """Post a wrong password through the real form; the address the attempt was kept under."""
    page = test_client.get("/login", headers=FORWARDED_FOR, environ_base=PROXY)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    response = test_client.post(
        "/login",
        data={"username": "nobody", "password": "wrong", "csrf_token": token},
        headers=FORWARDED_FOR,
        environ_base=PROXY,
    )
    assert response.status_code == 401
    with test_client.application.app_context():
        return db.session.scalars(select(LoginAttempt.address)).one()


def test_behind_a_trusted_proxy_throttling_sees_the_client_and_cookies_are_secure(make_app):
    behind_proxy = make_app(PROXY_FIX=1)
    assert _fail_login(behind_proxy.test_client()) == "203.0.113.9"
    page = behind_proxy.test_client().get("/login", headers=FORWARDED_HTTPS)
    assert "Secure" in page.headers["Set-Cookie"]


def test_without_proxy_fix_forwarded_headers_are_ignored(make_app):
    """A client cannot choose the address it is throttled under."""
    direct = make_app()
    assert _fail_login(direct.test_client()) == "10.0.0.2"
    page = direct.test_client().get("/login", headers=FORWARDED_HTTPS)
    assert "Secure" not in page.headers["Set-Cookie"]
