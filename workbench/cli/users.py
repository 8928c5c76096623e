"""Commands for accounts: create, list, (de)activate, change role, set a password."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from workbench.cli.base import commands, print_json, reports_errors
from workbench.errors import InputRejected
from workbench.extensions import db
from workbench.models import ROLES


@commands.group("user")
def user_group() -> None:
    """Accounts: reviewers, editors and admins."""


@user_group.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="reviewer", show_default=True)
@with_appcontext
@reports_errors
def create_command(name: str, role: str) -> None:
    """Create user NAME; the password is read twice (prompt, or two lines of stdin)."""
    from workbench.services.users import create_user

    user = create_user(db.session, name, _read_password(), role)
    click.echo(f"created {user.username} ({user.role})")


@user_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the users as JSON.")
@with_appcontext
def list_command(as_json: bool) -> None:
    """List users with their role and whether they can log in."""
    from workbench.services.users import list_users

    users = list_users(db.session)
    if as_json:
        print_json(
            [
                {
                    "id": u.id,
                    "username": u.username,
                    "role": u.role,
                    "is_active": u.is_active,
                    "created_at": u.created_at.isoformat(),
                }
                for u in users
            ]
        )
        return
    for u in users:
        state = "active" if u.is_active else "deactivated"
        click.echo(f"{u.username:<24} {u.role:<9} {state:<12} created {u.created_at:%Y-%m-%d}")


@user_group.command("deactivate")
@click.argument("name")
@with_appcontext
@reports_errors
def deactivate_command(name: str) -> None:
    """Stop NAME from logging in; their open sessions end too."""
    user = _set_active(name, False)
    click.echo(f"deactivated {user.username}")


@user_group.command("activate")
@click.argument("name")
@with_appcontext
@reports_errors
def activate_command(name: str) -> None:
    """Let NAME log in again."""
    user = _set_active(name, True)
    click.echo(f"activated {user.username}")


@user_group.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@with_appcontext
@reports_errors
def role_command(name: str, role: str) -> None:
    """Give NAME the ROLE reviewer, editor or admin."""
    from workbench.services.users import find_user, set_role

    user = find_user(db.session, name)
    # The command line is the server's operator, not a logged-in admin: nobody is
    # "taking away their own role" here.
    set_role(db.session, user.id, role, by=None)
    click.echo(f"{user.username} is now {user.role}")


@user_group.command("password")
@click.argument("name")
@with_appcontext
@reports_errors
def password_command(name: str) -> None:
    """Set a new password for NAME, read twice like for ``user create``."""
    from workbench.services.users import find_user, reset_password

    user = find_user(db.session, name)
    reset_password(db.session, user.id, _read_password())
    click.echo(f"new password set for {user.username}")


def _set_active(name: str, active: bool):
    from workbench.services.users import find_user, set_active

    user = find_user(db.session, name)
    return set_active(db.session, user.id, active, by=None)


def _read_password() -> str:
    """The password typed twice at a prompt, or the first two lines of a piped stdin."""
    if sys.stdin.isatty():
        first = click.prompt("Password", hide_input=True, default="", show_default=False)
        second = click.prompt("Password again", hide_input=True, default="", show_default=False)
    else:
        first, second = (sys.stdin.readline().rstrip("\r\n") for _ in range(2))
    if not first:
        raise InputRejected("No password given (type it twice, or pipe it in on two lines).")
    if first != second:
        raise InputRejected("The two passwords differ; nothing was changed.")
    return first
