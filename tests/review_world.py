"""An article of three claims citing a page served on 127.0.0.1: one the page
supports, one it contradicts (8.000 against 5.000 Euro), one it does not mention."""

from __future__ import annotations

from sqlalchemy import select

from workbench.models import Claim

SOURCE = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Soforthilfe für die Nahe</title></head><body><article><h1>Soforthilfe für die Nahe</h1>
<p>Das Bundesinnenministerium kündigte am 14. März 2025 eine Soforthilfe von 50 Millionen Euro
an. Private Haushalte sollen bis zu 5.000 Euro erhalten.</p>
<p>Die Auszahlung beginnt nach Angaben des Ministeriums im April.</p></article></body></html>"""


def article_text(url: str) -> str:
    return (
        "# Hilfe nach dem Hochwasser\n\n"
        "Das Bundesinnenministerium kündigte am 14. März 2025 eine Soforthilfe von "
        f"50 Millionen Euro an ([Mitteilung]({url})). "
        "Private Haushalte sollen bis zu 8.000 Euro erhalten. "
        "Der Bundeskanzler besuchte am Montag die Region.\n\n"
        f"Quellen: {url}\n"
    )


def make_reviewed(session, httpserver, allow, make_article) -> tuple[int, list[int]]:
    """Import the article; the immediate queue fetches and matches its page."""
    httpserver.expect_request("/hilfe").respond_with_data(
        SOURCE, content_type="text/html; charset=utf-8"
    )
    result = make_article(article_text(f"{allow(httpserver)}/hilfe"), fetch_pages=True)
    ids = session.scalars(
        select(Claim.id).where(Claim.article_id == result.article_id).order_by(Claim.position)
    ).all()
    return result.article_id, list(ids)


# Claims that triage orders otherwise than the text: a plain statement, a question, then
# two claims with figures (the second with more kinds of fact).
TRIAGED = (
    "Die Brücke am Hafen\n\n"
    "Die Brücke wurde nach dem Hochwasser gesperrt. Wie geht es nun weiter?"
    " Die Reparatur kostet 2 Millionen Euro. Am 4. Juni 2025 sagte Bürgermeisterin"
    " Anna Roth, die Sperrung dauere 3 Monate."
)


def make_triaged(session, make_article) -> tuple[int, list[int]]:
    """The TRIAGED article imported; its id and its claims' ids in text order."""
    article_id = make_article(TRIAGED).article_id
    ids = session.scalars(
        select(Claim.id).where(Claim.article_id == article_id).order_by(Claim.position)
    ).all()
    return article_id, list(ids)
