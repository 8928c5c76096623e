"""Candidates: each sentence and each run of two and three sentences, with exact offsets."""

from workbench.matching.candidates import candidates, windows
from workbench.matching.types import Document
from workbench.text.segment import sentence_spans

TEXT = "Eins ist hier. Zwei folgt.\n\nDrei steht da. Vier endet."


def _doc(text=TEXT):
    return Document(7, text, tuple(sentence_spans(text, "de")), "de")


def test_counts_for_every_window_size():
    assert len(candidates(_doc())) == 4 + 3 + 2
    assert len(candidates(_doc(), max_window=1)) == 4
    assert len(candidates(_doc(), max_window=2)) == 4 + 3
    assert windows(2, 3) == [(0, 1), (0, 2), (1, 2)]
    assert candidates(Document(1, "", ())) == []


def test_offsets_run_from_first_sentence_start_to_last_sentence_end():
    passages = candidates(_doc())
    texts = [(p.text, p.sentences) for p in passages]
    assert texts == [
        ("Eins ist hier.", 1),
        ("Eins ist hier. Zwei folgt.", 2),
        ("Eins ist hier. Zwei folgt.\n\nDrei steht da.", 3),
        ("Zwei folgt.", 1),
        ("Zwei folgt.\n\nDrei steht da.", 2),
        ("Zwei folgt.\n\nDrei steht da. Vier endet.", 3),
        ("Drei steht da.", 1),
        ("Drei steht da. Vier endet.", 2),
        ("Vier endet.", 1),
    ]
    for p in passages:
        assert p.key == 7
        assert TEXT[p.start : p.end] == p.text
    assert (passages[2].start, passages[2].end) == (0, 42)
