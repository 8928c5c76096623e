"""Evidence text from real sample files: HTML pages, generated PDFs, plain text."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import InputRejected
from workbench.sources import extract as extract_module
from workbench.sources.extract import Extracted, extract, extract_text

SNAPSHOTS = Path(__file__).resolve().parents[1] / "resources" / "snapshots"

ONE_PAGE = [
    [
        "Der Verteidi-",
        "gungsminister besuchte am Montag Kiel.",
        "Die Häfen in Nord-",
        "und Süddeutschland warten noch (auf Geld).",
    ]
]
TWO_PAGES = [
    ["First page of the report.", "It has two lines."],
    ["Second page of the report."],
]


def build_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal valid PDF: one Helvetica text object per page, one line per string."""
    objects: list[bytes] = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"",
    ]
    kids = []
    for lines in pages:
        shown = [
            b"("
            + line.encode("cp1252")
            .replace(b"\\", b"\\\\")
            .replace(b"(", b"\\(")
            .replace(b")", b"\\)")
            + b") Tj"
            for line in lines
        ]
        stream = b"BT /F1 12 Tf 14 TL 72 720 Td " + b" T* ".join(shown) + b" ET"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 1 0 R >> >> /Contents %d 0 R >>" % (len(objects))
        )
        kids.append(len(objects))
    refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    trailer = b"/Root %d 0 R" % len(objects)
    if title:
        objects.append(b"<< /Title (%s) >>" % title.encode("latin-1"))
        trailer += b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


def snapshot(name: str) -> bytes:
    return (SNAPSHOTS / name).read_bytes()


def assert_passages_exact(result: Extracted) -> None:
    ends = [0]
    for start, end in result.passages:
        assert ends[-1] <= start < end <= len(result.text)
        sentence = result.text[start:end]
        assert sentence == sentence.strip() and "\n\n" not in sentence
        ends.append(end)


# HTML


def test_news_page_gives_title_date_and_paragraphs_in_order_without_boilerplate():
    result = extract(snapshot("en_news.html"), "text/html; charset=utf-8")
    assert result.title == "Harbour authority delays dredging plan"
    assert result.published == "2025-02-18"
    assert result.language == "en"
    paragraphs = result.text.split("\n\n")
    assert paragraphs[0] == "Harbour authority delays dredging plan"
    assert paragraphs[1].startswith(
        "The Northport harbour authority has postponed a plan to deepen the main shipping channel by two metres"
    )
    assert "Concerns from fishermen" in paragraphs
    assert paragraphs[-3:] == [
        "About 140 boats are registered in the port.",
        "The catch fell by 9 percent in 2024.",
        "A decision on a new start date is expected before the summer, the chairman said.",
    ]
    for boilerplate in (
        "NAVIGATION_MENU_TEXT",
        "TRACKING_SCRIPT_TEXT",
        "INLINE_SCRIPT_TEXT",
        "FOOTER_TEXT",
        "All rights reserved",
    ):
        assert boilerplate not in result.text
    assert_passages_exact(result)
    sentences = [result.text[s:e] for s, e in result.passages]
    assert (
        "Dr. Helen Marsh, the authority's chief engineer, blamed higher fuel prices and a shortage of dredgers."
        in sentences
    )
    assert sentences.index("The project had been due to start in April.") < sentences.index(
        "Local fishermen welcomed the delay."
    )


def test_windows_1252_page_without_charset_keeps_umlauts_and_german_quotes():
    body = snapshot("de_cp1252.html")
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    result = extract(body, "text/html")
    assert result.title == "Größere Förderung für Straßenbäume in Düsseldorf"
    assert "Größere" in result.text and "Straßenbäume" in result.text and "180 €" in result.text
    assert "„Gerade in heißen Sommern" in result.text and "Plätzen ist“, sagte" in result.text
    assert "Startseite" not in result.text and "Impressum" not in result.text
    assert result.language == "de"
    # "bis Ende 2026" in the text is not a publication date.
    assert result.published is None
    assert_passages_exact(result)


