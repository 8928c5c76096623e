"""Accounts: create and manage users, check passwords, and throttle failed logins."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from workbench.errors import InputRejected, NotFound, WorkbenchError
from workbench.models import ROLES, LoginAttempt, User, utcnow

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")
MIN_PASSWORD = 10
# Failed logins within THROTTLE_WINDOW before further tries are refused: few per
# account (guessing one password), more per address (a shared newsroom NAT).
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
# Compared against when the user does not exist, so both answers take as long.
_DUMMY_HASH = generate_password_hash("not a password of anyone")


class LoginRefused(WorkbenchError):
    """Wrong name or password, or an inactive account (the message does not say which)."""


class LoginThrottled(WorkbenchError):
    """Too many failed logins for this account or from this address."""


def has_role(user, role: str) -> bool:
    """Whether ``user`` may act as ``role``: roles are ordered reviewer < editor < admin."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return ROLES.index(user.role) >= ROLES.index(role)


def create_user(session: Session, username: str, password: str, role: str = "reviewer") -> User:
    """A new active user; ``InputRejected`` for a bad name, short password, unknown role
    or a name already taken."""
    username = username.strip()
    if not USERNAME.match(username):
        raise InputRejected("A user name is 2 to 40 letters, digits, dots, dashes or underscores.")
    _check_role(role)
    _check_password(password)
    user = User(username=username, password_hash=generate_password_hash(password), role=role)
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise InputRejected(f"There is already a user called {username}.") from None
    return user


def authenticate(session: Session, username: str, password: str, address: str) -> User:
    """The active user with this name and password. Every try is recorded; too many
    failures for the account or the address raise ``LoginThrottled`` before the
    password is even checked."""
    username = username.strip()[:80]
    address = (address or "unknown")[:64]
    wait = throttled_for(session, username, address)
    if wait:
        minutes = max(1, round(wait.total_seconds() / 60))
        raise LoginThrottled(
            f"Too many failed logins. Try again in {minutes} minute{'s' if minutes != 1 else ''}."
        )
    user = session.scalar(select(User).where(User.username == username))
    ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    ok = ok and user is not None and user.is_active
    session.add(LoginAttempt(username=username, address=address, is_success=ok))
    session.commit()
    if not ok:
        raise LoginRefused("Wrong user name or password.")
    return user


def throttled_for(
    session: Session, username: str, address: str, now: datetime | None = None
) -> timedelta | None:
    """How long until a login for ``username`` from ``address`` is allowed again, or
    ``None`` when it is allowed now."""
    now = now or utcnow()
    since = now - THROTTLE_WINDOW
    waits = []
    for column, value, limit in (
        (LoginAttempt.username, username, MAX_FAILURES_PER_ACCOUNT),
        (LoginAttempt.address, address, MAX_FAILURES_PER_ADDRESS),
    ):
        count, oldest = session.execute(
            select(func.count(), func.min(LoginAttempt.at)).where(
                column == value, LoginAttempt.at >= since, LoginAttempt.is_success.is_(False)
            )
        ).one()
        if count >= limit:
            waits.append(oldest + THROTTLE_WINDOW - now)
    return max(waits) if waits else None


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"There is no user {user_id}.")
    return user


def find_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"There is no user called {username}.")
    return user


def set_role(session: Session, user_id: int, role: str, *, by: User | None) -> User:
    """Change a user's role; an admin cannot take away their own admin role (``by`` is
    ``None`` for the server's operator at the command line)."""
    _check_role(role)
    user = get_user(session, user_id)
    if by is not None and user.id == by.id and role != "admin":
        raise InputRejected("You cannot take away your own admin role.")
    user.role = role
    session.commit()
    return user


def set_active(session: Session, user_id: int, active: bool, *, by: User | None) -> User:
    """Activate or deactivate a user; a deactivated user's sessions stop working."""
    user = get_user(session, user_id)
    if by is not None and user.id == by.id and not active:
        raise InputRejected("You cannot deactivate your own account.")
    user.is_active = active
    session.commit()
    return user


def reset_password(session: Session, user_id: int, password: str) -> User:
    _check_password(password)
    user = get_user(session, user_id)
    user.password_hash = generate_password_hash(password)
    session.commit()
    return user


def generate_password() -> str:
    """A password for a new account, to be shown once."""
    return secrets.token_urlsafe(12)


@dataclass(frozen=True)
class DemoAdmin:
    username: str
    password: str


def ensure_first_admin(session: Session, username: str = "admin") -> DemoAdmin | None:
    """Create an admin with a generated password when there are no users at all;
    ``None`` when users exist. The password is returned once and stored only hashed."""
    if session.scalar(select(func.count()).select_from(User)):
        return None
    password = generate_password()
    create_user(session, username, password, "admin")
    return DemoAdmin(username, password)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InputRejected(f"A role is one of {', '.join(ROLES)}.")


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise InputRejected(f"A password has at least {MIN_PASSWORD} characters.")
