"""The REST API's JSON shapes of articles, claims, matches and sources (the OpenAPI
document in web/openapi.py describes the same shapes)."""

from __future__ import annotations

from datetime import datetime

from workbench.models import Article, Claim, Match, Snapshot


def when(at: datetime | None) -> str | None:
    """A stored UTC time as RFC 3339 (``2026-12-01T08:41:22Z``)."""
    return at.isoformat(timespec="seconds") + "Z" if at is not None else None


def counts_json(counts) -> dict:
    return {
        "pending": counts.pending,
        "verified": counts.verified,
        "disputed": counts.disputed,
        "unsupported": counts.unsupported,
        "total": counts.total,
        "check_first_pending": counts.check_first_pending,
    }


def article_summary(row) -> dict:
    """A dashboard row: the article with its state and claims per status."""
    return {
        "id": row.id,
        "title": row.title,
        "language": row.language,
        "imported_at": when(row.imported_at),
        "state": row.state,
        "counts": counts_json(row.counts),
        "signed_off_at": when(row.signed_off_at),
        "signed_off_by": row.signed_off_by or None,
        "last_activity": when(row.last_activity),
        "reviewers": list(row.reviewers),
    }


def article_detail(article: Article, status, claims: list[dict], sources) -> dict:
    return {
        **article_summary(status),
        "dek": article.dek,
        "body": article.body,
        "input_format": article.input_format,
        "origin_url": article.origin_url,
        "publisher": article.publisher,
        "claims": claims,
        "sources": [source_json(s) for s in sources],
    }


def claim_json(
    claim: Claim,
    matches: list[Match],
    source_urls: list[tuple[int, str]],
    seen_before: list | None = None,
) -> dict:
    """A claim; with ``seen_before`` (claim memory's lookup, made for one claim at a
    time, not for each claim of an article) the claims of other articles saying it."""
    body = {
        "id": claim.id,
        "article_id": claim.article_id,
        "position": claim.position,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "status": claim.status,
        "version": claim.version,
        "note": claim.note,
        "reason": claim.reason,
        "evidence": claim.evidence or None,
        "triage": {
            "label": claim.triage,
            "score": claim.triage_score,
            "reason": claim.triage_reason,
        },
        "suggestion": {"status": claim.suggestion, "reason": claim.suggestion_reason}
        if claim.suggestion
        else None,
        "source_changed": claim.is_source_changed,
        "updated_by": claim.updated_by.username if claim.updated_by else None,
        "updated_at": when(claim.updated_at),
        "assigned_to": claim.assigned_to.username if claim.assigned_to else None,
        "sources": [{"id": sid, "url": url} for sid, url in source_urls],
        "matches": [match_json(m) for m in matches],
    }
    if seen_before is not None:
        body["seen_before"] = [s.brief(when) for s in seen_before]
    return body


def match_json(match: Match) -> dict:
    return {
        "id": match.id,
        "snapshot_id": match.snapshot_id,
        "source_url": match.snapshot.source.url,
        "score": round(float(match.score), 2),
        "passage": match.passage,
        "span": [match.span_start, match.span_end],
        "flags": [dict(f) for f in match.flags],
    }


def source_json(row) -> dict:
    """A source of the article with the state of its latest snapshot."""
    return {
        "id": row.id,
        "url": row.url,
        "kind": row.kind,
        "title": row.title,
        "origin": row.origin,
        "label": row.label,
        "claim_positions": list(row.claim_positions),
        "state": row.state,
        "snapshot": snapshot_json(row.snapshot) if row.snapshot is not None else None,
    }


def snapshot_json(snapshot: Snapshot) -> dict:
    return {
        "id": snapshot.id,
        "state": snapshot.state,
        "fetched_at": when(snapshot.fetched_at),
        "http_status": snapshot.http_status,
        "final_url": snapshot.final_url,
        "sha256": snapshot.sha256,
        "error": snapshot.error,
    }
