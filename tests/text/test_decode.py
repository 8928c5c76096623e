"""Decoding what users paste or upload: text comes through, non-text is refused."""

import codecs

import pytest

from workbench.errors import InputRejected
from workbench.text.decode import declared_charset, decode_bytes


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
