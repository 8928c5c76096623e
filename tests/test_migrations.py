"""Migrations: one head, empty to head works, and the result equals the models."""

import os

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

import workbench.models  # noqa: F401
from workbench.config import database_url
from workbench.extensions import Base
from workbench.services.database import alembic_config, include_object_for, upgrade


def test_exactly_one_head():
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1


def _schema_diff(url: str):
    engine = create_engine(url)
    with engine.connect() as conn:
        only_here = {"include_object": include_object_for(conn.dialect.name)}
        diff = compare_metadata(MigrationContext.configure(conn, opts=only_here), Base.metadata)
    engine.dispose()
    return diff


def test_sqlite_from_empty_to_head_matches_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    upgrade(url)
    assert _schema_diff(url) == []


def test_configured_test_database_matches_models(migrated_database):
    """On CI this is PostgreSQL, migrated from an empty schema by the session fixture."""
    assert _schema_diff(migrated_database) == []


def test_downgrade_to_empty_and_back(tmp_path):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'round.sqlite3'}"
    upgrade(url)
    command.downgrade(alembic_config(url), "base")
    engine = create_engine(url)
    with engine.connect() as conn:
        tables = (
            conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars().all()
        )
    engine.dispose()
    assert set(tables) <= {"alembic_version"}
    upgrade(url)
    assert _schema_diff(url) == []


def test_postgres_url_gets_the_psycopg_driver():
    assert database_url("", "postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("/x", None) == f"sqlite:///{os.path.join('/x', 'workbench.sqlite3')}"


def test_upgrading_a_database_that_holds_articles_keeps_them(tmp_path):
    """Each migration runs on a database with rows in it, as a user's would be."""
    from alembic import command
    from alembic.script import ScriptDirectory

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    revisions = list(reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions())))
    command.upgrade(alembic_config(url), revisions[0].revision)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO articles (title, dek, body, body_sha256, original, input_format, language,"
                " imported_at, layout) VALUES ('T', '', 'Ein Satz hier.', 'x', 'Ein Satz hier.', 'text',"
                " 'de', '2025-01-01', '[]')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO claims (article_id, position, text, start_offset, end_offset, kind, hint,"
                " status, note, version) VALUES (1, 0, 'Ein Satz hier.', 0, 14, 'statement', '',"
                " 'pending', '', 1)"
            )
        )
    upgrade(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT text, status FROM claims")).all() == [
            ("Ein Satz hier.", "pending")
        ]
    engine.dispose()
    assert _schema_diff(url) == []
