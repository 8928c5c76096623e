"""What every command module shares: the command group they add their commands to,
the reporting of domain errors, and JSON output."""

from __future__ import annotations

import json
import sys
from functools import wraps

import click

from workbench.errors import WorkbenchError

commands = click.Group()


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
