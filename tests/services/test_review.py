"""Verdicts with their evidence, review events, stale changes, sign-off."""

import threading

import pytest
from sqlalchemy import func, select

from workbench.errors import InputRejected
from workbench.extensions import db
from workbench.models import Article, Claim, Match, ReviewEvent, Snapshot
from workbench.services import review
from workbench.services.review import NotReady, StaleClaim, Verdict


def _best_match(session, claim_id):
    return session.scalars(select(Match).where(Match.claim_id == claim_id, Match.rank == 0)).one()


def _events(session, claim_id=None):
    query = select(ReviewEvent).order_by(ReviewEvent.id)
    if claim_id is not None:
        query = query.where(ReviewEvent.claim_id == claim_id)
    return session.scalars(query).all()


def test_verified_pins_a_copy_of_the_passage_with_its_anchor(session, make_user, evidence_article):
    _, (supported, *_), url = evidence_article
    user = make_user()
    match = _best_match(session, supported)
    claim = review.decide(
        session, supported, Verdict("verified", match_id=match.id), version=1, user=user
    )
    assert (claim.status, claim.version, claim.updated_by_id) == ("verified", 2, user.id)
    assert "50 Millionen Euro" in claim.evidence["passage"]
    assert claim.evidence["source_url"] == url
    quote = claim.evidence["anchor"]["selector"][0]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == match.passage
    snapshot = session.get(Snapshot, claim.evidence["snapshot_id"])
    assert claim.evidence["sha256"] == snapshot.sha256

    [event] = _events(session, supported)
    assert (event.action, event.from_status, event.to_status) == ("status", "pending", "verified")
    assert event.user_id == user.id and event.evidence == claim.evidence


def test_a_selected_passage_or_a_note_can_carry_a_verdict(session, make_user, evidence_article):
    _, (supported, wrong, absent), _ = evidence_article
    user = make_user()
    snapshot = session.scalars(select(Snapshot)).one()
    start = snapshot.text.index("Private Haushalte")
    end = snapshot.text.index("erhalten.", start) + len("erhalten.")
    claim = review.decide(
        session,
        wrong,
        Verdict("disputed", selection=(snapshot.id, start, end)),
        version=1,
        user=user,
    )
    assert claim.evidence["passage"] == "Private Haushalte sollen bis zu 5.000 Euro erhalten."
    assert claim.evidence["anchor"]["selector"][1] == {
        "type": "TextPositionSelector",
        "start": start,
        "end": end,
    }
    claim = review.decide(
        session,
        absent,
        Verdict("verified", note="Confirmed by phone with the state chancellery."),
        version=1,
        user=user,
    )
    assert claim.status == "verified" and claim.evidence == {} and "phone" in claim.note


@pytest.mark.parametrize(
    ("verdict", "message"),
    [
        (Verdict("verified"), "Pin the passage that supports"),
        (Verdict("disputed", note="   "), "Pin the passage that contradicts"),
        (Verdict("unsupported"), "Say why it is unsupported"),
        (Verdict("unsupported", reason="felt wrong"), "Say why it is unsupported"),
        (Verdict("maybe"), "A status is one of"),
        (Verdict("verified", selection=(999, 0, 5)), "not of a source this claim cites"),
        (Verdict("verified", note="x" * 5001), "at most 5,000 characters"),
    ],
)
def test_a_verdict_without_its_evidence_is_refused_and_changes_nothing(
    session, make_user, evidence_article, verdict, message
):
    _, (supported, *_), _ = evidence_article
    with pytest.raises(InputRejected, match=message):
        review.decide(session, supported, verdict, version=1, user=make_user())
    claim = session.get(Claim, supported)
    assert (claim.status, claim.version) == ("pending", 1)
    assert _events(session) == []


def test_a_match_of_another_claim_cannot_be_pinned(session, make_user, evidence_article):
    _, (supported, wrong, _), _ = evidence_article
    other = _best_match(session, wrong)
    with pytest.raises(InputRejected, match="not one of this claim's matches"):
        review.decide(
            session, supported, Verdict("verified", match_id=other.id), version=1, user=make_user()
        )


