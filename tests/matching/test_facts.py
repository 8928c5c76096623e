"""Fact extraction: numbers, dates, quotes, names and negations in German and English."""

from decimal import Decimal

import pytest

from workbench.matching.facts import language_of
from workbench.matching.numbers import parse_digits, word_value
from workbench.matching.reading import read


def _numbers(text, language=None):
    return [(n.value, n.unit, n.qualifier) for n in read(text, language).numbers]


def _one(text, language=None):
    (number,) = read(text, language).numbers
    return number


@pytest.mark.parametrize(
    "written, value",
    [
        ("1.200", 1200), ("10.000", 10000), ("1,5", Decimal("1.5")), ("1,200", 1200),
        ("2,500", 2500), ("2500", 2500), ("0.5", Decimal("0.5")), ("0,500", Decimal("0.5")),
        ("1.500.000", 1500000), ("1.234,5", Decimal("1234.5")), ("1,234.5", Decimal("1234.5")),
    ],
)  # fmt: skip
def test_digits_read_the_same_in_both_languages(written, value):
    assert parse_digits(written) == value


@pytest.mark.parametrize(
    "text, language, value",
    [
        ("1,5 Millionen Menschen", "de", 1_500_000), ("1.5 million people", "en", 1_500_000),
        ("3 Mrd. Euro", "de", 3_000_000_000), ("3 Milliarden Euro", "de", 3_000_000_000),
        ("3 billion euros", "en", 3_000_000_000), ("2 Billionen Euro", "de", 2 * 10**12),
        ("eine Billion Euro", "de", 10**12), ("$5bn in aid", "en", 5_000_000_000),
        ("zehn Tausend", "de", 10_000), ("ein Dutzend Panzer", "de", 12), ("a dozen tanks", "en", 12),
        ("zwei Millionen Euro", "de", 2_000_000), ("a million people", "en", 1_000_000),
    ],
)  # fmt: skip
def test_magnitude_words_are_applied(text, language, value):
    assert _one(text, language).value == value


def test_german_billion_is_ten_to_the_twelfth_and_english_ten_to_the_ninth():
    assert _one("Schulden von 1 Billion Euro", "de").value == 10**12
    assert _one("a debt of 1 billion euros", "en").value == 10**9


@pytest.mark.parametrize(
    "text, unit",
    [
        ("30 Prozent", "%"), ("30 %", "%"), ("30%", "%"), ("30 percent", "%"), ("30 per cent", "%"),
        ("3 Prozentpunkte", "pp"), ("3 percentage points", "pp"), ("50 Millionen Euro", "EUR"),
        ("€50m", "EUR"), ("$2 billion", "USD"), ("1.200 Tage", "day"), ("1,200 days", "day"),
    ],
)  # fmt: skip
def test_units_are_canonical(text, unit):
    assert _one(text).unit == unit


@pytest.mark.parametrize(
    "word, language, value",
    [
        ("vier", "de", 4), ("zwölf", "de", 12), ("einundzwanzig", "de", 21),
        ("zweihundert", "de", 200), ("dreitausend", "de", 3000), ("four", "en", 4),
        ("twelve", "en", 12), ("twenty-one", "en", 21), ("ein", "de", None), ("one", "en", None),
        ("Hunderte", "de", None), ("hundreds", "en", None), ("Tausende", "de", None),
    ],
)  # fmt: skip
def test_number_words(word, language, value):
    assert word_value(word, language) == value


def test_number_words_in_text_but_not_capitalised_nouns_or_vague_amounts():
    assert _numbers("Vier Minister und zwölf Staaten", "de") == [(4, None, None), (12, None, None)]
    assert _numbers("Sie ließen das außer Acht.", "de") == []
    # Vague amounts are read as their order only, so "Tausende" differs from "Hunderte".
    assert _numbers("Hunderte Menschen und Tausende Soldaten", "de") == [
        (100, None, "vague"),
        (1000, None, "vague"),
    ]
    assert _numbers("hundreds of people and dozens of tanks", "en") == [
        (100, None, "vague"),
        (12, None, "vague"),
    ]
    assert _numbers("the Big Four met", "en") == []


