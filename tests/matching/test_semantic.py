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


def test_words_added_from_many_threads_keep_their_own_vectors():
    from concurrent.futures import ThreadPoolExecutor

    model = semantic.model()
    batches = [[f"wort{n}x{i}" for i in range(40)] for n in range(8)]
    with ThreadPoolExecutor(8) as pool:
        sums = list(pool.map(lambda words: model.sums([" ".join(words)])[0], batches))
    for words, found in zip(batches, sums, strict=True):
        alone = sum(model.sums([w])[0] for w in words)
        assert np.allclose(found, alone, atol=1e-4)