def test_unsupported_takes_a_reason_and_pending_clears_the_evidence(
    session, make_user, evidence_article
):
    _, (supported, _, absent), _ = evidence_article
    user = make_user()
    claim = review.decide(
        session, absent, Verdict("unsupported", reason="no_passage"), version=1, user=user
    )
    assert (claim.status, claim.reason) == ("unsupported", "no_passage")
    match = _best_match(session, supported)
    review.decide(session, supported, Verdict("verified", match_id=match.id), version=1, user=user)
    claim = review.decide(session, supported, Verdict("pending"), version=2, user=user)
    assert (claim.status, claim.evidence, claim.reason, claim.version) == ("pending", {}, "", 3)
    assert [e.to_status for e in _events(session, supported)] == ["verified", "pending"]


def test_a_stale_change_is_refused_and_says_who_changed_it(session, make_user, evidence_article):
    _, (supported, *_), _ = evidence_article
    first, second = make_user(username="anna"), make_user(username="ben")
    match = _best_match(session, supported)
    review.decide(session, supported, Verdict("verified", match_id=match.id), version=1, user=first)
    with pytest.raises(StaleClaim, match="anna changed this claim since you opened it") as raised:
        review.decide(session, supported, Verdict("disputed", note="No."), version=1, user=second)
    assert raised.value.claim.status == "verified" and raised.value.claim.version == 2
    claim = session.get(Claim, supported)
    assert (claim.status, claim.updated_by_id) == ("verified", first.id)
    assert len(_events(session, supported)) == 1


def test_not_a_claim_leaves_the_counts_and_can_be_restored(session, make_user, evidence_article):
    article_id, (supported, *_), _ = evidence_article
    user = make_user()
    claim = review.set_is_claim(session, supported, False, version=1, user=user)
    assert claim.kind == "not_claim" and not claim.is_claim and claim.version == 2
    with pytest.raises(InputRejected, match="not a claim"):
        review.decide(session, supported, Verdict("verified", note="x"), version=2, user=user)
    claim = review.set_is_claim(session, supported, True, version=2, user=user)
    assert claim.is_claim and claim.kind == "statement"
    assert [e.action for e in _events(session, supported)] == ["not_claim", "is_claim"]


def test_assigning_a_claim_is_recorded(session, make_user, evidence_article):
    _, (supported, *_), _ = evidence_article
    user = make_user(username="carla")
    claim = review.assign(session, supported, version=1, user=user)
    assert claim.assigned_to_id == user.id
    claim = review.assign(session, supported, version=2, user=user, to_me=False)
    assert claim.assigned_to_id is None
    assert [(e.action, e.detail) for e in _events(session, supported)] == [
        ("assign", "carla"),
        ("unassign", "carla"),
    ]


def test_sign_off_waits_for_every_claim_and_is_an_event(session, make_user, evidence_article):
    article_id, (supported, wrong, absent), _ = evidence_article
    editor = make_user("editor")
    with pytest.raises(NotReady, match="3 claims are still pending"):
        review.sign_off(session, article_id, user=editor)
    review.decide(session, supported, Verdict("verified", note="Checked."), version=1, user=editor)
    review.decide(
        session, wrong, Verdict("disputed", note="5.000, not 8.000"), version=1, user=editor
    )
    with pytest.raises(NotReady, match="1 claim is still pending"):
        review.sign_off(session, article_id, user=editor)
    review.set_is_claim(session, absent, False, version=1, user=editor)
    article = review.sign_off(session, article_id, user=editor)
    assert article.signed_off_by_id == editor.id and article.signed_off_at is not None
    [sign_off] = [e for e in _events(session) if e.action == "sign_off"]
    assert sign_off.claim_id is None and sign_off.article_id == article_id

    activity = review.article_activity(session, article_id)
    assert activity[0].action == "sign_off" and activity[0].user == editor.username
    assert [e.claim_position for e in activity[1:]] == [2, 1, 0]


def test_history_lists_a_claims_events_oldest_first(session, make_user, evidence_article):
    _, (supported, *_), _ = evidence_article
    user = make_user(username="dora")
    review.decide(session, supported, Verdict("disputed", note="first look"), version=1, user=user)
    review.decide(session, supported, Verdict("verified", note="called"), version=2, user=user)
    history = review.claim_history(session, supported)
    assert [(h.from_status, h.to_status, h.note, h.user) for h in history] == [
        ("pending", "disputed", "first look", "dora"),
        ("disputed", "verified", "called", "dora"),
    ]


