"""Citation markers after a full stop keep their sentence and their link, in every format."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.text.analyse import analyse
from workbench.text.document import Link
from workbench.text.markers import marker_spans

FIRST = "Die Zahl der Besucher hat im Sommer 5000 erreicht."
SECOND = "Die Stadt plant deshalb einen Ausbau des Parks."
THIRD = "Der Rat stimmt im Mai über den Plan ab."
URL = "https://stadt.example.org/zahlen"


def claims(text, fmt="auto"):
    a = analyse(text, fmt=fmt, language="de")
    for claim in a.claims:
        assert a.body[claim.start : claim.end] == claim.text
    return [(c.text, [r.key for r in c.sources]) for c in a.claims]


MARKDOWN = [
    f"{FIRST} [Quelle]({URL})",
    f"{FIRST} ([Quelle]({URL}))",
    f"{FIRST} [(source)]({URL})",
    f"{FIRST} [stadt.example.org]({URL})",
    f"{FIRST} [Zahlen der Stadt]({URL})",
    f"{FIRST} [1], [Quelle]({URL})",
    f"{FIRST} Quelle: [Statistisches Landesamt]({URL})",
]


@pytest.mark.parametrize("first", MARKDOWN)
def test_markdown_link_after_the_full_stop_stays_with_its_sentence(first):
    text = f"# Besucherrekord im Stadtpark\n\n{first}\n\n{SECOND}\n\n{THIRD}\n"
    assert claims(text, "markdown") == [(FIRST, [URL]), (SECOND, []), (THIRD, [])]


@pytest.mark.parametrize(
    "first",
    [
        f"{FIRST} (Quelle: {URL})",
        f"{FIRST} {URL}",
        f"{FIRST} [1]",
        f"{FIRST} (Quelle: Statistisches Landesamt)",
        f"{FIRST} (Quelle)",
        f"{FIRST} (source)",
        f"{FIRST} Quelle: {URL}",
        f"{FIRST} Quelle: Statistisches Landesamt",
    ],
)
def test_plain_text_marker_after_the_full_stop_ends_the_paragraph(first):
    text = f"Besucherrekord im Stadtpark\n\n{first}\n\n{SECOND}\n\n{THIRD}\n"
    found = claims(text, "text")
    assert [t for t, _ in found] == [FIRST, SECOND, THIRD]
    assert found[0][1] == ([URL] if URL in first else [])


@pytest.mark.parametrize(
    "anchor", ["Quelle", "(source)", "[1]", "stadt.example.org", "Zahlen der Stadt"]
)
def test_html_link_after_the_full_stop_stays_with_its_sentence(anchor):
    page = (
        "<html><head><title>Besucherrekord im Stadtpark</title></head><body><article>"
        f"<h1>Besucherrekord im Stadtpark</h1><p>{FIRST} <a href='{URL}'>{anchor}</a></p>"
        f"<p>{SECOND}</p><p>{THIRD}</p></article></body></html>"
    )
    assert claims(page, "html") == [(FIRST, [URL]), (SECOND, []), (THIRD, [])]


def test_marker_inside_a_paragraph_belongs_to_the_sentence_before_it():
    text = f"# Besucherrekord im Stadtpark\n\n{FIRST} [Quelle]({URL}) {SECOND} [2]\n\n{THIRD}\n"
    assert claims(text, "markdown") == [(FIRST, [URL]), (SECOND, []), (THIRD, [])]
    text = f"# Besucherrekord im Stadtpark\n\n{FIRST} [Quelle: Stadtamt]({URL}) {SECOND}\n"
    assert claims(text, "markdown") == [(FIRST, [URL]), (SECOND, [])]


def test_a_link_that_starts_the_next_sentence_is_no_marker():
    text = (
        f"# Besucherrekord im Stadtpark\n\n{FIRST} [Die Stadt]({URL}) plant deshalb einen "
        f"Ausbau des Parks. [Hier]({URL}) gibt es den Plan.\n"
    )
    assert claims(text, "markdown") == [
        (FIRST, []),
        ("Die Stadt plant deshalb einen Ausbau des Parks.", [URL]),
        ("Hier gibt es den Plan.", [URL]),
    ]


def test_a_citation_link_alone_in_its_paragraph_cites_the_paragraph_before():
    text = f"# Besucherrekord im Stadtpark\n\n{FIRST}\n\n[Quelle]({URL})\n\n{SECOND}\n\n{THIRD}\n"
    assert claims(text, "markdown") == [(FIRST, [URL]), (SECOND, []), (THIRD, [])]


def test_a_sentence_cut_by_a_blank_line_is_still_joined():
    text = (
        "Besucherrekord im Stadtpark\n\nDie Zahl der Besucher hat im\n\nSommer 5000 erreicht, "
        f"sagte die Stadt. [Quelle]({URL})\n\n{SECOND}\n"
    )
    assert claims(text, "markdown") == [
        ("Die Zahl der Besucher hat im Sommer 5000 erreicht, sagte die Stadt.", [URL]),
        (SECOND, []),
    ]


def test_marker_spans_name_only_what_follows_a_sentence_end():
    text = "Es stieg um 3.5 Prozent [1]. Dann fiel es. [2][3] Danach (Quelle: Amt)."
    assert [text[s:e] for s, e in marker_spans(text, [])] == ["[2][3]"]
    link = Link(text.index("Danach"), text.index("Danach") + 6, URL)
    assert marker_spans(text, [link]) == marker_spans(text, [])


WORDS = st.sampled_from("die stadt plant einen neuen park mit bäumen und wegen für alle".split())
SENTENCE = st.lists(WORDS, min_size=3, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")
MARKER = st.sampled_from(
    ["", " [1]", " (Quelle: Amt)", f" [Quelle]({URL})", f" {URL}", " (source)"]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(SENTENCE, MARKER, st.sampled_from([" ", "\n\n"])), min_size=1, max_size=6)
)
def test_markers_never_enter_a_claim_and_offsets_stay_exact(parts):
    text = "# Neuer Park\n\n" + "".join(s + m + sep for s, m, sep in parts)
    a = analyse(text, fmt="markdown", language="de")
    assert [c.text for c in a.claims] == [s for s, _, _ in parts]
    for claim, (_, marker, _) in zip(a.claims, parts, strict=True):
        assert a.body[claim.start : claim.end] == claim.text
        assert [r.key for r in claim.sources] == ([URL] if URL in marker else [])
