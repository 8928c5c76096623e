"""Commands for claim memory: rebuild its index of claims' content keys."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from workbench.cli.base import commands, reports_errors
from workbench.extensions import db


@commands.group("memory")
def memory_group() -> None:
    """Claim memory: claims of other articles that say the same thing."""


@memory_group.command("reindex")
@with_appcontext
@reports_errors
def reindex_command() -> None:
    """Index every claim's content keys afresh (claims imported before claim memory
    existed are found once this has run; imports index their claims themselves)."""
    from workbench.services.memory import reindex

    claims, keys = reindex(db.session)
    click.echo(f"indexed {claims} claims ({keys} keys)")
