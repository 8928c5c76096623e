"""Content types are judged by the bytes: HTML, PDF, text, or a refusal that names the type."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from workbench.errors import InputRejected
from workbench.sources.sniff import sniff

pytestmark = pytest.mark.security

SNAPSHOTS = Path(__file__).resolve().parents[1] / "resources" / "snapshots"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("en_news.html", "text/html"),
        ("de_cp1252.html", "text/html"),
        ("one_page.pdf", "application/pdf"),
        ("two_pages.pdf", "application/pdf"),
        ("en_notes.txt", "text/plain"),
    ],
)
def test_sample_files_are_recognised(name, expected):
    assert sniff((SNAPSHOTS / name).read_bytes()) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"<!doctype html><title>x</title>",
        b"\n\n  <HTML lang=en><body>Hi</body></HTML>",
        b"<?xml version='1.0'?>\n<!-- generated -->\n<html xmlns='http://www.w3.org/1999/xhtml'>",
        b"<!-- a licence comment\nover lines -->\n<div class=a>text</div>",
        b"<p>Just a fragment saved as notes.txt</p>",
        b"<ARTICLE>\n<h1>Title</h1>",
        codecs.BOM_UTF8 + b"<head><meta charset=utf-8></head>",
        "<html><body>Grüße</body></html>".encode("utf-16"),
    ],
)
def test_html_by_its_start_whatever_the_file_was_called(data):
    assert sniff(data) == "text/html"


@pytest.mark.parametrize(
    "data",
    [
        b"Plain notes. <p> appears later but the text does not start with markup.",
        b"<pre>not one of the HTML start tags</pre>",
        "Größere Straßen, sagte Müller.".encode("cp1252"),
        "Grüße".encode("utf-16"),
        b"MZ is also how a sentence may start.",
        b"An article about the %PDF-1.7 header, in plain words.",
    ],
)
def test_text(data):
    assert sniff(data) == "text/plain"


def test_pdf_header_may_follow_junk_within_the_first_kilobyte():
    assert sniff(b"\r\n" + b"x" * 500 + b"%PDF-1.7\n...\n%%EOF\n") == "application/pdf"
    assert sniff(b"x" * 2000 + b"%PDF-1.7\n...\n%%EOF\n") == "text/plain"


def test_html_mentioning_the_pdf_header_is_still_html():
    assert sniff(b"<html><title>The %PDF-1.7 header explained</title>") == "text/html"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00", "a GIF image"),
        (
            b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml",
            "a ZIP archive or an Office document such as DOCX",
        ),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "a gzip archive"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "an ELF executable"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "a Windows executable"),
        (bytes(range(256)) * 4, "binary data"),
    ],
)
def test_binary_files_are_refused_with_their_name(data, name):
    with pytest.raises(InputRejected) as caught:
        sniff(data)
    assert str(caught.value) == f"The file is not HTML, PDF or text (it looks like {name})."


def test_a_png_that_mentions_pdf_is_still_a_png():
    with pytest.raises(InputRejected, match="PNG"):
        sniff(b"\x89PNG\r\n\x1a\n" + b"%PDF-1.4")


@pytest.mark.parametrize("data", [b"", b" \r\n\t "])
def test_empty_is_refused(data):
    with pytest.raises(InputRejected, match=r"^The file is empty\.$"):
        sniff(data)


def test_long_utf8_text_cut_inside_a_character_at_the_sample_edge_is_text():
    data = b"a" * 65535 + "ü".encode() + b" more text"
    assert sniff(data) == "text/plain"
