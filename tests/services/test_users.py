"""Accounts: hashed passwords, logins throttled per account and per address, roles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import func, select

from workbench.errors import InputRejected
from workbench.models import LoginAttempt, User, utcnow
from workbench.services.users import (
    MAX_FAILURES_PER_ACCOUNT,
    MAX_FAILURES_PER_ADDRESS,
    THROTTLE_WINDOW,
    LoginRefused,
    LoginThrottled,
    authenticate,
    create_user,
    ensure_first_admin,
    has_role,
    set_active,
    set_role,
    throttled_for,
)

PW = "correct horse battery"
HERE = "192.0.2.10"


def _fail(session, username: str, address: str = HERE, times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(LoginRefused):
            authenticate(session, username, "wrong password!", address)


def test_the_stored_hash_is_not_the_password_and_uses_a_current_scheme(session):
    user = create_user(session, "rita", PW)
    assert PW not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "$argon2id$"))
    twin = create_user(session, "tom", PW)
    assert twin.password_hash != user.password_hash, "each hash has its own salt"


def test_authenticate_takes_the_right_password_only(session):
    rita = create_user(session, "rita", PW)
    assert authenticate(session, "rita", PW, HERE).id == rita.id
    assert authenticate(session, "  rita ", PW, HERE).id == rita.id
    with pytest.raises(LoginRefused, match="Wrong user name or password"):
        authenticate(session, "rita", PW.upper(), HERE)
    with pytest.raises(LoginRefused, match="Wrong user name or password"):
        authenticate(session, "nobody", PW, HERE)


def test_an_inactive_user_is_refused_with_the_same_message(session):
    rita = create_user(session, "rita", PW)
    rita.is_active = False
    session.commit()
    with pytest.raises(LoginRefused, match="Wrong user name or password"):
        authenticate(session, "rita", PW, HERE)


def test_five_failures_lock_the_account_even_with_the_right_password(session):
    create_user(session, "rita", PW)
    _fail(session, "rita", times=MAX_FAILURES_PER_ACCOUNT - 1)
    assert authenticate(session, "rita", PW, HERE)  # four failures: still let in
    _fail(session, "rita")
    with pytest.raises(LoginThrottled, match=r"Try again in 1[45] minutes\."):
        authenticate(session, "rita", PW, HERE)
    with pytest.raises(LoginThrottled):
        authenticate(session, "rita", PW, "198.51.100.7")  # from anywhere
    attempts = session.scalar(select(func.count()).select_from(LoginAttempt))
    assert attempts == MAX_FAILURES_PER_ACCOUNT + 1, "a throttled try checks no password"


def test_the_lock_lifts_when_the_window_has_passed(session):
    create_user(session, "rita", PW)
    _fail(session, "rita", times=MAX_FAILURES_PER_ACCOUNT)
    now = utcnow()
    assert throttled_for(session, "rita", HERE, now) > THROTTLE_WINDOW - timedelta(minutes=1)
    assert throttled_for(session, "rita", HERE, now + timedelta(minutes=10)) < timedelta(minutes=6)
    assert (
        throttled_for(session, "rita", HERE, now + THROTTLE_WINDOW + timedelta(seconds=1)) is None
    )


def test_twenty_failures_from_one_address_lock_that_address_only(session):
    create_user(session, "rita", PW)
    for n in range(MAX_FAILURES_PER_ADDRESS):
        _fail(session, f"guess{n}")
    with pytest.raises(LoginThrottled):
        authenticate(session, "rita", PW, HERE)
    assert authenticate(session, "rita", PW, "198.51.100.7").username == "rita"


def test_successful_logins_do_not_count_towards_the_lock(session):
    create_user(session, "rita", PW)
    for _ in range(MAX_FAILURES_PER_ACCOUNT * 2):
        authenticate(session, "rita", PW, HERE)
    assert throttled_for(session, "rita", HERE) is None


def test_roles_are_ordered_reviewer_editor_admin(session):
    reviewer, editor, admin = (
        create_user(session, r, PW, r) for r in ("reviewer", "editor", "admin")
    )
    assert [has_role(reviewer, r) for r in ("reviewer", "editor", "admin")] == [True, False, False]
    assert [has_role(editor, r) for r in ("reviewer", "editor", "admin")] == [True, True, False]
    assert [has_role(admin, r) for r in ("reviewer", "editor", "admin")] == [True, True, True]
    assert not has_role(AnonymousUserMixin(), "reviewer")
    assert not has_role(None, "reviewer")
    admin.is_active = False
    assert not has_role(admin, "reviewer")


def test_an_admin_cannot_demote_or_deactivate_themselves_but_another_admin_can(session):
    ada = create_user(session, "ada", PW, "admin")
    bob = create_user(session, "bob", PW, "admin")
    with pytest.raises(InputRejected, match="your own admin role"):
        set_role(session, ada.id, "editor", by=ada)
    with pytest.raises(InputRejected, match="your own account"):
        set_active(session, ada.id, False, by=ada)
    session.expire_all()
    assert (ada.role, ada.is_active) == ("admin", True)
    assert set_role(session, ada.id, "editor", by=bob).role == "editor"
    assert set_active(session, ada.id, False, by=bob).is_active is False


@pytest.mark.parametrize(
    ("name", "password", "role", "message"),
    [
        ("a", PW, "reviewer", "A user name is"),
        ("no spaces", PW, "reviewer", "A user name is"),
        ("rita", "short", "reviewer", "at least 10 characters"),
        ("rita", PW, "owner", "A role is one of reviewer, editor, admin"),
    ],
)
def test_bad_accounts_are_refused(session, name, password, role, message):
    with pytest.raises(InputRejected, match=message):
        create_user(session, name, password, role)
    assert session.scalar(select(func.count()).select_from(User)) == 0


def test_a_taken_name_is_refused(session):
    create_user(session, "rita", PW)
    with pytest.raises(InputRejected, match="already a user called rita"):
        create_user(session, "rita", PW)


def test_the_first_admin_is_made_once(session):
    first = ensure_first_admin(session)
    assert first.username == "admin" and len(first.password) >= 10
    assert authenticate(session, "admin", first.password, HERE).role == "admin"
    assert ensure_first_admin(session) is None
