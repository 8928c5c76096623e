"""Every format of the fixed report against its golden file, and the format table."""

from __future__ import annotations

import pytest
from report_sample import check_golden

from workbench.errors import InputRejected
from workbench.reports import FORMATS, filename, render

TEXT_FORMATS = [f for f in FORMATS if f != "pdf"]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_each_text_format_matches_its_golden_file(report, fmt):
    rendered = render(report, fmt)
    check_golden(f"report.{rendered.extension}", rendered.data.decode("utf-8-sig"))


@pytest.mark.parametrize(
    ("fmt", "media_type", "name"),
    [
        ("html", "text/html; charset=utf-8", "article-42-report.html"),
        ("pdf", "application/pdf", "article-42-report.pdf"),
        ("md", "text/markdown; charset=utf-8", "article-42-report.md"),
        ("csv", "text/csv; charset=utf-8", "article-42-report.csv"),
        ("json", "application/json", "article-42-report.json"),
        ("claimreview", "application/ld+json", "article-42-report.claimreview.jsonld"),
        (
            "annotations",
            'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
            "article-42-report.annotations.jsonld",
        ),
    ],
)
def test_each_format_names_its_media_type_and_file(report, fmt, media_type, name):
    rendered = render(report, fmt)
    assert rendered.media_type == media_type
    assert filename(report.article_id, rendered) == name
    assert rendered.is_text == (fmt != "pdf")


def test_an_unknown_format_is_refused_with_the_known_ones(report):
    with pytest.raises(InputRejected, match="html, pdf, md, csv, json, claimreview, annotations"):
        render(report, "docx")


def test_the_same_report_renders_the_same_bytes(report):
    for fmt in TEXT_FORMATS:
        assert render(report, fmt).data == render(report, fmt).data
