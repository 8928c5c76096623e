"""The page of repeated claims: any logged-in user reads it, most-seen first, with each
article's verdict and a link to that claim's review."""

from sqlalchemy import select

from workbench.models import Claim
from workbench.services import review
from workbench.services.importing import import_article
from workbench.services.review import Verdict

HARBOUR = "Der Hafen von Kalkberg meldete im Mai einen Umschlag von 3,2 Millionen Tonnen."
HARBOUR_AGAIN = "Einen Umschlag von 3,2 Millionen Tonnen meldete der Hafen von Kalkberg im Mai."
FERRY = "Die Fähre nach Sandholm fährt ab Juni wieder stündlich."
ZOO = "Der Tierpark bekommt zwei neue Gehege für Fischotter."


def test_reviewers_and_editors_see_repeated_claims_with_their_verdicts(
    app, session, make_user, login, anonymous
):
    first = import_article(session, f"Hafenbilanz\n\n{HARBOUR} {FERRY}\n").article_id
    again = import_article(session, f"Kalkberg im Mai\n\n{HARBOUR_AGAIN} {ZOO}\n").article_id
    claim = session.scalar(select(Claim).where(Claim.article_id == again, Claim.position == 0))
    review.decide(
        session, claim.id, Verdict("disputed", note="Falsch."), version=1, user=make_user()
    )

    assert anonymous.get("/claims/repeated").status_code == 302
    for role in ("reviewer", "editor"):
        browser = app.test_client()
        login(browser, role)
        page = browser.get("/claims/repeated").get_data(as_text=True)
        assert "1 statement said more than once" in page
        assert "<strong>In 2 articles</strong>" in page
        assert f'href="/articles/{again}?claim={claim.id}#panel">Kalkberg im Mai</a>' in page
        assert 'class="status status-disputed"' in page and "first seen" in page
        assert FERRY not in page and 'href="/claims/repeated">Repeated claims</a>' in page
    assert first != again


def test_no_repeated_claim_says_so(client):
    page = client.get("/claims/repeated?page=3").get_data(as_text=True)
    assert "No statement has been said in more than one article" in page
