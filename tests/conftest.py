"""Fixtures: an app on a fresh database (temporary SQLite, or the PostgreSQL named by
WORKBENCH_TEST_DATABASE_URL), its clients and CLI runner, and factories.

``client`` is logged in as a reviewer (most pages are for reviewers); ``anonymous`` is
a client with no session; ``login(client, role)`` logs a client in as a new user of
that role; ``make_user(role=...)`` creates one."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from pathlib import Path

import pytest
from flask import g, request_started
from sqlalchemy import create_engine, inspect, text

from workbench import create_app
from workbench.config import database_url
from workbench.extensions import db
from workbench.services.database import upgrade

RESOURCES = Path(__file__).parent / "resources"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_6e715d065b5e6bce.txt"


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers",
        "fault: a part of the stack fails (database, disk, worker); run alone with -m fault",
    )
    config.addinivalue_line(
        "markers",
        "security: an attack that must not get through (SSRF, XSS, CSRF, roles, headers); "
        "run alone with -m security",
    )


_real_connect = socket.socket.connect


def _loopback_only(sock: socket.socket, address: object) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]  # type: ignore[index]
        if not ipaddress.ip_address(host.split("%")[0]).is_loopback:
            raise AssertionError(f"a test tried to connect to {host}, which is not loopback")
    _real_connect(sock, address)


_real_getaddrinfo = socket.getaddrinfo


def _local_names_only(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else str(host or "")
    try:
        ipaddress.ip_address(name.strip("[]").split("%")[0])
    except ValueError:
        if name not in ("localhost", ""):
            raise AssertionError(
                f"a test tried to resolve {name!r}: no DNS beyond this machine"
            ) from None
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches beyond this machine: connections to other addresses fail, and
    so does resolving any name but localhost (a DNS query leaves the machine)."""
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
    monkeypatch.setattr(socket, "getaddrinfo", _local_names_only)


@pytest.fixture(autouse=True)
def _fresh_fetcher():
    """Close pooled connections and forget robots.txt rules after each test."""
    yield
    from workbench.sources import fetch

    fetch.reset()


@pytest.fixture(scope="session")
def httpserver_listen_address():
    """pytest-httpserver on 127.0.0.1 (not "localhost"), the address tests allow-list."""
    return ("127.0.0.1", 0)


def _test_database_url() -> str | None:
    url = os.environ.get("WORKBENCH_TEST_DATABASE_URL")
    return database_url("", url) if url else None


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> str:
    """A database upgraded once from empty to head: the PostgreSQL under test, wiped
    first, or a SQLite template file that each test copies."""
    url = _test_database_url()
    if url is None:
        template = tmp_path_factory.mktemp("db") / "template.sqlite3"
        url = f"sqlite:///{template}"
    else:
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    upgrade(url)
    return url


@pytest.fixture
def app(migrated_database, tmp_path):
    url = migrated_database
    if url.startswith("sqlite:///"):
        copy = tmp_path / "workbench.sqlite3"
        shutil.copyfile(url.removeprefix("sqlite:///"), copy)
        url = f"sqlite:///{copy}"
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SECRET_KEY": "test",
            # Jobs run where they are queued; a test that wants the fetch that an
            # import queues turns FETCH_ON_IMPORT on and allow-lists its server.
            "QUEUE_IMMEDIATE": True,
            "FETCH_ON_IMPORT": False,
        }
    )
    request_started.connect(_each_request_starts_afresh, app)
    yield app
    request_started.disconnect(_each_request_starts_afresh, app)
    with app.app_context():
        db.session.remove()
        if not url.startswith("sqlite"):
            _wipe(db.engine)
        db.engine.dispose()


def _each_request_starts_afresh(sender, **extra) -> None:
    """The ``session`` fixture keeps one app context open for the whole test and Flask
    runs test requests inside it, so what one client's request cached in ``g`` (its
    user, its CSRF token) would answer the next client's request too. Each request
    starts with an empty ``g``, as it does in its own app context."""
    for name in list(g):
        g.pop(name)


