"""The report model's own rules: counts, agreement with the matcher, archive links."""

from __future__ import annotations

from datetime import datetime

from workbench.reports.model import ClaimEntry, archive_link, human, iso


def test_counts_are_per_status_and_leave_sentences_apart_out(report):
    assert report.counts == {"pending": 1, "verified": 1, "disputed": 1, "unsupported": 1}
    assert [c.claim_id for c in report.decided] == [101, 102, 103]


def test_a_decision_agrees_only_with_a_suggested_verdict():
    def entry(status, suggestion):
        return ClaimEntry(1, 0, "x", status, suggestion=suggestion)

    assert entry("verified", "verified").agrees is True
    assert entry("disputed", "verified").agrees is False
    assert entry("verified", "needs_source").agrees is None
    assert entry("pending", "verified").agrees is None


def test_the_archive_link_is_built_around_the_url_never_fetched():
    assert archive_link("https://example.org/a?b=1&c=ü d") == (
        "https://web.archive.org/web/*/https://example.org/a?b=1&c=%C3%BC%20d"
    )


def test_times_print_with_their_zone():
    moment = datetime(2026, 12, 1, 8, 5, 9, 123456)
    assert iso(moment) == "2026-12-01T08:05:09Z" and iso(None) is None
    assert human(moment) == "2026-12-01 08:05 UTC" and human(None) == ""
