"""Snapshots of real pages: teasers, credits, photo lines and link-only headlines are no
passages, datelines and instrument codes do not bend sentences; on hand-written pages and
on the corpus's tuning pages."""

import pytest
from corpus import tuning_page

from workbench.sources.extract import extract
from workbench.text.decode import decode_text
from workbench.text.html import extract_page
from workbench.text.noise import CAPTION, CREDIT, TEASER, dateline_end, noise_kind

PAGE = """<!doctype html><html><head><title>Oil slips as stocks rally</title></head><body>
<article><h1>Oil slips as stocks rally</h1>
<p>NEW YORK (Reuters) - Oil prices fell on Tuesday while the Dow Jones Industrial Average .DJI
rose 1.1 percent, its best day in a month.</p>
<p>Brent crude futures LCOc1 settled down 2 percent at 80 dollars a barrel. Gold XAU= was
steady near its record.</p>
<p>Read more: <a href="https://news.example.org/markets/opec">OPEC keeps output steady</a></p>
<p>(Graphic: Oil prices this year https://news.example.org/graphic)</p>
<p>Analysts expect the central bank to hold rates in March, said a strategist at a bank in
London.</p>
<ul><li><a href="https://news.example.org/a">Why gold keeps rising</a></li>
<li><a href="https://news.example.org/b">Five charts on the oil market</a></li></ul>
<p>(Reporting by Jane Roe in New York; Editing by John Doe)</p>
</article></body></html>"""


def passages(result):
    return [result.text[s:e] for s, e in result.passages]


def test_wire_page_passages_are_its_sentences_only():
    result = extract(PAGE.encode(), "text/html")
    assert passages(result) == [
        "Oil slips as stocks rally",
        "Oil prices fell on Tuesday while the Dow Jones Industrial Average .DJI rose 1.1 percent, "
        "its best day in a month.",
        "Brent crude futures LCOc1 settled down 2 percent at 80 dollars a barrel.",
        "Gold XAU= was steady near its record.",
        "Analysts expect the central bank to hold rates in March, said a strategist at a bank "
        "in London.",
    ]
    assert result.text.startswith("Oil slips as stocks rally\n\nNEW YORK (Reuters) - Oil prices")


def tuning_extract(page_id):
    raw, meta = tuning_page(page_id)
    return extract(raw, "text/html", url=meta["url"]), raw, meta


@pytest.mark.parametrize(
    ("page_id", "kind"),
    [
        ("en19", TEASER),
        ("en20", TEASER),
        ("de08", TEASER),
        ("de17", TEASER),
        ("en01", CREDIT),
        ("de11", CAPTION),
        ("de11", CREDIT),
        ("de04", CAPTION),
    ],
)
def test_corpus_noise_is_no_passage(page_id, kind):
    result, raw, meta = tuning_extract(page_id)
    page = extract_page(decode_text(raw)[0], base_url=meta["url"])
    assert any(noise_kind(b.text) == kind for b in page.blocks), f"the page has a {kind} line"
    assert all(noise_kind(p) != kind for p in result.text.split("\n\n"))
    assert all(noise_kind(p) is None for p in passages(result))


@pytest.mark.parametrize("page_id", ["en01", "en02", "en05", "de02", "en26"])
def test_corpus_datelines_are_kept_in_the_text_but_not_in_passages(page_id):
    result, _, _ = tuning_extract(page_id)
    assert any(dateline_end(p) for p in result.text.split("\n\n")), "the page has a dateline"
    assert all(dateline_end(p) == 0 for p in passages(result))


@pytest.mark.parametrize("page_id", ["en19", "en20"])
def test_corpus_link_only_headlines_are_no_passages(page_id):
    result, raw, meta = tuning_extract(page_id)
    page = extract_page(decode_text(raw)[0], base_url=meta["url"])
    headlines = [
        b.text
        for b in page.blocks
        if b.links and b.links[0].start == 0 and b.links[-1].end == len(b.text)
    ]
    assert headlines, "the page lists links to other articles"
    assert not set(headlines) & set(passages(result))
