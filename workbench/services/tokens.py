"""API tokens: create one (its secret is returned once), list, revoke, and find the
user a bearer token acts for.

Only the sha256 of a secret is stored. A password needs a slow, salted hash because
people choose guessable ones; a token is 32 random bytes from ``secrets`` (256 bits),
so no guess or precomputed table can find a secret from its hash, and a plain hash
lets a request find its token with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.errors import InputRejected, NotFound, WorkbenchError
from workbench.models import ApiToken, User, utcnow

# Secrets start with this, so a leaked one is recognisable in logs and by secret scanners.
SECRET_PREFIX = "wbt_"
# Characters of the secret kept in the clear, to tell tokens apart in lists.
SHOWN_CHARS = len(SECRET_PREFIX) + 6
MAX_NAME = 80
# last_used_at is written at most this often per token: a busy client would otherwise
# turn every read into a write.
USE_RESOLUTION = timedelta(minutes=1)


class TokenRefused(WorkbenchError):
    """No such token, a revoked one, or one of a deactivated user (the message does not
    say which)."""


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(session: Session, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with its secret, which is not stored and
    cannot be shown again. ``InputRejected`` for a name over 80 characters."""
    name = " ".join((name or "").split()) or "API token"
    if len(name) > MAX_NAME:
        raise InputRejected(f"A token name has at most {MAX_NAME} characters.")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id, name=name, token_hash=hash_secret(secret), prefix=secret[:SHOWN_CHARS]
    )
    session.add(token)
    session.commit()
    return token, secret


def list_tokens(session: Session, user: User | None = None) -> list[ApiToken]:
    """Tokens of ``user`` (or everyone's), newest first, revoked ones included."""
    query = select(ApiToken).options(selectinload(ApiToken.user)).order_by(ApiToken.id.desc())
    if user is not None:
        query = query.where(ApiToken.user_id == user.id)
    return list(session.scalars(query))


def revoke_token(session: Session, token_id: int, *, owner: User | None = None) -> ApiToken:
    """Revoke a token (again is harmless); with ``owner``, only one of theirs.
    ``NotFound`` otherwise: another user's token is not theirs to know about."""
    token = session.get(ApiToken, token_id)
    if token is None or (owner is not None and token.user_id != owner.id):
        raise NotFound(f"There is no token {token_id}.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.commit()
    return token


def authenticate(session: Session, secret: str) -> User:
    """The active user a bearer secret acts for; ``TokenRefused`` for an unknown or
    revoked token or a deactivated user. Records when the token was last used."""
    token = session.scalar(
        select(ApiToken)
        .where(ApiToken.token_hash == hash_secret(secret or ""))
        .options(selectinload(ApiToken.user))
    )
    if token is None or token.revoked_at is not None or not token.user.is_active:
        raise TokenRefused("The API token is unknown, revoked, or its user is deactivated.")
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= USE_RESOLUTION:
        token.last_used_at = now
        session.commit()
    return token.user
