"""One reading of a text: tokens with offsets and keys, one number parser, facts on demand."""

import pytest

from workbench.matching.reading import read


def _keys(text, language):
    return [t.key for t in read(text, language).tokens if t.content]


def test_tokens_keep_their_offsets_in_the_text():
    text = "Am 4. Juni 2025 kamen „1.200“ Menschen – 30 Prozent mehr."
    reading = read(text, "de")
    for token in reading.tokens:
        assert text[token.start : token.end] == token.text
    assert [t.text for t in reading.tokens if t.kind != "word"] == [
        "4. Juni 2025",
        "1.200",
        "30 Prozent",
    ]


@pytest.mark.parametrize(
    ("german", "english"),
    [
        ("1.250 Euro", "1,250 euros"),
        ("1,5 Millionen Euro", "1.5 million euros"),
        ("30 Prozent", "30 percent"),
        ("am 4. Juni 2025", "on June 4, 2025"),
        ("zwölf Tage", "twelve days"),
        ("33-jährige", "33-year-old"),
    ],
)
def test_one_number_and_date_parser_for_both_languages(german, english):
    assert _keys(german, "de") == _keys(english, "en")


def test_german_decimal_comma_and_thousands_point_read_the_same_everywhere():
    # The matcher once read "1,250 Euro" as 1.25 and the checks as 1250.
    assert _keys("Es kostet 1,250 Euro.", "de")[-1] == "1250EUR"
    assert _keys("Es kostet 1,25 Euro.", "de")[-1] == "1.25EUR"


def test_inflected_forms_share_a_key_and_stop_words_are_no_content():
    assert _keys("Den Ministern wurde geholfen.", "de") == _keys("Der Minister hilft.", "de")
    assert _keys("Die Unterstützung", "de") == _keys("unterstützen", "de")
    assert _keys("and the of", "en") == []
    # Reporting verbs say who, not what.
    assert _keys("sagte er", "de") == [] and _keys("she said", "en") == []


def test_a_word_hyphenated_at_a_line_end_is_one_token():
    reading = read("Ein wichtiger Ver-\nweis folgt.", "de")
    assert [t.text for t in reading.tokens][2] == "Ver-\nweis"
    assert reading.tokens[2].key == read("Verweis", "de").tokens[0].key


def test_the_gist_holds_the_content_words_for_the_word_vectors():
    assert read("Die Stadt zahlt 1.200 Euro.", "de").gist == "Stadt zahlt 1200EUR"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Der Index stieg am Montag.", "de", [("stieg", 0)]),
        ("Die Aktie legte um 3 Prozent zu.", "de", [("legte", 0)]),
        ("Der Euro gab am Abend nach.", "de", [("gab", 1)]),
        ("Die sinkenden Preise", "de", [("sinkenden", 1)]),
        ("The pound weakened against the dollar.", "en", [("weakened", 1)]),
        ("Shares rose while bonds fell.", "en", [("rose", 0), ("fell", 1)]),
        ("Er gab ihr das Buch.", "de", []),
    ],
)
def test_direction_words_with_their_side(text, language, expected):
    found = read(text, language).directions
    assert [(d.text, d.side) for d in found] == expected


def test_readings_are_cached_and_facts_read_on_demand():
    text = "Anna Berger sagte, der Rat habe nicht zugestimmt."
    assert read(text, "de") is read(text, "de")
    reading = read(text, "de")
    assert [n.text for n in reading.names] == ["Anna Berger"]
    assert reading.negation_count == 1
    assert reading.language == "de"


def test_a_text_spells_an_acronym_with_the_initials_of_its_words():
    assert read("Die Bank für Internationalen Zahlungsausgleich warnt.", "de").spells("BIZ")
    assert read("Staff in human resources were told.", "en").spells("HR")
    assert not read("Staff in the legal department were told.", "en").spells("HR")


def test_a_middle_initial_and_a_country_with_a_verb_in_its_name_keep_the_names():
    # "K." is an initial, not a full stop; "States" is no function word in title case.
    text = "Maria K. Olsen of Dunmore, a town north of Harwick, misled a United States agency."
    names = [n.text for n in read(text, "en").names]
    assert names[0] == "Maria K Olsen"
    assert "Dunmore" in names and "Harwick" in names