def test_two_reviewers_at_the_same_moment_one_wins_and_one_event(app, make_user, evidence_article):
    """On SQLite and on PostgreSQL (CI runs the suite on both): each thread has its own
    session and connection, both decide on version 1 after a barrier."""
    _, claim_ids, _ = evidence_article
    users = [make_user(username="eva"), make_user(username="finn")]
    for claim_id in claim_ids:
        barrier = threading.Barrier(2)
        outcomes = []

        def decide(user, status, claim_id=claim_id, barrier=barrier, outcomes=outcomes):
            with app.app_context():
                barrier.wait()
                try:
                    review.decide(
                        db.session, claim_id, Verdict(status, note="seen"), version=1, user=user
                    )
                    outcomes.append(("won", status))
                except StaleClaim as error:
                    outcomes.append(("stale", error.claim.status))
                finally:
                    db.session.remove()

        threads = [
            threading.Thread(target=decide, args=(users[0], "verified")),
            threading.Thread(target=decide, args=(users[1], "disputed")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(o[0] for o in outcomes) == ["stale", "won"], outcomes
        winner = next(status for kind, status in outcomes if kind == "won")
        loser_saw = next(status for kind, status in outcomes if kind == "stale")
        assert loser_saw == winner, "the loser is shown the winner's verdict"
        with app.app_context():
            claim = db.session.get(Claim, claim_id)
            assert (claim.status, claim.version) == (winner, 2)
            count = db.session.scalar(select(func.count()).where(ReviewEvent.claim_id == claim_id))
            assert count == 1


def test_signed_off_article_knows_who(session, make_user, evidence_article):
    article_id, claim_ids, _ = evidence_article
    editor = make_user("editor", "erik")
    for claim_id in claim_ids:
        review.decide(session, claim_id, Verdict("verified", note="ok"), version=1, user=editor)
    review.sign_off(session, article_id, user=editor)
    assert session.get(Article, article_id).signed_off_by_id == editor.id


def test_pinned_evidence_follows_a_new_snapshot_or_flags_the_change(
    app, session, make_user, evidence_article, httpserver
):
    """A verdict's pinned passage is found again in a newer snapshot: unchanged, the
    evidence moves to it; changed, the claim says its source changed and keeps the
    passage the reviewer saw."""
    from conftest import EVIDENCE_PAGE

    from workbench.models import Source
    from workbench.services.snapshots import fetch_source

    _, (supported, wrong, _), url = evidence_article
    user = make_user()
    kept = _best_match(session, supported)
    review.decide(session, supported, Verdict("verified", match_id=kept.id), version=1, user=user)
    snapshot = session.scalars(select(Snapshot)).one()
    start = snapshot.text.index("Private Haushalte")
    end = snapshot.text.index("erhalten.", start) + len("erhalten.")
    review.decide(
        session,
        wrong,
        Verdict("disputed", selection=(snapshot.id, start, end)),
        version=1,
        user=user,
    )
    first = session.get(Claim, wrong).evidence

    httpserver.clear()
    httpserver.expect_request("/hilfe").respond_with_data(
        "<!-- neu -->" + EVIDENCE_PAGE.replace("bis zu 5.000 Euro", "bis zu 6.000 Euro"),
        content_type="text/html; charset=utf-8",
    )
    fetch_source(session, session.scalar(select(Source.id).where(Source.url == url)), app.config)
    session.expire_all()
    newest = session.scalars(select(Snapshot).order_by(Snapshot.id.desc())).first()
    assert newest.id != snapshot.id

    moved = session.get(Claim, supported)
    assert not moved.is_source_changed
    assert moved.evidence["snapshot_id"] == newest.id
    position = moved.evidence["anchor"]["selector"][1]
    assert newest.text[position["start"] : position["end"]] == moved.evidence["passage"]

    changed = session.get(Claim, wrong)
    assert changed.is_source_changed
    assert changed.evidence == first, "the passage the reviewer saw is kept as it was"
