"""Claim memory: the claims of other articles that say the same thing as a claim, with
how they were judged. Found through ``claim_keys`` (each claim's content keys) and
scored by the matcher, on every read: a verdict given a minute ago is already there."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import delete, func, literal, select, union_all
from sqlalchemy.orm import Session

from workbench.matching.checks import check_readings
from workbench.matching.reading import Reading, read
from workbench.matching.score import score_readings
from workbench.matching.suggest import DISPUTING, NOT_STATED
from workbench.models import Article, Claim, ClaimEcho, ClaimKey, ReviewEvent, User
from workbench.services.dialect import insert_for, insert_rows

# The similarity (0-100, the matcher's score, the lower of the two directions) from
# which a claim is "seen before", unless the checks find a fact stated otherwise.
# Calibrated with bench/memory.py and the sentences of tests/services/test_memory.py:
# rewordings and near copies of one statement score 64-100 (median 92); claims that
# share a topic, a form or a name but state something else 5-50. The same sentence with
# another figure or town scores 60-90 too: the checks, not the score, leave it out.
SEEN_THRESHOLD = 60.0
# A key in more claims of a language than this says too little to look claims up by
# (a common word of the news: "regierung", "said"); its postings are not read.
COMMON = 2000
# The postings read per lookup at most, rarest keys first: it bounds a lookup's cost
# whatever the archive's size.
BUDGET = 6000
# Claims scored per lookup: those sharing the most (and rarest) keys with the claim.
CANDIDATES = 40
# Keys a candidate must share with the claim's looked-up keys (fewer when it has fewer).
MIN_SHARED = 2
# Claims indexed per statement by ``reindex``.
BATCH = 2000
# Keys counted in one UNION ALL statement (SQLite allows 500 terms).
UNION_TERMS = 400


@dataclass(frozen=True)
class SeenBefore:
    """A claim of another article that says the same thing, with its current verdict:
    ``decided_at``, ``reviewer``, ``note`` and ``evidence`` (the pinned passage, ``{}``
    when a note decided) are those of its last status change, ``None``/empty while it
    is pending."""

    claim_id: int
    article_id: int
    article_title: str
    text: str
    status: str
    similarity: float
    decided_at: datetime | None
    reviewer: str | None
    note: str
    evidence: dict

    def brief(self, when: Callable[[datetime | None], str | None]) -> dict:
        """What scripts get of it (``claims --json``, the API), times written by
        ``when``."""
        return {
            "claim_id": self.claim_id,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "status": self.status,
            "similarity": self.similarity,
            "decided_at": when(self.decided_at),
        }


KEY_COLUMNS = ("language", "key", "claim_id")


def key_rows(claims: Iterable[tuple[int, str]], language: str) -> list[tuple[str, str, int]]:
    """The ``claim_keys`` rows of ``(claim_id, text)`` pairs of one language, as tuples
    of KEY_COLUMNS."""
    return [
        (language, key, claim_id)
        for claim_id, text in claims
        for key in sorted(read(text, language).keys)
    ]


def index_claims(session: Session, claims: Iterable[tuple[int, str]], language: str) -> int:
    """Add the keys of ``(claim_id, text)`` pairs of one language to the index in one
    executemany, in the caller's transaction; the number of rows written."""
    rows = key_rows(claims, language)
    insert_rows(session, ClaimKey.__table__, KEY_COLUMNS, rows)
    return len(rows)


def reindex(session: Session) -> tuple[int, int]:
    """Rebuild the whole index from the claims (for claims imported before it existed,
    or after the reading changed), in one transaction; ``(claims, keys)`` written."""
    session.execute(delete(ClaimKey))
    query = (
        select(Claim.id, Claim.text, Article.language)
        .join(Article, Claim.article_id == Article.id)
        .order_by(Claim.id)
    )
    claims = keys = 0
    for rows in session.execute(query).partitions(BATCH):
        by_language: dict[str, list[tuple[int, str]]] = {}
        for claim_id, text, language in rows:
            by_language.setdefault(language, []).append((claim_id, text))
        for language, pairs in by_language.items():
            keys += index_claims(session, pairs, language)
        claims += len(rows)
    session.commit()
    return claims, keys


def seen_before(session: Session, claim: Claim) -> list[SeenBefore]:
    """What the desk sees: the claims of other articles found to say what ``claim``
    says when either was imported (``claim_echoes``, written by ``record_echoes``),
    with their current verdicts, most similar first, then oldest. One indexed read, so
    every panel and every verdict's answer can show it; a verdict given a minute ago
    is already there, since verdicts are read from the claims."""
    return seen_before_each(session, [claim.id]).get(claim.id, [])


