"""check_reachable: a deployment's database and Redis are connected to, and what does not
answer is unsafe, named with the variable that fixes it and without its password."""

from __future__ import annotations

import os
import socket

import pytest

from workbench.config_check import NOTE, OK, UNSAFE
from workbench.services.deployment import check_reachable


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_database_at_the_newest_migration_is_ok(app):
    [finding] = check_reachable(app.config, instance_path=app.instance_path)
    assert (finding.level, finding.message.split(" (")[0]) == (
        OK,
        "the database schema is at the newest migration",
    )


def test_an_empty_database_says_to_upgrade(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    [finding] = check_reachable({"DATABASE_URL": f"sqlite:///{empty}"}, instance_path="")
    assert finding.level == NOTE and finding.message.startswith(
        "the database schema is at no migration yet"
    )
    assert finding.message.endswith("run `workbench db upgrade`")
    [finding] = check_reachable({"DATABASE_URL": None}, instance_path=str(tmp_path / "new"))
    assert finding == finding.__class__(
        NOTE, "the SQLite database does not exist yet: run `workbench db upgrade`"
    )


def test_a_database_server_that_does_not_answer_is_unsafe():
    url = f"postgresql://workbench:s3cret@127.0.0.1:{_free_port()}/workbench"
    [finding] = check_reachable({"DATABASE_URL": url}, instance_path="")
    assert finding.level == UNSAFE
    assert finding.message.startswith(
        "cannot connect to the database postgresql://workbench:***@127.0.0.1"
    )
    assert finding.message.endswith("(check WORKBENCH_DATABASE_URL)")
    assert "s3cret" not in finding.message


def test_redis_that_does_not_answer_is_unsafe():
    url = f"redis://127.0.0.1:{_free_port()}/11"
    [finding] = check_reachable({"DATABASE_URL": None, "REDIS_URL": url}, instance_path="/nowhere")[
        1:
    ]
    assert finding.level == UNSAFE and finding.message.startswith(f"cannot reach Redis {url}")
    assert finding.message.endswith("(check WORKBENCH_REDIS_URL)")


@pytest.mark.skipif(
    not os.environ.get("WORKBENCH_TEST_REDIS_URL"), reason="WORKBENCH_TEST_REDIS_URL is not set"
)
def test_redis_that_answers_is_ok():
    url = os.environ["WORKBENCH_TEST_REDIS_URL"]
    [finding] = check_reachable({"DATABASE_URL": None, "REDIS_URL": url}, instance_path="/nowhere")[
        1:
    ]
    assert finding.level == OK and finding.message.endswith("answers")
