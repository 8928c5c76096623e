"""Suggestions: thresholds and flags decide the status a reviewer is offered."""

from workbench.matching.suggest import STRONG_THRESHOLD, SUPPORT_THRESHOLD, suggest
from workbench.matching.types import Evidence, Flag, Suggestion

NUMBER = Flag("number", "10.000", "11.000", "claim: 10.000, source: 11.000")


def ev(score, *flags, key=1):
    return Evidence(key, 0, 10, "A passage.", score, (0, 10), (), tuple(flags))


def test_no_fetched_document_needs_a_source():
    assert suggest([], 0) == Suggestion(
        "needs_source", "needs a source: no fetched page for this claim"
    )
    assert suggest([ev(99)], 0).status == "needs_source"


def test_strong_clean_match_is_likely_verified():
    s = suggest([ev(STRONG_THRESHOLD + 10), ev(SUPPORT_THRESHOLD)], 2)
    assert s.status == "verified"
    assert s.reason.startswith("likely verified:")
    assert f"score {STRONG_THRESHOLD + 10:.0f}" in s.reason


def test_strong_match_with_a_flag_is_likely_disputed():
    s = suggest([ev(STRONG_THRESHOLD + 5, NUMBER)], 1)
    assert s == Suggestion("disputed", "likely disputed: claim: 10.000, source: 11.000")


def test_one_clean_strong_source_outweighs_a_flagged_one():
    s = suggest([ev(95, NUMBER, key=1), ev(STRONG_THRESHOLD, key=2)], 2)
    assert s.status == "verified"
    assert "another source differs" in s.reason


def test_a_flagged_passage_of_the_same_page_is_not_called_another_source():
    s = suggest([ev(95, key=1), ev(STRONG_THRESHOLD + 5, NUMBER, key=1)], 1)
    assert s.status == "verified"
    assert s.reason.endswith("; another passage of the same page differs")


def test_a_weaker_clean_passage_of_the_same_page_does_not_outweigh_its_flagged_best():
    """The best passage names another person; a later sentence on the topic, which names
    no one, is no confirmation."""
    flagged = ev(90, Flag("name", "Okoro", "Halvorsen", "claim: Okoro, source: Halvorsen"), key=1)
    assert suggest([flagged, ev(75, key=1)], 1).status == "disputed"
    assert suggest([flagged, ev(85, key=1)], 1).status == "verified"


def test_weak_match_is_unsupported_and_says_so():
    s = suggest([ev((STRONG_THRESHOLD + SUPPORT_THRESHOLD) / 2, NUMBER)], 3)
    assert s.status == "unsupported"
    assert "weak match only (score" in s.reason
    assert s.reason.endswith("; it differs: claim: 10.000, source: 11.000")


def test_nothing_above_support_is_unsupported():
    assert suggest([ev(SUPPORT_THRESHOLD - 1)], 3) == Suggestion(
        "unsupported", "unsupported: no passage found in 3 sources"
    )
    assert suggest([], 1) == Suggestion("unsupported", "unsupported: no passage found in 1 source")


def test_a_strong_passage_that_only_lacks_a_fact_leaves_the_claim_unsupported():
    missing = Flag("name", "Hanna Vogt", "not stated", "claim: Hanna Vogt, source: not stated")
    s = suggest([ev(STRONG_THRESHOLD + 10, missing)], 1)
    assert s == Suggestion(
        "unsupported", "unsupported: the closest passage does not state Hanna Vogt"
    )
