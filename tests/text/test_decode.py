"""Decoding what users paste or upload: text comes through, non-text is refused."""

import codecs

import pytest

from workbench.errors import InputRejected
from workbench.text.decode import choose_codec, declared_charset, decode_bytes, decode_text


def test_windows_1252_german_file_decodes_to_the_same_text_as_its_utf8_copy(resource):
    expected = resource("articles/de_cp1252.utf8.txt").decode("utf-8")
    assert decode_bytes(resource("articles/de_cp1252.txt")) == expected
    assert "„Gerade in heißen Sommern" in expected


def test_utf8_with_bom_and_utf16_decode():
    text = "Grüße aus Köln, sagte Müller."
    assert decode_bytes(codecs.BOM_UTF8 + text.encode()) == text
    assert decode_bytes(text.encode("utf-16")) == text


def test_declared_encoding_wins_over_detection():
    data = "Überschwemmung in Köln".encode("cp1252")
    assert decode_bytes(data, encoding="latin-1") == "Überschwemmung in Köln"


def test_html_meta_charset_is_read():
    page = '<html><head><meta charset="windows-1252"></head><body>Straße</body></html>'
    assert declared_charset(page.encode("cp1252")) == "windows-1252"
    assert "Straße" in decode_bytes(page.encode("cp1252"))


def test_line_endings_become_newlines():
    assert (
        decode_bytes(b"Erste Zeile.\r\nZweite Zeile.\rDritte.")
        == "Erste Zeile.\nZweite Zeile.\nDritte."
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (b"PK\x03\x04\x00\x00binary zip", "binary"),
        (bytes(range(1, 32)) * 40, "binary"),
    ],
)
def test_refuses_what_is_not_text(data, message):
    with pytest.raises(InputRejected, match=message):
        decode_bytes(data)


def test_refuses_input_over_the_limit_with_the_sizes():
    with pytest.raises(InputRejected, match=r"2,001 bytes; the limit is 2,000"):
        decode_bytes(b"a" * 2001, max_bytes=2000)


SAMPLES = [
    "Grüße aus Köln: „Die Straße ist gesperrt“, sagte Müller – 180 €.".encode("cp1252"),
    '<html><head><meta charset="windows-1251"></head><body>Привет, мир</body></html>'.encode(
        "cp1251"
    ),
    "Überschwemmung in Köln, 12 Häuser geräumt.".encode(),
    codecs.BOM_UTF8 + "Größere Förderung".encode(),
]


@pytest.mark.parametrize("data", SAMPLES)
def test_imports_and_fetches_read_the_same_bytes_the_same_way(data):
    text, _ = decode_text(data)
    assert decode_bytes(data) == text


def test_declared_charset_comes_before_utf8_as_in_browsers():
    page = '<html><head><meta charset="iso-8859-1"></head><body>Straße</body></html>'
    data = page.encode("utf-8")
    assert choose_codec(data) == "cp1252"
    assert choose_codec(data, "utf-8") == "utf-8"
    assert choose_codec("Straße".encode(), "latin1") == "cp1252"


def test_a_declaration_the_bytes_contradict_is_passed_over():
    data = "Die Straße ist gesperrt, sagte der Sprecher.".encode("cp1252")
    assert decode_text(data, "utf-8") == ("Die Straße ist gesperrt, sagte der Sprecher.", "cp1252")


def test_fetched_bytes_that_are_no_text_are_still_decoded_with_replacements():
    text, codec = decode_text(bytes(range(128, 256)) * 20)
    assert codec and len(text) == 2560
