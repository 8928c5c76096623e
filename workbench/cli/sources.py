"""Commands for sources and snapshots: list, add, upload, fetch."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from workbench.cli.base import commands, print_json, reports_errors
from workbench.errors import InputRejected
from workbench.extensions import db


def _snapshot_json(row) -> dict | None:
    snap = row.snapshot
    if row.kind == "outlet" and snap is None:
        return None
    return {
        "state": row.state,
        "id": snap.id if snap else None,
        "http_status": snap.http_status if snap else None,
        "error": snap.error if snap else "",
        "fetched_at": snap.fetched_at.isoformat() if snap else None,
        "text_chars": len(snap.text) if snap else 0,
        "origin": snap.origin if snap else None,
    }


@commands.command("sources")
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@with_appcontext
@reports_errors
def sources_command(article_id: int, as_json: bool) -> None:
    """List the sources an article cites, each with its latest snapshot."""
    from workbench.services.articles import article_sources

    rows = article_sources(db.session, article_id)
    if as_json:
        print_json(
            [
                {
                    "id": r.id,
                    "url": r.url,
                    "kind": r.kind,
                    "title": r.title,
                    "origin": r.origin,
                    "claims": list(r.claim_positions),
                    "snapshot": _snapshot_json(r),
                }
                for r in rows
            ]
        )
        return
    for r in rows:
        name = f" ({r.title})" if r.title else ""
        detail = r.snapshot.error if r.snapshot and r.snapshot.error else ""
        click.echo(f"{r.id:>5}  {r.kind:<7} {r.state:<8} {r.url}{name}  {detail}".rstrip())


@commands.group("source")
def source_group() -> None:
    """Sources a reviewer adds."""


@source_group.command("add")
@click.argument("claim_id", type=int)
@click.argument("url")
@with_appcontext
@reports_errors
def source_add(claim_id: int, url: str) -> None:
    """Link the page at URL to a claim and queue its fetch."""
    from workbench.services.sources import add_claim_source

    added = add_claim_source(db.session, claim_id, url)
    state = "linked" if added.linked else "was already linked"
    queued = ", fetch queued" if added.queued else ""
    click.echo(f"source {added.source_id} {added.url} {state} to claim {claim_id}{queued}")
    if added.refused:
        click.echo(
            f"it cannot be fetched: {added.refused}; add its text with "
            f"`workbench snapshot add {added.source_id} FILE` instead"
        )


@commands.group("snapshot")
def snapshot_group() -> None:
    """Snapshots of sources."""


@snapshot_group.command("add")
@click.argument("source_id", type=int)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
@reports_errors
def snapshot_add(source_id: int, path: Path) -> None:
    """Add a snapshot of a source from a file (HTML, PDF or text)."""
    from workbench.services.snapshots import add_upload

    if not path.is_file():
        raise InputRejected(f"No such file: {path}")
    snapshot = add_upload(db.session, source_id, path.read_bytes(), current_app.config)
    click.echo(
        f"snapshot {snapshot.id} of source {source_id}: {snapshot.content_type}, "
        f"{len(snapshot.text):,} characters of text"
    )


@commands.command("fetch")
@click.option("--article", "article_id", type=int, help="Only this article's sources.")
@click.option("--source", "source_id", type=int, help="Only this source (with --again).")
@click.option(
    "--again", is_flag=True, help="Fetch again the sources whose last fetch failed or was refused."
)
@click.option("--wait", is_flag=True, help="Run the fetches here and wait for them.")
@click.option("--workers", default=8, show_default=True, help="Fetches at once with --wait.")
@with_appcontext
@reports_errors
def fetch_command(
    article_id: int | None, source_id: int | None, again: bool, wait: bool, workers: int
) -> None:
    """Queue a fetch of every page source without a snapshot (and, with --wait,
    run the queued fetches to completion in the foreground). With --again, the
    sources whose last snapshot failed or was refused are fetched once more."""
    from workbench.services import fetch_queue

    if source_id is not None and not again:
        raise InputRejected("--source goes with --again.")
    if again:
        ids = fetch_queue.failed_sources(db.session, article_id, source_id)
        if not ids:
            click.echo("no failed or refused sources to fetch again")
            return
    else:
        ids = fetch_queue.unfetched_sources(db.session, article_id)
    if not wait:
        queued = fetch_queue.queue_fetches(db.session, ids)
        click.echo(f"queued {queued} fetches; a worker (`workbench worker`) runs them")
        return
    from sqlalchemy.orm import sessionmaker

    fetch_queue.request_fetch(db.session, ids)
    pending = fetch_queue.queued_sources(db.session, article_id)
    with click.progressbar(length=len(pending), label="fetching", show_pos=True) as bar:
        outcomes = fetch_queue.fetch_now(
            sessionmaker(db.engine),
            current_app.config,
            pending,
            workers=workers,
            on_done=lambda _: bar.update(1),
        )
    _summary(outcomes)


def _summary(outcomes) -> None:
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.state] = counts.get(outcome.state, 0) + 1
    click.echo(
        ", ".join(
            f"{counts.get(state, 0)} {state}"
            for state in ("fetched", "failed", "refused", "skipped")
        )
    )
    for outcome in sorted(outcomes, key=lambda o: o.source_id):
        if outcome.state != "fetched":
            click.echo(f"  source {outcome.source_id} {outcome.state}: {outcome.detail}")
