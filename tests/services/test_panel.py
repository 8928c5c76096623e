"""The claim panel's read model and a snapshot opened at a claim's passage."""

from __future__ import annotations

import pytest
from review_world import make_reviewed, make_triaged
from sqlalchemy import select

from workbench.errors import NotFound
from workbench.matching.anchor import anchor_for
from workbench.models import ClaimSource, Match, ReviewEvent, Snapshot, Source, utcnow
from workbench.services import review
from workbench.services.panel import claim_panel, first_claim_id, snapshot_view
from workbench.services.sources import add_claim_source, remove_claim_source


@pytest.fixture
def reviewed(session, httpserver, allow, make_article):
    return make_reviewed(session, httpserver, allow, make_article)


def test_the_panel_has_the_claims_sources_passages_and_neighbours(session, reviewed):
    article_id, (first, second, third) = reviewed
    panel = claim_panel(session, second, article_id)
    assert (panel.number, panel.total, panel.previous_id, panel.next_id) == (2, 3, first, third)
    assert [(s.scope, s.origin, s.state) for s in panel.sources] == [
        ("article", "source_list", "fetched")
    ]
    assert [m.rank for m in panel.matches] == sorted(m.rank for m in panel.matches)
    assert panel.busy == ""
    assert panel.contradicting is not None and panel.supporting is None
    assert "5.000 Euro" in panel.contradicting.passage

    supported = claim_panel(session, first)
    assert [(s.scope, s.origin) for s in supported.sources] == [("claim", "inline")], "once"
    assert supported.contradicting is None and "50 Millionen" in supported.supporting.passage

    with pytest.raises(NotFound):
        claim_panel(session, second, article_id + 1)


def test_the_panel_is_busy_while_a_source_is_fetched_or_not_yet_matched(session, reviewed):
    _, (first, *_) = reviewed
    source = session.get(Source, session.scalar(select(ClaimSource.source_id)))
    source.fetch_requested_at = utcnow()
    session.commit()
    assert claim_panel(session, first).busy == "fetching"
    source.fetch_started_at = utcnow()
    session.commit()
    assert claim_panel(session, first).sources[0].is_fetching

    source.fetch_requested_at = source.fetch_started_at = None
    claim = claim_panel(session, first).claim
    claim.suggestion = "needs_source"
    session.commit()
    assert claim_panel(session, first).busy == "matching"


def test_a_review_starts_at_the_first_pending_claim(session, make_user, reviewed):
    article_id, (first, second, _) = reviewed
    assert first_claim_id(session, article_id) == first
    review.decide(session, first, review.Verdict("disputed", note="x"), version=1, user=make_user())
    assert first_claim_id(session, article_id) == second


def test_a_snapshot_opens_at_the_match_even_when_positions_moved(session, reviewed):
    _, (first, *_) = reviewed
    match = session.scalars(select(Match).where(Match.claim_id == first, Match.rank == 0)).one()
    view = snapshot_view(session, match.snapshot_id, claim_id=first, match_id=match.id)
    start, end = view.highlight
    assert view.snapshot.text[start:end] == match.passage and view.missing == ""

    moved = dict(match.anchor)
    moved["selector"] = [
        moved["selector"][0],
        {"type": "TextPositionSelector", "start": 0, "end": end - start},
    ]
    match.anchor = moved
    session.commit()
    assert snapshot_view(session, match.snapshot_id, match_id=match.id).highlight == (start, end)

    match.anchor = anchor_for("Ganz anderer Text.", 0, 17, None)
    session.commit()
    gone = snapshot_view(session, match.snapshot_id, claim_id=first, match_id=match.id)
    assert gone.highlight is None and "no longer in this text" in gone.missing


def test_removing_a_claim_source_is_an_event_and_reviewer_links_are_events_too(
    session, make_user, reviewed
):
    _, (_, _, third) = reviewed
    user = make_user()
    added = add_claim_source(session, third, "http://10.9.8.7/seite", user)
    assert added.linked
    snapshot = session.scalars(select(Snapshot).where(Snapshot.source_id == added.source_id)).one()
    assert snapshot.state == "refused"
    assert remove_claim_source(session, third, added.source_id, user) == added.url
    events = session.scalars(select(ReviewEvent).order_by(ReviewEvent.id)).all()
    assert [(e.action, e.detail, e.user_id) for e in events] == [
        ("source_added", added.url, user.id),
        ("source_removed", added.url, user.id),
    ]
    with pytest.raises(NotFound):
        remove_claim_source(session, third, added.source_id, user)


@pytest.fixture
def triaged(session, make_article):
    """An article whose claims triage orders otherwise than the text (TRIAGED)."""
    return make_triaged(session, make_article)


def test_reviewers_can_walk_check_first_claims_first(session, triaged):
    article_id, (plain, question, figure, attributed) = triaged
    assert first_claim_id(session, article_id) == plain
    assert first_claim_id(session, article_id, order="triage") == attributed
    walk = claim_panel(session, attributed, order="triage")
    assert (walk.number, walk.previous_id, walk.next_id) == (1, None, figure)
    assert claim_panel(session, figure, order="triage").next_id == plain
    assert claim_panel(session, plain, order="triage").next_id == question
    by_text = claim_panel(session, figure)
    assert (by_text.previous_id, by_text.next_id) == (question, attributed)


def test_reviewers_can_walk_one_triage_label_alone(session, triaged):
    article_id, (plain, question, figure, attributed) = triaged
    only = claim_panel(session, figure, only="check_first")
    assert (only.total, only.previous_id, only.next_id) == (2, None, attributed)
    outside = claim_panel(session, plain, only="check_first")
    assert outside.total == 3, "the claim shown counts even when it is not of the label"
    assert first_claim_id(session, article_id, only="not_checkable") == question
    assert claim_panel(session, figure, order="sideways", only="nonsense").total == 4
