"""HTML parser: main text of pages, fragments, links, entities and rejection of empty input."""

import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.errors import InputRejected
from workbench.text.document import HEADING, LIST_ITEM, PARAGRAPH, QUOTE
from workbench.text.html import parse_html

PAGE = Path(__file__).parent.parent / "resources" / "html" / "news_article.html"
BASE = "https://news.example.com/2024/03/bridge"


def anchors(block):
    return [(block.text[link.start : link.end], link.url) for link in block.links]


@pytest.fixture(scope="module")
def page_blocks():
    return parse_html(PAGE.read_text(encoding="utf-8"), base_url=BASE)


def test_page_keeps_article_in_order(page_blocks):
    kinds = [(b.kind, b.level, b.text[:30]) for b in page_blocks]
    assert kinds == [
        (HEADING, 1, "Council approves new bridge fu"),
        (PARAGRAPH, 0, "The city council voted 7–2 on "),
        (PARAGRAPH, 0, "The project was first proposed"),
        (HEADING, 2, "Opposition from residents"),
        (PARAGRAPH, 0, "Some residents of Mill Lane ob"),
        (QUOTE, 0, "We support the bridge, but not"),
        (PARAGRAPH, 0, "Construction is expected to be"),
    ]


def test_page_drops_navigation_footer_and_scripts(page_blocks):
    everything = " ".join(b.text for b in page_blocks)
    for marker in ("NAVIGATION_MENU", "FOOTER_TEXT", "TRACKING_SCRIPT", "INLINE_SCRIPT", "font-"):
        assert marker not in everything
    assert "<" not in everything


def test_page_links_are_resolved_and_offsets_exact(page_blocks):
    links = [pair for b in page_blocks for pair in anchors(b)]
    assert links == [
        ("meeting minutes", "https://news.example.com/documents/minutes-2024-03-12.pdf"),
        ("feasibility study", "https://www.example.org/reports/bridge-study"),
    ]


def test_page_text_is_plain_collapsed_and_decoded(page_blocks):
    second = page_blocks[2].text
    assert "inflation & material shortages" in second
    assert "£3.1 million" in second
    for block in page_blocks:
        assert block.text == block.text.strip()
        assert "  " not in block.text and "\n" not in block.text


def test_javascript_link_is_dropped_but_its_text_kept(page_blocks):
    petition = page_blocks[4]
    assert "was delivered to the mayor" in petition.text
    assert petition.links == []


def test_page_title_comes_first_when_article_has_no_h1():
    html = (
        "<!DOCTYPE html><html><head><title>Grain prices climb again</title></head><body>"
        "<article><p>Wheat futures rose by 4 percent on Monday, the exchange said in its daily "
        "report, the third rise in a week as traders priced in the drought.</p>"
        "<p>Maize prices followed, climbing 2 percent to the highest level since 2022, "
        "according to figures published by the agriculture ministry on Monday.</p>"
        "</article></body></html>"
    )
    blocks = parse_html(html)
    assert (blocks[0].kind, blocks[0].level, blocks[0].text) == (
        HEADING,
        1,
        "Grain prices climb again",
    )
    assert [b.kind for b in blocks[1:]] == [PARAGRAPH, PARAGRAPH]


def test_fragment_paragraphs_and_links():
    html = '<p>Text with <a href="https://x.org/a">a link</a>.</p><p>More.</p>'
    blocks = parse_html(html)
    assert [b.text for b in blocks] == ["Text with a link.", "More."]
    assert anchors(blocks[0]) == [("a link", "https://x.org/a")]


def test_fragment_block_kinds_and_relative_links():
    html = (
        "<h3>Key  figures</h3><div>Source: <a href='../data.csv'>the data</a></div>"
        "<ul><li>First\n   point</li><li>Second</li></ul><blockquote>Quoted.</blockquote>"
    )
    blocks = parse_html(html, base_url="https://example.org/news/story")
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        (HEADING, 3, "Key figures"),
        (PARAGRAPH, 0, "Source: the data"),
        (LIST_ITEM, 0, "First point"),
        (LIST_ITEM, 0, "Second"),
        (QUOTE, 0, "Quoted."),
    ]
    assert anchors(blocks[1]) == [("the data", "https://example.org/data.csv")]


def test_relative_links_without_base_url_are_dropped():
    [block] = parse_html('<p>See <a href="/report">the report</a>.</p>')
    assert block.text == "See the report."
    assert block.links == []


