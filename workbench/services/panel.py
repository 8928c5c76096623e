"""Read models for reviewing: an article's page (its body's claims), one claim's panel
(sources, passages, history) and a snapshot opened at one of its passages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import bindparam, case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session, aliased, defer, joinedload, load_only

from workbench.errors import NotFound
from workbench.matching.anchor import reanchor
from workbench.matching.suggest import DISPUTING, STRONG_THRESHOLD, SUPPORT_THRESHOLD
from workbench.matching.triage import LABELS as TRIAGE_LABELS
from workbench.models import (
    Article,
    ArticleSource,
    Claim,
    ClaimSource,
    Match,
    Snapshot,
    Source,
)
from workbench.services.memory import SeenBefore, seen_before
from workbench.services.review import EventRow, claim_history
from workbench.services.snapshots import latest_snapshots, snapshot_state

# How previous and next walk an article's claims (see claim_panel).
REVIEW_ORDERS = ("article", "triage")


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
    # The article's language, for the claim's and its passages' lang attributes.
    language: str
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
    # The claims of other articles that say the same thing, with their verdicts.
    seen_before: list[SeenBefore]

    @property
    def seen_summary(self) -> str:
        """The seen-before claims in words: "Seen in 3 other articles: verified twice,
        disputed once, 1 pending"."""
        return seen_summary(self.seen_before)

    @property
    def reusable_first(self) -> int | None:
        """The seen-before claim ``r`` reuses: the most similar reusable one."""
        return next((s.claim_id for s in self.seen_before if self.reusable(s)), None)

    def reusable(self, seen: SeenBefore) -> bool:
        """Whether ``seen``'s verdict can be proposed for this claim: it is decided
        with a pinned passage or a note, and this claim is a claim."""
        return (
            self.claim.is_claim
            and seen.status in ("verified", "disputed")
            and bool(seen.evidence.get("passage") or seen.note)
        )

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


@dataclass(frozen=True)
class ClaimMark:
    """What the article's body shows of a claim: where it is and how it stands."""

    id: int
    position: int
    start: int
    end: int
    status: str
    kind: str
    text: str
    triage: str = "checkable"
    triage_reason: str = ""

    @property
    def is_claim(self) -> bool:
        return self.kind != "not_claim"

    @property
    def shown_status(self) -> str:
        """The status, or ``not_claim`` for a sentence marked as stating nothing."""
        return self.status if self.is_claim else "not_claim"


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    claims: list[ClaimMark]


def article_page(session: Session, article_id: int) -> ArticlePage:
    """The article and its claims as marks in the body, in order of position (two
    queries, reading no claim's note or evidence); ``NotFound`` if absent."""
    # The text as it was imported is kept for the record, not shown: not read here.
    article = session.get(Article, article_id, options=[defer(Article.original)])
    if article is None:
        raise NotFound(f"There is no article {article_id}.")
    rows = session.execute(
        select(
            Claim.id,
            Claim.position,
            Claim.start,
            Claim.end,
            Claim.status,
            Claim.kind,
            Claim.text,
            Claim.triage,
            Claim.triage_reason,
        )
        .where(Claim.article_id == article_id)
        .order_by(Claim.position)
    )
    return ArticlePage(article, [ClaimMark(*row) for row in rows])


def claim_panel(
    session: Session,
    claim_id: int,
    article_id: int | None = None,
    *,
    order: str = "article",
    only: str = "",
) -> ClaimPanel:
    """Everything the panel shows for one claim; ``NotFound`` when the claim does not
    exist (or is not of ``article_id``). Five queries: the claim with its people, its
    article's language and its place among the article's claims, its sources, their
    snapshots, its matches, its history; then claim memory's lookup (seen before).
    Every verdict answers with a panel, so each query counts (and the statements are
    built once, at import).

    ``order`` is how previous and next walk the article: ``article`` (its order) or
    ``triage`` (check first, then checkable, then not checkable, each by score);
    ``only`` a triage label to walk through alone (the claim shown always counts)."""
    order, only = review_order(order, only)
    found = session.execute(_claim_in_place(order, only), {"claim_id": claim_id}).first()
    if found is None or (article_id is not None and found.Claim.article_id != article_id):
        raise NotFound(f"There is no claim {claim_id} in this article.")
    claim = found.Claim
    sources = _sources(session, claim)
    matches = list(session.scalars(_MATCHES, {"claim_id": claim.id}))
    return ClaimPanel(
        claim=claim,
        language=found.language,
        sources=sources,
        matches=matches,
        history=claim_history(session, claim.id),
        previous_id=found.previous_id,
        next_id=found.next_id,
        number=found.number,
        total=found.total,
        busy=_busy(claim, sources),
        seen_before=seen_before(session, claim) if claim.is_claim else [],
    )


_TIMES = {1: "once", 2: "twice"}


