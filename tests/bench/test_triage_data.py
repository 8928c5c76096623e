"""The check-worthiness labels: every labelled sentence is still one that the selector draws
from its page, so the data cannot drift from the import splitter unnoticed."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import real_data  # noqa: E402
import triage_data  # noqa: E402

CORPUS = real_data.corpus_dir()
needs_corpus = pytest.mark.skipif(
    CORPUS is None, reason=f"no news page corpus at {real_data.corpus_path()}"
)


@pytest.fixture(scope="module")
def tuning():
    return triage_data.load_labels("tuning"), real_data.load_pages(
        CORPUS, real_data.split()["tuning"]
    )


@needs_corpus
def test_every_tuning_label_is_sound_and_drawn_by_the_selector(tuning):
    rows, pages = tuning
    assert triage_data.problems(rows, pages, "tuning") == []


@needs_corpus
def test_held_out_labels_are_sound_reported_by_id_only():
    rows = triage_data.load_labels("heldout")
    pages = real_data.load_pages(CORPUS, real_data.split()["heldout"])
    problems = triage_data.problems(rows, pages, "heldout")
    # The held-out half is run, not read: a failure names the rows, not their sentences.
    assert len(problems) == 0, f"{len(problems)} problem(s): " + ", ".join(
        sorted({line.split(":")[0] for line in problems})
    )


@pytest.mark.parametrize("half", real_data.HALVES)
def test_each_half_has_enough_sentences_of_every_label(half):
    rows = triage_data.load_labels(half)
    assert len(rows) >= 150
    assert set(Counter(r["label"] for r in rows)) == set(triage_data.LABELS)
    assert len({r["page"] for r in rows}) == len(real_data.split()[half])


@needs_corpus
def test_a_sentence_the_selector_does_not_draw_is_reported(tuning):
    rows, pages = tuning
    drawn = set(triage_data.sample(pages[rows[0]["page"]]))
    forged = rows[0] | {"sentence": rows[0]["sentence"] + " Und noch ein Satz."}
    assert forged["sentence"] not in drawn
    assert [p for p in triage_data.problems([forged], pages, "tuning") if "not a sentence" in p]
    assert triage_data.problems([rows[0], rows[0]], pages, "tuning") == [
        f"{rows[0]['id']}: id used 2 times"
    ]


@needs_corpus
def test_the_draw_is_in_text_order_and_the_same_every_time(tuning):
    _, pages = tuning
    page = pages[min(pages)]
    everything = triage_data.claim_sentences(page)
    drawn = triage_data.sample(page)
    assert len(drawn) == min(triage_data.PER_PAGE, len(everything))
    positions = [everything.index(s) for s in drawn]
    assert positions == sorted(positions)
    assert triage_data.sample(page) == drawn