def test_declared_charset_argument_wins():
    body = "<html><body><p>Die Straße ist gesperrt, sagte der Sprecher am Montag.</p></body></html>"
    result = extract(body.encode("cp1252"), "text/html", charset="windows-1252")
    assert result.text == "Die Straße ist gesperrt, sagte der Sprecher am Montag."


def test_short_page_falls_back_to_the_body_without_navigation_or_scripts():
    page = b"<html><head><title>Note</title><script>var x = 'SCRIPT';</script></head><body><nav>Home Menu</nav><p>Only a short note here.</p><p>And a second one.</p><footer>Footer text</footer></body></html>"
    result = extract(page, "text/html")
    assert result.text == "Only a short note here.\n\nAnd a second one."
    assert result.title == "Note"
    assert_passages_exact(result)


def test_a_page_title_is_text_without_markup():
    page = (
        b"<html><head><title>Note &lt;img src=x onerror=alert(1)&gt; today</title></head>"
        b"<body><p>Only a short note here.</p><p>And a second one.</p></body></html>"
    )
    assert extract(page, "text/html").title == "Note today"
    pdf = build_pdf(ONE_PAGE, title="Besuch <b>in</b> Kiel")
    assert extract(pdf, "application/pdf").title == "Besuch in Kiel"


@pytest.mark.parametrize(
    "page",
    [
        b"<html><body></body></html>",
        b"<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>",
        b"",
        b"   ",
    ],
)
def test_page_without_text_is_empty_not_an_error(page):
    result = extract(page, "text/html")
    assert (result.text, result.passages, result.language) == ("", (), None)


def test_unknown_media_type_is_sniffed_and_binary_refused():
    assert (
        extract(snapshot("en_news.html"), "application/octet-stream").title
        == "Harbour authority delays dredging plan"
    )
    with pytest.raises(InputRejected, match="PNG"):
        extract(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "application/octet-stream")


# PDF


def test_generated_pdf_files_are_reproducible():
    assert snapshot("one_page.pdf") == build_pdf(ONE_PAGE, title="Besuch in Kiel")
    assert snapshot("two_pages.pdf") == build_pdf(TWO_PAGES)


def test_pdf_text_joins_hyphenated_words_and_lines():
    result = extract(snapshot("one_page.pdf"), "application/pdf")
    assert result.text == (
        "Der Verteidigungsminister besuchte am Montag Kiel. "
        "Die Häfen in Nord- und Süddeutschland warten noch (auf Geld)."
    )
    assert result.title == "Besuch in Kiel"
    assert result.language == "de"
    assert [result.text[s:e] for s, e in result.passages] == [
        "Der Verteidigungsminister besuchte am Montag Kiel.",
        "Die Häfen in Nord- und Süddeutschland warten noch (auf Geld).",
    ]


def test_two_page_pdf_keeps_page_order_as_paragraphs():
    result = extract(snapshot("two_pages.pdf"), "application/pdf")
    assert (
        result.text == "First page of the report. It has two lines.\n\nSecond page of the report."
    )
    assert result.title is None
    assert_passages_exact(result)
    assert len(result.passages) == 3


