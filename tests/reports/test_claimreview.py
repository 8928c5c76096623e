"""ClaimReview markup, field by field, as schema.org and Google's fact-check markup
guide ask for it (claimReviewed, reviewRating, author, datePublished, url,
itemReviewed as a Claim with its appearance)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from report_sample import sample_report

from workbench.reports.claimreview import RATINGS, to_claimreview


def _reviews(report) -> list[dict]:
    return json.loads(to_claimreview(report))


def test_one_review_per_decided_claim_and_none_for_pending(report):
    reviews = _reviews(report)
    decided = [c for c in report.claims if c.status != "pending"]
    assert [r["claimReviewed"] for r in reviews] == [c.text for c in decided]
    for review in reviews:
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"


def test_the_rating_names_the_verdict_within_best_and_worst(report):
    reviews = _reviews(report)
    expected = [(5, "True"), (1, "False"), (3, "Unproven")]
    for review, (value, word) in zip(reviews, expected, strict=True):
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert (rating["ratingValue"], rating["alternateName"]) == (value, word)
        assert (rating["bestRating"], rating["worstRating"]) == (5, 1)
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert set(RATINGS) == {"verified", "disputed", "unsupported"}


def test_author_date_and_url_name_who_reviewed_it_when_and_where(report):
    review = _reviews(report)[1]
    assert review["author"] == {
        "@type": "Organization",
        "name": "Faktencheck-Redaktion",
        "url": "https://workbench.example.net",
    }
    assert date.fromisoformat(review["datePublished"]) == date(2026, 12, 1)
    assert review["url"] == "https://workbench.example.net/articles/42?claim=102#claim-1"


def test_the_item_reviewed_is_a_claim_that_appeared_in_the_article(report):
    item = _reviews(report)[0]["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "Beispiel Nachrichten"}
    appearance = item["appearance"]
    assert appearance["@type"] == "CreativeWork"
    assert appearance["url"] == "https://news.example.com/2026/hochwasser-hilfen"
    assert appearance["headline"] == report.title
    assert appearance["datePublished"] == "2026-11-29T18:30:00Z"


def test_without_a_site_address_or_origin_the_markup_leaves_them_out():
    bare = sample_report(site_url="", review_url="", origin_url="", publisher="")
    bare = replace(bare, claims=tuple(replace(c, url="") for c in bare.claims))
    review = _reviews(bare)[0]
    assert "url" not in review and "url" not in review["author"]
    assert review["author"]["name"] == "Faktencheck-Redaktion"
    assert "url" not in review["itemReviewed"]["appearance"]
    assert "author" not in review["itemReviewed"]


def test_the_default_author_is_the_workbench():
    report = sample_report(organization="Fact-checking workbench")
    assert _reviews(report)[0]["author"]["name"] == "Fact-checking workbench"
