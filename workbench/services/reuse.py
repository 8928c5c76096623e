"""Reusing a verdict: a claim decided in one article proposes its verdict, note and
pinned passage for a claim of another article that says the same thing. The pinned
passage is found again in its source's latest snapshot (the page may have changed since
it was pinned); the proposal fills the verdict form and the reviewer saves it, or not."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.errors import InputRejected, NotFound, WorkbenchError
from workbench.matching.anchor import reanchor
from workbench.models import Article, Claim, Snapshot
from workbench.services.review import MAX_NOTE, claim_history

REUSABLE = ("verified", "disputed")


class PassageGone(WorkbenchError):
    """The pinned passage of the claim to reuse is no longer in its source's latest
    snapshot: the verdict rested on text the page no longer holds."""


@dataclass(frozen=True)
class Proposal:
    """A verdict for ``claim_id`` taken from ``other_id``: its ``status`` and a ``note``
    saying where it comes from; with a pinned passage, where it is in the latest
    snapshot of its source (``snapshot_id``, ``start``, ``end``, ``passage``) and
    whether it ``changed`` from the passage as pinned."""

    claim_id: int
    other_id: int
    status: str
    note: str
    snapshot_id: int | None = None
    start: int | None = None
    end: int | None = None
    passage: str = ""
    source_url: str = ""
    changed: bool = False

    def draft(self) -> dict:
        """The verdict form's fields, as the review panel pre-fills them."""
        return {
            "status": self.status,
            "note": self.note,
            "match_id": None,
            "snapshot_id": self.snapshot_id,
            "start": self.start,
            "end": self.end,
            "reused_from": self.other_id,
            "reuse": self,
        }


def propose(session: Session, claim_id: int, other_id: int) -> Proposal:
    """The verdict of ``other_id`` proposed for ``claim_id``, nothing stored.
    ``NotFound`` for an unknown claim, ``InputRejected`` when the other claim has no
    verdict to reuse, ``PassageGone`` when its passage is not in the latest snapshot."""
    claim, other = session.get(Claim, claim_id), session.get(Claim, other_id)
    if claim is None or other is None:
        raise NotFound(f"There is no claim {claim_id if claim is None else other_id}.")
    if other.id == claim.id or not claim.is_claim:
        raise InputRejected("Only another claim's verdict can be reused for a claim.")
    evidence = other.evidence or {}
    if other.status not in REUSABLE or not (evidence.get("passage") or other.note):
        raise InputRejected(
            "That claim has no verdict to reuse: it is not verified or disputed "
            "with a pinned passage or a note."
        )
    note = _origin_note(session, other)
    if not evidence.get("passage"):
        return Proposal(claim.id, other.id, other.status, note)
    snapshot = _latest_text(session, evidence["source_id"])
    found = reanchor(evidence.get("anchor") or {}, snapshot.text) if snapshot else None
    if found is None:
        raise PassageGone(
            f"The passage that claim {other.position + 1} pinned is no longer in the latest "
            f"snapshot of {evidence.get('source_url', 'its source')}: its verdict cannot be "
            "reused as it was. Check the claim afresh."
        )
    start, end = found
    passage = snapshot.text[start:end]
    changed = passage != evidence["passage"]
    if changed:
        note += " The passage changed in the newer snapshot: check it before saving."
    return Proposal(
        claim.id,
        other.id,
        other.status,
        note,
        snapshot_id=snapshot.id,
        start=start,
        end=end,
        passage=passage,
        source_url=evidence.get("source_url", ""),
        changed=changed,
    )


def _latest_text(session: Session, source_id: int) -> Snapshot | None:
    """The source's newest snapshot with a text (a failed re-fetch holds none)."""
    return session.scalars(
        select(Snapshot)
        .where(Snapshot.source_id == source_id, Snapshot.state == "fetched")
        .order_by(Snapshot.id.desc())
        .limit(1)
    ).first()


def _origin_note(session: Session, other: Claim) -> str:
    """ "Reused from claim 2 of 'Title' (verified by rita on 2026-12-02)." and its note."""
    title = session.scalar(select(Article.title).where(Article.id == other.article_id))
    decided = next(
        (e for e in reversed(claim_history(session, other.id)) if e.action == "status"), None
    )
    by = f" by {decided.user}" if decided and decided.user else ""
    on = f" on {decided.at:%Y-%m-%d}" if decided and decided.at else ""
    where = f"'{title}'" if title else f"article {other.article_id}"
    note = f"Reused from claim {other.position + 1} of {where} ({other.status}{by}{on})."
    note = f"{note} Its note: {other.note}" if other.note else note
    return note[: MAX_NOTE - 80]  # room for the changed-passage warning
