"""API tokens: shown once, stored hashed, revocable, and only for active users."""

from __future__ import annotations

from datetime import timedelta

import pytest

from workbench.errors import InputRejected, NotFound
from workbench.models import ApiToken
from workbench.services import tokens
from workbench.services.users import set_active, set_role


def test_a_new_token_authenticates_its_user_and_only_its_hash_is_stored(session, make_user):
    rita = make_user("reviewer", "rita")
    token, secret = tokens.create_token(session, rita, "CMS")
    assert secret.startswith(tokens.SECRET_PREFIX) and len(secret) > 40
    stored = session.get(ApiToken, token.id)
    assert secret not in (stored.token_hash, stored.prefix, stored.name)
    assert stored.token_hash == tokens.hash_secret(secret)
    assert secret.startswith(stored.prefix) and stored.name == "CMS"
    assert tokens.authenticate(session, secret).username == "rita"


def test_two_tokens_never_share_a_secret(session, make_user):
    user = make_user()
    secrets = {tokens.create_token(session, user)[1] for _ in range(5)}
    assert len(secrets) == 5


@pytest.mark.parametrize("secret", ["", "wbt_nope", "x" * 500])
def test_an_unknown_secret_is_refused(session, make_user, secret):
    tokens.create_token(session, make_user())
    with pytest.raises(tokens.TokenRefused):
        tokens.authenticate(session, secret)


def test_a_revoked_token_is_refused(session, make_user):
    user = make_user()
    token, secret = tokens.create_token(session, user)
    tokens.revoke_token(session, token.id)
    with pytest.raises(tokens.TokenRefused):
        tokens.authenticate(session, secret)
    assert tokens.revoke_token(session, token.id).revoked_at is not None


def test_a_deactivated_users_token_is_refused_and_works_again_when_reactivated(session, make_user):
    user = make_user()
    _, secret = tokens.create_token(session, user)
    set_active(session, user.id, False, by=None)
    with pytest.raises(tokens.TokenRefused):
        tokens.authenticate(session, secret)
    set_active(session, user.id, True, by=None)
    assert tokens.authenticate(session, secret).id == user.id


def test_the_token_carries_the_users_current_role(session, make_user):
    user = make_user("editor")
    _, secret = tokens.create_token(session, user)
    set_role(session, user.id, "reviewer", by=None)
    assert tokens.authenticate(session, secret).role == "reviewer"


def test_use_is_recorded_at_most_once_a_minute(session, make_user):
    token, secret = tokens.create_token(session, make_user())
    assert token.last_used_at is None
    tokens.authenticate(session, secret)
    first = session.get(ApiToken, token.id).last_used_at
    assert first is not None
    tokens.authenticate(session, secret)
    assert session.get(ApiToken, token.id).last_used_at == first
    token.last_used_at = first - timedelta(minutes=5)
    session.commit()
    tokens.authenticate(session, secret)
    assert session.get(ApiToken, token.id).last_used_at > first - timedelta(minutes=5)


def test_a_user_revokes_only_their_own_tokens(session, make_user):
    alice, bob = make_user(), make_user()
    token, secret = tokens.create_token(session, alice)
    with pytest.raises(NotFound):
        tokens.revoke_token(session, token.id, owner=bob)
    assert tokens.authenticate(session, secret).id == alice.id
    with pytest.raises(NotFound):
        tokens.revoke_token(session, 999_999)


def test_lists_are_newest_first_and_per_user(session, make_user):
    alice, bob = make_user(), make_user()
    first, _ = tokens.create_token(session, alice, "one")
    second, _ = tokens.create_token(session, alice, "two")
    tokens.create_token(session, bob, "bob's")
    assert [t.name for t in tokens.list_tokens(session, alice)] == ["two", "one"]
    assert len(tokens.list_tokens(session)) == 3
    assert first.id < second.id


def test_names_are_tidied_and_bounded(session, make_user):
    user = make_user()
    assert tokens.create_token(session, user, "  Our   CMS ")[0].name == "Our CMS"
    assert tokens.create_token(session, user)[0].name == "API token"
    with pytest.raises(InputRejected):
        tokens.create_token(session, user, "x" * 81)
    assert len(tokens.list_tokens(session, user)) == 2
