"""The place names read from ISO 3166 (pycountry), in German and English."""

from workbench.matching.gazetteer import is_place, places


def test_countries_and_regions_are_listed_in_german_and_english():
    found = places()
    assert {"schottland", "scotland", "nordirland", "tirol", "bayern", "kanada", "canada"} <= found
    assert {"wales", "kalifornien"} <= found


def test_only_one_word_names_of_the_chosen_countries_regions_are_listed():
    found = places()
    assert "vereinigte staaten" not in found  # several words: names.py reads runs itself
    assert "île-de-france" not in found  # a region of a country not in REGIONS_OF


def test_a_part_of_a_region_or_country_is_a_place_but_a_word_ending_like_one_is_not():
    for word in ("Oberbayern", "Nordhessen", "Südtirol", "Ostdeutschland", "Tirol"):
        assert is_place(word), word
    # "Niger" and "Oman" are too short to be read at the end of a compound.
    for word in ("Beschleuniger", "Roman", "Bundesland", "Wohnungen"):
        assert not is_place(word), word
