"""The claim panel shows every passage of a claim, best first, highlighted, with its
flags, score and the suggestion; a snapshot opens scrolled to the passage."""

import re

from sqlalchemy import select

from workbench.models import Claim, Match
from workbench.services.importing import import_article
from workbench.web.evidence import text_segments

SOURCE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Hilfe</title></head>
<body><article><h1>Hilfe für die Nahe</h1>
<p>Das Bundesinnenministerium kündigte am 14. März 2025 eine Soforthilfe von 50 Millionen Euro an.
Private Haushalte sollen bis zu 5.000 Euro erhalten.</p></article></body></html>"""


def _import(session, httpserver, allow):
    httpserver.expect_request("/hilfe").respond_with_data(
        SOURCE, content_type="text/html; charset=utf-8"
    )
    url = f"{allow(httpserver)}/hilfe"
    text = (
        "Hilfe nach dem Hochwasser\n\n"
        "Das Bundesinnenministerium kündigte am 14. März 2025 eine Soforthilfe von 60 Millionen "
        "Euro an. Der Bundeskanzler besuchte am Montag die Region.\n\n"
        f"Quellen: {url}\n"
    )
    result = import_article(session, text, fetch_pages=True)
    return result.article_id, session.scalars(select(Claim.id).order_by(Claim.position)).all()


def test_panel_shows_passages_flags_and_suggestion(app, client, session, httpserver, allow):
    article_id, (wrong, absent) = _import(session, httpserver, allow)
    page = client.get(f"/articles/{article_id}?claim={wrong}").get_data(as_text=True)
    panel = re.search(r'<aside class="panel".*?</aside>', page, re.S).group(0)
    assert "likely disputed: claim: 60 Millionen Euro, source: 50 Millionen Euro" in panel
    assert "<mark>Soforthilfe</mark>" in panel and "<mark>50</mark>" not in panel
    assert re.search(r'class="flag flag-number">.*?<strong>number</strong> claim: 60', panel)
    best = session.scalars(select(Match).where(Match.claim_id == wrong, Match.rank == 0)).one()
    assert f'data-contradicting="{best.id}"' in panel
    assert re.search(rf'id="pin-{best.id}" checked', panel), "the contradicting one is chosen"
    assert (
        panel.count('name="match_id"')
        == len(session.scalars(select(Match).where(Match.claim_id == wrong)).all()) + 1
    )

    page = client.get(f"/articles/{article_id}?claim={absent}").get_data(as_text=True)
    panel = re.search(r'<aside class="panel".*?</aside>', page, re.S).group(0)
    assert "unsupported: no passage found in 1 source" in panel
    assert 'id="pin-none" checked' in panel, "no weak passage is pinned by default"
    assert "data-supporting" not in panel


def test_the_snapshot_opens_with_the_passage_marked(app, client, session, httpserver, allow):
    article_id, (wrong, _) = _import(session, httpserver, allow)
    best = session.scalars(select(Match).where(Match.claim_id == wrong, Match.rank == 0)).one()
    panel = client.get(f"/articles/{article_id}?claim={wrong}").get_data(as_text=True)
    link = f"/snapshots/{best.snapshot_id}?claim={wrong}&amp;match={best.id}#passage"
    assert f'href="{link}"' in panel
    page = client.get(link.replace("&amp;", "&").split("#")[0]).get_data(as_text=True)
    marked = re.search(r'<mark id="passage">(.*?)</mark>', page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", marked) == best.passage
    assert page.count('class="pin-sentence"') == 3, "each sentence can be pinned"


def test_snapshot_text_is_cut_at_sentence_ends_and_the_highlight():
    segments = text_segments("Eins. Zwei drei.", [[0, 5], [6, 16]], (6, 10))
    assert [(s.start, s.text, s.marked) for s in segments] == [
        (0, "Eins.", False),
        (5, " ", False),
        (6, "Zwei", True),
        (10, " drei.", False),
    ]
    assert segments[0].sentence == (0, 5) and segments[-1].sentence == (6, 16)
