"""Decided claims as schema.org ClaimReview JSON-LD, the markup fact-check search
results read (https://schema.org/ClaimReview and Google's fact-check markup guide).

Verdicts become ratings on a 1 to 5 scale, each with the word a reader sees:

    verified     5  "True"
    unsupported  3  "Unproven"  (no source found says it; not shown to be false)
    disputed     1  "False"

Pending claims have no verdict and get no ClaimReview.
"""

from __future__ import annotations

import json

from workbench.reports.model import ClaimEntry, Report, iso

BEST_RATING = 5
WORST_RATING = 1
RATINGS = {
    "verified": (5, "True"),
    "unsupported": (3, "Unproven"),
    "disputed": (1, "False"),
}


def to_claimreview(report: Report) -> str:
    """A JSON array of ClaimReview objects, one per decided claim, in order."""
    reviews = [claim_review(report, c) for c in report.decided]
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"


def claim_review(report: Report, claim: ClaimEntry) -> dict:
    """One ClaimReview: the claim as reviewed, its rating, who reviewed it and when,
    and the article it appeared in (``itemReviewed.appearance``)."""
    value, word = RATINGS[claim.status]
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": word,
        },
        "author": _organization(report),
        "datePublished": _date(report, claim),
        "itemReviewed": _claim(report),
    }
    if claim.url:
        review["url"] = claim.url
    return review


def _organization(report: Report) -> dict:
    author = {"@type": "Organization", "name": report.organization}
    if report.site_url:
        author["url"] = report.site_url
    return author


def _date(report: Report, claim: ClaimEntry) -> str:
    """The day of the verdict (ISO 8601), as the markup's examples give it; the
    report's day for a verdict whose event is not known."""
    return iso(claim.decided_at or report.generated_at)[:10]


def _claim(report: Report) -> dict:
    appearance = {"@type": "CreativeWork", "headline": report.display_title}
    if report.origin_url:
        appearance["url"] = report.origin_url
    if report.published_at:
        appearance["datePublished"] = iso(report.published_at)
    claim = {"@type": "Claim", "appearance": appearance}
    if report.publisher:
        claim["author"] = {"@type": "Organization", "name": report.publisher}
        appearance["publisher"] = {"@type": "Organization", "name": report.publisher}
    return claim
