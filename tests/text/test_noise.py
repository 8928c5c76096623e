"""Real-page noise: tickers, datelines, teasers, credits, graphics and photo lines, on
hand-written copy and on the corpus's tuning pages."""

import pytest
from corpus import tuning_page

from workbench.text.analyse import analyse
from workbench.text.decode import decode_bytes
from workbench.text.noise import CAPTION, CREDIT, GRAPHIC, TEASER, dateline_end, noise_kind
from workbench.text.segment import sentence_spans


def sentences(text, language="en"):
    return [text[s:e] for s, e in sentence_spans(text, language)]


@pytest.mark.parametrize(
    "code", [".DJI", ".SPX", "<.N225>", "CLc1", "LCOc1", "XAU=", "EUR=", "(BMWG.DE)"]
)
def test_an_instrument_code_ends_no_sentence(code):
    text = (
        f"The index {code} rose 1.4 percent to a record on Tuesday, traders said. "
        "Bond yields fell for a third day."
    )
    assert sentences(text) == [
        f"The index {code} rose 1.4 percent to a record on Tuesday, traders said.",
        "Bond yields fell for a third day.",
    ]


@pytest.mark.parametrize(
    ("line", "claim"),
    [
        ("BERLIN (dpa) - Die Regierung will im Haushalt sparen.", "Die Regierung"),
        ("WASHINGTON (Reuters) - The central bank held rates.", "The central"),
        ("NEW YORK, March 3 (Reuters) - Stocks fell sharply.", "Stocks"),
        ("FRANKFURT, 3. März (Reuters) - Der Dax stieg um 2 Prozent.", "Der Dax"),
        ("BRUSSELS/LONDON (Reuters) - EU ministers met on Monday.", "EU ministers"),
        ("Hannover (dpa/lni) – Der Landtag tagt am Montag.", "Der Landtag"),
        ("LONDON (AP) — The strike ended on Friday.", "The strike"),
        ("Bremen – Die Fähre fährt wieder.", "Die Fähre"),
        ("(Reuters) - Oil prices rose on Monday.", "Oil prices"),
    ],
)
def test_a_dateline_is_not_part_of_the_first_claim(line, claim):
    [first] = sentence_spans(line, "de")
    assert line[first[0] :].startswith(claim)
    a = analyse(f"Meldung des Tages\n\n{line} Ein zweiter Satz folgt hier.", language="de")
    assert a.claims[0].text.startswith(claim)
    assert a.body[a.claims[0].start : a.claims[0].end] == a.claims[0].text


@pytest.mark.parametrize(
    "line",
    [
        "Die Stadt – so der Plan – wächst.",
        "Er sagte – leise – nein.",
        "The plan – for now – holds.",
    ],
)
def test_a_dash_inside_a_sentence_is_no_dateline(line):
    assert dateline_end(line) == 0


ARTICLE = """# Neue Brücke für die Altstadt

BREMEN (dpa) - Die Stadt baut bis 2027 eine neue Brücke über die Weser.

Der Bau kostet nach Angaben der Stadt rund 40 Millionen Euro.

Lesen Sie auch: [Fähren fahren wieder nach Plan](https://news.example.org/faehren)

Mehr zum Thema

- [Die alte Brücke wird gesperrt](https://news.example.org/sperrung)
- [Was Pendler jetzt wissen müssen](https://news.example.org/pendler)

(Graphic: Verkehr auf den Weserbrücken https://news.example.org/grafik)

Die Bürgerschaft stimmt im Mai über den Plan ab.

Die Weser bei Nacht. Foto: dpa

(Reporting by Anna Beispiel; Editing by Otto Muster)
"""


def test_noise_of_a_news_page_is_neither_claim_nor_heading():
    a = analyse(ARTICLE, language="de")
    assert [c.text for c in a.claims] == [
        "Die Stadt baut bis 2027 eine neue Brücke über die Weser.",
        "Der Bau kostet nach Angaben der Stadt rund 40 Millionen Euro.",
        "Die Bürgerschaft stimmt im Mai über den Plan ab.",
    ]
    muted = [a.body[s.start : s.end] for s in a.spans if s.kind == "boilerplate"]
    assert len(muted) == 7


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Read more: Rail strike called off", TEASER),
        ("Related: What the new rules mean for renters", TEASER),
        ("Aus dem Datencenter: Arbeitslosenquote nach Ländern", TEASER),
        ("Reporting by Jane Roe in London; Editing by John Doe", CREDIT),
        ("(GRAPHIC-Oil prices since January https://example.org/g)", GRAPHIC),
        ("Grafik: So verteilen sich die Stimmen", GRAPHIC),
        ("Additional reporting by Max Beispiel.", CREDIT),
        ("Two reporters of the agency contributed to this report.", CREDIT),
        ("The harbour at dawn. (Photo by Jane Roe/Example Images)", CAPTION),
        ("Menschen vor dem Rathaus. Foto: Max Beispiel/dpa", CAPTION),
        ("Redakteurin im Ressort Wirtschaft.", CREDIT),
        ("Correspondent in Brussels.", CREDIT),
        ("(dpa)", CREDIT),
        ("(Beispielblatt mit dpa)", CREDIT),
        ("(AFP/Reuters)", CREDIT),
    ],
)
def test_noise_kinds(text, kind):
    assert noise_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "The council voted 7-2 to approve the plan.",
        "Related businesses grew by 4 percent.",
        "Mehr als 300 Menschen kamen.",
        "Foto-Ausstellung im Rathaus zieht 5000 Besucher an.",
        "Reporter im Gerichtssaal durften am Montag nicht filmen.",
        "(Die Stadt hat 5000 Einwohner)",
    ],
)
def test_ordinary_sentences_are_no_noise(text):
    assert noise_kind(text) is None


def corpus_analysis(page_id):
    raw, meta = tuning_page(page_id)
    return analyse(decode_bytes(raw, max_bytes=len(raw)), fmt="html", base_url=meta["url"])


@pytest.mark.parametrize("page_id", ["en01", "en02", "en05", "de02", "en26"])
def test_corpus_datelines_are_cut_from_the_first_claim(page_id):
    a = corpus_analysis(page_id)
    with_dateline = [s for s in a.spans if dateline_end(a.body[s.start : s.end]) > 0]
    assert with_dateline, "the page opens a paragraph with a dateline"
    for span in with_dateline:
        cut = span.start + dateline_end(a.body[span.start : span.end])
        assert [c.start for c in a.claims if span.start <= c.start < span.end][0] == cut
    assert all(dateline_end(c.text) == 0 for c in a.claims)


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
def test_corpus_noise_is_muted_and_never_a_claim(page_id, kind):
    a = corpus_analysis(page_id)
    kinds = {noise_kind(a.body[s.start : s.end]): s.kind for s in a.spans}
    assert kinds.get(kind) == "boilerplate", f"the page has a {kind} block, shown muted"
    assert all(noise_kind(c.text) is None for c in a.claims)


@pytest.mark.parametrize("page_id", ["en19", "en20"])
def test_corpus_link_only_headlines_are_no_claims(page_id):
    a = corpus_analysis(page_id)
    for claim in a.claims:
        span = next(s for s in a.spans if s.start <= claim.start < s.end)
        assert span.kind != "boilerplate"