def seen_before_each(session: Session, claim_ids: list[int]) -> dict[int, list[SeenBefore]]:
    """``seen_before`` of many claims (an article's, for the CLI) in three queries,
    by claim id; a claim seen nowhere else is left out."""
    pairs = session.execute(
        select(ClaimEcho.claim_id, ClaimEcho.other_id, ClaimEcho.similarity).where(
            ClaimEcho.claim_id.in_(claim_ids)
        )
    ).all()
    described = _describe(session, {other for _, other, _ in pairs})
    found: dict[int, list[SeenBefore]] = {}
    for claim_id, other, similarity in pairs:
        if other in described:
            found.setdefault(claim_id, []).append(replace(described[other], similarity=similarity))
    return {claim_id: _sorted(seen) for claim_id, seen in found.items()}


def look_up(session: Session, claim: Claim) -> list[SeenBefore]:
    """The claims of other articles in the claim's language that say what it says
    (similarity at least ``SEEN_THRESHOLD``), most similar first, then oldest, looked
    up in the index now (``seen_before`` reads what the lookups at import stored)."""
    language = session.scalar(select(Article.language).where(Article.id == claim.article_id))
    found = _similar(session, claim.id, claim.article_id, claim.text, language)
    described = _describe(session, {other for other, _ in found})
    return _sorted(replace(described[other], similarity=value) for other, value in found)


def _describe(session: Session, claim_ids: set[int]) -> dict[int, SeenBefore]:
    """These claims (those marked not a claim left out) with their article and current
    verdict, by id; ``similarity`` is the caller's to set."""
    if not claim_ids:
        return {}
    rows = session.execute(
        select(
            Claim.id,
            Claim.article_id,
            Article.title,
            Claim.text,
            Claim.status,
            Claim.note,
            Claim.evidence,
        )
        .join(Article, Claim.article_id == Article.id)
        .where(Claim.id.in_(claim_ids), Claim.kind != "not_claim")
    ).all()
    verdicts = _verdicts(session, [row.id for row in rows if row.status != "pending"])
    return {
        row.id: SeenBefore(
            claim_id=row.id,
            article_id=row.article_id,
            article_title=row.title,
            text=row.text,
            status=row.status,
            similarity=0.0,
            decided_at=verdicts.get(row.id, (None, None))[0],
            reviewer=verdicts.get(row.id, (None, None))[1],
            note=row.note,
            evidence=row.evidence or {},
        )
        for row in rows
    }


def _sorted(found) -> list[SeenBefore]:
    return sorted(found, key=lambda s: (-s.similarity, s.claim_id))


def record_echoes(session: Session, article_id: int) -> int:
    """Store, both ways, the claims of other articles that say what each claim of the
    article says (``claim_echoes``, for the page of repeated claims), in one
    transaction; the number of pairs found. A pair stored already (the other
    article's job found it first) is left as it is."""
    language = session.scalar(select(Article.language).where(Article.id == article_id))
    claims = session.execute(
        select(Claim.id, Claim.text).where(
            Claim.article_id == article_id, Claim.kind != "not_claim"
        )
    ).all()
    # The keys' posting lengths, counted once for the whole article: its claims share
    # most of their words, and a statement per claim cost a 3,000-claim article 13 s.
    counts = _posting_counts(
        session, language, frozenset().union(*(read(text, language).keys for _, text in claims))
    )
    rows = []
    for claim_id, text in claims:
        for other_id, similarity in _similar(session, claim_id, article_id, text, language, counts):
            rows.append({"claim_id": claim_id, "other_id": other_id, "similarity": similarity})
            rows.append({"claim_id": other_id, "other_id": claim_id, "similarity": similarity})
    if rows:
        session.execute(insert_for(session)(ClaimEcho.__table__).on_conflict_do_nothing(), rows)
    session.commit()
    return len(rows) // 2


def record_all_echoes(session: Session) -> tuple[int, int]:
    """``record_echoes`` for every article, oldest first, one transaction each (for
    articles imported before the repeated-claims page existed); (articles, pairs
    stored in all)."""
    ids = session.scalars(select(Article.id).order_by(Article.id)).all()
    for article_id in ids:
        record_echoes(session, article_id)
    return len(ids), session.scalar(select(func.count()).select_from(ClaimEcho)) // 2


