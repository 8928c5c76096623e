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
@click.option(
    "--echoes",
    is_flag=True,
    help="Also find every article's repeated claims for the repeated-claims page "
    "(a lookup per claim: slow on a large archive).",
)
@with_appcontext
@reports_errors
def reindex_command(echoes: bool) -> None:
    """Index every claim's content keys afresh (claims imported before claim memory
    existed are found once this has run; imports index their claims themselves)."""
    from workbench.services.memory import record_all_echoes, reindex

    claims, keys = reindex(db.session)
    click.echo(f"indexed {claims} claims ({keys} keys)")
    if echoes:
        articles, pairs = record_all_echoes(db.session)
        plural = "" if pairs == 1 else "s"
        click.echo(f"{pairs} pair{plural} of repeated claims stored, {articles} articles looked up")
