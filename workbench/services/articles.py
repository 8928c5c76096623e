"""Read models for lists and pages: articles with counts, claims with sources."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Integer, func, literal, select, union_all
from sqlalchemy.orm import Session, defer, joinedload, load_only, selectinload

from workbench.errors import NotFound
from workbench.models import Article, ArticleSource, Claim, ClaimSource, Match, Snapshot, Source
from workbench.services.snapshots import latest_snapshots, snapshot_state


@dataclass(frozen=True)
class ArticleRow:
    id: int
    title: str
    language: str
    claims: int
    sources: int
    imported_at: datetime


@dataclass(frozen=True)
class SourceRow:
    id: int
    url: str
    kind: str
    title: str
    origin: str
    label: str
    claim_positions: tuple[int, ...]
    state: str = "none"
    snapshot: Snapshot | None = None


def list_articles(session: Session) -> list[ArticleRow]:
    """Every article, newest first, with its claim and source counts (three queries,
    none of which reads an article's body)."""
    articles = session.execute(
        select(Article.id, Article.title, Article.language, Article.imported_at).order_by(
            Article.imported_at.desc(), Article.id.desc()
        )
    ).all()
    claim_counts = dict(
        session.execute(select(Claim.article_id, func.count()).group_by(Claim.article_id)).all()
    )
    cited = (
        select(ArticleSource.article_id, ArticleSource.source_id)
        .union(select(Claim.article_id, ClaimSource.source_id).join(Claim))
        .subquery()
    )
    source_counts = dict(
        session.execute(select(cited.c.article_id, func.count()).group_by(cited.c.article_id)).all()
    )
    return [
        ArticleRow(aid, title, language, claim_counts.get(aid, 0), source_counts.get(aid, 0), at)
        for aid, title, language, at in articles
    ]


def get_article(session: Session, article_id: int) -> Article:
    """The article with its claims, their source links and who decided or took each
    loaded (a fixed number of queries); ``NotFound`` if absent."""
    claims = selectinload(Article.claims)
    article = session.scalar(
        select(Article)
        .where(Article.id == article_id)
        .options(
            defer(Article.original),  # the text as imported, kept for the record
            claims.selectinload(Claim.source_links).joinedload(ClaimSource.source),
            claims.joinedload(Claim.updated_by),
            claims.joinedload(Claim.assigned_to),
        )
    )
    if article is None:
        raise NotFound(f"There is no article {article_id}.")
    return article


def article_sources(session: Session, article_id: int) -> list[SourceRow]:
    """Sources the article cites, as a whole or through its claims, each once: the
    article's own links first, then those only its claims cite (with the positions of
    the claims citing each). Two queries: the links, and the latest snapshots."""
    cited_by_article = select(
        ArticleSource.source_id,
        ArticleSource.origin,
        ArticleSource.label,
        literal(None, Integer).label("position"),
    ).where(ArticleSource.article_id == article_id)
    cited_by_claims = (
        select(ClaimSource.source_id, ClaimSource.origin, ClaimSource.label, Claim.position)
        .join(Claim, ClaimSource.claim_id == Claim.id)
        .where(Claim.article_id == article_id)
    )
    links = union_all(cited_by_article, cited_by_claims).subquery()
    found = session.execute(
        select(
            Source.id,
            Source.url,
            Source.kind,
            Source.title,
            Source.fetch_requested_at,
            links.c.origin,
            links.c.label,
            links.c.position,
        )
        .join(links, links.c.source_id == Source.id)
        .order_by(links.c.position.is_not(None), links.c.position, Source.id)
    ).all()
    if not found and session.scalar(select(Article.id).where(Article.id == article_id)) is None:
        raise NotFound(f"There is no article {article_id}.")
    rows: dict[int, SourceRow] = {}
    positions: dict[int, list[int]] = {}
    for link in found:
        rows.setdefault(
            link.id,
            SourceRow(link.id, link.url, link.kind, link.title, link.origin, link.label, ()),
        )
        if link.position is not None:
            positions.setdefault(link.id, []).append(link.position)
    requested = {link.id: link for link in found}
    latest = latest_snapshots(session, list(rows))
    return [
        replace(
            r,
            claim_positions=tuple(positions.get(r.id, ())),
            # snapshot_state reads the link's kind and fetch_requested_at, as a source's.
            state=snapshot_state(requested[r.id], latest.get(r.id)),
            snapshot=latest.get(r.id),
        )
        for r in rows.values()
    ]


def claim_matches(session: Session, article_id: int) -> dict[int, list[Match]]:
    """Each claim's matches, best first, with where each passage is from (its snapshot,
    without the page's text, and that snapshot's source) joined: one query."""
    rows = session.scalars(
        select(Match)
        .join(Claim, Match.claim_id == Claim.id)
        .where(Claim.article_id == article_id)
        .options(
            joinedload(Match.snapshot).options(
                load_only(Snapshot.id, Snapshot.source_id, Snapshot.language),
                joinedload(Snapshot.source),
            )
        )
        .order_by(Match.claim_id, Match.rank, Match.id.desc())
    ).all()
    by_claim: dict[int, list[Match]] = {}
    for row in rows:
        by_claim.setdefault(row.claim_id, []).append(row)
    return by_claim
