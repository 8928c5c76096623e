"""Backup and restore: SQLite -> PostgreSQL -> SQLite with nothing lost, and every bad
file or unfit target refused with a clear message before anything is written."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from backup_world import (
    PASSWORD,
    blob_files,
    build_world,
    close,
    fresh_postgres,
    make_app,
    migrated_sqlite,
    sqlite_app,
    table_rows,
)
from sqlalchemy import select

from workbench.extensions import db
from workbench.models import User
from workbench.services import tokens, users
from workbench.services.backup import BackupRefused, backup, restore, tables
from workbench.services.snapshots import blob_store


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return migrated_sqlite(tmp_path_factory.mktemp("backup-template"))


@pytest.fixture
def apps(template, tmp_path):
    """``apps(name)``: a new app on a fresh SQLite database of its own."""
    made = []

    def new(name: str):
        made.append(sqlite_app(template, tmp_path / name))
        return made[-1]

    yield new
    for app in made:
        close(app)


def run_backup(app, path: Path):
    with app.app_context():
        return backup(db.engine, blob_store(app.config), path)


def run_restore(app, path: Path, **options):
    with app.app_context():
        return restore(db.engine, blob_store(app.config), path, **options)


def manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json"))


def contents(path: Path) -> tuple:
    """What a backup says about its data: rows and hash per table, and its blobs."""
    data = manifest(path)
    return [(t["name"], t["rows"], t["sha256"]) for t in data["tables"]], data["blobs"]


def works_after_restore(app, world) -> None:
    """The password hash and the token hash came across: both still let their user in."""
    with app.app_context():
        assert users.authenticate(db.session, "rita", PASSWORD, "10.0.0.9").username == "rita"
        assert tokens.authenticate(db.session, world.token).username == "rita"
        with pytest.raises(tokens.TokenRefused):
            tokens.authenticate(db.session, world.revoked_token)
        with pytest.raises(users.LoginRefused):
            users.authenticate(db.session, "olga", PASSWORD, "10.0.0.9")  # still deactivated
        # New rows take ids after the restored ones (PostgreSQL's sequences were moved on).
        largest = db.session.scalar(select(User.id).order_by(User.id.desc()).limit(1))
        assert users.create_user(db.session, "neu", PASSWORD).id == largest + 1


def test_round_trip_sqlite_postgres_sqlite_loses_nothing(apps, tmp_path, httpserver):
    postgres = fresh_postgres()
    source = apps("source")
    world = build_world(source, httpserver)
    original_rows, original_blobs = table_rows(source), blob_files(source)
    assert all(original_rows[t.name] for t in tables()), "the world should fill every table"
    assert len(original_blobs) == 3  # the fetched page, the upload, the pasted text

    first = run_backup(source, tmp_path / "from-sqlite.zip")
    assert dict(first.tables) == {name: len(rows) for name, rows in original_rows.items()}
    assert first.blobs == 3 and not first.missing_blobs

    middle = make_app(postgres, tmp_path / "postgres-instance")
    try:
        restored = run_restore(middle, tmp_path / "from-sqlite.zip")
        assert restored.tables == first.tables and restored.blobs == 3
        assert table_rows(middle) == original_rows
        assert blob_files(middle) == original_blobs
        second = run_backup(middle, tmp_path / "from-postgres.zip")
        works_after_restore(middle, world)
    finally:
        close(middle)
    assert manifest(tmp_path / "from-postgres.zip")["database"] == "postgresql"

    last = apps("last")
    run_restore(last, tmp_path / "from-postgres.zip")
    assert table_rows(last) == original_rows
    assert blob_files(last) == original_blobs
    run_backup(last, tmp_path / "back-in-sqlite.zip")
    # The same data gives the same file whichever database wrote it.
    assert contents(tmp_path / "from-sqlite.zip") == contents(tmp_path / "from-postgres.zip")
    assert contents(tmp_path / "from-sqlite.zip") == contents(tmp_path / "back-in-sqlite.zip")
    assert second.tables == first.tables
    works_after_restore(last, world)


def _small_world(app) -> None:
    """A user with a token, an article with a claim, a source with pasted text (a blob)."""
    from workbench.models import Source
    from workbench.services.importing import import_article
    from workbench.services.snapshots import add_text

    with app.app_context():
        rita = users.create_user(db.session, "rita", PASSWORD)
        tokens.create_token(db.session, rita, "CMS")
        import_article(db.session, "Der Rat beschloss am Montag 12 neue Regeln.\n")
        source = Source(url="https://example.org/rat", kind="page")
        db.session.add(source)
        db.session.commit()
        add_text(db.session, source.id, "Der Rat beschloss zwölf Regeln.", app.config)


@pytest.fixture
def made_backup(apps, tmp_path) -> Path:
    app = apps("made")
    _small_world(app)
    run_backup(app, tmp_path / "good.zip")
    return tmp_path / "good.zip"


def _rewrite(good: Path, target: Path, change) -> Path:
    """A copy of ``good`` with ``change(name, data) -> data | None`` applied to each entry."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(target, "w") as out:
        for name in src.namelist():
            data = change(name, src.read(name))
            if data is not None:
                out.writestr(name, data)
    return target


