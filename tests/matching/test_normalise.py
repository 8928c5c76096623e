"""Normalisation: German and English numbers, dates, percentages and typography agree."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.matching.normalise import content_tokens, keys, normalise, stem


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1.200 Tage", "de", "1200 tage"),
        ("1,200 days", "en", "1200 days"),
        ("1.200 Tage", None, "1200 tage"),
        ("1,200 days", None, "1200 days"),
        ("10.000 Truppen", "de", "10000 truppen"),
        ("10,000 troops", "en", "10000 troops"),
        ("1.200.000 Euro", "de", "1200000 euro"),
        ("1,5 Millionen", "de", "1.5 millionen"),
        ("1.5 million", "en", "1.5 million"),
        ("1,5 Millionen", None, "1.5 millionen"),
        ("1,50 Euro", "de", "1.5 euro"),
        ("1.234,5 Euro", "de", "1234.5 euro"),
        ("1,234.5 euros", "en", "1234.5 euros"),
        ("1,200 Tonnen", "de", "1.2 tonnen"),  # German decimal comma, said by the language
        ("1.200 tons", "en", "1.2 tons"),
        ("0,500 Liter", None, "0.5 liter"),
        ("10\u202f000 Euro", None, "10000 euro"),
        ("Version 1.2.3", None, "version 1.2.3"),
    ],
)
def test_numbers_in_german_and_english_forms_are_canonical(text, language, expected):
    assert normalise(text, language) == expected


def test_german_and_english_numbers_compare_equal():
    assert normalise("1.200", "de") == normalise("1,200", "en") == "1200"
    assert normalise("1,5", "de") == normalise("1.5", "en") == "1.5"


@pytest.mark.parametrize(
    "text",
    ["30 Prozent", "30 %", "30%", "30 percent", "30 per cent", "30\u00a0%"],
)
def test_percentages(text):
    assert normalise(text) == "30 %"
    assert content_tokens(normalise(text)) == ["30%"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4. Juni 2025", "2025-06-04"),
        ("4.Juni 2025", "2025-06-04"),
        ("June 4, 2025", "2025-06-04"),
        ("June 4th, 2025", "2025-06-04"),
        ("4 June 2025", "2025-06-04"),
        ("4th of June 2025", "2025-06-04"),
        ("04.06.2025", "2025-06-04"),
        ("3. März 2024", "2024-03-03"),
        ("3. Maerz 2024", "2024-03-03"),
        ("Jan. 5, 2024", "2024-01-05"),
        ("5. Jan. 2024", "2024-01-05"),
        ("Dec 24 2023", "2023-12-24"),
        ("Juni 2025", "2025-06"),
        ("June 2025", "2025-06"),
        ("am 4. Juni", "am 06-04"),
        ("on June 4", "on 06-04"),
        ("im Mai", "im mai"),
        ("you may go", "you may go"),
    ],
)
def test_dates(text, expected):
    assert normalise(text) == expected


def test_full_date_also_matches_the_same_day_without_year():
    assert "06-04" in keys(content_tokens(normalise("am 4. Juni 2025")))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("„Wir bleiben“, sagte er", '"wir bleiben", sagte er'),
        ("‚so‘ und «so» und ›so‹ und “so” and ’s", "'so' und \"so\" und 'so' und \"so\" and 's"),
        ("2020–2024 — oder ‒ so", "2020-2024 - oder - so"),
        ("Vertei\u00addigung", "verteidigung"),
        ("Verteidi-\ngungsminister", "verteidigungsminister"),
        ("Verteidi- \n  gungsminister", "verteidigungsminister"),
        ("NATO-\nStaaten", "nato-staaten"),
        ("  Die\t NATO \n\n plant  ", "die nato plant"),
        ("STRASSE Straße", "strasse strasse"),
        ("ﬁnal ２０２５", "final 2025"),
        ("berichtet https://www.example.org/a?b=1. Dann www.x.de/y", "berichtet dann"),
    ],
)
def test_typography(text, expected):
    assert normalise(text) == expected


def test_content_tokens_drop_german_and_english_stop_words():
    tokens = content_tokens(normalise("Die NATO hat 30 Prozent mehr für die Ukraine, and the EU"))
    assert tokens == ["nato", "30%", "ukraine", "eu"]


def test_stems_join_inflections():
    assert stem("ministern") == stem("minister") == stem("ministers")
    assert stem("russischen") == stem("russische")
    assert stem("unterstützt") == stem("unterstützen")
    assert stem("1200") == "1200"


text_with_forms = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(
            [
                "1.200",
                "1,5",
                "4. Juni 2025",
                "June 4, 2025",
                "30 Prozent",
                "„x“",
                "-\n",
                "\u00ad",
                "Juni",
                "2.025",
                "1,234",
                "04.06.2025",
                " ",
                "\n",
                "per cent",
                "%",
                "Maerz",
            ]
        ),
        st.integers(0, 10**7).map(str),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text_with_forms, st.sampled_from(["de", "en", None]))
def test_normalise_is_idempotent(text, language):
    once = normalise(text, language)
    assert normalise(once, language) == once
