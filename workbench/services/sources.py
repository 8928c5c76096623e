"""Sources a reviewer adds: pin the exact page behind a claim or an outlet, and the
search link that helps find it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote_plus

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench import jobs
from workbench.errors import InputRejected, NotFound
from workbench.models import (
    Article,
    ArticleSource,
    Claim,
    ClaimSource,
    Snapshot,
    Source,
    User,
)
from workbench.services.dialect import insert_for
from workbench.services.fetch_queue import queue_fetches
from workbench.services.review import record_source_change
from workbench.text.sources import page_ref
from workbench.text.terms import key_terms


@dataclass(frozen=True)
class Added:
    source_id: int
    url: str
    linked: bool
    queued: bool
    # Why the fetch guard refused the page, when that is already known (a fetch that
    # ran at once); the reviewer can remove it or upload or paste its text instead.
    refused: str = ""


def add_claim_source(session: Session, claim_id: int, url: str, user: User | None = None) -> Added:
    """Link the page at ``url`` to a claim (origin ``reviewer``) and queue its fetch;
    the link and its review event (when ``user`` is given) are one commit."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"There is no claim {claim_id}.")
    source_id, key = _page_source(session, url)
    exists = session.get(ClaimSource, (claim_id, source_id)) is not None
    if not exists:
        session.add(ClaimSource(claim_id=claim_id, source_id=source_id, origin="reviewer"))
        if user is not None:
            record_source_change(session, claim, user, key, added=True)
    session.commit()
    queued = _fetch_or_match(session, source_id, [claim_id])
    return Added(source_id, key, not exists, queued, _refusal(session, source_id))


def remove_claim_source(session: Session, claim_id: int, source_id: int, user: User) -> str:
    """Unlink a source from a claim (a wrong or useless page) with its review event,
    and match the claim again without it; returns the source's URL. Sources the
    whole article cites are not the claim's to remove."""
    link = session.get(ClaimSource, (claim_id, source_id))
    if link is None:
        raise NotFound("That source is not linked to this claim.")
    claim, url = link.claim, link.source.url
    session.delete(link)
    record_source_change(session, claim, user, url, added=False)
    session.commit()
    jobs.match_claims.enqueue([claim_id])
    return url


def add_article_source(session: Session, article_id: int, url: str, label: str = "") -> Added:
    """Link the page at ``url`` to an article, e.g. the exact page behind an outlet."""
    if session.get(Article, article_id) is None:
        raise NotFound(f"There is no article {article_id}.")
    source_id, key = _page_source(session, url)
    exists = session.get(ArticleSource, (article_id, source_id)) is not None
    if not exists:
        session.add(
            ArticleSource(
                article_id=article_id, source_id=source_id, origin="reviewer", label=label
            )
        )
    session.commit()
    claim_ids = list(session.scalars(select(Claim.id).where(Claim.article_id == article_id)))
    queued = _fetch_or_match(session, source_id, claim_ids)
    return Added(source_id, key, not exists, queued, _refusal(session, source_id))


def search_link(template: str, domain: str, sentence: str) -> str:
    """A web search restricted to ``domain`` for the sentence's key terms.

    >>> search_link("https://s.example/?q=site%3A{domain}+{terms}", "bmvg.de", "Rutte in Brüssel")
    'https://s.example/?q=site%3Abmvg.de+Rutte+Br%C3%BCssel'
    """
    return template.format(
        domain=quote_plus(domain), terms=quote_plus(" ".join(key_terms(sentence)))
    )


def _page_source(session: Session, url: str) -> tuple[int, str]:
    ref = page_ref(url.strip(), "reviewer")
    if ref is None:
        raise InputRejected(
            f"Not a web page address: {url!r} (it must start with http:// or https://)."
        )
    session.execute(
        insert_for(session)(Source.__table__)
        .values(url=ref.key, kind="page", title="")
        .on_conflict_do_nothing(index_elements=["url"])
    )
    return session.scalar(select(Source.id).where(Source.url == ref.key)), ref.key


def _fetch_or_match(session: Session, source_id: int, claim_ids: list[int]) -> bool:
    """A newly linked source is fetched; one that has a snapshot already is matched
    against the claims it now supports. Returns whether a fetch was queued."""
    if not _has_snapshot(session, source_id):
        return queue_fetches(session, [source_id]) > 0
    if claim_ids:
        jobs.match_claims.enqueue(claim_ids)
    return False


def _refusal(session: Session, source_id: int) -> str:
    if session.scalar(select(Source.fetch_requested_at).where(Source.id == source_id)):
        return ""
    latest = session.scalars(
        select(Snapshot).where(Snapshot.source_id == source_id).order_by(Snapshot.id.desc())
    ).first()
    return latest.error if latest is not None and latest.state == "refused" else ""


def _has_snapshot(session: Session, source_id: int) -> bool:
    return (
        session.scalar(select(Snapshot.id).where(Snapshot.source_id == source_id).limit(1))
        is not None
    )


@dataclass(frozen=True)
class SourcePage:
    source: Source
    snapshots: list[Snapshot]
    state: str
    articles: list[tuple[int, str]]


def source_page(session: Session, source_id: int) -> SourcePage:
    """A source with its snapshots, newest first, and the articles citing it."""
    from workbench.services.snapshots import snapshot_state

    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"There is no source {source_id}.")
    snaps = list(
        session.scalars(
            select(Snapshot).where(Snapshot.source_id == source_id).order_by(Snapshot.id.desc())
        ).all()
    )
    cited = (
        select(ArticleSource.article_id)
        .where(ArticleSource.source_id == source_id)
        .union(select(Claim.article_id).join(ClaimSource).where(ClaimSource.source_id == source_id))
    )
    articles = session.execute(
        select(Article.id, Article.title).where(Article.id.in_(cited)).order_by(Article.id)
    ).all()
    return SourcePage(
        source,
        snaps,
        snapshot_state(source, snaps[0] if snaps else None),
        [tuple(a) for a in articles],
    )