def _edit_manifest(edit):
    def change(name, data):
        if name != "manifest.json":
            return data
        loaded = json.loads(data)
        edit(loaded)
        return json.dumps(loaded)

    return change


def _set_revision(manifest):
    manifest["schema_revision"] = "0123456789ab"


def _one_row_fewer(manifest):
    next(t for t in manifest["tables"] if t["name"] == "users")["rows"] -= 1


def _renamed_user(name, data):
    return data.replace(b'"rita"', b'"mallory"') if name == "tables/users.jsonl" else data


def _changed_blob(name, data):
    return data + b"!" if name.startswith("blobs/") else data


def _lost_blob(name, data):
    return None if name.startswith("blobs/") else data


def _no_manifest(name, data):
    return None if name == "manifest.json" else data


BAD_FILES = {
    "empty": (lambda good, bad: bad.write_bytes(b""), "is empty: it is not a backup"),
    "not a backup": (
        lambda good, bad: bad.write_text("id,name\n1,rita\n"),
        "is not a workbench backup, or it was cut short",
    ),
    "truncated": (
        lambda good, bad: bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2]),
        "is not a workbench backup, or it was cut short",
    ),
    "zip without manifest": (
        lambda good, bad: _rewrite(good, bad, _no_manifest),
        "it holds no manifest.json",
    ),
    "other format": (
        lambda good, bad: _rewrite(good, bad, _edit_manifest(lambda m: m.update(format="x"))),
        "does not say format 'workbench-backup'",
    ),
    "wrong revision": (
        lambda good, bad: _rewrite(good, bad, _edit_manifest(_set_revision)),
        "The backup is of schema revision 0123456789ab",
    ),
    "row count changed": (
        lambda good, bad: _rewrite(good, bad, _edit_manifest(_one_row_fewer)),
        "is damaged or was changed after it was written: table users has 1 rows",
    ),
    "row edited": (
        lambda good, bad: _rewrite(good, bad, _renamed_user),
        "is damaged or was changed after it was written: table users",
    ),
    "blob edited": (
        lambda good, bad: _rewrite(good, bad, _changed_blob),
        "does not hash to its name",
    ),
    "blob lost": (lambda good, bad: _rewrite(good, bad, _lost_blob), "is damaged"),
}


