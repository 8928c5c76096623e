"""Verification reports from the database: the report model of an article, and
several articles' reports as one zip.

Reports of any number of articles cost four queries: the articles (with who signed
them off), their claims, their verdict and not-a-claim events, and their claims' best
matches. Nothing is read per claim.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from workbench.errors import InputRejected, NotFound
from workbench.models import UNSUPPORTED_REASONS, Article, Claim, Match, ReviewEvent, User, utcnow
from workbench.reports import FORMATS, filename, render
from workbench.reports.model import (
    DEFAULT_ORGANIZATION,
    ClaimEntry,
    Evidence,
    Excluded,
    Flag,
    NotClaim,
    Report,
)
from workbench.text.structure import is_excluded

# The review page's address (web/review.py's ``review.article``; a test keeps the two
# equal). A report names it only when the workbench's public address is known.
REVIEW_PATH = "/articles/{article_id}"
# A zip of more reports than this is refused: the dashboard shows 25 to a page, and a
# PDF takes about a second to lay out, which the download waits for.
MAX_ZIP_ARTICLES = 50


def build_report(
    session: Session,
    article_id: int,
    *,
    site_url: str = "",
    organization: str = DEFAULT_ORGANIZATION,
    now: datetime | None = None,
) -> Report:
    """The report of one article; ``NotFound`` when there is no such article.

    ``site_url`` (``https://workbench.example.org``) makes the report link each claim
    to its review page; ``organization`` is named as the reviews' author."""
    reports = build_reports(
        session, [article_id], site_url=site_url, organization=organization, now=now
    )
    if not reports:
        raise NotFound(f"There is no article {article_id}.")
    return reports[0]


def build_reports(
    session: Session,
    article_ids: list[int],
    *,
    site_url: str = "",
    organization: str = DEFAULT_ORGANIZATION,
    now: datetime | None = None,
) -> list[Report]:
    """The reports of the articles that exist among ``article_ids``, in that order."""
    ids = list(dict.fromkeys(article_ids))
    signer = aliased(User)
    articles = {
        article.id: (article, signed_by)
        for article, signed_by in session.execute(
            select(Article, signer.username)
            .outerjoin(signer, Article.signed_off_by_id == signer.id)
            .where(Article.id.in_(ids))
        )
    }
    claims_of: dict[int, list[Claim]] = {}
    for claim in session.scalars(
        select(Claim).where(Claim.article_id.in_(ids)).order_by(Claim.article_id, Claim.position)
    ):
        claims_of.setdefault(claim.article_id, []).append(claim)
    decisions = _decisions(session, ids)
    flags = _best_flags(session, ids)
    site = site_url.rstrip("/")
    generated = now or utcnow()
    reports = []
    for article_id in ids:
        if article_id not in articles:
            continue
        article, signed_by = articles[article_id]
        review_url = site + REVIEW_PATH.format(article_id=article_id) if site else ""
        own = claims_of.get(article_id, [])
        reports.append(
            Report(
                article_id=article.id,
                title=article.title,
                language=article.language,
                imported_at=article.imported_at,
                generated_at=generated,
                origin_url=article.origin_url or "",
                publisher=article.publisher or "",
                published_at=article.published_at,
                checked_by=(signed_by or "") if article.signed_off_at else "",
                checked_at=article.signed_off_at,
                claims=tuple(
                    _entry(c, decisions.get((c.id, "status")), flags.get(c.id, ()), review_url)
                    for c in own
                    if c.is_claim
                ),
                not_claims=tuple(
                    _not_claim(c, decisions.get((c.id, "not_claim"))) for c in own if not c.is_claim
                ),
                excluded=tuple(
                    Excluded(kind, start, end, article.body[start:end])
                    for start, end, kind in article.layout or []
                    if is_excluded(kind)
                ),
                site_url=site,
                review_url=review_url,
                organization=organization or DEFAULT_ORGANIZATION,
            )
        )
    return reports


def report_zip(
    session: Session,
    article_ids: list[int],
    fmt: str,
    *,
    site_url: str = "",
    organization: str = DEFAULT_ORGANIZATION,
) -> bytes:
    """One zip with the report of each article in ``fmt``, a file per article;
    ``InputRejected`` for no articles, too many or an unknown format, ``NotFound``
    when one of them does not exist."""
    if fmt not in FORMATS:
        raise InputRejected(f"A report format is one of {', '.join(FORMATS)}.")
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        raise InputRejected("Choose at least one article.")
    if len(ids) > MAX_ZIP_ARTICLES:
        raise InputRejected(f"A zip holds at most {MAX_ZIP_ARTICLES} reports.")
    reports = build_reports(session, ids, site_url=site_url, organization=organization)
    missing = sorted(set(ids) - {r.article_id for r in reports})
    if missing:
        raise NotFound(f"There is no article {', '.join(map(str, missing))}.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for report in reports:
            rendered = render(report, fmt)
            info = zipfile.ZipInfo(
                filename(report.article_id, rendered), report.generated_at.timetuple()[:6]
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, rendered.data)
    return buffer.getvalue()


def _decisions(session: Session, ids: list[int]) -> dict[tuple[int, str], tuple[ReviewEvent, str]]:
    """The latest verdict and the latest not-a-claim event of each claim, with the
    user loaded: ``{(claim_id, action): event}``."""
    events = session.execute(
        select(ReviewEvent, User.username)
        .outerjoin(User, ReviewEvent.user_id == User.id)
        .where(ReviewEvent.article_id.in_(ids), ReviewEvent.action.in_(("status", "not_claim")))
        .order_by(ReviewEvent.id)
    )
    latest = {}
    for event, username in events:
        latest[(event.claim_id, event.action)] = (event, username or "")
    return latest


def _best_flags(session: Session, ids: list[int]) -> dict[int, tuple[Flag, ...]]:
    """The flags of each claim's best match (the lowest rank, the newest of a rank)."""
    rows = session.execute(
        select(Match.claim_id, Match.flags)
        .join(Claim, Match.claim_id == Claim.id)
        .where(Claim.article_id.in_(ids))
        .order_by(Match.claim_id, Match.rank, Match.id.desc())
    )
    best: dict[int, tuple[Flag, ...]] = {}
    for claim_id, flags in rows:
        if claim_id not in best:
            best[claim_id] = tuple(
                Flag(
                    str(f.get("kind", "")),
                    str(f.get("message", "")),
                    str(f.get("claim", "")),
                    str(f.get("source", "")),
                )
                for f in flags or []
            )
    return best


def _entry(claim: Claim, decision, flags: tuple[Flag, ...], review_url: str) -> ClaimEntry:
    decided = claim.status != "pending"
    # The latest verdict names who decided and when, unless a later one changed the
    # status (a verdict from before a restore): then nobody is named.
    event, who = decision if decision else (None, "")
    if not decided or event is None or event.to_status != claim.status:
        event, who = None, ""
    return ClaimEntry(
        claim_id=claim.id,
        position=claim.position,
        text=claim.text,
        status=claim.status,
        reviewer=who,
        decided_at=event.created_at if event else None,
        note=claim.note or "",
        reason=claim.reason or "",
        reason_text=UNSUPPORTED_REASONS.get(claim.reason, claim.reason or ""),
        evidence=_evidence(claim.evidence) if decided else None,
        suggestion=claim.suggestion or "",
        suggestion_reason=claim.suggestion_reason or "",
        flags=flags,
        source_changed=claim.is_source_changed,
        url=f"{review_url}?claim={claim.id}#claim-{claim.position}" if review_url else "",
    )


def _not_claim(claim: Claim, decision) -> NotClaim:
    event, who = decision if decision else (None, "")
    return NotClaim(
        claim_id=claim.id,
        position=claim.position,
        text=claim.text,
        marked_by=who,
        marked_at=event.created_at if event else None,
        note=event.note if event else "",
    )


def _evidence(pinned: dict | None) -> Evidence | None:
    """The verdict's pinned passage, or ``None`` when a note decided it."""
    if not pinned or not pinned.get("passage"):
        return None
    fetched = pinned.get("fetched_at")
    anchor = pinned.get("anchor") or {}
    return Evidence(
        passage=pinned["passage"],
        source_url=pinned.get("source_url", ""),
        snapshot_id=pinned.get("snapshot_id"),
        fetched_at=datetime.fromisoformat(fetched) if fetched else None,
        sha256=pinned.get("sha256") or anchor.get("sha256") or "",
        selectors=tuple(anchor.get("selector", [])),
    )
