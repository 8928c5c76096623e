"""Markdown parser: plain block text, link offsets, footnotes and block kinds."""

import string

from hypothesis import given
from hypothesis import strategies as st

from workbench.text.document import FOOTNOTE, HEADING, HTML, LIST_ITEM, PARAGRAPH, QUOTE
from workbench.text.markdown import parse_markdown


def anchors(block):
    return [(block.text[link.start : link.end], link.url) for link in block.links]


def test_inline_link_offsets_point_at_the_anchor_text():
    [block] = parse_markdown("The [official tally](https://example.org/tally) shows 14 abstained.")
    assert block.kind == PARAGRAPH
    assert block.text == "The official tally shows 14 abstained."
    assert anchors(block) == [("official tally", "https://example.org/tally")]


def test_reference_links_resolve_to_their_definition():
    src = "As the [statistics report][1] shows.\n\n[1]: https://stats.example.gov/r.pdf\n"
    [block] = parse_markdown(src)
    assert block.text == "As the statistics report shows."
    assert anchors(block) == [("statistics report", "https://stats.example.gov/r.pdf")]


def test_autolinks_and_bare_urls_become_links():
    [block] = parse_markdown("See <https://a.example.org/x> and https://b.example.org/y.")
    assert block.text == "See https://a.example.org/x and https://b.example.org/y."
    assert anchors(block) == [
        ("https://a.example.org/x", "https://a.example.org/x"),
        ("https://b.example.org/y", "https://b.example.org/y"),
    ]


def test_non_web_links_keep_their_text_but_are_not_links():
    [block] = parse_markdown("Write to <press@example.org> or [call](tel:123).")
    assert block.text == "Write to press@example.org or call."
    assert block.links == []


def test_markup_is_stripped_to_plain_text():
    src = (
        "A **bold** and _italic_ claim with `code`, ~~old~~ ![chart](c.png) text  \nnext line\nsoft"
    )
    [block] = parse_markdown(src)
    assert block.text == "A bold and italic claim with code, old text next line soft"


def test_entities_are_decoded():
    [block] = parse_markdown("Smith &amp; Sons &copy; 2024")
    assert block.text == "Smith & Sons © 2024"


def test_headings_keep_their_level():
    blocks = parse_markdown("# Budget passes\n\nIntro.\n\n## Spending *priorities*\n\nMore.")
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        (HEADING, 1, "Budget passes"),
        (PARAGRAPH, 0, "Intro."),
        (HEADING, 2, "Spending priorities"),
        (PARAGRAPH, 0, "More."),
    ]


def test_list_items_are_one_block_each():
    blocks = parse_markdown("- first item\n- second [item](https://x.org/2)\n\n1. numbered\n")
    assert [(b.kind, b.text) for b in blocks] == [
        (LIST_ITEM, "first item"),
        (LIST_ITEM, "second item"),
        (LIST_ITEM, "numbered"),
    ]
    assert anchors(blocks[1]) == [("item", "https://x.org/2")]


def test_blockquote_paragraphs_are_quotes():
    blocks = parse_markdown('> "We have to adjust," she said.\n\nAfter.')
    assert [(b.kind, b.text) for b in blocks] == [
        (QUOTE, '"We have to adjust," she said.'),
        (PARAGRAPH, "After."),
    ]


def test_code_and_rules_are_skipped():
    src = "Before.\n\n```python\nprint('no claim')\n```\n\n    indented = 1\n\n---\n\nAfter."
    assert [b.text for b in parse_markdown(src)] == ["Before.", "After."]


def test_raw_html_block_is_kept_verbatim_as_html():
    blocks = parse_markdown('Intro.\n\n<div class="box">\n<b>Boxed</b>\n</div>\n\nOutro.')
    assert [(b.kind, b.text) for b in blocks] == [
        (PARAGRAPH, "Intro."),
        (HTML, '<div class="box">\n<b>Boxed</b>\n</div>'),
        (PARAGRAPH, "Outro."),
    ]


def test_table_rows_join_cells():
    blocks = parse_markdown("| Year | Deficit |\n|---|---|\n| 2024 | 2.7 % |\n")
    assert [b.text for b in blocks] == ["Year | Deficit", "2024 | 2.7 %"]


def test_footnote_refs_are_removed_and_recorded():
    src = (
        "Exports fell by 18 percent[^1]. Jobs will go[^note].\n\n"
        "[^1]: Ministry of Transport, https://transport.example.gov/annual-2024\n"
        "[^note]: See [the outlook](https://labour.example.gov/outlook).\n"
    )
    para, first, second = parse_markdown(src)
    assert para.text == "Exports fell by 18 percent. Jobs will go."
    assert para.footnote_refs == [(26, "1"), (40, "note")]
    assert para.text[:26].endswith("percent") and para.text[:40].endswith("go")
    assert (first.kind, first.label) == (FOOTNOTE, "1")
    assert first.text == "Ministry of Transport, https://transport.example.gov/annual-2024"
    assert anchors(first) == [
        ("https://transport.example.gov/annual-2024", "https://transport.example.gov/annual-2024")
    ]
    assert (second.kind, second.label, second.text) == (FOOTNOTE, "note", "See the outlook.")
    assert anchors(second) == [("the outlook", "https://labour.example.gov/outlook")]


def test_footnotes_come_after_main_blocks_even_when_defined_early():
    src = "[^a]: Early definition.\n\nText[^a].\n\n- item\n"
    assert [(b.kind, b.text) for b in parse_markdown(src)] == [
        (PARAGRAPH, "Text."),
        (LIST_ITEM, "item"),
        (FOOTNOTE, "Early definition."),
    ]


def test_empty_input_gives_no_blocks():
    assert parse_markdown("") == []
    assert parse_markdown("\n\n---\n\n```\ncode\n```\n") == []


_WORD = st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=8)
_MARKUP = st.sampled_from(["{}", "*{}*", "**{}**", "`{}`"])
_SEGMENT = st.one_of(
    st.tuples(st.just("word"), _WORD, _MARKUP),
    st.tuples(
        st.just("link"),
        st.lists(_WORD, min_size=1, max_size=4).map(" ".join),
        st.from_regex(r"https://[a-z]{1,10}\.example\.org/[a-z0-9]{0,10}", fullmatch=True),
    ),
)


@given(st.lists(_SEGMENT, min_size=1, max_size=12))
def test_property_link_offsets_match_generated_anchors(segments):
    source, plain, expected = [], [], []
    for kind, text, extra in segments:
        if kind == "word":
            source.append(extra.format(text))
        else:
            source.append(f"[{text}]({extra})")
            expected.append((text, extra))
        plain.append(text)
    [block] = parse_markdown(" ".join(source))
    assert block.text == " ".join(plain)
    for link in block.links:
        assert 0 <= link.start <= link.end <= len(block.text)
    assert anchors(block) == expected
