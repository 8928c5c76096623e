"""The pinned evidence as W3C Web Annotations (https://www.w3.org/TR/annotation-model/):
an AnnotationCollection of the article with one Annotation per pinned passage.

Each annotation's target is the snapshot the reviewer saw: the source URL, a
TextQuoteSelector (the passage with 32 characters either side) and a
TextPositionSelector, and a TimeState with the snapshot's time. Positions count
characters of the snapshot's extracted text, not of the page's markup, so annotation
tools should anchor by the quote first (as they do) and use the position to choose
between repeated quotes. The body is the verdict (``assessing``), the reviewer's note
(``commenting``) and the claim it decides (``describing``).
"""

from __future__ import annotations

import json
import uuid

from workbench.reports.model import ClaimEntry, Report, iso

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Annotation ids are URNs made from what identifies the passage, so the same report
# gives the same ids and a tool that stored one recognises it again.
_NAMESPACE = uuid.UUID("9a5c3f0e-54d1-4a86-9f57-3c1d2f4b8e21")


def to_annotations(report: Report) -> str:
    """The collection as JSON-LD, its first (and only) page embedded."""
    items = [annotation(report, c) for c in report.claims if _pinned(c)]
    collection = {
        "@context": CONTEXT,
        "id": _urn(report.site_url, "article", report.article_id, "evidence"),
        "type": "AnnotationCollection",
        "label": f"Evidence of the verification of {report.display_title}",
        "total": len(items),
        "first": {
            "id": _urn(report.site_url, "article", report.article_id, "evidence", "page", 0),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


def annotation(report: Report, claim: ClaimEntry) -> dict:
    """One Annotation of a claim's pinned passage (without ``@context``: the
    collection carries it)."""
    evidence = claim.evidence
    assert evidence is not None
    position = evidence.selector("TextPositionSelector")
    body = [
        _text("assessing", claim.status_label, "en"),
        _text("describing", claim.text, report.language),
    ]
    if claim.note:
        body.insert(1, _text("commenting", claim.note))
    item = {
        "id": _urn(
            report.site_url,
            "claim",
            claim.claim_id,
            evidence.snapshot_id,
            position.get("start"),
            position.get("end"),
        ),
        "type": "Annotation",
        "motivation": "assessing",
        "body": body,
        "target": {
            "type": "SpecificResource",
            "source": evidence.source_url,
            "selector": [dict(s) for s in evidence.selectors],
            "state": {"type": "TimeState", "sourceDate": iso(evidence.fetched_at)},
        },
    }
    if claim.decided_at:
        item["created"] = iso(claim.decided_at)
    if claim.reviewer:
        item["creator"] = {"type": "Person", "name": claim.reviewer}
    return item


def _pinned(claim: ClaimEntry) -> bool:
    return claim.is_decided and claim.evidence is not None and bool(claim.evidence.selectors)


def _text(purpose: str, value: str, language: str = "") -> dict:
    body = {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}
    if language:
        body["language"] = language
    return body


def _urn(*parts) -> str:
    return "urn:uuid:" + str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))
