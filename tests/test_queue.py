"""The job queue binding: every job handle has a job, and a queue that does not answer
fails no request (a Redis URL on a port where nothing listens is a real unanswered
queue)."""

from __future__ import annotations

import logging
import socket
import sqlite3

import pytest
from flask import Flask
from sqlalchemy import select

from workbench import create_app, jobs
from workbench.extensions import db, queue
from workbench.models import Claim, Match, Source
from workbench.queue import JobQueue, JobTable
from workbench.services.fetch_queue import queue_fetches
from workbench.services.importing import import_article
from workbench.services.snapshots import add_text
from workbench.services.sources import add_claim_source
from workbench.tasks import table

CITING = """Hilfen nach dem Hochwasser

Das Innenministerium kündigte am Montag eine Soforthilfe von 50 Millionen Euro an.

Quellen: https://example.org/hilfe
"""
PAGE_TEXT = "Das Innenministerium kündigte am Montag eine Soforthilfe von 50 Millionen Euro an."
OTHER = """Nach dem Hochwasser

Die Regierung stellt 50 Millionen Euro Soforthilfe bereit, sagte das Innenministerium.
"""


def test_every_job_handle_has_its_job():
    assert set(table.jobs) == set(jobs.HANDLES)
    partial = JobTable()
    partial.runs(jobs.fetch_source)(lambda source_id: None)
    app = Flask(__name__)
    app.config["QUEUE_IMMEDIATE"] = True
    with pytest.raises(RuntimeError, match="match_snapshot, match_claims, rematch_stale"):
        JobQueue().init_app(app, partial)
    with pytest.raises(ValueError, match="fetch_source"):
        partial.runs(jobs.fetch_source)(lambda source_id: None)


def _nothing_listens() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def down_app(app):
    """The test's database, with its jobs queued to a Redis that does not answer."""
    down = create_app(
        {
            **{k: app.config[k] for k in ("DATABASE_URL", "SECRET_KEY")},
            "INSTANCE_PATH": app.instance_path,
            "QUEUE_IMMEDIATE": False,
            "REDIS_URL": f"redis://127.0.0.1:{_nothing_listens()}/0",
        }
    )
    yield down
    with down.app_context():
        db.session.remove()
        db.engine.dispose()


def test_an_unanswered_queue_is_logged_once_and_fetches_stay_wanted(app, down_app, caplog):
    with app.app_context():
        article = import_article(db.session, CITING)
    caplog.set_level(logging.WARNING, logger="workbench.queue")
    with down_app.app_context():
        [source_id] = db.session.scalars(select(Source.id)).all()
        assert queue_fetches(db.session, [source_id]) == 1
        assert queue_fetches(db.session, [source_id]) == 1
        assert queue.waiting(jobs.fetch_source) is None, "the queue cannot say what it holds"
        assert db.session.get(Source, source_id).fetch_requested_at is not None
    [logged] = [r.getMessage() for r in caplog.records if r.name == "workbench.queue"]
    assert logged.startswith(f"The job queue at {down_app.config['REDIS_URL']} does not answer")
    assert article.sources == 1


def test_a_job_the_database_does_not_record_runs_where_it_was_queued(app, down_app):
    """A reviewer links a page that has a snapshot already while Redis is down: the
    claim is matched against it at once instead of waiting for a job that is lost."""
    with app.app_context():
        import_article(db.session, CITING)
        [source_id] = db.session.scalars(select(Source.id)).all()
        add_text(db.session, source_id, PAGE_TEXT, app.config)
        other = import_article(db.session, OTHER)
        claim_id = db.session.scalars(
            select(Claim.id).where(Claim.article_id == other.article_id)
        ).first()
    with down_app.app_context():
        added = add_claim_source(db.session, claim_id, "https://example.org/hilfe")
        assert added.linked and not added.queued
        db.session.expire_all()
        scores = db.session.scalars(select(Match.score).where(Match.claim_id == claim_id)).all()
    assert scores and max(scores) > 50, "matched where the job was queued"


def test_the_sqlite_queue_commits_each_job_with_the_app_databases_durability(app, tmp_path):
    """A job queued on the default queue is in its file at once, for a worker in another
    process; the file is in WAL mode with synchronous=NORMAL, as the app's database."""
    queue_app = create_app(
        {
            **{k: app.config[k] for k in ("DATABASE_URL", "SECRET_KEY")},
            "INSTANCE_PATH": str(tmp_path),
            "QUEUE_IMMEDIATE": False,
            "REDIS_URL": "",
        }
    )
    huey = queue.huey_for(queue_app)
    with queue_app.app_context():
        jobs.record_echoes.enqueue(7)
    with sqlite3.connect(tmp_path / "queue.sqlite3") as other:
        assert other.execute("select count(*) from task").fetchone() == (1,)
    with huey.storage.db() as cursor:
        assert cursor.execute("pragma journal_mode").fetchone() == ("wal",)
        assert cursor.execute("pragma synchronous").fetchone() == (1,)
    assert huey.pending_count() == 1
    with queue_app.app_context():
        db.session.remove()
        db.engine.dispose()