def test_only_web_links_are_kept():
    html = (
        '<p>A <a href="javascript:alert(1)">js</a> <a href="mailto:a@example.org">mail</a> '
        '<a href="tel:+4912345">phone</a> <a href="data:text/html,x">data</a> '
        '<a href="#top">top</a> <a href="http://plain.example.org">web</a></p>'
    )
    [block] = parse_html(html)
    assert block.text == "A js mail phone data top web"
    assert anchors(block) == [("web", "http://plain.example.org")]


def test_adjacent_links_keep_the_space_between_them():
    html = '<p>Sources: <a href="https://a.org">A</a> <a href="https://b.org">B</a></p>'
    [block] = parse_html(html)
    assert block.text == "Sources: A B"
    assert anchors(block) == [("A", "https://a.org"), ("B", "https://b.org")]


def test_whitespace_inside_link_is_trimmed_from_offsets():
    [block] = parse_html('<p>  Read <a href="https://x.org">\n  the   study </a> now. </p>')
    assert block.text == "Read the study now."
    assert anchors(block) == [("the study", "https://x.org")]


def test_entities_are_decoded():
    [block] = parse_html("<p>Smith &amp; Sons &lt;Ltd&gt; &copy; 2024 &#8211; caf&eacute;</p>")
    assert block.text == "Smith & Sons <Ltd> © 2024 – café"


def test_script_style_and_comments_never_become_text():
    html = (
        "<div>Visible<script>var secret = 'SCRIPT';</script><style>p{}</style>"
        "<!-- COMMENT --><noscript>NOSCRIPT</noscript> text</div>"
    )
    [block] = parse_html(html)
    assert block.text == "Visible text"


def test_code_blocks_are_skipped_but_inline_code_kept():
    blocks = parse_html("<p>Call <code>load()</code> first.</p><pre>x = 1\ny = 2</pre>")
    assert [b.text for b in blocks] == ["Call load() first."]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        "<div></div>",
        "<script>alert('hi')</script>",
        "<html><head><title></title></head><body><script>x()</script><style>p{}</style></body></html>",
    ],
)
def test_no_readable_text_is_rejected(html):
    with pytest.raises(InputRejected):
        parse_html(html)


def test_short_page_keeps_structure_and_links_without_menu():
    # trafilatura's own rescue for short pages would flatten this into one unlinked
    # paragraph that starts with the menu; the parser must not.
    html = (
        "<html><head><title>Budget vote</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/politics'>Politics</a></li></ul></nav>"
        "<article><h1>Budget vote</h1><p>The council voted on Tuesday to approve the plan.</p>"
        "<p>It will cost 3 million, said <a href='https://x.example.org/mayor'>the mayor</a>.</p>"
        "</article><footer><p>Copyright Example Media</p></footer></body></html>"
    )
    blocks = parse_html(html)
    assert [(b.kind, b.text) for b in blocks] == [
        (HEADING, "Budget vote"),
        (PARAGRAPH, "The council voted on Tuesday to approve the plan."),
        (PARAGRAPH, "It will cost 3 million, said the mayor."),
    ]
    assert anchors(blocks[2]) == [("the mayor", "https://x.example.org/mayor")]


def test_page_without_article_markup_falls_back_to_all_body_text():
    html = (
        "<html><body><div>Only a <a href='https://a.example.org/'>short</a> note.</div>"
        "</body></html>"
    )
    [block] = parse_html(html)
    assert block.text == "Only a short note."
    assert anchors(block) == [("short", "https://a.example.org/")]


_WORD = st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=8)
_GAP = st.sampled_from([" ", "  ", "\n", "\t ", " \n  "])
_SEGMENT = st.tuples(
    st.booleans(), st.lists(_WORD, min_size=1, max_size=3), _GAP, st.sampled_from(["", " "])
)


@given(st.lists(_SEGMENT, min_size=1, max_size=10))
def test_property_fragment_link_offsets_match_anchors(segments):
    source, plain, expected = [], [], []
    for index, (is_link, words, gap, pad) in enumerate(segments):
        text = gap.join(words)
        if is_link:
            url = f"https://example.org/{index}"
            source.append(f'<a href="{url}">{pad}{text}{pad}</a>')
            expected.append((" ".join(words), url))
        else:
            source.append(text)
        plain.append(" ".join(words))
    [block] = parse_html("<p>" + " ".join(source) + "</p>")
    assert block.text == " ".join(plain)
    for link in block.links:
        assert 0 <= link.start <= link.end <= len(block.text)
    assert anchors(block) == expected
