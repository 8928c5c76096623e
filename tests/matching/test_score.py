"""The scorer: content words decide, windows neither win by size nor lose merged claims."""

from rapidfuzz import process

from workbench.matching.normalise import normalise
from workbench.matching.score import Weights, features, score, score_many

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
    return score(normalise(claim, language), normalise(passage, language))


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
    assert s(A, A) > s(A, f"{A} {B}") > s(A, f"{A} {B} {C}") > 90


def test_a_claim_merged_from_two_sentences_matches_their_window_best():
    merged = (
        "Der Generalstab meldet 134 russische Vorstöße, und russische Streitkräfte setzten "
        "Drohnenschwärme gegen Cherson, Odessa und Saporischschja ein."
    )
    window = s(merged, f"{A} {B}")
    assert window > s(merged, A) + 10
    assert window > s(merged, B) + 10
    assert window > s(merged, f"{A} {B} {C}")


def test_a_claim_split_from_one_sentence_matches_that_sentence_best():
    part = "Der Generalstab in Kiew berichtet von 134 russischen Vorstößen."
    assert s(part, A) > s(part, f"{A} {B}") > 80


def test_rapidfuzz_shape_cutoff_and_processor():
    passages = [normalise(p) for p in (B, C, A)]
    best = process.extractOne(normalise(A), passages, scorer=score)
    assert best == (passages[2], 100.0, 2)
    assert score("nato plant", "katze", score_cutoff=50) == 0.0
    assert score("Die NATO plant.", "die nato plant.", processor=normalise) == 100


def test_score_many_agrees_with_score_and_uses_weights():
    claim = normalise("Die NATO plant 30 Prozent mehr Fähigkeiten.")
    passages = [normalise(p) for p in (A, B, C, "Die NATO plant um 30 % höhere Fähigkeiten.")]
    many = score_many(claim, passages, workers=2)
    assert [round(x, 6) for x in many] == [round(score(claim, p), 6) for p in passages]
    weights = Weights(features(p).keys for p in passages)
    # "nato" is in one sentence of four, so it weighs more than a word in all of them.
    assert weights["nato"] > 1.0
    assert weights["unheard-of"] == weights.unseen > weights["nato"]
    # A number no passage has is for checks.py to compare, not a reason to rank lower.
    assert weights["11000"] == 1.0
    weighted = score_many(claim, passages, weights=weights)
    assert int(weighted.argmax()) == 3
    assert score(claim, passages[3], weights=weights) == weighted[3]
