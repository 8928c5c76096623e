"""The report as JSON, in the versioned shape docs/report-schema.json describes."""

from __future__ import annotations

import json

from workbench.reports.model import ClaimEntry, Evidence, Report, iso


def to_json(report: Report) -> str:
    """The report as a JSON document (``schema_version`` names its schema)."""
    return json.dumps(as_data(report), ensure_ascii=False, indent=2) + "\n"


def as_data(report: Report) -> dict:
    """The report as plain JSON values; absent values are ``null``, never ``""``."""
    counts = report.counts
    return {
        "schema_version": report.schema_version,
        "generated_at": iso(report.generated_at),
        "article": {
            "id": report.article_id,
            "title": report.display_title,
            "language": report.language,
            "origin_url": report.origin_url or None,
            "publisher": report.publisher or None,
            "published_at": iso(report.published_at),
            "imported_at": iso(report.imported_at),
            "checked_by": report.checked_by or None,
            "checked_at": iso(report.checked_at),
            "review_url": report.review_url or None,
        },
        "counts": {**counts, "total": sum(counts.values()), "not_claim": len(report.not_claims)},
        "claims": [_claim(c) for c in report.claims],
        "not_claims": [
            {
                "id": n.claim_id,
                "position": n.position,
                "text": n.text,
                "marked_by": n.marked_by or None,
                "marked_at": iso(n.marked_at),
                "note": n.note,
            }
            for n in report.not_claims
        ],
        "excluded": [
            {"kind": e.kind, "start": e.start, "end": e.end, "text": e.text}
            for e in report.excluded
        ],
    }


def _claim(claim: ClaimEntry) -> dict:
    return {
        "id": claim.claim_id,
        "position": claim.position,
        "text": claim.text,
        "status": claim.status,
        "reviewer": claim.reviewer or None,
        "decided_at": iso(claim.decided_at),
        "note": claim.note,
        "reason": claim.reason or None,
        "reason_text": claim.reason_text or None,
        "suggestion": (
            {
                "status": claim.suggestion,
                "label": claim.suggestion_label,
                "reason": claim.suggestion_reason,
            }
            if claim.suggestion
            else None
        ),
        "agrees_with_suggestion": claim.agrees,
        "flags": [
            {"kind": f.kind, "message": f.message, "claim": f.claim, "source": f.source}
            for f in claim.flags
        ],
        "evidence": _evidence(claim.evidence) if claim.evidence else None,
        "source_changed": claim.source_changed,
        "archive_url": claim.archive_url or None,
        "url": claim.url or None,
    }


def _evidence(evidence: Evidence) -> dict:
    return {
        "passage": evidence.passage,
        "source_url": evidence.source_url,
        "snapshot_id": evidence.snapshot_id,
        "fetched_at": iso(evidence.fetched_at),
        "sha256": evidence.sha256 or None,
        "selectors": [dict(s) for s in evidence.selectors],
    }
