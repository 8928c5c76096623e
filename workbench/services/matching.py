"""Match claims against the snapshots of their sources, store the evidence, and keep
the passages reviewers relied on anchored when a source changes."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbench.matching.anchor import anchor_for, reanchor
from workbench.matching.search import Matcher
from workbench.matching.suggest import suggest
from workbench.matching.types import MATCHER_VERSION, Document, Evidence
from workbench.models import ArticleSource, Claim, ClaimSource, Match, Snapshot

TOP_MATCHES = 3


def match_article(session: Session, article_id: int) -> int:
    """Re-match every claim of an article; returns how many claims were matched."""
    ids = session.scalars(select(Claim.id).where(Claim.article_id == article_id)).all()
    return match_claims(session, list(ids))


def match_claims(session: Session, claim_ids: list[int]) -> int:
    """Replace the matches and the suggestion of each pending claim, in one
    transaction; returns how many claims were matched.

    A claim is matched against the latest fetched snapshot of each source it cites
    and of each source its article cites. Claims a reviewer already decided keep
    their matches (the evidence they relied on); only pending claims are re-matched.
    """
    claims = session.scalars(
        select(Claim).where(Claim.id.in_(claim_ids), Claim.status == "pending")
    ).all()
    if not claims:
        return 0
    documents, shas = _documents_by_claim(session, claims)
    session.execute(delete(Match).where(Match.claim_id.in_([c.id for c in claims])))
    # Claims citing the same snapshots are matched together, so that the sentence
    # encoder reads all their passages at once.
    groups: dict[tuple[frozenset[int], str], list[Claim]] = {}
    for claim in claims:
        key = frozenset(d.key for d in documents.get(claim.id, []))
        groups.setdefault((key, claim.article.language), []).append(claim)
    found: dict[int, list[Evidence]] = {}
    for (key, language), group in groups.items():
        if key:
            docs = documents[group[0].id]
            evidence = Matcher(docs, language=language).match_many(
                [c.text for c in group], top=TOP_MATCHES
            )
            found.update(zip((c.id for c in group), evidence, strict=True))
    for claim in claims:
        docs = documents.get(claim.id, [])
        evidence = found.get(claim.id, [])
        texts = {d.key: d.text for d in docs}
        session.add_all(
            _match_row(claim.id, rank, ev, texts[ev.key], shas.get(ev.key))
            for rank, ev in enumerate(evidence)
        )
        suggestion = suggest(evidence, len(docs))
        claim.suggestion, claim.suggestion_reason = suggestion.status, suggestion.reason
    session.commit()
    return len(claims)


def stale_claims(session: Session, article_id: int | None = None) -> list[int]:
    """Pending claims (of one article, or all) whose stored matches an older matcher made."""
    query = (
        select(Match.claim_id)
        .join(Claim, Match.claim_id == Claim.id)
        .where(Claim.status == "pending", Match.matcher_version != MATCHER_VERSION)
        .distinct()
    )
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
    return sorted(session.scalars(query).all())


def rematch_stale(session: Session, article_id: int | None = None) -> int:
    """Match again the pending claims whose matches came from an older matcher version
    (after an upgrade that changed scoring or checks); returns how many were matched."""
    return match_claims(session, stale_claims(session, article_id))


def on_new_snapshot(session: Session, snapshot_id: int) -> int:
    """A snapshot arrived: re-anchor the passages reviewers relied on in older
    snapshots of the same source, then re-match the pending claims citing it."""
    snapshot = session.get(Snapshot, snapshot_id)
    if snapshot is None or snapshot.state != "fetched":
        return 0
    pinned = _reanchor_pinned(session, snapshot)
    _reanchor_relied(session, snapshot, skip=pinned)
    return match_claims(session, _claims_citing(session, snapshot.source_id))


def _reanchor_pinned(session: Session, snapshot: Snapshot) -> set[int]:
    """Find each verdict's pinned passage from this source in the new snapshot. Found
    unchanged, the evidence moves to the new snapshot; changed or gone, it stays on the
    snapshot the reviewer saw and the claim is marked "source changed". Returns the
    ids of the claims whose evidence is pinned to this source."""
    ids = _claims_citing(session, snapshot.source_id)
    decided = session.scalars(select(Claim).where(Claim.id.in_(ids), Claim.status != "pending"))
    pinned_here = set()
    for claim in decided:
        pinned = claim.evidence or {}
        if pinned.get("source_id") != snapshot.source_id or not pinned.get("anchor"):
            continue
        pinned_here.add(claim.id)
        if pinned.get("sha256") == snapshot.sha256:
            continue
        found = reanchor(pinned["anchor"], snapshot.text)
        if found is None or snapshot.text[found[0] : found[1]] != pinned["passage"]:
            claim.is_source_changed = True
            continue
        claim.evidence = {
            **pinned,
            "snapshot_id": snapshot.id,
            "sha256": snapshot.sha256,
            "fetched_at": snapshot.fetched_at.isoformat(),
            "anchor": anchor_for(snapshot.text, found[0], found[1], snapshot.sha256),
        }
    session.commit()
    return pinned_here


def _reanchor_relied(session: Session, snapshot: Snapshot, skip: set[int]) -> None:
    relied = session.execute(
        select(Match, Claim)
        .join(Claim, Match.claim_id == Claim.id)
        .join(Snapshot, Match.snapshot_id == Snapshot.id)
        .where(
            Snapshot.source_id == snapshot.source_id,
            Snapshot.id != snapshot.id,
            Claim.status != "pending",
            Match.rank == 0,
        )
    ).all()
    for match, claim in relied:
        if claim.id in skip or match.anchor.get("sha256") == snapshot.sha256:
            continue
        found = reanchor(match.anchor, snapshot.text)
        if found is None:
            claim.is_source_changed = True
            continue
        start, end = found
        session.add(
            Match(
                claim_id=claim.id,
                snapshot_id=snapshot.id,
                rank=match.rank,
                score=match.score,
                passage=snapshot.text[start:end],
                passage_start=start,
                passage_end=end,
                span_start=start,
                span_end=end,
                highlights=[],
                flags=match.flags,
                anchor=anchor_for(snapshot.text, start, end, snapshot.sha256),
                matcher_version=match.matcher_version,
            )
        )
        if snapshot.text[start:end] != match.passage:
            claim.is_source_changed = True
    session.commit()


def _claims_citing(session: Session, source_id: int) -> list[int]:
    direct = select(ClaimSource.claim_id).where(ClaimSource.source_id == source_id)
    via_article = (
        select(Claim.id)
        .join(ArticleSource, ArticleSource.article_id == Claim.article_id)
        .where(ArticleSource.source_id == source_id)
    )
    return list(session.scalars(direct.union(via_article)).all())


def _documents_by_claim(
    session: Session, claims: list[Claim]
) -> tuple[dict[int, list[Document]], dict[int, str | None]]:
    """For each claim, the latest fetched snapshot of every source it or its article
    cites; and each of those snapshots' sha256."""
    claim_ids = [c.id for c in claims]
    article_ids = {c.article_id for c in claims}
    per_claim: dict[int, set[int]] = defaultdict(set)
    for claim_id, source_id in session.execute(
        select(ClaimSource.claim_id, ClaimSource.source_id).where(
            ClaimSource.claim_id.in_(claim_ids)
        )
    ):
        per_claim[claim_id].add(source_id)
    per_article: dict[int, set[int]] = defaultdict(set)
    for article_id, source_id in session.execute(
        select(ArticleSource.article_id, ArticleSource.source_id).where(
            ArticleSource.article_id.in_(article_ids)
        )
    ):
        per_article[article_id].add(source_id)
    source_ids = set().union(*per_claim.values(), *per_article.values()) if claims else set()
    latest, shas = _latest_fetched(session, source_ids)
    by_claim = {
        c.id: [
            latest[s] for s in sorted(per_claim[c.id] | per_article[c.article_id]) if s in latest
        ]
        for c in claims
    }
    return by_claim, shas


