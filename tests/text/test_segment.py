"""Sentence boundaries: exact offsets, German abbreviations kept inside sentences."""

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.text.language import detect_language
from workbench.text.segment import sentence_spans


def test_german_abbreviations_and_ordinals_do_not_end_sentences():
    text = (
        "Das Zentrum wurde am 3. Mai 2024 eröffnet. Es bietet u. a. eine Praxis. "
        "Geleitet wird es von Dr. Anna Müller. Es kamen ca. 30 Prozent z. B. aus St. Pauli."
    )
    sentences = [text[s:e] for s, e in sentence_spans(text, "de")]
    assert sentences == [
        "Das Zentrum wurde am 3. Mai 2024 eröffnet.",
        "Es bietet u. a. eine Praxis.",
        "Geleitet wird es von Dr. Anna Müller.",
        "Es kamen ca. 30 Prozent z. B. aus St. Pauli.",
    ]


def test_language_is_detected_for_german_and_english():
    assert detect_language("Die Verteidigungsminister treffen sich am Mittwoch in Brüssel.") == "de"
    assert detect_language("The defence ministers meet in Brussels on Wednesday.") == "en"
    assert detect_language("Hm.") == "en"


words = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    min_size=1,
    max_size=12,
)
sentences = st.builds(
    lambda ws, end: " ".join(ws) + end,
    st.lists(words, min_size=1, max_size=12),
    st.sampled_from([".", "!", "?", "", " z. B.", " (1.200 Tage)."]),
)
separators = st.sampled_from([" ", "  ", "\n", " \u00a0", "\t"])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(sentences, separators), min_size=1, max_size=8),
    st.sampled_from(["de", "en"]),
)
def test_every_span_is_exact_ordered_and_trimmed(parts, language):
    text = "".join(s + sep for s, sep in parts)
    spans = sentence_spans(text, language)
    previous_end = 0
    for start, end in spans:
        piece = text[start:end]
        assert start >= previous_end
        assert piece == piece.strip() and piece
        previous_end = end
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split()), "no character may be lost"
