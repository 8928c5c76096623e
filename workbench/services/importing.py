"""Import an article: decode, analyse, and store article, claims and sources in one transaction."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from workbench import jobs
from workbench.errors import InputRejected
from workbench.matching.reading import read
from workbench.matching.suggest import suggest
from workbench.matching.triage import triage
from workbench.models import Article, ArticleSource, Claim, ClaimSource, Source, User
from workbench.services.dialect import insert_for
from workbench.services.fetch_queue import cited_source_ids, queue_fetches
from workbench.services.memory import index_claims
from workbench.text.analyse import Analysis, analyse
from workbench.text.decode import DEFAULT_MAX_BYTES, check_text, decode_bytes
from workbench.text.markup import strip_markup
from workbench.text.sources import SourceRef
from workbench.text.urls import normalise_url


@dataclass(frozen=True)
class ImportResult:
    article_id: int
    existing: bool
    claims: int
    sources: int
    title: str


def body_fingerprint(body: str) -> str:
    """sha256 of the body with whitespace folded, so re-wrapped copies count as the same."""
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


def import_article(
    session: Session,
    data: bytes | str,
    *,
    fmt: str = "auto",
    language: str = "auto",
    origin_url: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    user: User | None = None,
    fetch_pages: bool = False,
    title: str = "",
) -> ImportResult:
    """Store ``data`` as a new article, or report the article it duplicates.

    A duplicate is an article with the same normalised body or the same origin URL;
    then nothing is written. Raises ``InputRejected`` for input that is not an article.
    With ``fetch_pages``, the new article's page sources are queued for fetching.
    ``title``, when given, replaces the title found in the input (without its markup).
    """
    if isinstance(data, bytes):
        text = decode_bytes(data, encoding=encoding, max_bytes=max_bytes)
    else:
        text = check_text(data, max_bytes=max_bytes)
    origin = normalise_url(origin_url) if origin_url else None
    if origin and (found := session.scalar(select(Article).where(Article.origin_url == origin))):
        return _existing(session, found)
    analysis = analyse(text, fmt=fmt, language=language, base_url=origin_url)
    if title := strip_markup(title):
        analysis = replace(analysis, title=title)
    if not analysis.claims and not analysis.title:
        raise InputRejected("No sentences to check were found in the input.")
    fingerprint = body_fingerprint(analysis.body)
    article_id = _store(session, analysis, text, fingerprint, origin, user)
    if article_id is None:
        session.rollback()
        found = session.scalar(
            select(Article).where(
                (Article.body_sha256 == fingerprint) | (Article.origin_url == origin)
            )
        )
        return _existing(session, found)
    session.commit()
    # The claims of other articles that its claims repeat, for the page of repeated
    # claims: a lookup per claim, which would cost the import more than the rest of it.
    jobs.record_echoes.enqueue(article_id)
    if fetch_pages:
        _queue_pages(session, article_id)
    return ImportResult(
        article_id, False, len(analysis.claims), len(_all_refs(analysis)), analysis.title
    )


def _queue_pages(session: Session, article_id: int) -> None:
    queue_fetches(session, list(session.scalars(cited_source_ids(article_id)).all()))


def _existing(session: Session, article: Article) -> ImportResult:
    session.rollback()
    sources = session.scalars(
        select(ArticleSource.source_id).where(ArticleSource.article_id == article.id)
    ).all()
    claim_sources = session.scalars(
        select(ClaimSource.source_id).join(Claim).where(Claim.article_id == article.id)
    ).all()
    return ImportResult(
        article.id, True, len(article.claims), len(set(sources) | set(claim_sources)), article.title
    )


def _store(
    session: Session,
    analysis: Analysis,
    text: str,
    fingerprint: str,
    origin: str | None,
    user: User | None,
) -> int | None:
    """Insert the article and everything it cites with Core executemany statements
    (the ORM's unit of work costs more than the database here). ``None`` when an
    article with the same body or origin exists: the unique constraints decide, so
    two concurrent imports of one article cannot both store it."""
    article_id = session.execute(
        insert_for(session)(Article.__table__)
        .values(
            title=analysis.title,
            dek=analysis.dek,
            body=analysis.body,
            body_sha256=fingerprint,
            original=text,
            input_format=analysis.format,
            language=analysis.language,
            origin_url=origin,
            publisher=analysis.publisher,
            imported_by_id=user.id if user else None,
            layout=[[s.start, s.end, s.kind] for s in analysis.spans],
        )
        .on_conflict_do_nothing()
        .returning(Article.__table__.c.id)
    ).scalar_one_or_none()
    if article_id is None:
        return None
    source_ids = _ensure_sources(session, _all_refs(analysis))
    if analysis.claims:
        # No source has been fetched yet, so every claim starts as needing one.
        untested = suggest([], 0)
        triaged = {c.position: triage(read(c.text, analysis.language)) for c in analysis.claims}
        claims = Claim.__table__
        # No RETURNING: without it psycopg sends a pipelined executemany of one
        # short cached statement; reading the ids back is cheaper than one large
        # multi-row statement that the driver must parse every time.
        session.execute(
            insert(claims),
            [
                {
                    "article_id": article_id,
                    "position": c.position,
                    "text": c.text,
                    "start_offset": c.start,
                    "end_offset": c.end,
                    "kind": c.kind,
                    "triage": triaged[c.position].label,
                    "triage_score": triaged[c.position].score,
                    "triage_reason": triaged[c.position].reason,
                    "suggestion": untested.status,
                    "suggestion_reason": untested.reason,
                }
                for c in analysis.claims
            ],
        )
        claim_ids = dict(
            session.execute(
                select(claims.c.position, claims.c.id).where(claims.c.article_id == article_id)
            ).all()
        )
        # Claim memory's keys, in this transaction: the article is findable once stored.
        index_claims(
            session, [(claim_ids[c.position], c.text) for c in analysis.claims], analysis.language
        )
        links = [
            {
                "claim_id": claim_ids[c.position],
                "source_id": source_ids[r.key],
                "origin": r.origin,
                "label": r.label,
            }
            for c in analysis.claims
            for r in c.sources
        ]
        if links:
            session.execute(insert(ClaimSource.__table__), links)
    if analysis.sources:
        session.execute(
            insert(ArticleSource.__table__),
            [
                {
                    "article_id": article_id,
                    "source_id": source_ids[r.key],
                    "origin": r.origin,
                    "label": r.label,
                }
                for r in analysis.sources
            ],
        )
    return article_id


def _all_refs(analysis: Analysis) -> list[SourceRef]:
    refs = {r.key: r for c in analysis.claims for r in c.sources}
    refs.update({r.key: r for r in analysis.sources})
    return list(refs.values())


def _ensure_sources(session: Session, refs: list[SourceRef]) -> dict[str, int]:
    """Source ids by key, inserting the missing ones; safe against a concurrent import
    inserting the same source (the unique URL decides, nothing is duplicated)."""
    if not refs:
        return {}
    session.execute(
        insert_for(session)(Source.__table__).on_conflict_do_nothing(index_elements=["url"]),
        [
            {"url": r.key, "kind": r.kind, "title": r.label if r.kind == "outlet" else ""}
            for r in refs
        ],
    )
    rows = session.execute(
        select(Source.url, Source.id).where(Source.url.in_([r.key for r in refs]))
    )
    return dict(rows.all())


def import_file(
    session: Session,
    location: str,
    *,
    fmt: str,
    language: str,
    config,
    title: str = "",
    user: User | None = None,
) -> ImportResult:
    """Import from a file path, ``-`` (standard input) or an http(s) URL."""
    max_bytes = int(config["MAX_INPUT_BYTES"])
    if location.startswith(("http://", "https://")):
        from workbench.services.fetching import fetch_article_page

        page = fetch_article_page(location, config)
        # The fetch decoded a text page already, by the same rules as every other input.
        return import_article(
            session,
            page.text if page.text is not None else page.body,
            fmt=fmt if fmt != "auto" else ("html" if "html" in page.content_type else "auto"),
            language=language,
            origin_url=page.final_url,
            encoding=page.charset,
            max_bytes=max_bytes,
            fetch_pages=bool(config.get("FETCH_ON_IMPORT")),
            title=title,
            user=user,
        )
    if location == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(location)
        if not path.is_file():
            raise InputRejected(f"No such file: {location}")
        if path.stat().st_size > max_bytes:
            raise InputRejected(
                f"The input is {path.stat().st_size:,} bytes; the limit is {max_bytes:,} bytes."
            )
        data = path.read_bytes()
    return import_article(
        session,
        data,
        fmt=fmt,
        language=language,
        max_bytes=max_bytes,
        fetch_pages=bool(config.get("FETCH_ON_IMPORT")),
        title=title,
        user=user,
    )