def _latest_fetched(
    session: Session, source_ids: set[int]
) -> tuple[dict[int, Document], dict[int, str | None]]:
    if not source_ids:
        return {}, {}
    rows = session.scalars(
        select(Snapshot)
        .where(Snapshot.source_id.in_(source_ids), Snapshot.state == "fetched", Snapshot.text != "")
        .order_by(Snapshot.id)
    ).all()
    latest = {row.source_id: row for row in rows}
    documents = {
        source_id: Document(
            key=snap.id,
            text=snap.text,
            sentences=tuple(tuple(p) for p in snap.passages),
            language=snap.language,
        )
        for source_id, snap in latest.items()
    }
    return documents, {snap.id: snap.sha256 for snap in latest.values()}


def _match_row(claim_id: int, rank: int, ev: Evidence, text: str, sha256: str | None) -> Match:
    return Match(
        claim_id=claim_id,
        snapshot_id=ev.key,
        rank=rank,
        score=round(float(ev.score), 2),
        passage=ev.passage,
        passage_start=ev.start,
        passage_end=ev.end,
        span_start=ev.span[0],
        span_end=ev.span[1],
        highlights=[list(h) for h in ev.highlights],
        flags=[
            {"kind": f.kind, "claim": f.claim, "source": f.source, "message": f.message}
            for f in ev.flags
        ],
        anchor=anchor_for(text, ev.start, ev.end, sha256),
        matcher_version=MATCHER_VERSION,
    )