def _similar(
    session: Session,
    claim_id: int,
    article_id: int,
    text: str,
    language: str,
    counts: dict[str, int] | None = None,
) -> list[tuple[int, float]]:
    """``(claim id, similarity)`` of the claims of other articles saying what ``text``
    says: seen_before's lookup, reading no verdict. ``counts`` are posting lengths
    counted already (``_posting_counts``)."""
    reading = read(text, language)
    if counts is None:
        counts = _posting_counts(session, language, reading.keys)
    candidates = _candidates(
        session, claim_id, language, {k: counts[k] for k in reading.keys if k in counts}
    )
    if not candidates:
        return []
    rows = session.execute(
        select(Claim.id, Claim.text)
        .join(Article, Claim.article_id == Article.id)
        .where(
            Claim.id.in_(candidates),
            Claim.article_id != article_id,
            Claim.kind != "not_claim",
            Article.language == language,
        )
    ).all()
    found = same_claims(reading, [read(row.text, language) for row in rows])
    return [(rows[i].id, similarity) for i, similarity in found]


def same_claims(reading: Reading, others: list[Reading]) -> list[tuple[int, float]]:
    """``(index, similarity)`` of the ``others`` that say what ``reading`` says: the
    matcher's score both ways at least ``SEEN_THRESHOLD`` (a claim that holds this one
    and much more covers it, but does not say the same thing) and no fact contradicted."""
    found = []
    for index, (other, value) in enumerate(
        zip(others, score_readings(reading, others), strict=True)
    ):
        if value < SEEN_THRESHOLD:
            continue
        value = min(float(value), float(score_readings(other, [reading])[0]))
        if value >= SEEN_THRESHOLD and not _contradicts(reading, other):
            found.append((index, round(value, 1)))
    return found


def _contradicts(a: Reading, b: Reading) -> bool:
    """Whether either states a fact the other states otherwise (the matcher's checks:
    another figure, date, name, negation or direction). The same sentence about another
    town or with another figure scores as high as a rewording; it is not the same claim."""
    return any(
        f.kind in DISPUTING and f.source != NOT_STATED
        for f in (*check_readings(a, b), *check_readings(b, a))
    )


def _candidates(
    session: Session, claim_id: int, language: str, counts: dict[str, int]
) -> list[int]:
    """Ids of the claims sharing the most of the claim's rarest keys (``counts``: each
    key's posting length), best first."""
    probed, total = {}, 0
    for key, count in sorted(counts.items(), key=lambda kc: (kc[1], kc[0])):
        if count > COMMON or total + count > BUDGET:
            break
        probed[key] = 1.0 + math.log((COMMON + 1) / (count + 1))
        total += count
    if not probed:
        return []
    shared: dict[int, list[float]] = {}
    postings = session.execute(
        select(ClaimKey.key, ClaimKey.claim_id).where(
            ClaimKey.language == language,
            ClaimKey.key.in_(list(probed)),
            ClaimKey.claim_id != claim_id,
        )
    )
    for key, claim_id in postings:
        shared.setdefault(claim_id, []).append(probed[key])
    least = min(MIN_SHARED, len(probed))
    ranked = sorted(
        ((-sum(weights), claim_id) for claim_id, weights in shared.items() if len(weights) >= least)
    )
    return [claim_id for _, claim_id in ranked[:CANDIDATES]]


def _posting_counts(session: Session, language: str, keys: frozenset[str]) -> dict[str, int]:
    """How many claims of ``language`` have each key, counted up to ``COMMON + 1`` (a
    longer posting is not read to its end), in one statement per UNION_TERMS keys."""
    counts: dict[str, int] = {}
    ordered = sorted(keys)
    for at in range(0, len(ordered), UNION_TERMS):
        parts = [
            select(literal(key).label("key"), func.count().label("n")).select_from(
                select(ClaimKey.claim_id)
                .where(ClaimKey.language == language, ClaimKey.key == key)
                .limit(COMMON + 1)
                .subquery()
            )
            for key in ordered[at : at + UNION_TERMS]
        ]
        counts.update(session.execute(union_all(*parts)).all())
    return counts


def _verdicts(session: Session, claim_ids: list[int]) -> dict[int, tuple[datetime, str | None]]:
    """When and by whom each claim got its current status: its last status event
    (assigning a claim also touches ``Claim.updated_at`` and ``updated_by``)."""
    if not claim_ids:
        return {}
    last = (
        select(func.max(ReviewEvent.id))
        .where(ReviewEvent.claim_id.in_(claim_ids), ReviewEvent.action == "status")
        .group_by(ReviewEvent.claim_id)
    )
    rows = session.execute(
        select(ReviewEvent.claim_id, ReviewEvent.created_at, User.username)
        .outerjoin(User, ReviewEvent.user_id == User.id)
        .where(ReviewEvent.id.in_(last))
    )
    return {claim_id: (at, who) for claim_id, at, who in rows}
