"""`workbench backup FILE` and `workbench restore FILE`: counts printed, a restored
workbench that people and systems can log in to, and bad input refused in one line."""

from __future__ import annotations

import re
import zipfile

import pytest
from backup_world import PASSWORD, blob_files, close, migrated_sqlite, sqlite_app, table_rows

from workbench.extensions import db
from workbench.services import tokens, users


@pytest.fixture
def target(tmp_path):
    """A second workbench, on an empty SQLite database of its own."""
    app = sqlite_app(migrated_sqlite(tmp_path / "template"), tmp_path / "target")
    yield app
    close(app)


@pytest.fixture
def source(app):
    """Rita with a token, and an article with a pasted snapshot; returns her token."""
    from workbench.models import Source
    from workbench.services.importing import import_article
    from workbench.services.snapshots import add_text

    with app.app_context():
        rita = users.create_user(db.session, "rita", PASSWORD, "editor")
        _, secret = tokens.create_token(db.session, rita, "CMS")
        import_article(db.session, "Der Rat beschloss am Montag 12 neue Regeln.\n", title="Rat")
        page = Source(url="https://example.org/rat", kind="page")
        db.session.add(page)
        db.session.commit()
        add_text(db.session, page.id, "Der Rat beschloss zwölf Regeln.", app.config, rita)
        db.session.remove()
    return secret


def _log_in(test_client, username: str, password: str):
    page = test_client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    return test_client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


def test_backup_then_restore_prints_counts_and_the_restored_workbench_lets_people_in(
    app, runner, source, target, tmp_path
):
    file = tmp_path / "workbench-backup.zip"
    made = runner.invoke(args=["backup", str(file)])
    assert made.exit_code == 0, made.output
    assert re.search(r"users\s+1 rows", made.output)
    assert re.search(r"snapshot files\s+1 \(", made.output)
    assert f"snapshot files to {file}" in made.output

    restored = target.test_cli_runner().invoke(args=["restore", str(file)])
    assert restored.exit_code == 0, restored.output
    assert re.search(r"api_tokens\s+1 rows", restored.output)
    assert "restored" in restored.output and "1 snapshot files" in restored.output
    assert table_rows(target) == table_rows(app)
    assert blob_files(target) == blob_files(app)

    browser = target.test_client()
    assert _log_in(browser, "rita", "wrong password").status_code == 401
    assert browser.get("/").status_code == 302
    assert _log_in(browser, "rita", PASSWORD).status_code == 302
    assert "Rat" in browser.get("/").get_data(as_text=True)

    api = target.test_client().get(
        "/api/v1/articles", headers={"Authorization": f"Bearer {source}"}
    )
    assert api.status_code == 200, api.get_data(as_text=True)
    assert [a["title"] for a in api.get_json()["articles"]] == ["Rat"]


def test_a_bad_file_is_one_line_and_writes_nothing(target, tmp_path):
    truncated = tmp_path / "cut.zip"
    truncated.write_bytes(b"PK\x03\x04 not all of it")
    result = target.test_cli_runner().invoke(args=["restore", str(truncated)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"error: {truncated} is not a workbench backup, or it was cut short"
        " (it is not a whole zip file)."
    ]
    assert all(not rows for rows in table_rows(target).values())

    missing = target.test_cli_runner().invoke(args=["restore", str(tmp_path / "none.zip")])
    assert missing.exit_code == 1 and "error: There is no file" in missing.output


def test_restore_into_a_database_in_use_needs_replace(app, runner, source, target, tmp_path):
    file = tmp_path / "b.zip"
    assert runner.invoke(args=["backup", str(file)]).exit_code == 0
    with target.app_context():
        users.create_user(db.session, "otto", PASSWORD)
    refused = target.test_cli_runner().invoke(args=["restore", str(file)])
    assert refused.exit_code == 1
    assert "error: The database is not empty (1 users)" in refused.output
    with target.app_context():
        assert [u.username for u in users.list_users(db.session)] == ["otto"]

    replaced = target.test_cli_runner().invoke(args=["restore", str(file), "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert "replaced what the database held: 1 users" in replaced.output
    with target.app_context():
        assert [u.username for u in users.list_users(db.session)] == ["rita"]


def test_backup_refuses_an_existing_file(runner, source, tmp_path):
    file = tmp_path / "taken.zip"
    file.write_bytes(b"keep me")
    result = runner.invoke(args=["backup", str(file)])
    assert result.exit_code == 1 and "exists already" in result.output
    assert file.read_bytes() == b"keep me"
    assert not zipfile.is_zipfile(file)
