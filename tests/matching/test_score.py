"""The scorer: content words decide, windows neither win by size nor lose merged claims."""

import pytest
from rapidfuzz import process

from workbench.matching.reading import read
from workbench.matching.score import Weights, lexical_scores, score, score_readings
from workbench.matching.suggest import STRONG_THRESHOLD

A = (
    "Der Generalstab in Kiew berichtet von 134 russischen Vorstößen, wobei besonders "
    "Pokrowsk und das Grenzgebiet zu Sumy im Fokus der Angriffe stehen."
)
B = (
    "Zudem haben russische Streitkräfte Drohnenschwärme eingesetzt, die mehrere ukrainische "
    "Städte, darunter Cherson, Odessa und Saporischschja, ins Visier genommen haben."
)
C = "Diese Eskalation der Attacken führt zu einer verstärkten internationalen Besorgnis."
SAME_TOPIC = "Russische Truppen griffen in der Nacht erneut ukrainische Stellungen bei Pokrowsk an."


def s(claim, passage, language="de"):
    return score(claim, passage, language=language)


def test_verbatim_scores_100():
    assert s(A, A) == 100
    assert s(B, B) == 100


def test_paraphrase_beats_an_unrelated_sentence_on_the_same_topic():
    paraphrase = (
        "Besonders Pokrowsk und die Grenzregion zu Sumy stehen im Fokus, meldet der "
        "Generalstab in Kiew, der 134 russische Vorstöße zählte."
    )
    assert s(paraphrase, A) > 70
    assert s(paraphrase, A) > s(paraphrase, SAME_TOPIC) + 40
    assert s(paraphrase, A) > s(paraphrase, B) + 40


def test_english_paraphrase_reordered_with_another_verb():
    source = "Defence ministers from Germany and Britain will meet in Brussels on June 4, 2025."
    claim = "On 4 June 2025, Germany's and Britain's defence ministers gather in Brussels."
    other = "The ministers in Brussels also discussed the budget of the European Union."
    assert s(claim, source, "en") > 70
    assert s(claim, source, "en") > s(claim, other, "en") + 30


def test_overlap_in_stop_words_only_scores_low():
    claim = "Die Minister sind in der Stadt und das ist gut."
    passage = "Die Katze ist in der Küche und das ist so."
    assert s(claim, passage) < 15
    # A claim of stop words alone never reaches a suggestion threshold.
    assert s("Das ist es und so.", "Das ist es und so.") <= 40


def test_a_window_does_not_win_by_size():
    assert s(A, A) > s(A, f"{A} {B}") > s(A, f"{A} {B} {C}") > STRONG_THRESHOLD


def test_a_claim_merged_from_two_sentences_matches_their_window_best():
    merged = (
        "Der Generalstab meldet 134 russische Vorstöße, und russische Streitkräfte setzten "
        "Drohnenschwärme gegen Cherson, Odessa und Saporischschja ein."
    )
    window = s(merged, f"{A} {B}")
    assert window > s(merged, A) + 5
    assert window > s(merged, B) + 5
    assert window > s(merged, f"{A} {B} {C}")


def test_a_claim_split_from_one_sentence_matches_that_sentence_best():
    part = "Der Generalstab in Kiew berichtet von 134 russischen Vorstößen."
    assert s(part, A) > s(part, f"{A} {B}") > STRONG_THRESHOLD


def test_rapidfuzz_shape_cutoff_and_processor():
    passages = [B, C, A]
    best = process.extractOne(A, passages, scorer=score)
    assert best == (A, 100.0, 2)
    assert score("Nato plant", "Katze", score_cutoff=50) == 0.0
    assert score("Die NATO plant.", "die nato plant.", processor=str.casefold) == 100


@pytest.mark.parametrize(
    ("reworded", "near_miss", "source", "language"),
    [
        (
            "The minister resigned on Friday after the scandal.",
            "The minister opened a new school in the town on Friday.",
            "After the scandal, the minister stepped down on Friday.",
            "en",
        ),
        (
            "Der Minister trat am Freitag nach dem Skandal zurück.",
            "Der Minister eröffnete am Freitag eine neue Schule in der Stadt.",
            "Am Freitag trat der Minister nach einem Skandal an einer Schule der Stadt zurück.",
            "de",
        ),
    ],
)
def test_meaning_lifts_a_rewording_and_lowers_a_near_miss(reworded, near_miss, source, language):
    def lift(claim, passage):
        lexical = lexical_scores(read(claim, language), [read(passage, language)])[0]
        return score(claim, passage, language=language) - lexical

    assert lift(reworded, source) >= 0
    assert lift(near_miss, source) < -10
    assert lift(reworded, source) > lift(near_miss, source) + 10


def test_score_readings_agrees_with_score_and_uses_weights():
    claim = "Die NATO plant 30 Prozent mehr Fähigkeiten."
    passages = [A, B, C, "Die NATO plant um 30 % höhere Fähigkeiten."]
    readings = [read(p, "de") for p in passages]
    many = score_readings(read(claim, "de"), readings, workers=2)
    expected = [round(score(claim, p, language="de"), 4) for p in passages]
    assert [round(float(x), 4) for x in many] == expected
    weights = Weights(r.keys for r in readings)
    # "nato" is in one sentence of four, so it weighs more than a word in all of them.
    assert weights["nato"] > 1.0
    assert weights["unheard-of"] == weights.unseen > weights["nato"]
    # A number no passage has is for checks.py to compare, not a reason to rank lower.
    assert weights["11000"] == 1.0
    weighted = score_readings(read(claim, "de"), readings, weights=weights)
    assert int(weighted.argmax()) == 3
    assert score(claim, passages[3], weights=weights, language="de") == weighted[3]
