"""Apps on databases of the backup tests' own (SQLite files, the PostgreSQL database
``helper_backup``), and a world that puts rows in every table and files in the
snapshot store, for backup and restore to carry across."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from workbench import create_app
from workbench.extensions import db
from workbench.models import Claim, Match, Source
from workbench.services.backup import tables
from workbench.services.database import upgrade

PG_DATABASE = "helper_backup"
PASSWORD = "correct horse battery"

PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Soforthilfe für die Nahe</title></head><body><article><h1>Soforthilfe für die Nahe</h1>
<p>Das Bundesinnenministerium kündigte am 14. März 2025 eine Soforthilfe von 50 Millionen Euro
an. Private Haushalte sollen bis zu 5.000 Euro erhalten.</p>
<p>Die Auszahlung beginnt nach Angaben des Ministeriums im April.</p></article></body></html>"""

ARTICLE = (
    "# Hilfe nach dem Hochwasser\n\n"
    "Das Bundesinnenministerium kündigte am 14. März 2025 eine Soforthilfe von "
    "50 Millionen Euro an ([Mitteilung]({url})). "
    "Private Haushalte sollen bis zu 8.000 Euro erhalten. "
    "Der Bundeskanzler besuchte am Montag die Region.\n\n"
    "Quellen: {url}, {missing}, www.bmvg.de\n"
)

# Quotes, a backslash, a tab, emoji and letters beyond Latin-1: JSON and both
# databases must carry them unchanged.
SECOND = (
    'Ein „Zitat" mit \\Backslash\\ und\tTab.\n\n'
    "Die Stadt Zürich meldete 1.250 Besucher 🎉 am Wochenende. "
    "Der Bürgermeister sagte, das Fest koste 3,5 Millionen Franken. "
    "Über 40 Prozent der Gäste kamen aus Ελλάδα und 東京.\n"
)

REPEAT = "Festkosten\n\nDer Bürgermeister sagte, das Fest koste 3,5 Millionen Franken.\n"


def make_app(url: str, instance: Path):
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(instance),
            "SECRET_KEY": "test",
            "QUEUE_IMMEDIATE": True,
            "FETCH_ON_IMPORT": False,
        }
    )


