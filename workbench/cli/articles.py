"""Commands for articles and claims: import, list, show, the demo article, the schema."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from workbench.cli.base import commands, print_json, reports_errors
from workbench.extensions import db
from workbench.text.counted import counted


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
        print_json(
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
            f"imported article {result.article_id} with {counted(result.claims, 'claim')} "
            f"and {counted(result.sources, 'source')}: {result.title}"
        )


@commands.command("articles")
@click.option("--json", "as_json", is_flag=True)
@with_appcontext
def articles_command(as_json: bool) -> None:
    """List the articles with their claim and source counts."""
    from workbench.services.articles import list_articles

    rows = list_articles(db.session)
    if as_json:
        print_json([row.__dict__ for row in rows])
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
    """List an article's claims with their offsets, status and sources, and the claims
    of other articles that say the same thing."""
    from workbench.services.articles import claim_matches, get_article
    from workbench.services.memory import seen_before_each

    article = get_article(db.session, article_id)
    matches = claim_matches(db.session, article_id)
    seen = seen_before_each(db.session, [c.id for c in article.claims if c.is_claim])
    rows = [
        {
            "id": c.id,
            "position": c.position,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "kind": c.kind,
            "status": c.status,
            "version": c.version,
            "note": c.note,
            "reason": c.reason,
            "evidence": c.evidence or None,
            "updated_by": c.updated_by.username if c.updated_by else None,
            "updated_at": _iso(c.updated_at),
            "assigned_to": c.assigned_to.username if c.assigned_to else None,
            "sources": [link.source.url for link in c.source_links],
            "triage": {"label": c.triage, "score": c.triage_score, "reason": c.triage_reason},
            "suggestion": {"status": c.suggestion, "reason": c.suggestion_reason}
            if c.suggestion
            else None,
            "source_changed": c.is_source_changed,
            "matches": [_match_json(m) for m in matches.get(c.id, [])],
            "seen_before": [s.brief(_iso) for s in seen.get(c.id, [])],
        }
        for c in article.claims
    ]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        cited = f"  [{', '.join(row['sources'])}]" if row["sources"] else ""
        click.echo(f"{row['position']:>4} {row['status']:<11} {row['text']}{cited}")
        if row["suggestion"]:
            click.echo(f"{'':>16}{row['suggestion']['reason']}")
        for seen in row["seen_before"]:
            click.echo(
                f"{'':>16}seen in article {seen['article_id']} ({seen['status']}, "
                f"similarity {seen['similarity']:.0f}): {seen['article_title']}"
            )


@commands.command("demo")
@with_appcontext
@reports_errors
def demo_command() -> None:
    """Import the demo article into an empty database, and create the first admin
    account (its password is printed this once) when there are no users."""
    from workbench.services.demo import import_demo
    from workbench.services.users import ensure_first_admin

    admin = ensure_first_admin(db.session)
    if admin is not None:
        click.echo(
            f"created the admin account {admin.username!r} with password {admin.password!r}\n"
            "  (shown only this once: note it, or set another with `workbench user password`)"
        )
    result = import_demo(db.session)
    if result is None:
        click.echo("articles exist already; demo article not imported")
    else:
        click.echo(f"imported the demo article as article {result.article_id}")


def _iso(at) -> str | None:
    return at.isoformat() if at else None


def _match_json(match) -> dict:
    return {
        "id": match.id,
        "source_url": match.snapshot.source.url,
        "snapshot_id": match.snapshot_id,
        "passage": match.passage,
        "score": match.score,
        "span": [match.span_start, match.span_end],
        "passage_span": [match.passage_start, match.passage_end],
        "highlights": match.highlights,
        "flags": match.flags,
        "matcher_version": match.matcher_version,
    }


@commands.command("match")
@click.option("--article", "article_id", type=int, help="Only this article's claims.")
@click.option(
    "--stale", is_flag=True, help="Only pending claims whose matches an older matcher made."
)
@with_appcontext
@reports_errors
def match_command(article_id: int | None, stale: bool) -> None:
    """Match claims against their sources' snapshots again (runs here, not queued)."""
    from workbench.services.articles import get_article, list_articles
    from workbench.services.matching import match_article, rematch_stale

    if article_id is not None:
        get_article(db.session, article_id)
    if stale:
        claims = rematch_stale(db.session, article_id)
        click.echo(f"matched {claims} claim{'s' if claims != 1 else ''} of an older matcher")
        return
    ids = [article_id] if article_id is not None else [r.id for r in list_articles(db.session)]
    claims = sum(match_article(db.session, i) for i in ids)
    click.echo(f"matched {claims} claims in {len(ids)} article{'s' if len(ids) != 1 else ''}")