def seen_summary(seen: list[SeenBefore]) -> str:
    """``seen`` in words, decided statuses first: "Seen in 3 other articles: verified
    twice, disputed once, 1 pending"; "" when there is none."""
    if not seen:
        return ""
    articles = len({s.article_id for s in seen})
    counts: dict[str, int] = {}
    for s in seen:
        counts[s.status] = counts.get(s.status, 0) + 1
    parts = [
        f"{status} {_TIMES.get(counts[status], f'{counts[status]} times')}"
        for status in ("verified", "disputed", "unsupported")
        if counts.get(status)
    ]
    if counts.get("pending"):
        parts.append(f"{counts['pending']} pending")
    where = "another article" if articles == 1 else f"{articles} other articles"
    return f"Seen in {where}: " + ", ".join(parts)


def review_order(order: str | None, only: str | None) -> tuple[str, str]:
    """``order`` and ``only`` as the panel takes them: unknown values fall back to the
    article's order and to every claim."""
    return (order if order in REVIEW_ORDERS else "article", only if only in TRIAGE_LABELS else "")


def _walk(claim):
    """How previous and next walk the claims of an article, for each review order."""
    return {
        "article": (claim.position,),
        "triage": (_triage_rank(claim), claim.triage_score.desc(), claim.position),
    }


def _triage_rank(claim):
    return case({label: rank for rank, label in enumerate(TRIAGE_LABELS)}, value=claim.triage)


@cache
def _claim_in_place(order: str = "article", only: str = ""):
    """The claim with who changed and took it, its article's language, the claims
    before and after it in ``order`` (of those labelled ``only``, when given), its
    number (1-based) and how many the walk has."""
    sibling = aliased(Claim)
    walk = _walk(sibling)[order]
    article = select(Claim.article_id).where(Claim.id == bindparam("claim_id")).scalar_subquery()
    where = [sibling.article_id == article]
    if only:
        where.append(or_(sibling.triage == only, sibling.id == bindparam("claim_id")))
    place = (
        select(
            sibling.id,
            func.lag(sibling.id).over(order_by=walk).label("previous_id"),
            func.lead(sibling.id).over(order_by=walk).label("next_id"),
            func.row_number().over(order_by=walk).label("number"),
            func.count().over().label("total"),
        )
        .where(*where)
        .subquery()
    )
    return (
        select(
            Claim,
            Article.language,
            place.c.previous_id,
            place.c.next_id,
            place.c.number,
            place.c.total,
        )
        .join(place, place.c.id == Claim.id)
        .join(Article, Article.id == Claim.article_id)
        .where(Claim.id == bindparam("claim_id"))
        .options(joinedload(Claim.updated_by), joinedload(Claim.assigned_to))
    )


_MATCHES = (
    select(Match)
    .where(Match.claim_id == bindparam("claim_id"))
    .options(
        # The panel shows where a passage is from, not the whole page again.
        joinedload(Match.snapshot).options(
            load_only(Snapshot.id, Snapshot.source_id, Snapshot.language),
            joinedload(Snapshot.source),
        )
    )
    .order_by(Match.rank, Match.id.desc())
)


def first_claim_id(
    session: Session, article_id: int, *, order: str = "article", only: str = ""
) -> int | None:
    """The claim a review starts with: the first pending one in ``order`` (of those
    labelled ``only``, when given), else the first."""
    order, only = review_order(order, only)
    query = select(Claim.id).where(Claim.article_id == article_id)
    if only:
        query = query.where(Claim.triage == only)
    walk = _walk(Claim)[order]
    first = (Claim.status != "pending", Claim.kind == "not_claim", *walk)
    return session.scalar(query.order_by(*first).limit(1)) or (
        first_claim_id(session, article_id, order=order) if only else None
    )


def _sources(session: Session, claim: Claim) -> list[PanelSource]:
    """The claim's own sources, then the article's it does not cite itself (one query
    for both, one for their latest snapshots)."""
    own = select(
        literal("claim").label("scope"),
        ClaimSource.source_id,
        ClaimSource.origin,
        ClaimSource.label,
    ).where(ClaimSource.claim_id == claim.id)
    cited = select(
        literal("article").label("scope"),
        ArticleSource.source_id,
        ArticleSource.origin,
        ArticleSource.label,
    ).where(ArticleSource.article_id == claim.article_id)
    links = union_all(own, cited).subquery()
    rows = session.execute(
        select(Source, links.c.scope, links.c.origin, links.c.label)
        .join(links, links.c.source_id == Source.id)
        .order_by(links.c.scope.desc(), Source.id)  # "claim" before "article"
    ).all()
    chosen, seen = [], set()
    for source, scope, origin, label in rows:
        if source.id not in seen:
            seen.add(source.id)
            chosen.append((source, scope, origin, label))
    latest = latest_snapshots(session, [source.id for source, *_ in chosen])
    return [
        PanelSource(
            source,
            scope,
            origin,
            label,
            snapshot_state(source, latest.get(source.id)),
            latest.get(source.id),
        )
        for source, scope, origin, label in chosen
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
