"""SQLite held by another process (a long import, a backup, a second web worker) past
the busy timeout: a write answers 503 and changes nothing, and goes through once the
lock is gone. PostgreSQL waits for row locks instead; the private-server test covers it."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import PASSWORD
from sqlalchemy import func, select

from workbench import create_app
from workbench.extensions import db
from workbench.models import Article, LoginAttempt
from workbench.services.tokens import create_token
from workbench.web.errors import DATABASE_DOWN

pytestmark = pytest.mark.fault

ARTICLE = """Hilfen nach dem Hochwasser

Das Innenministerium kündigte am Montag eine Soforthilfe von 50 Millionen Euro an.
"""


@pytest.fixture
def busy_app(app, make_user):
    """The test's database, with a busy timeout of 0.2 s instead of SQLite's 5 s."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        pytest.skip("a SQLite lock; PostgreSQL stopping is tests/fault/test_database_down.py")
    busy = create_app(
        {
            **{k: app.config[k] for k in ("TESTING", "DATABASE_URL", "SECRET_KEY")},
            "INSTANCE_PATH": app.instance_path,
            "QUEUE_IMMEDIATE": True,
            "FETCH_ON_IMPORT": False,
            "WTF_CSRF_ENABLED": False,
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"timeout": 0.2}},
        }
    )
    yield busy
    with busy.app_context():
        db.session.remove()
        db.engine.dispose()


def _locked(app) -> sqlite3.Connection:
    """Another connection holding the write lock, as a second process would."""
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_a_write_to_a_locked_sqlite_database_answers_503_and_then_goes_through(busy_app, make_user):
    user = make_user("reviewer", "rita")
    with busy_app.app_context():
        _, secret = create_token(db.session, db.session.get(type(user), user.id), "cms")
        db.session.remove()
    api = busy_app.test_client()
    bearer = {"Authorization": f"Bearer {secret}"}
    browser = busy_app.test_client()

    holder = _locked(busy_app)
    try:
        imported = api.post("/api/v1/articles", json={"text": ARTICLE}, headers=bearer)
        assert imported.status_code == 503 and imported.headers["Retry-After"] == "60"
        assert imported.get_json()["error"]["code"] == "database_unavailable"
        login = browser.post("/login", data={"username": "rita", "password": PASSWORD})
        assert login.status_code == 503
        assert DATABASE_DOWN in login.get_data(as_text=True)
    finally:
        holder.rollback()
        holder.close()
    assert _count(busy_app, Article) == 0 and _count(busy_app, LoginAttempt) == 0

    imported = api.post("/api/v1/articles", json={"text": ARTICLE}, headers=bearer)
    assert imported.status_code == 201
    assert (
        browser.post("/login", data={"username": "rita", "password": PASSWORD}).status_code == 302
    )
