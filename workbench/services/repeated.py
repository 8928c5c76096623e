"""The claims that circulate: statements said in several articles, most-seen first,
with how each was judged. Read from ``claim_echoes`` (the pairs claim memory found at
import), so a page is two queries however large the archive; verdicts are read from
the claims, so a decision shows at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Float, func, literal, select
from sqlalchemy.orm import Session

from workbench.models import Article, Claim, ClaimEcho

PER_PAGE = 25


@dataclass(frozen=True)
class Said:
    """One article's saying of the statement, with its claim's current status."""

    claim_id: int
    article_id: int
    article_title: str
    text: str
    status: str
    # How close it is to the first saying (100 for the first itself).
    similarity: float


@dataclass(frozen=True)
class Repeated:
    """A statement said in ``len(sayings)`` articles: the first saying (the oldest
    claim), then the others, most similar first."""

    sayings: list[Said]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def first(self) -> Said:
        return self.sayings[0]


@dataclass(frozen=True)
class RepeatedPage:
    items: list[Repeated]
    page: int
    pages: int
    total: int
    per_page: int = PER_PAGE


def repeated_claims(session: Session, page: int = 1, per_page: int = PER_PAGE) -> RepeatedPage:
    """One page of repeated statements, most-seen first. A statement is shown once, by
    its oldest claim: the claims whose echoes are all younger than themselves."""
    page = max(1, page)
    groups = (
        select(
            ClaimEcho.claim_id,
            func.count().label("n"),
            func.count().over().label("total"),
        )
        .group_by(ClaimEcho.claim_id)
        .having(func.min(ClaimEcho.other_id) > ClaimEcho.claim_id)
        .order_by(func.count().desc(), ClaimEcho.claim_id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    rows = session.execute(groups).all()
    total = rows[0].total if rows else _count(session)
    pages = max(1, -(-total // per_page))
    if not rows:
        return RepeatedPage([], page, pages, total, per_page)
    firsts = [row.claim_id for row in rows]
    sayings: dict[int, list[Said]] = {claim_id: [] for claim_id in firsts}
    first = (
        select(
            Claim.id.label("first_id"),
            Claim.id,
            Claim.article_id,
            Article.title,
            Claim.text,
            Claim.status,
            literal(100.0, Float).label("similarity"),
        )
        .join_from(Claim, Article, Article.id == Claim.article_id)
        .where(Claim.id.in_(firsts))
    )
    others = (
        select(
            ClaimEcho.claim_id.label("first_id"),
            Claim.id,
            Claim.article_id,
            Article.title,
            Claim.text,
            Claim.status,
            ClaimEcho.similarity,
        )
        .join_from(ClaimEcho, Claim, Claim.id == ClaimEcho.other_id)
        .join(Article, Article.id == Claim.article_id)
        .where(ClaimEcho.claim_id.in_(firsts))
    )
    both = first.union_all(others).subquery()
    for row in session.execute(
        select(both).order_by(both.c.first_id, both.c.similarity.desc(), both.c.id)
    ):
        sayings[row.first_id].append(
            Said(row.id, row.article_id, row.title or "", row.text, row.status, row.similarity)
        )
    items = []
    for claim_id in firsts:
        said = sayings[claim_id]
        counts: dict[str, int] = {}
        for s in said:
            counts[s.status] = counts.get(s.status, 0) + 1
        items.append(Repeated(said, counts))
    return RepeatedPage(items, page, pages, total, per_page)


def _count(session: Session) -> int:
    """How many statements are repeated (for a page past the last)."""
    firsts = (
        select(ClaimEcho.claim_id)
        .group_by(ClaimEcho.claim_id)
        .having(func.min(ClaimEcho.other_id) > ClaimEcho.claim_id)
        .subquery()
    )
    return session.scalar(select(func.count()).select_from(firsts)) or 0