def sqlite_app(template: Path, folder: Path):
    """An app on a fresh SQLite copy of the migrated ``template``, its instance in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, folder / "workbench.sqlite3")
    return make_app(f"sqlite:///{folder / 'workbench.sqlite3'}", folder / "instance")


def migrated_sqlite(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    template = folder / "template.sqlite3"
    upgrade(f"sqlite:///{template}")
    return template


def postgres_url(name: str = PG_DATABASE) -> str:
    """Our own database on the server the suite runs on (CI's, or the local one)."""
    base = os.environ.get("WORKBENCH_TEST_DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/x"
    url = make_url(base).set(drivername="postgresql+psycopg", database=name)
    return url.render_as_string(hide_password=False)


def fresh_postgres(name: str = PG_DATABASE) -> str:
    """``name`` created if needed, emptied and migrated; the test is skipped, saying
    why, when no PostgreSQL answers."""
    url = postgres_url(name)
    server = create_engine(
        make_url(url).set(database="postgres"),
        isolation_level="AUTOCOMMIT",
        connect_args={"connect_timeout": 3},
    )
    try:
        with server.connect() as conn:
            if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except Exception as error:  # noqa: BLE001  (any failure to connect means: no server here)
        reason = str(getattr(error, "orig", error)).splitlines()[0]
        pytest.skip(f"the PostgreSQL leg needs a server; none answers at {url}: {reason}")
    finally:
        server.dispose()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()
    upgrade(url)
    return url


def close(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@dataclass
class World:
    token: str
    revoked_token: str
    users: dict[str, str]  # name -> password


def build_world(app, httpserver) -> World:
    """Rows in every table: users of each role (one deactivated), logins that worked and
    failed, tokens (one used, one revoked), two articles with claims and sources, a
    fetched page, a failed fetch, an upload and pasted text with their blobs, matches,
    verdicts of every kind, an assignment, a sentence marked not a claim, a sign-off."""
    from workbench.services import review, snapshots, tokens, users
    from workbench.services.importing import import_article
    from workbench.services.review import Verdict

    httpserver.expect_request("/hilfe").respond_with_data(
        PAGE, content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request("/weg").respond_with_data("gone", status=404)
    base = httpserver.url_for("/").rstrip("/")
    app.config["FETCH_ALLOW_HOSTS"] = f"{httpserver.host}:{httpserver.port}"
    with app.app_context():
        session = db.session
        names = {"anna": "admin", "eddie": "editor", "rita": "reviewer", "olga": "reviewer"}
        people = {
            name: users.create_user(session, name, PASSWORD, role) for name, role in names.items()
        }
        users.set_active(session, people["olga"].id, False, by=people["anna"])
        users.authenticate(session, "rita", PASSWORD, "10.0.0.7")
        with pytest.raises(users.LoginRefused):
            users.authenticate(session, "eddie", "wrong password", "10.0.0.8")
        _, secret = tokens.create_token(session, people["rita"], "Redaktionssystem")
        tokens.authenticate(session, secret)
        revoked, revoked_secret = tokens.create_token(session, people["eddie"], "old CMS")
        tokens.revoke_token(session, revoked.id)

        first = import_article(
            session,
            ARTICLE.format(url=f"{base}/hilfe", missing=f"{base}/weg"),
            fetch_pages=True,
            user=people["rita"],
        )
        second = import_article(session, SECOND, user=people["eddie"], title="Fest in Zürich")
        # It says one claim of the second again: claim memory stores the pair (claim_echoes).
        import_article(session, REPEAT, user=people["eddie"], title="Was das Fest kostet")
        claims = session.scalars(
            select(Claim).where(Claim.article_id == first.article_id).order_by(Claim.position)
        ).all()
        best = session.scalar(select(func.min(Match.id)).where(Match.claim_id == claims[0].id))
        assert best, "the fetched page should have matched the first claim"
        review.assign(session, claims[0].id, version=claims[0].version, user=people["rita"])
        review.decide(
            session,
            claims[0].id,
            Verdict("verified", note="Mitteilung gelesen", match_id=best),
            version=claims[0].version,
            user=people["rita"],
        )
        review.decide(
            session,
            claims[1].id,
            Verdict("disputed", note="Die Seite nennt 5.000 Euro, nicht 8.000."),
            version=claims[1].version,
            user=people["rita"],
        )
        review.decide(
            session,
            claims[2].id,
            Verdict("unsupported", reason="no_passage"),
            version=claims[2].version,
            user=people["eddie"],
        )
        review.sign_off(session, first.article_id, user=people["eddie"], note="geprüft ✓")

        outlet = session.scalar(select(Source).where(Source.kind == "outlet"))
        snapshots.add_upload(
            session, outlet.id, PAGE.encode() + b"<!-- hochgeladen -->", app.config, people["rita"]
        )
        snapshots.add_text(
            session, outlet.id, "Eingefügter Text über die Soforthilfe.", app.config, people["rita"]
        )
        other = session.scalars(
            select(Claim).where(Claim.article_id == second.article_id).order_by(Claim.position)
        ).all()
        review.set_is_claim(
            session, other[0].id, False, version=other[0].version, user=people["eddie"]
        )
        session.commit()
    return World(token=secret, revoked_token=revoked_secret, users={n: PASSWORD for n in names})


def table_rows(app) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order, as the database gives them back."""
    with app.app_context():
        with db.engine.connect() as conn:
            return {
                table.name: [
                    tuple(row)
                    for row in conn.execute(select(table).order_by(*table.primary_key.columns))
                ]
                for table in tables()
            }


def blob_files(app) -> dict[str, bytes]:
    root = Path(app.config["SNAPSHOT_DIR"])
    return {p.name: p.read_bytes() for p in root.rglob("*") if p.is_file()} if root.is_dir() else {}
