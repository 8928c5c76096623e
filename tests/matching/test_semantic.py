"""The word-vector model: loaded from its installed wheel, offline, once per process."""

import numpy as np

from workbench.matching import semantic


def test_the_model_ships_in_its_wheel_and_loads_once():
    model = semantic.model()
    assert model is semantic.model()
    vocabulary, dimensions = model.table.shape
    assert vocabulary > 10_000 and dimensions == 256
    assert model.table.dtype == np.float32 and model.nbytes == model.table.nbytes


def test_sums_and_cosines_rank_a_related_sentence_above_an_unrelated_one():
    model = semantic.model()
    sums = model.sums(["Interest rates rose again", "Rates went up once more", "A cat sleeps", ""])
    assert sums.shape == (4, 256)
    assert not sums[3].any(), "a text without tokens has no vector"
    related, unrelated, empty = semantic.cosines(sums[0], sums[1:])
    assert related > unrelated + 0.2
    assert empty == 0.0


def test_a_window_vector_is_the_sum_of_its_sentences():
    model = semantic.model()
    one, two = model.sums(["Der Rat tagte.", "Er beschloss den Haushalt."])
    both = model.sums(["Der Rat tagte. Er beschloss den Haushalt."])[0]
    assert semantic.cosines(one + two, both[None, :])[0] > 0.95
