"""`workbench user ...`: accounts from the command line, passwords read twice."""

from __future__ import annotations

import pytest
from helpers import cli_json
from sqlalchemy import select

from workbench.models import User
from workbench.services.users import LoginRefused, authenticate

PW = "a long enough password"


def _users(session) -> dict[str, User]:
    session.expire_all()
    return {u.username: u for u in session.scalars(select(User))}


def _create(runner, name="nora", role="editor", typed=f"{PW}\n{PW}\n"):
    return runner.invoke(args=["user", "create", name, "--role", role], input=typed)


def test_create_reads_the_password_twice_and_stores_only_its_hash(runner, session):
    result = _create(runner)
    assert result.exit_code == 0, result.output
    assert "created nora (editor)" in result.output
    nora = _users(session)["nora"]
    assert nora.role == "editor" and nora.is_active and PW not in nora.password_hash
    assert authenticate(session, "nora", PW, "127.0.0.1").id == nora.id


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (f"{PW}\n{PW}x\n", "The two passwords differ"),
        (f"{PW}\n", "The two passwords differ"),
        ("", "No password given"),
        ("short\nshort\n", "A password has at least 10 characters"),
    ],
)
def test_a_bad_password_is_an_error_and_creates_nobody(runner, session, typed, message):
    result = _create(runner, typed=typed)
    assert result.exit_code == 1
    assert f"error: {message}" in result.output
    assert "nora" not in _users(session)


def test_bad_names_and_roles_are_refused(runner, session, make_user):
    make_user("reviewer", "taken")
    taken = _create(runner, name="taken")
    assert taken.exit_code == 1 and "already a user called taken" in taken.output
    bad_name = _create(runner, name="no spaces please")
    assert bad_name.exit_code == 1 and "error: A user name is" in bad_name.output
    bad_role = _create(runner, role="owner")
    assert bad_role.exit_code == 2 and "owner" in bad_role.output
    assert set(_users(session)) == {"taken"}


def test_list_as_json(runner, make_user):
    make_user("admin", "ada")
    make_user("reviewer", "rita")
    rows = cli_json(runner.invoke(args=["user", "list", "--json"]))
    assert [(r["username"], r["role"], r["is_active"]) for r in rows] == [
        ("ada", "admin", True),
        ("rita", "reviewer", True),
    ]
    assert all(r["created_at"] for r in rows)
    text = runner.invoke(args=["user", "list"]).output
    assert "rita" in text and "reviewer" in text and "active" in text


def test_deactivate_and_activate(runner, session, make_user):
    make_user("reviewer", "rita")
    result = runner.invoke(args=["user", "deactivate", "rita"])
    assert result.exit_code == 0 and "deactivated rita" in result.output
    assert not _users(session)["rita"].is_active
    with pytest.raises(LoginRefused):
        authenticate(session, "rita", "correct horse battery", "127.0.0.1")
    assert runner.invoke(args=["user", "activate", "rita"]).exit_code == 0
    assert _users(session)["rita"].is_active


def test_role_change_even_of_the_last_admin(runner, session, make_user):
    make_user("admin", "ada")
    result = runner.invoke(args=["user", "role", "ada", "editor"])
    assert result.exit_code == 0 and "ada is now editor" in result.output
    assert _users(session)["ada"].role == "editor"
    bad = runner.invoke(args=["user", "role", "ada", "owner"])
    assert bad.exit_code == 2 and _users(session)["ada"].role == "editor"


def test_an_unknown_user_is_an_error(runner):
    for args in (["deactivate", "ghost"], ["role", "ghost", "admin"], ["password", "ghost"]):
        result = runner.invoke(args=["user", *args], input=f"{PW}\n{PW}\n")
        assert result.exit_code == 1 and "error: There is no user called ghost" in result.output


def test_password_is_read_twice_too(runner, session, make_user):
    make_user("reviewer", "rita")
    differ = runner.invoke(args=["user", "password", "rita"], input=f"{PW}\nother\n")
    assert differ.exit_code == 1
    assert authenticate(session, "rita", "correct horse battery", "127.0.0.1")
    result = runner.invoke(args=["user", "password", "rita"], input=f"{PW}\n{PW}\n")
    assert result.exit_code == 0 and "new password set for rita" in result.output
    assert authenticate(session, "rita", PW, "127.0.0.1")
