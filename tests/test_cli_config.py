"""`workbench check-config`: one line per finding, exit 1 when anything is unsafe."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from workbench.config import DEVELOPMENT_SECRET_KEY

KEY = "0123456789abcdef" * 4


@pytest.fixture
def production(app):
    """The test app as a one-machine production setup: a real key, jobs for a worker."""
    app.config.update(SECRET_KEY=KEY, QUEUE_IMMEDIATE=False)
    return app


def test_a_sound_setup_prints_ok_lines_and_exits_0(production, runner):
    result = runner.invoke(args=["check-config"], env={"WEB_CONCURRENCY": None})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "ok: debug mode is off" in lines
    assert f"ok: WORKBENCH_SECRET_KEY is set ({len(KEY)} characters)" in lines
    assert any(
        line.startswith("ok: the database schema is at the newest migration") for line in lines
    )
    assert all(line.startswith(("ok: ", "note: ")) for line in lines[:-1])
    assert lines[-1] == "nothing unsafe for 1 web worker(s)"


def test_the_development_key_is_unsafe_and_exits_1(production, runner):
    production.config["SECRET_KEY"] = DEVELOPMENT_SECRET_KEY
    result = runner.invoke(args=["check-config", "--offline"])
    assert result.exit_code == 1
    assert "unsafe: WORKBENCH_SECRET_KEY is the public development key" in result.output
    assert result.output.splitlines()[-1] == "1 unsafe: fix them before serving"


def test_several_web_workers_on_sqlite_are_unsafe(production, runner):
    if not production.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("the suite runs on PostgreSQL here")
    by_option = runner.invoke(args=["check-config", "--offline", "--web-workers", "4"])
    by_env = runner.invoke(args=["check-config", "--offline"], env={"WEB_CONCURRENCY": "4"})
    for result in (by_option, by_env):
        assert result.exit_code == 1
        assert "unsafe: the database is SQLite and 4 web workers" in result.output
        assert "set WORKBENCH_DATABASE_URL to PostgreSQL" in result.output


def test_a_worker_count_that_is_not_a_number_is_a_one_line_error(production, runner):
    result = runner.invoke(args=["check-config"], env={"WEB_CONCURRENCY": "four"})
    assert result.exit_code == 2
    assert result.output == (
        "error: WEB_CONCURRENCY gives 'four' web workers: a whole number of 1 or more\n"
    )


def test_settings_come_from_the_workbench_variables_the_messages_name(app, tmp_path):
    """The real command in its own process: WORKBENCH_MULTI_HOST and WORKBENCH_DEBUG from
    the environment are read as the messages say."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")},
        "WORKBENCH_INSTANCE_PATH": str(tmp_path / "instance"),
        "WORKBENCH_SECRET_KEY": KEY,
        "WORKBENCH_MULTI_HOST": "true",
        "WORKBENCH_DEBUG": "true",
    }
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "check-config", "--offline"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    unsafe = [line for line in done.stdout.splitlines() if line.startswith("unsafe: ")]
    assert len(unsafe) == 3, done.stdout
    assert "unset WORKBENCH_DEBUG" in unsafe[0]
    assert "set WORKBENCH_DATABASE_URL to PostgreSQL" in unsafe[1]
    assert "set WORKBENCH_REDIS_URL" in unsafe[2]
    assert done.stdout.splitlines()[-1] == "3 unsafe: fix them before serving"