def _encrypted(user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(snapshot("two_pages.pdf")))
    writer.encrypt(user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf_is_empty_unless_its_user_password_is_empty():
    assert extract(_encrypted("secret"), "application/pdf").text == ""
    assert extract(_encrypted(""), "application/pdf").text.startswith("First page of the report.")


@pytest.mark.parametrize(
    "body",
    [b"garbage, not a PDF at all", b"%PDF-1.4\n", b"\x00\xff" * 300, build_pdf(TWO_PAGES)[:400]],
)
def test_broken_pdf_gives_empty_text_and_logs_nothing(body, caplog):
    result = extract(body, "application/pdf")
    assert (result.text, result.title, result.passages) == ("", None, ())
    assert caplog.records == []


# Plain text


def test_plain_text_normalises_line_endings_and_keeps_paragraphs():
    body = snapshot("en_notes.txt")
    assert b"\r\n" in body
    result = extract(body, "text/plain")
    assert "\r" not in result.text
    paragraphs = result.text.split("\n\n")
    assert paragraphs[0] == "Harbour dredging: what we know"
    assert paragraphs[1].startswith(
        "The Northport harbour authority has postponed a plan to deepen the main shipping\nchannel"
    )
    assert len(paragraphs) == 3
    sentences = [result.text[s:e] for s, e in result.passages]
    # A wrapped line is not a sentence end; a list item is its own passage.
    assert (
        "The Northport harbour authority has postponed a plan to deepen the main shipping\nchannel by two metres."
        in sentences
    )
    assert sentences[-2:] == [
        "- About 140 boats are registered in the port.",
        "- The catch fell by 9 percent in 2024.",
    ]
    assert_passages_exact(result)


def test_pasted_text_with_language_given():
    result = extract_text(
        "\ufeffErster Absatz. Noch ein Satz.\r\n\r\n\r\nZweiter Absatz.  \n", language="de"
    )
    assert result.text == "Erster Absatz. Noch ein Satz.\n\nZweiter Absatz."
    assert result.language == "de"
    assert [result.text[s:e] for s, e in result.passages] == [
        "Erster Absatz.",
        "Noch ein Satz.",
        "Zweiter Absatz.",
    ]


def test_short_text_has_no_language_and_blank_text_nothing():
    assert extract_text("Kurz.").language is None
    assert extract_text(" \n\n \t") == Extracted("", None, None, None, ())


def test_huge_text_is_cut_at_a_paragraph_boundary(monkeypatch):
    monkeypatch.setattr(extract_module, "MAX_CHARS", 51)
    result = extract_text("First paragraph is here.\n\nSecond paragraph is here.\n\nThird one.")
    assert result.text == "First paragraph is here.\n\nSecond paragraph is here."
    assert extract_text("word " * 40).text == ("word " * 10).strip()
    assert result.cut and extract_text("word " * 40).cut, "a cut text says so"
    assert not extract_text("First paragraph is here.\n\nSecond paragraph is here.").cut
    refused = extract_text("word " * 40, whole=True)
    assert (refused.cut, refused.text, refused.passages) == (True, "", ())
    assert extract(("word " * 40).encode(), "text/plain", whole=True).cut


WORDS = st.sampled_from(
    "the council harbour minister report water budget plan said would open close".split()
)
SENTENCES = st.lists(WORDS, min_size=2, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")
PARAGRAPHS = st.lists(
    st.lists(SENTENCES, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=5
)


@settings(deadline=None, max_examples=60)
@given(PARAGRAPHS)
def test_generated_paragraphs_give_exact_ordered_passages(paragraphs):
    result = extract_text("\n\n\n".join(paragraphs), language="en")
    assert result.text == "\n\n".join(paragraphs)
    assert_passages_exact(result)
    expected = [s + "." for p in paragraphs for s in p[:-1].split(". ")]
    assert [result.text[s:e] for s, e in result.passages] == expected


@settings(deadline=None, max_examples=60)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_any_text_gives_passages_inside_the_text(text):
    assert_passages_exact(extract_text(text, language="en"))


def test_long_paragraphs_are_segmented_in_windows_with_the_same_result(monkeypatch):
    from workbench.text import segment as segment_module

    text = " ".join(
        f"Sentence number {i} says Dr. Smith met the U.S. envoy at 3 p.m. today." for i in range(60)
    )
    expected = extract_text(text, language="en").passages
    monkeypatch.setattr(segment_module, "WINDOW", 300)  # the one windowing, in text/segment
    assert extract_text(text, language="en").passages == expected
    assert len(expected) == 60


def test_comments_and_inline_tags_do_not_lose_text():
    page = b"<html><body><p>Before <script>x()</script>after <!-- note -->the comment, <b>bold</b> too.</p></body></html>"
    assert extract(page, "text/html").text == "Before after the comment, bold too."
