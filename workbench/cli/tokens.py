"""Commands for API tokens: create (the secret is printed once), list, revoke."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from workbench.cli.base import commands, print_json, reports_errors
from workbench.extensions import db


@commands.group("token")
def token_group() -> None:
    """Bearer tokens for the REST API (/api/v1)."""


@token_group.command("create")
@click.argument("username")
@click.option("--name", default="", help="What the token is for, e.g. the system using it.")
@with_appcontext
@reports_errors
def create_command(username: str, name: str) -> None:
    """Create a token for USERNAME; it acts with that user's role. The token is the
    last word printed, and is shown only this once."""
    from workbench.services.tokens import create_token
    from workbench.services.users import find_user

    user = find_user(db.session, username)
    if not user.is_active:
        click.echo(f"warning: {user.username} is deactivated; the token works once they are active")
    token, secret = create_token(db.session, user, name)
    click.echo(
        f"created token {token.id} ({token.name!r}) for {user.username} ({user.role});"
        f" shown only this once:\n{secret}"
    )


@token_group.command("list")
@click.argument("username", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the tokens as JSON.")
@with_appcontext
@reports_errors
def list_command(username: str | None, as_json: bool) -> None:
    """List tokens (of USERNAME, or everyone's), newest first; never their secrets."""
    from workbench.services.tokens import list_tokens
    from workbench.services.users import find_user

    user = find_user(db.session, username) if username else None
    rows = [
        {
            "id": t.id,
            "user": t.user.username,
            "name": t.name,
            "prefix": t.prefix,
            "created_at": t.created_at.isoformat(),
            "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
        }
        for t in list_tokens(db.session, user)
    ]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        state = f"revoked {row['revoked_at'][:16]}" if row["revoked_at"] else "active"
        used = f"used {row['last_used_at'][:16]}" if row["last_used_at"] else "never used"
        click.echo(
            f"{row['id']:>5}  {row['user']:<20} {row['prefix']}…  {state:<24} {used:<22}"
            f" {row['name']}"
        )


@token_group.command("revoke")
@click.argument("token_id", type=int)
@with_appcontext
@reports_errors
def revoke_command(token_id: int) -> None:
    """Revoke token TOKEN_ID: requests with it are refused from now on."""
    from workbench.services.tokens import revoke_token

    token = revoke_token(db.session, token_id)
    click.echo(f"revoked token {token.id} ({token.name!r}) of {token.user.username}")
