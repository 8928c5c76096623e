"""Warming a server up: the matcher's data is loaded before any request."""

from workbench.matching import semantic
from workbench.matching.inflect import lemma
from workbench.matching.warm import warm_up


def test_warm_up_loads_the_word_vectors_and_lemma_dictionaries_before_any_request():
    semantic.model.cache_clear()
    warm_up()
    assert semantic.model.cache_info().currsize == 1
    assert lemma("Häuser", "de") == "haus" and lemma("strengthened", "en") == "strengthen"
