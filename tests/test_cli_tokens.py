"""`workbench token create|list|revoke`: the secret is the last word, printed once."""

from __future__ import annotations

import pytest
from helpers import cli_json

from workbench.services.tokens import TokenRefused, authenticate


def test_create_prints_a_working_token_as_the_last_word(app, runner, make_user, session):
    make_user("editor", "eddie")
    result = runner.invoke(args=["token", "create", "eddie", "--name", "Our CMS"])
    assert result.exit_code == 0, result.output
    secret = result.output.split()[-1]
    assert authenticate(session, secret).username == "eddie"
    assert "editor" in result.output and "Our CMS" in result.output


def test_list_shows_tokens_without_their_secrets(runner, make_user):
    make_user("reviewer", "rita")
    make_user("reviewer", "otto")
    secret = runner.invoke(args=["token", "create", "rita"]).output.split()[-1]
    runner.invoke(args=["token", "create", "otto", "--name", "otto's"])
    everyone = cli_json(runner.invoke(args=["token", "list", "--json"]))
    assert [t["user"] for t in everyone] == ["otto", "rita"]
    ritas = cli_json(runner.invoke(args=["token", "list", "rita", "--json"]))
    assert len(ritas) == 1 and secret.startswith(ritas[0]["prefix"])
    assert ritas[0]["revoked_at"] is None and ritas[0]["last_used_at"] is None
    plain = runner.invoke(args=["token", "list"])
    assert plain.exit_code == 0 and secret not in plain.output and "never used" in plain.output


def test_revoke_stops_the_token(runner, make_user, session):
    make_user("reviewer", "rita")
    secret = runner.invoke(args=["token", "create", "rita"]).output.split()[-1]
    token_id = cli_json(runner.invoke(args=["token", "list", "--json"]))[0]["id"]
    result = runner.invoke(args=["token", "revoke", str(token_id)])
    assert result.exit_code == 0 and "revoked" in result.output
    with pytest.raises(TokenRefused):
        authenticate(session, secret)
    listed = cli_json(runner.invoke(args=["token", "list", "--json"]))
    assert listed[0]["revoked_at"] is not None


def test_unknown_user_or_token_is_a_one_line_error(runner):
    result = runner.invoke(args=["token", "create", "nobody"])
    assert result.exit_code == 1 and "error: There is no user called nobody." in result.output
    result = runner.invoke(args=["token", "revoke", "42"])
    assert result.exit_code == 1 and "error: There is no token 42." in result.output
    result = runner.invoke(args=["token", "list", "nobody"])
    assert result.exit_code == 1
