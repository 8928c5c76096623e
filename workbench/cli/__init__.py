"""The ``workbench`` command: thin wrappers that parse arguments and call one service."""

from __future__ import annotations

import json
import sys
from functools import wraps

import click
from flask.cli import ScriptInfo

from workbench.errors import WorkbenchError

commands = click.Group()


def register_cli(app) -> None:
    """Put the workbench commands on ``app.cli``, where ``main`` and tests find them."""
    # Importing the modules defines their commands.
    from workbench.cli import articles, report, review, server, sources, tokens, users  # noqa: F401

    for command in commands.commands.values():
        app.cli.add_command(command)


def reports_errors(func):
    """Turn a domain error into a one-line message and exit status 1."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        from workbench.extensions import db

        try:
            return func(*args, **kwargs)
        except WorkbenchError as error:
            db.session.rollback()
            click.echo(f"error: {error}", err=True)
            sys.exit(1)

    return wrapper


def print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def main() -> None:
    """Entry point of the ``workbench`` console script."""
    from workbench import create_app
    from workbench.cli import articles, report, review, server, sources, tokens, users  # noqa: F401

    group = click.Group(
        "workbench",
        commands=commands.commands,
        help="Fact-checking workbench: articles become claims, claims meet their sources.",
        callback=click.pass_context(
            lambda ctx: setattr(
                ctx, "obj", ScriptInfo(create_app=lambda *_: create_app(), set_debug_flag=False)
            )
        ),
    )
    group()
