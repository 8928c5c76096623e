"""The fetch queue service: the database records which fetches are wanted, so one whose
job the queue never got (or lost) is queued again; and fetching in the foreground
needs only sessions and settings, no Flask app."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from workbench.extensions import db
from workbench.models import Match, Snapshot, Source, utcnow
from workbench.services import fetch_queue
from workbench.services.dialect import insert_for
from workbench.services.importing import import_article

PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Hilfe</title></head>
<body><article><p>Das Innenministerium kündigte am Montag eine Soforthilfe von
50 Millionen Euro für die Opfer des Hochwassers an.</p></article></body></html>"""
ARTICLE = """Hilfen nach dem Hochwasser

Das Innenministerium kündigte am Montag eine Soforthilfe von 50 Millionen Euro an.

Quellen: {url}
"""


def _requested(session, url: str, seconds_ago: float) -> int:
    session.execute(insert_for(session)(Source.__table__).values(url=url, kind="page", title=""))
    source_id = session.scalar(select(Source.id).where(Source.url == url))
    fetch_queue.request_fetch(session, [source_id])
    session.get(Source, source_id).fetch_requested_at = utcnow() - timedelta(seconds=seconds_ago)
    session.commit()
    return source_id


def test_a_request_without_a_job_on_the_queue_is_stale_after_one_lease(session):
    lost = _requested(session, "https://example.org/verloren", seconds_ago=90)
    waiting = _requested(session, "https://example.org/wartet", seconds_ago=90)
    fresh = _requested(session, "https://example.org/neu", seconds_ago=5)
    assert fetch_queue.stale_requests(session, 60, waiting={waiting}) == [lost]
    assert fresh not in fetch_queue.stale_requests(session, 60, waiting=set()), (
        "a job may still be on its way to the queue"
    )
    assert fetch_queue.stale_requests(session, 60, waiting=None) == [], (
        "when the queue cannot say, a request waits ten leases"
    )


def test_requeue_queues_the_lost_requests_and_their_fetches_run(app, session, httpserver, allow):
    httpserver.expect_request("/hilfe").respond_with_data(PAGE, content_type="text/html")
    source_id = _requested(session, f"{allow(httpserver)}/hilfe", seconds_ago=90)
    assert fetch_queue.requeue_stale(session, 60, waiting=set()) == 1  # jobs run at once here
    session.expire_all()
    assert session.get(Source, source_id).fetch_requested_at is None
    assert session.scalars(select(Snapshot.state)).all() == ["fetched"]
    assert fetch_queue.requeue_stale(session, 60, waiting=set()) == 0


def test_fetch_now_takes_sessions_and_settings_and_matches_what_it_fetched(
    app, session, httpserver, allow
):
    httpserver.expect_request("/hilfe").respond_with_data(PAGE, content_type="text/html")
    result = import_article(session, ARTICLE.format(url=f"{allow(httpserver)}/hilfe"))
    ids = fetch_queue.unfetched_sources(session, result.article_id)
    fetch_queue.request_fetch(session, ids)
    done = []
    outcomes = fetch_queue.fetch_now(
        sessionmaker(db.engine), dict(app.config), ids, workers=2, on_done=done.append
    )
    assert [(o.state, o.source_id) for o in outcomes] == [("fetched", ids[0])] and done == outcomes
    session.expire_all()
    assert fetch_queue.queued_sources(session, result.article_id) == []
    assert session.scalars(select(Match.score)).all(), "the new snapshot's matching job ran"
