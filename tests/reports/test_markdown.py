"""The Markdown report: its structure, and article text that stays text in any
CommonMark renderer (raw HTML on, as markdown-it's commonmark preset has it)."""

from __future__ import annotations

from markdown_it import MarkdownIt

from workbench.reports.markdown import escape, to_markdown


def test_hostile_text_renders_as_text_not_html(report):
    rendered = MarkdownIt("commonmark").render(to_markdown(report))
    assert "<script" not in rendered and "<b>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered


def test_each_claim_is_a_heading_with_number_icon_and_word(report):
    text = to_markdown(report)
    assert "### 1. ✓ verified" in text and "### 2. ✗ disputed" in text
    assert "### 3. ? unsupported" in text and "### 5. ○ pending" in text
    assert (
        "- Matcher suggested: likely verified: a source says the same (score 61) (the decision differs)"
        in text
    )
    assert (
        "- Archived copies: <https://web.archive.org/web/*/https://www.example.org/hochwasser/hilfen?seite=2>"
        in text
    )


def test_markup_in_words_is_escaped_and_line_starts_make_no_lists():
    rendered = MarkdownIt("commonmark").render(
        "> " + escape("- **50** [Link](javascript:x) 1. `code` _x_") + "\n"
    )
    assert "<li>" not in rendered and "<strong>" not in rendered and "<a " not in rendered
    assert "<code>" not in rendered and "<em>" not in rendered
    assert "- **50** [Link](javascript:x) 1. `code` _x_" in rendered
