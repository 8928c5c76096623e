"""How bench/real_eval.py decides that a ranked passage is the right one."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from real_eval import judge, locate  # noqa: E402

from workbench.matching.types import Document, Evidence, Flag  # noqa: E402

TEXT = "Erster Satz steht hier.\n\nZweiter  Satz\nfolgt. Dritter Satz endet."
FIRST, SECOND, THIRD = (0, 23), (25, 45), (46, 65)
DOC = Document(key=0, text=TEXT, sentences=(FIRST, SECOND, THIRD), language="de")


def passage(span, score=80.0, flags=()):
    start, end = span
    return Evidence(0, start, end, TEXT[start:end], score, span, flags=flags)


def claim(kind, evidence):
    return {"id": "de01-01", "page": "de01", "kind": kind, "claim": "x", "evidence": evidence}


def test_a_quote_is_found_whatever_whitespace_the_extraction_left_between_its_words():
    assert locate("Zweiter Satz folgt.", TEXT) == SECOND
    assert locate("Vierter Satz.", TEXT) is None


def test_recall_counts_the_top_passage_and_the_top_three_apart():
    result = judge(
        claim("paraphrase", ["Dritter Satz endet."]), DOC, [passage(FIRST), passage(THIRD)]
    )
    assert (result.outcome.recall_at_1, result.outcome.recall_at_3) == (False, True)
    assert result.lost == 0


def test_a_merged_claim_needs_both_sentences_in_the_top_three():
    quotes = ["Erster Satz steht hier.", "Dritter Satz endet."]
    both = judge(claim("merged", quotes), DOC, [passage(THIRD), passage(FIRST)])
    one = judge(claim("merged", quotes), DOC, [passage(THIRD), passage(SECOND)])
    assert both.outcome.both_at_3 is True and one.outcome.both_at_3 is False


def test_a_quote_the_extraction_lost_is_counted_and_misses():
    result = judge(claim("verbatim", ["Vierter Satz."]), DOC, [passage(FIRST)])
    assert result.lost == 1 and result.outcome.recall_at_1 is False


def test_flags_and_the_suggestion_come_from_the_ranked_passages():
    flag = Flag("number", "5", "6", "claim: 5, source: 6")
    result = judge(
        claim("altered", ["Erster Satz steht hier."]), DOC, [passage(FIRST, 90.0, (flag,))]
    )
    assert result.outcome.flagged and result.outcome.suggestion == "disputed"
    absent = judge(claim("absent", []), DOC, [])
    assert absent.outcome.recall_at_1 is None and absent.outcome.suggestion == "unsupported"
