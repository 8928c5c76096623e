"""`workbench backup FILE` and `workbench restore FILE`: every table and snapshot file."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from workbench.cli.base import commands, reports_errors
from workbench.extensions import db


def _table_line(name: str, rows: int) -> None:
    click.echo(f"  {name:<16} {rows:>12,} rows")


def _blob_line(summary) -> None:
    click.echo(f"  {'snapshot files':<16} {summary.blobs:>12,} ({summary.blob_bytes:,} bytes)")
    for sha256 in summary.missing_blobs:
        click.echo(f"warning: snapshot file {sha256} is missing from the store", err=True)


@commands.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
@reports_errors
def backup_command(file: Path) -> None:
    """Write every table and snapshot file to FILE, a zip that a SQLite or a PostgreSQL
    workbench restores. The app may keep running: the rows are read in one transaction."""
    from workbench.services.backup import backup
    from workbench.services.snapshots import blob_store

    summary = backup(db.engine, blob_store(current_app.config), file, progress=_table_line)
    _blob_line(summary)
    click.echo(
        f"backed up {summary.rows:,} rows and {summary.blobs:,} snapshot files to {file}"
        f" (schema {summary.revision})"
    )


@commands.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--replace",
    is_flag=True,
    help="Delete every row the database holds first, in the same transaction (if the"
    " restore fails, they stay). Snapshot files already stored are kept.",
)
@with_appcontext
@reports_errors
def restore_command(file: Path, replace: bool) -> None:
    """Load a backup FILE into this workbench's database, which must be empty (or
    --replace) and at the backup's schema. The whole file is checked before anything
    is written; stop the web server and workers first."""
    from workbench.services.backup import restore
    from workbench.services.snapshots import blob_store

    summary = restore(
        db.engine, blob_store(current_app.config), file, replace=replace, progress=_table_line
    )
    _blob_line(summary)
    if summary.replaced:
        deleted = ", ".join(f"{rows:,} {name}" for name, rows in summary.replaced)
        click.echo(f"replaced what the database held: {deleted}")
    click.echo(
        f"restored {summary.rows:,} rows and {summary.blobs:,} snapshot files from {file}"
        f" (schema {summary.revision})"
    )
