"""The real-page dev data: every evidence quote stands in its page, and the checker
that says so can fail."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import real_data  # noqa: E402

CORPUS = real_data.corpus_dir()
needs_corpus = pytest.mark.skipif(
    CORPUS is None, reason=f"no news page corpus at {real_data.corpus_path()}"
)


@pytest.fixture(scope="module")
def tuning():
    claims = real_data.load_claims("tuning")
    return claims, real_data.load_pages(CORPUS, sorted({c["page"] for c in claims}))


@needs_corpus
def test_every_tuning_quote_occurs_in_its_page(tuning):
    claims, pages = tuning
    assert real_data.problems(claims, pages, "tuning") == []


@needs_corpus
@pytest.mark.parametrize("name", [n for n, half in real_data.SETS.items() if n != half])
def test_every_later_tuning_claim_file_holds_its_quotes_and_pages(name):
    claims = real_data.load_claims(name)
    pages = real_data.load_pages(CORPUS, sorted({c["page"] for c in claims}))
    assert real_data.problems(claims, pages, real_data.SETS[name]) == []


@needs_corpus
def test_tuning_claims_cover_every_kind_and_change_on_enough_pages(tuning):
    claims, _ = tuning
    assert len(claims) >= 165
    assert {c["kind"] for c in claims} == set(real_data.KINDS)
    assert {c["change"] for c in claims} - {None} == set(real_data.CHANGES)
    pages = {c["page"] for c in claims}
    assert sum(p.startswith("de") for p in pages) >= 8
    assert sum(p.startswith("en") for p in pages) >= 8


@needs_corpus
def test_held_out_quotes_occur_in_their_pages_reported_by_id_only():
    if not (real_data.DATA_DIR / "heldout.jsonl").exists():
        pytest.skip("no held-out claims written yet")
    claims = real_data.load_claims("heldout")
    pages = real_data.load_pages(CORPUS, sorted({c["page"] for c in claims}))
    problems = real_data.problems(claims, pages, "heldout")
    # The held-out half is run, not read: a failure names the claims, not their text.
    assert len(problems) == 0, f"{len(problems)} problem(s): " + ", ".join(
        sorted({line.split(":")[0] for line in problems})
    )


@needs_corpus
def test_a_quote_the_page_does_not_hold_is_reported(tuning):
    claims, pages = tuning
    claim = next(c for c in claims if c["kind"] == "verbatim")
    forged = claim | {"evidence": [claim["evidence"][0] + " Und noch ein Satz."]}
    assert [p for p in real_data.problems([forged], pages) if "not in the page" in p]


@needs_corpus
def test_quotes_are_judged_against_visible_text_only(tuning):
    _, pages = tuning
    page = next(iter(pages.values()))
    assert "<script" not in page.visible and "</p>" not in page.visible
    assert not real_data.quote_found("function(", page)


def test_iso_8859_1_is_read_as_windows_1252_as_browsers_do():
    assert real_data.decode(b"\x93Zitat\x94 \xe4", "ISO-8859-1") == "\u201cZitat\u201d ä"
    assert real_data.decode(b"\xef\xbb\xbfGr\xc3\xbc\xc3\x9fe", "iso-8859-1") == "Grüße"


def test_visible_text_drops_scripts_and_keeps_paragraph_words_apart():
    html = (
        "<html><head><title>Titel</title><script>var x = 1;</script></head>"
        "<body><p>Erster&nbsp;Satz.</p><p>Zweiter <b>Satz</b>.</p><style>p {}</style></body></html>"
    )
    assert real_data.visible_text(html) == "Erster Satz. Zweiter Satz."