@pytest.mark.parametrize("damage", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_is_refused_before_anything_is_written(damage, made_backup, apps, tmp_path):
    make_bad, message = BAD_FILES[damage]
    bad = tmp_path / "bad.zip"
    make_bad(made_backup, bad)
    target = apps("target")
    with pytest.raises(BackupRefused) as refused:
        run_restore(target, bad)
    assert message in str(refused.value)
    assert all(not rows for rows in table_rows(target).values())
    assert blob_files(target) == {}


def test_a_database_holding_rows_is_refused_unless_replaced(made_backup, apps, tmp_path):
    target = apps("target")
    with target.app_context():
        users.create_user(db.session, "otto", PASSWORD, "editor")
    before = table_rows(target)
    with pytest.raises(BackupRefused) as refused:
        run_restore(target, made_backup)
    assert "The database is not empty (1 users)" in str(refused.value)
    assert "--replace" in str(refused.value)
    assert table_rows(target) == before and blob_files(target) == {}

    summary = run_restore(target, made_backup, replace=True)
    assert summary.replaced == [("users", 1)]
    with target.app_context():
        assert [u.username for u in db.session.scalars(select(User))] == ["rita"]
    run_backup(target, tmp_path / "again.zip")
    assert contents(tmp_path / "again.zip") == contents(made_backup)


def test_a_database_without_the_schema_is_refused(made_backup, tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'blank.sqlite3'}", tmp_path / "instance")
    try:
        with pytest.raises(BackupRefused, match="no schema yet: run `workbench db upgrade`"):
            run_restore(app, made_backup)
    finally:
        close(app)


def test_a_database_behind_the_code_is_refused(made_backup, tmp_path):
    from alembic import command

    from workbench.services.database import alembic_config, upgrade

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    upgrade(url)
    command.downgrade(alembic_config(url), "-1")
    app = make_app(url, tmp_path / "instance")
    try:
        with pytest.raises(BackupRefused, match="run `workbench db upgrade` first"):
            run_restore(app, made_backup)
        with pytest.raises(BackupRefused, match="run `workbench db upgrade` first"):
            run_backup(app, tmp_path / "old.zip")
        assert not (tmp_path / "old.zip").exists()
    finally:
        close(app)


def test_backup_never_overwrites_a_file(made_backup, apps):
    before = made_backup.read_bytes()
    with pytest.raises(BackupRefused, match="exists already"):
        run_backup(apps("again"), made_backup)
    assert made_backup.read_bytes() == before


def test_a_blob_missing_from_the_store_is_named_and_the_rest_restored(apps, tmp_path):
    source = apps("source")
    _small_world(source)
    for blob in Path(source.config["SNAPSHOT_DIR"]).rglob("*"):
        if blob.is_file():
            lost = blob.name
            blob.unlink()
    summary = run_backup(source, tmp_path / "partial.zip")
    assert summary.missing_blobs == [lost] and summary.blobs == 0
    target = apps("target")
    restored = run_restore(target, tmp_path / "partial.zip")
    assert restored.missing_blobs == [lost]
    assert table_rows(target) == table_rows(source)


def test_rows_are_streamed_not_held(apps, tmp_path, monkeypatch):
    """A backup and a restore hold a batch of rows at a time, never a whole table: with
    batches of 200, the memory they take stays far below the size of the claims."""
    import tracemalloc

    from sqlalchemy import insert

    from workbench.models import Article, Claim
    from workbench.services import backup as service

    monkeypatch.setattr(service, "BATCH", 200)
    source = apps("many")
    text = "Eine Behauptung mit genug Text, um Speicher zu belegen, und der Zahl {0}. " * 12
    with source.app_context():
        article = Article(
            body="x", body_sha256="0" * 64, original="x", input_format="text", language="de"
        )
        db.session.add(article)
        db.session.commit()
        db.session.execute(
            insert(Claim),
            [
                {
                    "article_id": article.id,
                    "position": i,
                    "text": text.format(i),
                    "start": 0,
                    "end": 1,
                }
                for i in range(6_000)
            ],
        )
        db.session.commit()
    tracemalloc.start()
    try:
        run_backup(source, tmp_path / "many.zip")
        _, backup_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        run_restore(apps("many-target"), tmp_path / "many.zip")
        _, restore_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    claims_json = zipfile.ZipFile(tmp_path / "many.zip").getinfo("tables/claims.jsonl").file_size
    assert claims_json > 7_000_000
    assert backup_peak < claims_json / 2 and restore_peak < claims_json / 2, (
        f"{backup_peak:,} and {restore_peak:,} bytes for {claims_json:,} bytes of claims"
    )


def test_a_restore_that_cannot_lock_the_tables_writes_nothing(made_backup, tmp_path, monkeypatch):
    """A workbench still running on PostgreSQL holds its tables: the restore waits, then
    says so instead of interleaving with it."""
    from workbench.services import backup as service

    monkeypatch.setattr(service, "LOCK_TIMEOUT", "300ms")
    target = make_app(fresh_postgres(), tmp_path / "postgres-instance")
    try:
        with target.app_context():
            reader = db.engine.connect()
            reader.execute(select(User.id)).all()  # an open transaction reading users
            try:
                with pytest.raises(BackupRefused, match="did not take the restore; nothing was"):
                    run_restore(target, made_backup)
            finally:
                reader.close()
        assert all(not rows for rows in table_rows(target).values())
        assert blob_files(target) == {}
    finally:
        close(target)