def test_fractions_are_rough_percentages():
    two_thirds = _one("zwei Drittel der Staaten", "de")
    assert (two_thirds.unit, two_thirds.qualifier) == ("%", "about")
    assert two_thirds.value == _one("two-thirds of states", "en").value == Decimal("66.6667")
    assert _one("a quarter of the aid", "en").value == 25


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("rund 1.200", "about"), ("etwa 30 Prozent", "about"), ("Fast 1.200 Tage", "about"),
        ("mehr als 10.000 Truppen", "over"), ("more than 10,000 troops", "over"),
        ("about 30 percent", "about"), ("nearly 1,200 days", "about"), ("some 400 people", "about"),
        ("bis zu 500 Soldaten", "under"), ("fewer than 50 tanks", "under"), ("1.200 Tage", None),
    ],
)  # fmt: skip
def test_approximations_are_qualifiers(text, qualifier):
    assert _one(text).qualifier == qualifier


@pytest.mark.parametrize(
    "text", ["die G7 trafen sich", "COVID-19 kam", "der Airbus A380 flog", "F-16 Kampfjets", "MH17"]
)
def test_digits_in_names_are_not_numbers(text):
    assert read(text, "de").numbers == ()


def test_times_are_numbers_in_hours():
    times = read("geöffnet von 7 bis 22 Uhr, Treffen um 7:30 Uhr", "de").numbers
    assert [(n.value, n.unit) for n in times] == [(7, None), (22, "time"), (Decimal("7.5"), "time")]


def test_seed_article_numbers():
    text = (
        "Fast 1.200 Tage nach Beginn der Invasion. Der Generalstab berichtet von 134 russischen "
        "Vorstößen. Kursk wird von mehr als 10.000 nordkoreanischen Truppen unterstützt. Geplant "
        "ist eine Erhöhung um etwa 30 Prozent. Am 4. Juni 2025 treffen sich die Minister. Das "
        "Budapester Memorandum von 1994 gilt."
    )
    found = read(text, "de")
    assert [(n.text, n.value, n.unit, n.qualifier) for n in found.numbers] == [
        ("1.200 Tage", 1200, "day", "about"),
        ("134", 134, None, None),
        ("10.000", 10000, None, "over"),
        ("30 Prozent", 30, "%", "about"),
    ]
    assert [d.text for d in found.dates] == ["4. Juni 2025", "1994"]


def test_space_separates_thousands():
    assert _one("rund 80 000 Soldaten", "de").value == 80000


def test_dates_and_years_are_not_numbers():
    found = read("Am 4. Juni 2025 und seit 2021 sowie im Jahr 1994 kamen 134 Soldaten.", "de")
    assert [(n.value) for n in found.numbers] == [134]
    assert [d.text for d in found.dates] == ["4. Juni 2025", "2021", "1994"]


def test_a_figure_after_a_month_is_no_day_of_it():
    """ "im November 1.264 Einreisen": a German count after the month, not "November 1"."""
    found = read("Bis zum 9. November zählte die Polizei im November 1.264 Einreisen.", "de")
    assert [n.value for n in found.numbers] == [1264]
    assert [d.text for d in found.dates] == ["9. November", "November"]
    assert [d.text for d in read("It closes on November 1, 2024.", "en").dates] == [
        "November 1, 2024"
    ]


def test_german_ordinals_are_not_numbers():
    assert read("die 3. größte Stadt", "de").numbers == ()


@pytest.mark.parametrize(
    "text, fields",
    [
        ("Am 4. Juni 2025", {"year": 2025, "month": 6, "day": 4, "weekday": 2}),
        ("am 4.6.2025", {"year": 2025, "month": 6, "day": 4, "weekday": 2}),
        ("on June 4, 2025", {"year": 2025, "month": 6, "day": 4, "weekday": 2}),
        ("on 4 June 2025", {"year": 2025, "month": 6, "day": 4, "weekday": 2}),
        ("on 2025-06-04", {"year": 2025, "month": 6, "day": 4, "weekday": 2}),
        ("im Juni 2025", {"year": 2025, "month": 6}),
        ("in June 2025", {"year": 2025, "month": 6}),
        ("am 4. Juni", {"month": 6, "day": 4}),
        ("im Jahr 2026", {"year": 2026}),
        ("seit 2021", {"year": 2021}),
        ("Budapester Memorandum von 1994", {"year": 1994}),
        ("am Montag", {"weekday": 0}),
        ("on Monday", {"weekday": 0}),
        ("Anfang Juni", {"month": 6}),
    ],
)
def test_dates_are_normalised(text, fields):
    (date,) = read(text).dates
    assert date.fields == fields