def _wipe(engine) -> None:
    tables = [t for t in inspect(engine).get_table_names() if t != "alembic_version"]
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


@pytest.fixture
def allow(app):
    """Put a local server on the fetch allow-list: ``allow(httpserver)``."""

    def allow_server(server) -> str:
        hosts = {h for h in app.config["FETCH_ALLOW_HOSTS"].split(",") if h}
        hosts.add(f"{server.host}:{server.port}")
        app.config["FETCH_ALLOW_HOSTS"] = ",".join(sorted(hosts))
        return server.url_for("/").rstrip("/")

    return allow_server


PASSWORD = "correct horse battery"


@pytest.fixture
def make_user(app):
    """Create a user: ``make_user(role="editor")``; names are unique per call."""
    from workbench.services.users import create_user

    made = []

    def make(role: str = "reviewer", username: str | None = None, password: str = PASSWORD):
        with app.app_context():
            user = create_user(db.session, username or f"{role}{len(made) + 1}", password, role)
            made.append(user.id)
            return db.session.get(type(user), user.id)

    return make


@pytest.fixture
def login(make_user):
    """Log a test client in as a new user of ``role``; returns the user."""

    def log_in(test_client, role: str = "reviewer", username: str | None = None):
        user = make_user(role, username)
        with test_client.session_transaction() as flask_session:
            flask_session["_user_id"] = user.get_id()
            flask_session["_fresh"] = True
        return user

    return log_in


@pytest.fixture
def anonymous(app):
    return app.test_client()


@pytest.fixture
def client(app, login):
    test_client = app.test_client()
    test_client.user = login(test_client, "reviewer", "rita")
    return test_client


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def session(app):
    with app.app_context():
        yield db.session


@pytest.fixture
def resource():
    """Bytes of a file under tests/resources/."""
    return lambda name: (RESOURCES / name).read_bytes()


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"the shared seed article is not here ({SEED}); the other samples cover ingest")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def demo_text() -> str:
    """The demo article: the seed's shape (outlet domains, metadata block with raw HTML,
    a cut sentence), always available."""
    from importlib import resources

    return resources.files("workbench.demo").joinpath("demo_article.txt").read_text("utf-8")


@pytest.fixture
def make_article(session):
    """Import text as an article and return the ImportResult."""
    from workbench.services.importing import import_article

    def make(data: str | bytes, **options):
        return import_article(session, data, **options)

    return make


EVIDENCE_PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Hilfen</title></head>
<body><article><h1>Soforthilfe nach dem Hochwasser</h1>
<p>Das Innenministerium kündigte am Montag eine Soforthilfe von 50 Millionen Euro an.
Private Haushalte sollen bis zu 5.000 Euro erhalten.</p>
<p>Die Auszahlung beginnt nach Angaben der Behörde im März.</p>
</article></body></html>"""

EVIDENCE_ARTICLE = """Hilfen nach dem Hochwasser

Das Innenministerium kündigte eine Soforthilfe von 50 Millionen Euro an. Private Haushalte sollen bis zu 8.000 Euro erhalten. Die Landesregierung plant einen Wiederaufbaufonds.

Quellen: {url}
"""


@pytest.fixture
def evidence_article(session, httpserver, allow):
    """An article of three claims whose cited page is served on 127.0.0.1, fetched and
    matched: the first is supported, the second has a wrong figure, the third is absent.
    Returns ``(article_id, [claim ids], page url)``."""
    from sqlalchemy import select

    from workbench.models import Claim
    from workbench.services.importing import import_article

    httpserver.expect_request("/hilfe").respond_with_data(
        EVIDENCE_PAGE, content_type="text/html; charset=utf-8"
    )
    url = f"{allow(httpserver)}/hilfe"
    result = import_article(session, EVIDENCE_ARTICLE.format(url=url), fetch_pages=True)
    ids = session.scalars(
        select(Claim.id).where(Claim.article_id == result.article_id).order_by(Claim.position)
    ).all()
    return result.article_id, list(ids), url
