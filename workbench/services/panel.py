"""Read models for reviewing one claim: its panel (sources, passages, history) and a
snapshot opened at one of its passages."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.errors import NotFound
from workbench.matching.anchor import reanchor
from workbench.matching.suggest import DISPUTING, STRONG_THRESHOLD, SUPPORT_THRESHOLD
from workbench.models import (
    Article,
    ArticleSource,
    Claim,
    ClaimSource,
    Match,
    Snapshot,
    Source,
)
from workbench.services.review import EventRow, claim_history
from workbench.services.snapshots import latest_snapshots, snapshot_state


@dataclass(frozen=True)
class PanelSource:
    """A source the claim is matched against: linked to the claim itself (``scope``
    ``claim``, a reviewer may remove it) or cited by the whole article."""

    source: Source
    scope: str
    origin: str
    label: str
    state: str
    snapshot: Snapshot | None

    @property
    def is_fetching(self) -> bool:
        return self.state == "queued" and self.source.fetch_started_at is not None


@dataclass(frozen=True)
class ClaimPanel:
    claim: Claim
    sources: list[PanelSource]
    matches: list[Match]
    history: list[EventRow]
    # Claim ids before and after this one in the article, and its place (1-based).
    previous_id: int | None
    next_id: int | None
    number: int
    total: int
    # "fetching" while a source is queued or being fetched, "matching" while a
    # fetched source has not been matched against this pending claim yet, else "".
    busy: str

    @property
    def supporting(self) -> Match | None:
        """The passage ``verified`` pins by default: the one a "verified" suggestion
        rests on (the best strong passage without a contradicting flag), else the
        best passage that may state the claim and contradicts nothing."""
        candidates = self.matches
        if self.claim.suggestion == "verified":
            candidates = [m for m in self.matches if m.score >= STRONG_THRESHOLD]
        return next(
            (
                m
                for m in candidates
                if m.score >= SUPPORT_THRESHOLD and not any(f["kind"] in DISPUTING for f in m.flags)
            ),
            None,
        )

    @property
    def contradicting(self) -> Match | None:
        """The passage ``disputed`` pins by default: the best strong one, when the
        matcher suggests the claim is disputed."""
        if self.claim.suggestion != "disputed":
            return None
        return next((m for m in self.matches if m.score >= STRONG_THRESHOLD), None)

    @property
    def suggested(self) -> Match | None:
        """The passage the suggestion rests on, chosen in the form unless the
        reviewer picks another."""
        return self.contradicting or self.supporting


def claim_panel(session: Session, claim_id: int, article_id: int | None = None) -> ClaimPanel:
    """Everything the panel shows for one claim; ``NotFound`` when the claim does not
    exist (or is not of ``article_id``)."""
    claim = session.scalar(
        select(Claim)
        .where(Claim.id == claim_id)
        .options(selectinload(Claim.updated_by), selectinload(Claim.assigned_to))
    )
    if claim is None or (article_id is not None and claim.article_id != article_id):
        raise NotFound(f"There is no claim {claim_id} in this article.")
    sources = _sources(session, claim)
    matches = list(
        session.scalars(
            select(Match)
            .where(Match.claim_id == claim.id)
            .options(selectinload(Match.snapshot).selectinload(Snapshot.source))
            .order_by(Match.rank, Match.id.desc())
        )
    )
    ids = list(
        session.scalars(
            select(Claim.id).where(Claim.article_id == claim.article_id).order_by(Claim.position)
        )
    )
    at = ids.index(claim.id)
    return ClaimPanel(
        claim=claim,
        sources=sources,
        matches=matches,
        history=claim_history(session, claim.id),
        previous_id=ids[at - 1] if at > 0 else None,
        next_id=ids[at + 1] if at + 1 < len(ids) else None,
        number=at + 1,
        total=len(ids),
        busy=_busy(claim, sources),
    )


def first_claim_id(session: Session, article_id: int) -> int | None:
    """The claim a review starts with: the first pending one, else the first."""
    order = (Claim.status != "pending", Claim.kind == "not_claim", Claim.position)
    return session.scalar(
        select(Claim.id).where(Claim.article_id == article_id).order_by(*order).limit(1)
    )


def _sources(session: Session, claim: Claim) -> list[PanelSource]:
    rows = session.execute(
        select(ClaimSource, Source)
        .join(Source, ClaimSource.source_id == Source.id)
        .where(ClaimSource.claim_id == claim.id)
        .order_by(Source.id)
    ).all()
    links = [("claim", link, source) for link, source in rows]
    seen = {source.id for _, _, source in links}
    for link, source in session.execute(
        select(ArticleSource, Source)
        .join(Source, ArticleSource.source_id == Source.id)
        .where(ArticleSource.article_id == claim.article_id)
        .order_by(Source.id)
    ):
        if source.id not in seen:
            links.append(("article", link, source))
    latest = latest_snapshots(session, [source.id for _, _, source in links])
    return [
        PanelSource(
            source,
            scope,
            link.origin,
            link.label,
            snapshot_state(source, latest.get(source.id)),
            latest.get(source.id),
        )
        for scope, link, source in links
    ]


def _busy(claim: Claim, sources: list[PanelSource]) -> str:
    if any(s.state == "queued" for s in sources):
        return "fetching"
    # Matching sets a suggestion from the fetched sources; "needs_source" (or none)
    # beside a fetched text means the match job has not run for this claim yet.
    has_text = any(s.state == "fetched" and s.snapshot and s.snapshot.text for s in sources)
    if claim.status == "pending" and claim.is_claim and has_text:
        if claim.suggestion in ("", "needs_source"):
            return "matching"
    return ""


@dataclass(frozen=True)
class SnapshotView:
    """A snapshot opened for a claim: ``highlight`` is where the passage asked for
    (a match's anchor, or the claim's pinned evidence) lies in the text today."""

    snapshot: Snapshot
    claim: Claim | None
    article: Article | None
    highlight: tuple[int, int] | None
    # Set when a passage was asked for and this text no longer holds it.
    missing: str


def snapshot_view(
    session: Session,
    snapshot_id: int,
    *,
    claim_id: int | None = None,
    match_id: int | None = None,
    pinned: bool = False,
) -> SnapshotView:
    """The snapshot, with the claim it is opened for and the passage to highlight,
    found again through its W3C anchor (TextPosition first, TextQuote if the text
    moved). ``NotFound`` for an unknown snapshot or claim."""
    snapshot = session.get(Snapshot, snapshot_id)
    if snapshot is None:
        raise NotFound(f"There is no snapshot {snapshot_id}.")
    claim = session.get(Claim, claim_id) if claim_id is not None else None
    if claim_id is not None and claim is None:
        raise NotFound(f"There is no claim {claim_id}.")
    anchor = None
    if match_id is not None:
        match = session.get(Match, match_id)
        if match is not None and match.snapshot_id == snapshot.id:
            anchor = match.anchor
    elif pinned and claim is not None and claim.evidence.get("snapshot_id") == snapshot.id:
        anchor = claim.evidence.get("anchor")
    highlight = _locate(anchor, snapshot.text) if anchor else None
    missing = ""
    if anchor and highlight is None:
        missing = "The passage is no longer in this text."
    article = session.get(Article, claim.article_id) if claim is not None else None
    return SnapshotView(snapshot, claim, article, highlight, missing)


def _locate(anchor: dict, text: str) -> tuple[int, int] | None:
    selectors = {s.get("type"): s for s in anchor.get("selector", [])}
    position = selectors.get("TextPositionSelector", {})
    exact = selectors.get("TextQuoteSelector", {}).get("exact")
    start, end = position.get("start"), position.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        if exact is None or text[start:end] == exact:
            return start, end
    return reanchor(anchor, text)
