"""The PDF report, read back with pypdf: A4, the title and "Page n of m" on every
page, the claims' text, hostile markup shown as text."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from report_sample import check_golden, sample_report

from workbench.reports.pdf import to_pdf

A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def pages() -> list:
    reader = PdfReader(io.BytesIO(to_pdf(sample_report())))
    return reader.pages


def _text(page) -> str:
    return " ".join(page.extract_text().split())


def test_pages_are_a4_with_the_title_and_page_numbers_on_every_one(pages):
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))
        text = _text(page)
        assert "Hilfen nach dem Hochwasser: Länder & Bund über „Soforthilfe“" in text
        assert f"Page {number} of {len(pages)}" in text


def test_the_claims_and_their_evidence_are_in_the_text(pages):
    text = " ".join(_text(p) for p in pages)
    assert "Das Innenministerium kündigte eine Soforthilfe von 50 Millionen Euro an." in text
    assert "verified" in text and "disputed" in text and "unsupported" in text
    assert "a" * 64 in text.replace(" ", "")


def test_hostile_markup_is_printed_as_text_not_obeyed(pages):
    text = " ".join(_text(p) for p in pages)
    assert "plant <b>einen</b> Wiederaufbaufonds <script>alert(1)</script>." in text


def test_the_pdf_text_matches_its_golden_file(pages):
    check_golden(
        "report.pdf.txt",
        "".join(f"--- page {n} ---\n{_text(p)}\n" for n, p in enumerate(pages, 1)),
    )
