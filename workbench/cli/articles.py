"""The ``workbench`` command: thin wrappers that parse arguments and call one service."""

from __future__ import annotations

import json
import sys
from functools import wraps

import click
from flask import current_app
from flask.cli import ScriptInfo, with_appcontext

from workbench import create_app
from workbench.errors import WorkbenchError
from workbench.extensions import db

commands = click.Group()


def register_cli(app) -> None:
    """Put the workbench commands on ``app.cli``, where ``main`` and tests find them."""
    for command in commands.commands.values():
        app.cli.add_command(command)


def reports_errors(func):
    """Turn a domain error into a one-line message and exit status 1."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except WorkbenchError as error:
            db.session.rollback()
            click.echo(f"error: {error}", err=True)
            sys.exit(1)

    return wrapper


def _print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@commands.group("db")
def db_group() -> None:
    """Database schema."""


@db_group.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Upgrade the database to the newest migration."""
    from workbench.services.database import upgrade

    upgrade(current_app.config["SQLALCHEMY_DATABASE_URI"])
    click.echo("database is at the newest migration")


@commands.command("import")
@click.argument("location")
@click.option(
    "--format", "fmt", type=click.Choice(["auto", "text", "markdown", "html"]), default="auto"
)
@click.option("--language", default="auto", help="auto, de, en, ...")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@with_appcontext
@reports_errors
def import_command(location: str, fmt: str, language: str, as_json: bool) -> None:
    """Import an article from a file PATH, a URL, or - for standard input."""
    from workbench.services.importing import import_file

    result = import_file(
        db.session, location, fmt=fmt, language=language, config=current_app.config
    )
    if as_json:
        _print_json(
            {
                "article_id": result.article_id,
                "existing": result.existing,
                "claims": result.claims,
                "sources": result.sources,
                "title": result.title,
            }
        )
    elif result.existing:
        click.echo(f"already imported as article {result.article_id}: {result.title}")
    else:
        click.echo(
            f"imported article {result.article_id} with {result.claims} claims "
            f"and {result.sources} sources: {result.title}"
        )


@commands.command("articles")
@click.option("--json", "as_json", is_flag=True)
@with_appcontext
def articles_command(as_json: bool) -> None:
    """List the articles with their claim and source counts."""
    from workbench.services.articles import list_articles

    rows = list_articles(db.session)
    if as_json:
        _print_json([row.__dict__ for row in rows])
        return
    for row in rows:
        click.echo(
            f"{row.id:>5}  {row.language:<3} {row.claims:>4} claims "
            f"{row.sources:>3} sources  {row.title}"
        )


@commands.command("claims")
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@with_appcontext
@reports_errors
def claims_command(article_id: int, as_json: bool) -> None:
    """List an article's claims with their offsets, status and sources."""
    from workbench.services.articles import get_article

    article = get_article(db.session, article_id)
    rows = [
        {
            "id": c.id,
            "position": c.position,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "kind": c.kind,
            "status": c.status,
            "sources": [link.source.url for link in c.source_links],
        }
        for c in article.claims
    ]
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        cited = f"  [{', '.join(row['sources'])}]" if row["sources"] else ""
        click.echo(f"{row['position']:>4} {row['status']:<11} {row['text']}{cited}")


@commands.command("sources")
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@with_appcontext
@reports_errors
def sources_command(article_id: int, as_json: bool) -> None:
    """List the sources an article cites."""
    from workbench.services.articles import article_sources

    rows = article_sources(db.session, article_id)
    if as_json:
        _print_json(
            [
                {
                    "id": r.id,
                    "url": r.url,
                    "kind": r.kind,
                    "title": r.title,
                    "origin": r.origin,
                    "claims": list(r.claim_positions),
                }
                for r in rows
            ]
        )
        return
    for r in rows:
        name = f" ({r.title})" if r.title else ""
        click.echo(f"{r.id:>5}  {r.kind:<7} {r.origin:<12} {r.url}{name}")


@commands.command("demo")
@with_appcontext
@reports_errors
def demo_command() -> None:
    """Import the demo article into an empty database."""
    from workbench.services.demo import import_demo

    result = import_demo(db.session)
    if result is None:
        click.echo("articles exist already; demo article not imported")
    else:
        click.echo(f"imported the demo article as article {result.article_id}")


@commands.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@with_appcontext
def serve_command(host: str, port: int, threads: int) -> None:
    """Serve the app with waitress, a production WSGI server."""
    import waitress

    app = current_app._get_current_object()
    click.echo(f"workbench running on http://{host}:{port}/  (Ctrl+C to stop)")
    waitress.serve(app, host=host, port=port, threads=threads, ident="workbench")


@click.group(commands=commands.commands)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Fact-checking workbench: articles become claims, claims meet their sources."""
    ctx.obj = ScriptInfo(create_app=lambda *_: create_app(), set_debug_flag=False)
