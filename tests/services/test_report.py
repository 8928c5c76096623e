"""The report model built from the database: verdicts, evidence, suggestions and
flags per claim, what is listed apart, and a constant number of queries."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from sqlalchemy import event, select

from workbench.errors import InputRejected, NotFound
from workbench.extensions import db
from workbench.models import Claim, Match, Snapshot
from workbench.services import review
from workbench.services.report import MAX_ZIP_ARTICLES, REVIEW_PATH, build_report, report_zip
from workbench.services.review import Verdict


def _best_match(session, claim_id):
    return session.scalars(select(Match).where(Match.claim_id == claim_id, Match.rank == 0)).one()


def _decide_all(session, user, claim_ids):
    supported, wrong, absent = claim_ids
    review.decide(
        session,
        supported,
        Verdict("verified", match_id=_best_match(session, supported).id, note="Pressetext."),
        version=1,
        user=user,
    )
    review.decide(
        session,
        wrong,
        Verdict("disputed", match_id=_best_match(session, wrong).id),
        version=1,
        user=user,
    )
    review.decide(
        session, absent, Verdict("unsupported", reason="no_passage"), version=1, user=user
    )


def test_the_report_holds_each_verdict_with_its_evidence_suggestion_and_flags(
    session, make_user, evidence_article
):
    article_id, ids, url = evidence_article
    rita = make_user(username="rita")
    _decide_all(session, rita, ids)

    report = build_report(session, article_id)

    assert report.title == "Hilfen nach dem Hochwasser" and report.language == "de"
    assert report.counts == {"pending": 0, "verified": 1, "disputed": 1, "unsupported": 1}
    assert [c.claim_id for c in report.claims] == ids
    supported, wrong, absent = report.claims
    assert (supported.status, supported.reviewer, supported.note) == (
        "verified",
        "rita",
        "Pressetext.",
    )
    assert supported.decided_at is not None
    snapshot = session.scalars(select(Snapshot)).one()
    evidence = supported.evidence
    assert "50 Millionen Euro" in evidence.passage and evidence.passage in snapshot.text
    assert (evidence.source_url, evidence.snapshot_id) == (url, snapshot.id)
    assert evidence.sha256 == snapshot.sha256 and evidence.fetched_at == snapshot.fetched_at
    quote = evidence.selector("TextQuoteSelector")
    position = evidence.selector("TextPositionSelector")
    assert quote["exact"] == evidence.passage
    assert snapshot.text[position["start"] : position["end"]] == evidence.passage
    assert supported.archive_url == f"https://web.archive.org/web/*/{url}"
    assert supported.suggestion == "verified" and supported.agrees is True

    # The matcher's view beside the reviewer's: the wrong figure is flagged.
    assert wrong.suggestion == "disputed" and wrong.agrees is True
    assert [f.kind for f in wrong.flags] == ["number"]
    assert "8.000" in wrong.flags[0].message and "5.000" in wrong.flags[0].message

    assert (absent.status, absent.reason, absent.evidence) == ("unsupported", "no_passage", None)
    assert absent.reason_text == "No passage in the sources says this"
    assert absent.archive_url == ""
    assert report.checked_by == "" and report.checked_at is None


def test_a_pending_claim_names_no_reviewer_even_after_an_earlier_verdict(
    session, make_user, evidence_article
):
    article_id, (first, *_), _ = evidence_article
    user = make_user()
    review.decide(session, first, Verdict("verified", note="Checked."), version=1, user=user)
    review.decide(session, first, Verdict("pending"), version=2, user=user)

    entry = build_report(session, article_id).claims[0]

    assert (entry.status, entry.reviewer, entry.decided_at, entry.evidence) == (
        "pending",
        "",
        None,
        None,
    )


def test_not_a_claim_and_excluded_lines_are_listed_apart(session, make_user, evidence_article):
    article_id, (first, second, third), url = evidence_article
    user = make_user(username="nora")
    review.set_is_claim(session, third, False, version=1, user=user, note="A plan, not a fact.")

    report = build_report(session, article_id)

    assert [c.claim_id for c in report.claims] == [first, second]
    assert sum(report.counts.values()) == 2
    [apart] = report.not_claims
    assert (apart.claim_id, apart.marked_by, apart.note) == (third, "nora", "A plan, not a fact.")
    assert apart.text.startswith("Die Landesregierung plant")
    kinds = {e.kind: e.text for e in report.excluded}
    assert kinds["title"] == "Hilfen nach dem Hochwasser"
    assert url in kinds["source_list"]


def test_sign_off_names_who_checked_the_article_and_when(session, make_user, evidence_article):
    article_id, ids, _ = evidence_article
    _decide_all(session, make_user(), ids)
    editor = make_user("editor", "erika")
    review.sign_off(session, article_id, user=editor)

    report = build_report(session, article_id)

    assert report.checked_by == "erika" and report.checked_at is not None


def test_the_site_address_links_the_review_page_and_each_claim(app, session, evidence_article):
    from flask import url_for

    article_id, ids, _ = evidence_article
    report = build_report(session, article_id, site_url="https://checks.example.org/")

    with app.test_request_context():
        assert url_for("review.article", article_id=article_id) == REVIEW_PATH.format(
            article_id=article_id
        )
    assert report.review_url == f"https://checks.example.org/articles/{article_id}"
    assert report.claims[1].url == f"{report.review_url}?claim={ids[1]}#claim-1"
    assert build_report(session, article_id).claims[0].url == ""


def test_a_missing_article_is_not_found(session):
    with pytest.raises(NotFound, match="no article 999"):
        build_report(session, 999)


def _count_queries(session, action) -> int:
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_the_queries_do_not_grow_with_the_claims(
    session, make_user, evidence_article, demo_text, make_article
):
    small, ids, _ = evidence_article
    _decide_all(session, make_user(), ids)
    large = make_article(demo_text).article_id
    assert session.query(Claim).filter_by(article_id=large).count() > 2 * len(ids)
    session.expire_all()

    few = _count_queries(session, lambda: build_report(session, small))
    session.expire_all()
    many = _count_queries(session, lambda: build_report(session, large))

    assert few == many <= 4


def test_a_zip_holds_one_report_per_article(session, make_article, evidence_article, demo_text):
    first, _, _ = evidence_article
    second = make_article(demo_text).article_id

    data = report_zip(session, [first, second, first], "json")

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names == [f"article-{first}-report.json", f"article-{second}-report.json"]
        assert json.loads(archive.read(names[1]))["article"]["id"] == second


@pytest.mark.parametrize(
    ("ids", "fmt", "error", "message"),
    [
        (lambda a: [], "json", InputRejected, "at least one"),
        (lambda a: [a], "docx", InputRejected, "format is one of"),
        (lambda a: [a, a + 999], "md", NotFound, "no article"),
        (lambda a: list(range(a, a + MAX_ZIP_ARTICLES + 1)), "md", InputRejected, "at most 50"),
    ],
)
def test_a_zip_of_nothing_unknown_or_too_much_is_refused(
    session, evidence_article, ids, fmt, error, message
):
    with pytest.raises(error, match=message):
        report_zip(session, ids(evidence_article[0]), fmt)
