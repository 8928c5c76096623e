"""Repeated claims: the pairs claim memory finds at import, and the page that groups
them into statements, most-seen first, with each article's verdict."""

from sqlalchemy import select

from workbench.models import Claim, ClaimEcho
from workbench.services import review
from workbench.services.importing import import_article
from workbench.services.repeated import repeated_claims
from workbench.services.review import Verdict

HARBOUR = "Der Hafen von Kalkberg meldete im Mai einen Umschlag von 3,2 Millionen Tonnen."
HARBOUR_REWORDED = "Einen Umschlag von 3,2 Millionen Tonnen meldete der Hafen von Kalkberg im Mai."
FERRY = "Die Fähre nach Sandholm fährt ab Juni wieder stündlich."
LIBRARY = "Die Stadtbibliothek öffnet künftig auch sonntags von 10 bis 16 Uhr."
ZOO = "Der Tierpark bekommt zwei neue Gehege für Fischotter."
RAIN = "Im April fiel in der Region nur ein Drittel des üblichen Regens."


def _import(session, title, *sentences):
    return import_article(session, f"{title}\n\n" + " ".join(sentences) + "\n").article_id


def _claim_id(session, article_id, text):
    return session.scalar(
        select(Claim.id).where(Claim.article_id == article_id, Claim.text == text)
    )


def test_an_import_stores_the_claims_it_repeats_both_ways(session):
    first = _import(session, "Hafenbilanz", HARBOUR, ZOO)
    second = _import(session, "Kalkberg im Mai", HARBOUR_REWORDED, LIBRARY)
    a, b = _claim_id(session, first, HARBOUR), _claim_id(session, second, HARBOUR_REWORDED)
    pairs = {(e.claim_id, e.other_id): e.similarity for e in session.scalars(select(ClaimEcho))}
    assert set(pairs) == {(a, b), (b, a)}
    assert pairs[a, b] == pairs[b, a] >= 60


def test_the_page_shows_each_statement_once_most_seen_first_with_verdicts(session, make_user):
    one = _import(session, "Hafenbilanz", HARBOUR, FERRY)
    two = _import(session, "Kalkberg im Mai", HARBOUR_REWORDED, LIBRARY)
    _import(session, "Umschlag steigt", HARBOUR, RAIN)
    _import(session, "Fährplan", FERRY, ZOO)
    harbour = _claim_id(session, two, HARBOUR_REWORDED)
    review.decide(
        session,
        harbour,
        Verdict("verified", note="Hafenamt bestätigt."),
        version=1,
        user=make_user(),
    )

    page = repeated_claims(session)

    assert page.total == 2 and [len(r.sayings) for r in page.items] == [3, 2]
    said = page.items[0]
    assert said.first.claim_id == _claim_id(session, one, HARBOUR), "shown by its oldest claim"
    assert said.counts == {"verified": 1, "pending": 2}
    assert {s.article_title for s in said.sayings} == {
        "Hafenbilanz",
        "Kalkberg im Mai",
        "Umschlag steigt",
    }
    assert page.items[1].first.text == FERRY


def test_pages_hold_the_rest(session):
    _import(session, "Hafenbilanz", HARBOUR, FERRY)
    _import(session, "Kalkberg im Mai", HARBOUR_REWORDED, FERRY)
    first, second = repeated_claims(session, per_page=1), repeated_claims(session, 2, per_page=1)
    assert (first.pages, second.pages) == (2, 2)
    assert first.items[0].first.claim_id != second.items[0].first.claim_id
    beyond = repeated_claims(session, 3, per_page=1)
    assert beyond.items == [] and beyond.total == 2


def test_articles_imported_before_the_page_existed_get_their_pairs_on_request(session):
    from sqlalchemy import delete

    from workbench.services.memory import record_all_echoes

    first = _import(session, "Hafenbilanz", HARBOUR, ZOO)
    second = _import(session, "Kalkberg im Mai", HARBOUR_REWORDED, LIBRARY)
    session.execute(delete(ClaimEcho))
    session.commit()
    assert repeated_claims(session).total == 0
    assert record_all_echoes(session) == (2, 1)
    assert record_all_echoes(session) == (2, 1), "pairs stored already are left as they are"
    [item] = repeated_claims(session).items
    assert {s.article_id for s in item.sayings} == {first, second}
