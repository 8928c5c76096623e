"""check_config as a plain function: each unsafe setting is named with
the variable that fixes it, and a sound production setup has nothing unsafe."""

from __future__ import annotations

import pytest

from workbench.config import DEFAULTS, DEVELOPMENT_SECRET_KEY
from workbench.config_check import (
    NOTE,
    OK,
    UNSAFE,
    check_config,
    proxy_hops,
    refusal,
    web_workers_from_env,
)

KEY = "0123456789abcdef" * 4
POSTGRES = "postgresql://workbench:pw@db.internal:5432/workbench"
PRODUCTION = DEFAULTS | {
    "SECRET_KEY": KEY,
    "DATABASE_URL": POSTGRES,
    "REDIS_URL": "redis://queue.internal:6379/0",
    "MULTI_HOST": True,
    "PROXY_FIX": 1,
}


def _unsafe(findings) -> list[str]:
    return [f.message for f in findings if f.level == UNSAFE]


def _check(tmp_path, web_workers: int = 1, **settings):
    return check_config(PRODUCTION | settings, instance_path=str(tmp_path), web_workers=web_workers)


def test_a_production_setup_has_nothing_unsafe(tmp_path):
    findings = _check(tmp_path, web_workers=8)
    assert _unsafe(findings) == []
    assert {f.level for f in findings} <= {OK, NOTE}
    assert f"ok: WORKBENCH_SECRET_KEY is set ({len(KEY)} characters)" in map(str, findings)
    assert "ok: database: postgresql://workbench:***@db.internal:5432/workbench" in map(
        str, findings
    ), "the password is never printed"


def test_the_defaults_are_unsafe_only_for_their_secret_key(tmp_path):
    findings = check_config(DEFAULTS, instance_path=str(tmp_path))
    [problem] = _unsafe(findings)
    assert problem.startswith("WORKBENCH_SECRET_KEY is the public development key")
    assert "ok: job queue: SQLite in the instance folder (workers on this machine)" in map(
        str, findings
    )


@pytest.mark.parametrize(
    ("key", "says"),
    [
        (DEVELOPMENT_SECRET_KEY, "public development key"),
        (None, "not set"),
        ("", "not set"),
        ("hunter2", "has 7 characters, fewer than 32"),
    ],
)
def test_a_weak_or_missing_secret_key_is_unsafe(tmp_path, key, says):
    [problem] = _unsafe(_check(tmp_path, SECRET_KEY=key))
    assert problem.startswith("WORKBENCH_SECRET_KEY") and says in problem
    assert "secrets.token_hex(32)" in problem, "it says how to make a good one"


def test_debug_mode_is_unsafe(tmp_path):
    assert _unsafe(_check(tmp_path, DEBUG=True)) == [
        "debug mode is on (errors propagate, templates reload): unset WORKBENCH_DEBUG and"
        " FLASK_DEBUG"
    ]


def test_sqlite_is_fine_for_one_web_worker_and_unsafe_for_several(tmp_path):
    one_machine = {"DATABASE_URL": None, "REDIS_URL": None, "MULTI_HOST": False}
    assert _unsafe(_check(tmp_path, web_workers=1, **one_machine)) == []
    [problem] = _unsafe(_check(tmp_path, web_workers=4, **one_machine))
    assert "SQLite and 4 web workers" in problem and "WORKBENCH_DATABASE_URL" in problem
    assert _unsafe(_check(tmp_path, web_workers=4, REDIS_URL=None, MULTI_HOST=False)) == []


def test_several_machines_need_redis_and_a_database_server(tmp_path):
    [queue] = _unsafe(_check(tmp_path, REDIS_URL=None))
    assert "workers on other machines never see its jobs: set WORKBENCH_REDIS_URL" in queue
    [database] = _unsafe(_check(tmp_path, DATABASE_URL="sqlite:////srv/workbench.sqlite3"))
    assert "WORKBENCH_MULTI_HOST" in database and "set WORKBENCH_DATABASE_URL" in database
    notes = [f.message for f in _check(tmp_path) if f.level == NOTE]
    assert any("WORKBENCH_SNAPSHOT_DIR" in note and "share" in note for note in notes)


