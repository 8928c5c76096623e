"""The report command: an article's verification report in any format."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from workbench.cli.base import commands, reports_errors
from workbench.errors import InputRejected
from workbench.extensions import db
from workbench.reports import FORMATS


@commands.command("report")
@click.argument("article_id", type=int)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file."
)
@with_appcontext
@reports_errors
def report_command(article_id: int, fmt: str, output: str | None) -> None:
    """Write the verification report of ARTICLE_ID: to FILE with -o, else to standard
    output (a PDF only when that is not a terminal). Reports link to the review page
    when WORKBENCH_SITE_URL is set."""
    from workbench.reports import render
    from workbench.reports.model import DEFAULT_ORGANIZATION
    from workbench.services.report import build_report

    config = current_app.config
    if fmt == "pdf" and not output and sys.stdout.isatty():
        raise InputRejected("A PDF is not for a terminal: give -o FILE or redirect the output.")
    report = build_report(
        db.session,
        article_id,
        site_url=config.get("SITE_URL") or "",
        organization=config.get("REPORT_ORGANIZATION") or DEFAULT_ORGANIZATION,
    )
    rendered = render(report, fmt)
    if output:
        Path(output).write_bytes(rendered.data)
        click.echo(f"wrote {fmt} report of article {article_id} to {output}", err=True)
        return
    click.echo(rendered.data, nl=False)
