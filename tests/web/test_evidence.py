"""The article page shows each claim's best passage, highlighted, with flags and suggestion."""

import re

from workbench.services.importing import import_article

SOURCE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Hilfe</title></head>
<body><article><h1>Hilfe für die Nahe</h1>
<p>Das Bundesinnenministerium kündigte am 14. März 2025 eine Soforthilfe von 50 Millionen Euro an.
Private Haushalte sollen bis zu 5.000 Euro erhalten.</p></article></body></html>"""


def test_best_passage_highlight_flag_and_unsupported_claim(app, client, session, httpserver, allow):
    httpserver.expect_request("/hilfe").respond_with_data(
        SOURCE, content_type="text/html; charset=utf-8"
    )
    url = f"{allow(httpserver)}/hilfe"
    text = (
        "Hilfe nach dem Hochwasser\n\n"
        "Das Bundesinnenministerium kündigte am 14. März 2025 eine Soforthilfe von 60 Millionen Euro an. "
        "Der Bundeskanzler besuchte am Montag die Region.\n\n"
        f"Quellen: {url}\n"
    )
    result = import_article(session, text, fetch_pages=True)
    page = client.get(f"/articles/{result.article_id}").get_data(as_text=True)
    first = re.search(r'id="evidence-0".*?</li>', page, re.S).group(0)
    assert "likely disputed: claim: 60 Millionen Euro, source: 50 Millionen Euro" in first
    assert "<mark>Soforthilfe</mark>" in first and "<mark>50</mark>" not in first
    assert re.search(
        r'class="flag flag-number"><strong>number</strong> claim: 60 Millionen Euro', first
    )
    second = re.search(r'id="evidence-1".*?</li>', page, re.S).group(0)
    assert "unsupported: no passage found in 1 source" in second
    assert "No passage in the sources says this" in second and "<blockquote" not in second
