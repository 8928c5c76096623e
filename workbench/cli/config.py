"""``workbench check-config``: what a deployment lacks or gets wrong, before it serves."""

from __future__ import annotations

import os
import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from workbench.cli.base import commands


@commands.command("check-config")
@click.option(
    "--web-workers",
    type=click.IntRange(min=1),
    default=None,
    help="Web worker processes [default: from GUNICORN_CMD_ARGS or WEB_CONCURRENCY, else 1].",
)
@click.option("--offline", is_flag=True, help="Check the settings only; connect to nothing.")
@with_appcontext
def check_config_command(web_workers: int | None, offline: bool) -> None:
    """Say what is missing or unsafe in this deployment's settings; exit 1 if anything is."""
    from workbench.config_check import UNSAFE, check_config, web_workers_from_env
    from workbench.services.deployment import check_reachable

    if web_workers is None:
        try:
            web_workers = web_workers_from_env(os.environ)
        except ValueError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(2)
    config, instance_path = current_app.config, current_app.instance_path
    findings = check_config(config, instance_path=instance_path, web_workers=web_workers)
    if not offline:
        findings += check_reachable(config, instance_path=instance_path)
    for finding in findings:
        click.echo(str(finding))
    unsafe = sum(finding.level == UNSAFE for finding in findings)
    if unsafe:
        click.echo(f"{unsafe} unsafe: fix them before serving")
        sys.exit(1)
    click.echo(f"nothing unsafe for {web_workers} web worker(s)")
