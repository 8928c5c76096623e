import re

import pytest

from workbench.text.caseless import caseless_hint

PHRASES = ["folgen sie", "heißt es", "laut", "is", "since", "größer als"]
PATTERN = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, PHRASES))})(?!\w)", re.IGNORECASE)


@pytest.mark.parametrize(
    "text",
    [
        "Folgen Sie uns auf allen Kanälen.",
        "Der Wert ist GRÖẞER ALS erwartet.",
        "HEIẞT ES",  # capital sharp s: re takes it for "ß"
        "ſince 2020",  # long s: re takes it for "s"
        "İS",  # dotted capital I lowercases to two characters
        "Laut Polizei kamen 30 Menschen.",
    ],
)
def test_a_text_the_pattern_matches_is_never_ruled_out(text):
    hint = caseless_hint(PHRASES)
    assert PATTERN.search(text)
    assert hint(text)


@pytest.mark.parametrize(
    "text", ["Der Stadtrat hat beschlossen.", "Die Kosten liegen bei 5 Mio. €.", "Für Betriebe"]
)
def test_a_text_without_the_phrases_is_ruled_out(text):
    assert not PATTERN.search(text)
    assert not caseless_hint(PHRASES)(text)


def test_a_text_with_a_character_it_does_not_know_is_left_to_the_pattern():
    assert caseless_hint(PHRASES)("Привет, мир")


def test_no_phrases_rule_nothing_out():
    assert caseless_hint([])("anything")
