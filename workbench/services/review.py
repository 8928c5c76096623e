"""Verdicts on claims and the other changes reviewers make, each with its review event.

Every change names the claim ``version`` it was made on. The claim row is updated
only ``WHERE version = <that version>``, in the same transaction as the event, so of
two reviewers deciding the same claim at once exactly one wins and the other gets
``StaleClaim`` with the newer state; nothing is overwritten and no event is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workbench.errors import InputRejected, NotFound, WorkbenchError
from workbench.matching.anchor import anchor_for
from workbench.models import (
    STATUSES,
    UNSUPPORTED_REASONS,
    Article,
    ArticleSource,
    Claim,
    ClaimSource,
    Match,
    ReviewEvent,
    Snapshot,
    User,
    utcnow,
)

MAX_NOTE = 5000


class StaleClaim(WorkbenchError):
    """The claim changed since the reviewer loaded it; ``claim`` is its current state."""

    def __init__(self, claim: Claim, who: str | None):
        when = claim.updated_at.strftime("%Y-%m-%d %H:%M UTC") if claim.updated_at else ""
        super().__init__(
            f"{who or 'Someone else'} changed this claim since you opened it ({when}): "
            f"it is now {claim.status}. "
            "Nothing was saved; look at the newer state and decide again."
        )
        self.claim = claim
        self.who = who


class NotReady(WorkbenchError):
    """An article cannot be signed off while claims are pending."""


@dataclass(frozen=True)
class Verdict:
    """What a reviewer decided. Evidence is one of: ``match_id`` (a stored match of
    this claim), ``selection`` (``(snapshot_id, start, end)`` in a snapshot's text), or
    a ``note`` saying how it was checked without a page. ``reused_from`` names the
    claim whose verdict was reused (services/reuse.py): its pinned passage's source
    may be pinned for this claim too, and becomes one of its sources."""

    status: str
    note: str = ""
    reason: str = ""
    match_id: int | None = None
    selection: tuple[int, int, int] | None = None
    reused_from: int | None = None


def decide(session: Session, claim_id: int, verdict: Verdict, *, version: int, user: User) -> Claim:
    """Set a claim's status with its evidence, note and reason; ``InputRejected`` when
    the evidence the status needs is missing, ``StaleClaim`` when ``version`` is old.

    - verified and disputed need a pinned passage or a note;
    - unsupported needs a reason (``UNSUPPORTED_REASONS``), the note is optional;
    - pending clears evidence and reason.
    """
    claim = _load(session, claim_id)
    if verdict.status not in STATUSES:
        raise InputRejected(f"A status is one of {', '.join(STATUSES)}.")
    note = _note(verdict.note)
    if not claim.is_claim:
        raise InputRejected("This sentence is marked as not a claim; restore it first.")
    evidence: dict = {}
    reason = ""
    if verdict.status in ("verified", "disputed"):
        evidence = _evidence(session, claim, verdict)
        if not evidence and not note:
            what = "supports" if verdict.status == "verified" else "contradicts"
            raise InputRejected(
                f"Pin the passage that {what} the claim, or say in the note how it was checked."
            )
    elif verdict.status == "unsupported":
        if verdict.reason not in UNSUPPORTED_REASONS:
            raise InputRejected(
                "Say why it is unsupported: " + "; ".join(UNSUPPORTED_REASONS.values()) + "."
            )
        reason = verdict.reason
    event = ReviewEvent(
        action="status",
        from_status=claim.status,
        to_status=verdict.status,
        note=note,
        reason=reason,
        evidence=evidence,
    )
    values = {"status": verdict.status, "note": note, "reason": reason, "evidence": evidence}
    if verdict.status == "pending":
        values["is_source_changed"] = False
    return _apply(session, claim, version, user, values, event)


def set_is_claim(
    session: Session, claim_id: int, is_claim: bool, *, version: int, user: User, note: str = ""
) -> Claim:
    """Mark a sentence as not a claim (it states nothing checkable), or restore it.
    A sentence marked so leaves the counts and no longer blocks sign-off."""
    claim = _load(session, claim_id)
    note = _note(note)
    if claim.is_claim == is_claim:
        return claim
    values = {"kind": "statement" if is_claim else "not_claim"}
    if not is_claim:
        values.update(status="pending", evidence={}, reason="")
    event = ReviewEvent(
        action="is_claim" if is_claim else "not_claim",
        from_status=claim.status,
        to_status="pending" if not is_claim else claim.status,
        note=note,
    )
    return _apply(session, claim, version, user, values, event)


def assign(
    session: Session, claim_id: int, *, version: int, user: User, to_me: bool = True
) -> Claim:
    """Take the claim ("assigned to me"), or give it back."""
    claim = _load(session, claim_id)
    values = {"assigned_to_id": user.id if to_me else None}
    event = ReviewEvent(
        action="assign" if to_me else "unassign",
        from_status=claim.status,
        to_status=claim.status,
        detail=user.username,
    )
    return _apply(session, claim, version, user, values, event)


def record_source_change(
    session: Session, claim: Claim, user: User, url: str, *, added: bool
) -> None:
    """An event for a source a reviewer added to or removed from a claim (the caller
    commits with the link change)."""
    session.add(
        ReviewEvent(
            article_id=claim.article_id,
            claim_id=claim.id,
            user_id=user.id,
            action="source_added" if added else "source_removed",
            from_status=claim.status,
            to_status=claim.status,
            detail=url,
        )
    )


def sign_off(session: Session, article_id: int, *, user: User, note: str = "") -> Article:
    """An editor signs the article off as checked; ``NotReady`` while any claim is
    pending (sentences marked not a claim do not count)."""
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"There is no article {article_id}.")
    pending = session.scalar(
        select(func.count()).where(
            Claim.article_id == article_id, Claim.status == "pending", Claim.kind != "not_claim"
        )
    )
    if pending:
        raise NotReady(
            f"{pending} claim{'s are' if pending != 1 else ' is'} still pending; "
            "decide every claim before signing the article off."
        )
    now = utcnow()
    article.signed_off_by_id, article.signed_off_at = user.id, now
    session.add(
        ReviewEvent(
            article_id=article_id,
            user_id=user.id,
            action="sign_off",
            note=_note(note),
            created_at=now,
        )
    )
    session.commit()
    return article


@dataclass(frozen=True)
class EventRow:
    id: int
    claim_id: int | None
    claim_position: int | None
    action: str
    from_status: str
    to_status: str
    note: str
    reason: str
    evidence: dict
    detail: str
    user: str
    at: object


def claim_history(session: Session, claim_id: int) -> list[EventRow]:
    """The claim's review events, oldest first."""
    return _events(session, ReviewEvent.claim_id == claim_id, oldest_first=True)


def article_activity(session: Session, article_id: int, limit: int = 50) -> list[EventRow]:
    """The article's most recent review events, newest first."""
    return _events(session, ReviewEvent.article_id == article_id, limit=limit)


def _events(session, where, *, oldest_first=False, limit=None) -> list[EventRow]:
    order = ReviewEvent.id.asc() if oldest_first else ReviewEvent.id.desc()
    query = (
        select(ReviewEvent, User.username, Claim.position)
        .outerjoin(User, ReviewEvent.user_id == User.id)
        .outerjoin(Claim, ReviewEvent.claim_id == Claim.id)
        .where(where)
        .order_by(order)
    )
    if limit:
        query = query.limit(limit)
    return [
        EventRow(
            e.id,
            e.claim_id,
            position,
            e.action,
            e.from_status,
            e.to_status,
            e.note,
            e.reason,
            e.evidence,
            e.detail,
            name or "",
            e.created_at,
        )
        for e, name, position in session.execute(query)
    ]


def _load(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"There is no claim {claim_id}.")
    return claim


def _apply(
    session: Session, claim: Claim, version: int, user: User, values: dict, event: ReviewEvent
) -> Claim:
    now = utcnow()
    result = session.execute(
        update(Claim)
        .where(Claim.id == claim.id, Claim.version == version)
        .values(**values, version=Claim.version + 1, updated_by_id=user.id, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        current = session.get(Claim, claim.id, populate_existing=True)
        who = current.updated_by.username if current and current.updated_by else None
        raise StaleClaim(current, who)
    event.article_id, event.claim_id, event.user_id, event.created_at = (
        claim.article_id,
        claim.id,
        user.id,
        now,
    )
    session.add(event)
    session.commit()
    session.refresh(claim)
    return claim


def _note(note: str | None) -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InputRejected(f"A note has at most {MAX_NOTE:,} characters.")
    return note


def _evidence(session: Session, claim: Claim, verdict: Verdict) -> dict:
    """The pinned passage as a copy that outlives recomputed matches, or ``{}``."""
    if verdict.match_id is not None:
        match = session.get(Match, verdict.match_id)
        if match is None or match.claim_id != claim.id:
            raise InputRejected("That passage is not one of this claim's matches.")
        snapshot = match.snapshot
        start, end, passage = match.passage_start, match.passage_end, match.passage
        anchor = match.anchor or anchor_for(snapshot.text, start, end, snapshot.sha256)
    elif verdict.selection is not None:
        snapshot_id, start, end = verdict.selection
        snapshot = session.get(Snapshot, snapshot_id)
        if snapshot is None or (
            snapshot.source_id not in _cited_sources(session, claim)
            and not _reused_source(session, claim, snapshot.source_id, verdict.reused_from)
        ):
            raise InputRejected("That snapshot is not of a source this claim cites.")
        if not 0 <= start < end <= len(snapshot.text) or not snapshot.text[start:end].strip():
            raise InputRejected("Select the passage in the snapshot's text.")
        passage = snapshot.text[start:end]
        anchor = anchor_for(snapshot.text, start, end, snapshot.sha256)
    else:
        return {}
    return {
        "match_id": verdict.match_id,
        "snapshot_id": snapshot.id,
        "source_id": snapshot.source_id,
        "source_url": snapshot.source.url,
        "sha256": snapshot.sha256,
        "fetched_at": snapshot.fetched_at.isoformat(),
        "passage": passage,
        "anchor": anchor,
    }


def _reused_source(session: Session, claim: Claim, source_id: int, reused_from: int | None) -> bool:
    """Whether ``source_id`` is the source of the passage pinned by the claim whose
    verdict is reused; if so it is linked to this claim (origin ``reused``), in the
    verdict's transaction, as the page its evidence now rests on."""
    if reused_from is None:
        return False
    other = session.get(Claim, reused_from)
    if other is None or (other.evidence or {}).get("source_id") != source_id:
        return False
    session.add(ClaimSource(claim_id=claim.id, source_id=source_id, origin="reused"))
    return True


def _cited_sources(session: Session, claim: Claim) -> set[int]:
    direct = select(ClaimSource.source_id).where(ClaimSource.claim_id == claim.id)
    via_article = select(ArticleSource.source_id).where(
        ArticleSource.article_id == claim.article_id
    )
    return set(session.scalars(direct.union(via_article)))
