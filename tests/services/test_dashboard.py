"""The dashboard's read model: counts, states, filters, search, pages, and its query count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event, select, update

from workbench.extensions import db
from workbench.models import Article, Claim
from workbench.services.dashboard import Filters, article_status, dashboard, escape_like
from workbench.services.importing import import_article
from workbench.services.review import Verdict, decide, set_is_claim, sign_off


def _text(n: int, title: str = "", extra: str = "") -> str:
    return (
        f"{title or f'Artikel {n} über Brücken'}\n\n"
        f"Der Minister sagte am Montag, dass {n + 3} Brücken saniert werden. "
        f"Die Kosten betragen {n + 10} Millionen Euro. "
        "Kritiker sprechen von 50 Prozent Mehrkosten. "
        f"Eine Sprecherin nannte keine Zahlen. {extra}"
    )


@pytest.fixture
def article(session):
    """Import an article; returns its id and its claims in order."""

    def make(n: int = 0, **kwargs):
        language = kwargs.pop("language", "auto")
        result = import_article(session, _text(n, **kwargs), language=language)
        assert not result.existing
        return result.article_id

    return make


def _claims(session, article_id):
    return list(
        session.scalars(
            select(Claim).where(Claim.article_id == article_id).order_by(Claim.position)
        )
    )


def _decide(session, claim, status, user, **verdict):
    if status in ("verified", "disputed"):
        verdict.setdefault("note", "Checked by phone with the ministry.")
    if status == "unsupported":
        verdict.setdefault("reason", "no_source")
    return decide(session, claim.id, Verdict(status, **verdict), version=claim.version, user=user)


def _row(session, article_id):
    return article_status(session, article_id)


def _ids(session, **filters):
    return [row.id for row in dashboard(session, Filters(**filters)).rows]


def test_counts_per_status_leave_out_sentences_marked_not_a_claim(session, article, make_user):
    rita = make_user()
    aid = article()
    first, second, third, fourth = _claims(session, aid)
    _decide(session, first, "verified", rita)
    _decide(session, second, "disputed", rita)
    _decide(session, third, "unsupported", rita)
    set_is_claim(session, fourth.id, False, version=fourth.version, user=rita)

    counts = _row(session, aid).counts
    assert (counts.verified, counts.disputed, counts.unsupported, counts.pending) == (1, 1, 1, 0)
    assert counts.total == 3 and counts.decided == 3
    assert [(s, n) for s, n, _x, _w in counts.segments()] == [
        ("verified", 1),
        ("disputed", 1),
        ("unsupported", 1),
    ]
    assert sum(w for *_rest, w in counts.segments()) == pytest.approx(100)


def test_state_follows_the_claims_and_the_sign_off(session, article, make_user):
    rita, erika = make_user(), make_user("editor")
    aid = article()
    claims = _claims(session, aid)
    assert _row(session, aid).state == "unchecked"

    claims[0] = _decide(session, claims[0], "verified", rita)
    assert _row(session, aid).state == "in_progress"
    assert not _row(session, aid).can_sign_off

    for i in (1, 2):
        claims[i] = _decide(session, claims[i], "unsupported", rita)
    last = claims[3]
    set_is_claim(session, last.id, False, version=last.version, user=rita)
    row = _row(session, aid)
    assert row.state == "ready" and row.can_sign_off, "a sentence marked not a claim never blocks"

    claims[1] = _decide(session, _claims(session, aid)[1], "disputed", rita)
    assert _row(session, aid).state == "has_disputes" and _row(session, aid).can_sign_off

    sign_off(session, aid, user=erika)
    row = _row(session, aid)
    assert row.state == "checked" and not row.can_sign_off
    assert row.signed_off_by == erika.username and row.signed_off_at is not None

    _decide(session, _claims(session, aid)[0], "pending", rita)
    assert _row(session, aid).state == "has_disputes", "a pending claim reopens a signed article"


def test_an_article_that_is_only_pending_or_only_not_claims(session, article, make_user):
    rita = make_user()
    untouched = article(1)
    nothing_to_check = article(2)
    for claim in _claims(session, nothing_to_check):
        set_is_claim(session, claim.id, False, version=claim.version, user=rita)
    assert _row(session, untouched).state == "unchecked"
    assert _row(session, nothing_to_check).state == "ready"
    assert _row(session, nothing_to_check).counts.total == 0


def test_state_filter_returns_exactly_the_articles_in_that_state(session, article, make_user):
    rita, erika = make_user(), make_user("editor")
    unchecked, in_progress, disputed, ready, checked = (article(n) for n in range(5))
    _decide(session, _claims(session, in_progress)[0], "verified", rita)
    _decide(session, _claims(session, disputed)[0], "disputed", rita)
    for aid in (ready, checked):
        for claim in _claims(session, aid):
            _decide(session, claim, "verified", rita)
    sign_off(session, checked, user=erika)

    expected = {
        "unchecked": unchecked,
        "in_progress": in_progress,
        "has_disputes": disputed,
        "ready": ready,
        "checked": checked,
    }
    for state, aid in expected.items():
        assert _ids(session, state=state) == [aid], state
        assert _row(session, aid).state == state
    assert len(_ids(session)) == 5


def test_state_filter_agrees_with_the_shown_state_when_signed_articles_reopen(
    session, article, make_user
):
    """The filter asks per state only what that state needs; what it finds must be what
    the rows show, for articles reopened after sign-off and for ones with no claim left."""
    rita, erika = make_user(), make_user("editor")
    ids = [article(n) for n in range(5)]
    for aid in ids:
        for claim in _claims(session, aid):
            _decide(session, claim, "verified", rita)
        sign_off(session, aid, user=erika)
    reopened, reopened_disputed, all_pending, no_claims, no_claims_unsigned = ids
    _decide(session, _claims(session, reopened)[0], "pending", rita)
    _decide(session, _claims(session, reopened_disputed)[0], "pending", rita)
    _decide(session, _claims(session, reopened_disputed)[1], "disputed", rita)
    for claim in _claims(session, all_pending):
        _decide(session, claim, "pending", rita)
    for aid in (no_claims, no_claims_unsigned):
        for claim in _claims(session, aid):
            set_is_claim(session, claim.id, False, version=claim.version, user=rita)
    session.execute(
        update(Article).where(Article.id == no_claims_unsigned).values(signed_off_at=None)
    )
    session.commit()

    shown = {row.id: row.state for row in dashboard(session, Filters()).rows}
    assert shown == {
        reopened: "in_progress",
        reopened_disputed: "has_disputes",
        all_pending: "unchecked",
        no_claims: "checked",
        no_claims_unsigned: "ready",
    }
    for state in ("unchecked", "in_progress", "has_disputes", "ready", "checked"):
        assert _ids(session, state=state) == [aid for aid, s in shown.items() if s == state]


def test_language_and_reviewer_filters(session, article, make_user):
    rita, otto = make_user(username="rita"), make_user(username="otto")
    german = article(1)
    english = article(2, title="Bridges to be repaired", language="en")
    both = article(3)
    _decide(session, _claims(session, german)[0], "verified", rita)
    _decide(session, _claims(session, both)[0], "verified", rita)
    _decide(session, _claims(session, both)[1], "disputed", otto)

    assert _ids(session, language="en") == [english]
    assert _ids(session, language="de") == [both, german]
    assert _ids(session, reviewer="rita") == [both, german]
    assert _ids(session, reviewer="otto") == [both]
    assert _ids(session, reviewer="nobody") == []
    assert _ids(session, reviewer="rita", state="has_disputes") == [both]

    page = dashboard(session, Filters())
    assert page.languages == ["de", "en"]
    assert page.reviewers == ["otto", "rita"]
    row = next(r for r in page.rows if r.id == both)
    assert row.reviewers == ("otto", "rita")
    assert row.last_activity is not None
    assert next(r for r in page.rows if r.id == english).last_activity is None


def test_last_activity_is_the_latest_event(session, article, make_user):
    rita = make_user()
    aid = article()
    first, second, *_ = _claims(session, aid)
    _decide(session, first, "verified", rita)
    later = _decide(session, second, "verified", rita).updated_at
    assert _row(session, aid).last_activity == later


def test_search_is_case_insensitive_beyond_ascii_and_over_bodies(session, article):
    bridges = article(1, title="Überschwemmung an der Nahe")
    other = article(2, title="Ein anderer Titel", extra="Die Flut stieg über Nacht.")
    assert _ids(session, q="überschwemmung") == [bridges]
    assert _ids(session, q="ÜBERSCHWEMMUNG") == [bridges]
    assert _ids(session, q="FLUT STIEG") == [other]
    assert set(_ids(session, q="brücken saniert")) == {bridges, other}
    assert _ids(session, q="Hochwasser") == []


def test_search_takes_percent_and_underscore_literally(session, article):
    percent = article(1, extra="Die Quote lag bei 7% im Mai.")
    underscore = article(2, extra="Die Datei hieß bericht_2024 im Archiv.")
    article(3, extra="Die Quote lag bei 7 Prozent, der bericht-2024 kam spät.")
    assert _ids(session, q="7%") == [percent]
    assert _ids(session, q="bericht_2024") == [underscore]
    assert _ids(session, q="%") == [percent]
    assert _ids(session, q="_") == [underscore]
    assert escape_like(r"a\b%c_d") == r"a\\b\%c\_d"


def test_pages_are_newest_first_with_a_total(session, article):
    ids = [article(n) for n in range(30)]
    base = session.scalar(select(Article.imported_at).where(Article.id == ids[0]))
    for offset, aid in enumerate(ids):
        session.execute(
            update(Article)
            .where(Article.id == aid)
            .values(imported_at=base + timedelta(minutes=offset))
        )
    session.commit()
    newest_first = list(reversed(ids))

    first = dashboard(session, Filters())
    assert (first.total, first.page, first.pages) == (30, 1, 2)
    assert [r.id for r in first.rows] == newest_first[:25]
    second = dashboard(session, Filters(page=2))
    assert [r.id for r in second.rows] == newest_first[25:]
    assert dashboard(session, Filters(page=9)).page == 2, "past the end shows the last page"
    searched = dashboard(session, Filters(q="brücken", page=9))
    assert (searched.page, searched.total) == (2, 30), "a search past the end too"
    assert [r.id for r in searched.rows] == newest_first[25:]
    small = dashboard(session, Filters(page=3), per_page=10)
    assert [r.id for r in small.rows] == newest_first[20:30]


def test_filters_from_query_arguments_ignore_what_they_do_not_know():
    filters = Filters.parse(
        {
            "state": "bogus",
            "page": "x",
            "q": "  Brücke   Nahe ",
            "language": "de",
            "reviewer": "rita",
        }
    )
    assert filters == Filters(state="", language="de", reviewer="rita", q="Brücke Nahe", page=1)
    assert Filters.parse({"page": "-3", "state": "ready"}) == Filters(state="ready", page=1)
    assert Filters(q="x", page=2).args(page=3) == {"q": "x", "page": 3}
    assert Filters(q="x", page=2).args(page=1) == {"q": "x"}


def _statements_for_a_page(session, filters: Filters) -> tuple[int, int]:
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = db.engine
    session.expire_all()
    event.listen(engine, "before_cursor_execute", count)
    try:
        page = dashboard(session, filters)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(page.rows), len(statements)


def test_a_page_costs_the_same_few_queries_however_many_rows_it_shows(session, article, make_user):
    rita = make_user()
    for n in range(5):
        aid = article(n)
        _decide(session, _claims(session, aid)[0], "verified", rita)
    rows, few = _statements_for_a_page(session, Filters())
    assert rows == 5
    for n in range(5, 30):
        aid = article(n)
        _decide(session, _claims(session, aid)[n % 4], "disputed", rita)
    rows, many = _statements_for_a_page(session, Filters())
    assert rows == 25
    assert many == few <= 6
    rows, filtered = _statements_for_a_page(
        session, Filters(state="has_disputes", reviewer=rita.username, q="brücken")
    )
    assert rows == 25 and filtered <= few, "a search counts while it pages: one query fewer"


def test_each_article_counts_its_pending_claims_to_check_first(session, article, make_user):
    rita = make_user()
    aid = article()
    claims = _claims(session, aid)
    first = [c for c in claims if c.triage == "check_first"]
    assert len(first) >= 2 and len(first) < len(claims), "the text mixes both kinds"
    assert _row(session, aid).counts.check_first_pending == len(first)
    _decide(session, first[0], "verified", rita)
    plain = next(c for c in claims if c.triage != "check_first")
    _decide(session, plain, "verified", rita)
    assert _row(session, aid).counts.check_first_pending == len(first) - 1
    [row] = dashboard(session, Filters()).rows
    assert row.counts.check_first_pending == len(first) - 1