def test_jobs_run_inside_requests_is_unsafe(tmp_path):
    [problem] = _unsafe(_check(tmp_path, QUEUE_IMMEDIATE=True))
    assert "WORKBENCH_QUEUE_IMMEDIATE" in problem and "workbench worker" in problem


def test_an_instance_or_snapshot_folder_that_cannot_be_written_is_unsafe(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    instance, snapshots = _unsafe(check_config(PRODUCTION, instance_path=str(blocker / "in")))
    assert instance == (
        f"{blocker / 'in'} cannot be a folder ({blocker} is a file):"
        " fix it or set WORKBENCH_INSTANCE_PATH"
    )
    assert snapshots.endswith("fix it or set WORKBENCH_SNAPSHOT_DIR")
    [problem] = _unsafe(_check(tmp_path, SNAPSHOT_DIR=str(blocker / "snapshots")))
    assert "set WORKBENCH_SNAPSHOT_DIR" in problem
    assert _unsafe(_check(tmp_path, SNAPSHOT_DIR=str(tmp_path / "not" / "yet"))) == []
    assert not (tmp_path / "not").exists(), "checking creates nothing"


def test_switched_off_protections_are_unsafe(tmp_path):
    problems = _unsafe(_check(tmp_path, WTF_CSRF_ENABLED=False, LOGIN_DISABLED=True))
    assert problems == [
        "CSRF protection is off: unset WORKBENCH_WTF_CSRF_ENABLED",
        "logins are off: unset WORKBENCH_LOGIN_DISABLED",
    ]


def test_without_proxy_fix_a_note_says_when_to_set_it(tmp_path):
    findings = _check(tmp_path, PROXY_FIX=0)
    assert _unsafe(findings) == []
    assert any(f.level == NOTE and "WORKBENCH_PROXY_FIX=1" in f.message for f in findings)


@pytest.mark.parametrize(("value", "hops"), [(0, 0), (None, 0), (2, 2), ("1", 1), (True, 1)])
def test_proxy_hops_reads_a_count(value, hops):
    assert proxy_hops({"PROXY_FIX": value}) == hops


@pytest.mark.parametrize("value", ["yes", -1, 1.5])
def test_proxy_hops_refuses_anything_but_a_count(value):
    with pytest.raises(ValueError, match="WORKBENCH_PROXY_FIX is .*number of reverse proxies"):
        proxy_hops({"PROXY_FIX": value})


@pytest.mark.parametrize(
    ("environ", "workers"),
    [
        ({}, 1),
        ({"WEB_CONCURRENCY": "4"}, 4),
        ({"GUNICORN_CMD_ARGS": "--bind 0.0.0.0:8000 --workers 3"}, 3),
        ({"GUNICORN_CMD_ARGS": "-w 5"}, 5),
        ({"GUNICORN_CMD_ARGS": "-w6 --timeout 60"}, 6),
        ({"GUNICORN_CMD_ARGS": "--workers=2", "WEB_CONCURRENCY": "9"}, 2),
        ({"GUNICORN_CMD_ARGS": "--timeout 60", "WEB_CONCURRENCY": "9"}, 9),
    ],
)
def test_web_workers_come_from_gunicorns_own_settings(environ, workers):
    assert web_workers_from_env(environ) == workers


@pytest.mark.parametrize(
    "environ",
    [{"WEB_CONCURRENCY": "four"}, {"WEB_CONCURRENCY": "0"}, {"GUNICORN_CMD_ARGS": "-w x"}],
)
def test_a_worker_count_that_is_not_a_number_is_named(environ):
    [name] = environ
    with pytest.raises(ValueError, match=f"^{name} gives .* web workers: a whole number"):
        web_workers_from_env(environ)


def test_servers_refuse_the_development_key_outside_development():
    dev = {"SECRET_KEY": DEVELOPMENT_SECRET_KEY, "ENV": "production"}
    assert "WORKBENCH_ENV=development" in refusal(dev)
    assert refusal(dev, development=True) is None
    assert refusal(dev | {"ENV": "development"}) is None
    assert refusal({"SECRET_KEY": None, "ENV": "production"}).startswith("WORKBENCH_SECRET_KEY")
    assert refusal({"SECRET_KEY": KEY, "ENV": "production"}) is None