def test_may_the_verb_is_not_a_date():
    assert read("Ministers may meet soon, they may 2 times.", "en").dates == ()


def test_a_year_with_a_unit_or_qualifier_is_a_number():
    found = read("rund 2000 Soldaten und 2025 Euro", "de")
    assert found.dates == () and [n.value for n in found.numbers] == [2000, 2025]


@pytest.mark.parametrize(
    "text, quote",
    [
        (
            "Er sagte: „Wir bleiben an der Seite der Ukraine.“",
            "wir bleiben an der seite der ukraine",
        ),
        ('He said "we stand with Ukraine" today.', "we stand with ukraine"),
        ("He said “We stand with Ukraine!” today.", "we stand with ukraine"),
        ("Sie sagte «keine weiteren Ideen» dazu.", "keine weiteren ideen"),
        ("Sie sagte »keine weiteren Ideen« dazu.", "keine weiteren ideen"),
        ("Sie sagte ‚keine weiteren Ideen‘ dazu.", "keine weiteren ideen"),
        ("He called it ‘a clear message’ to Russia’s leaders.", "a clear message"),
    ],
)
def test_quotes_are_normalised(text, quote):
    assert [q.norm for q in read(text).quotes] == [quote]


def test_single_quoted_words_are_not_quotes():
    assert read("die Operation „Spinnennetz“ lief", "de").quotes == ()


def _names(text, language):
    return [(n.text, n.role) for n in read(text, language).names]


def test_german_names_after_titles_and_places_after_prepositions():
    text = (
        "Das Treffen wird von den Verteidigungsministern Boris Pistorius aus Deutschland "
        "und John Healey aus Großbritannien geleitet."
    )
    assert _names(text, "de") == [
        ("Boris Pistorius", "minister"),
        ("Deutschland", "place"),
        ("John Healey", "person"),
        ("Großbritannien", "place"),
    ]
    assert _names("Präsident Wolodymyr Selenskyj hat Änderungen vorgenommen.", "de") == [
        ("Wolodymyr Selenskyj", "präsident")
    ]
    assert _names("Der Generalstab in Kiew berichtet.", "de") == [("Kiew", "place")]
    # A country or region is a place wherever it stands (ISO 3166 names, gazetteer.py).
    assert _names("Die Ukraine braucht keine weiteren Ideen.", "de") == [("Ukraine", "place")]


@pytest.mark.parametrize(
    "text",
    [
        "Die Minister treffen sich in Brüssel nicht in Gefahr.",
        "Nach Angaben der Regierung liefern die Staaten Waffen.",
        "Russische Streitkräfte haben Drohnenschwärme eingesetzt.",
        "wo Russland Truppen stationiert hat",
        "Die Internationale Atomenergieorganisation warnt vor Unfällen.",
    ],
)
def test_german_common_nouns_are_not_names(text):
    found = {n.text for n in read(text, "de").names}
    assert found <= {"Brüssel"}


def test_english_headline_has_no_names():
    assert _names("Military Aid for Ukraine: Hope for New Support in Brussels", "en") == []
    assert _names("Russian and North Korean troops fought in Kursk.", "en") == [("Kursk", "name")]


def test_english_names():
    text = "Defence Secretary John Healey met Boris Pistorius in Brussels on Monday."
    assert _names(text, "en") == [
        ("John Healey", "secretary"),
        ("Boris Pistorius", "person"),
        ("Brussels", "name"),
    ]
    assert _names("Russia attacked Kyiv.", "en") == [("Kyiv", "name")]


@pytest.mark.parametrize(
    "text, count",
    [
        ("Die Ukraine ist nicht stark genug.", 1),
        ("Es gibt keine Ersatzlösungen und niemals Frieden.", 2),
        ("Weder Berlin noch Paris stimmten zu.", 1),
        ("Er ist nicht nur Minister.", 0),
        ("The army isn't ready and will never be.", 2),
        ("Neither Berlin nor Paris agreed.", 1),
        ("Not only ministers came.", 0),
        ("They met in No. 10 Downing Street.", 0),
        ("Sie kamen ohne Waffen.", 0),
    ],
)
def test_negations_are_counted(text, count):
    assert read(text).negation_count == count


def test_language_is_guessed():
    assert language_of("Die Minister treffen sich in Brüssel.") == "de"
    assert language_of("The ministers meet in Brussels.") == "en"
    assert read("The ministers meet in Brussels.").language == "en"
