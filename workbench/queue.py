"""The job queue: Huey, bound to an app like any Flask extension.

SQLite storage in the instance folder by default (one machine, no server), Redis
when ``REDIS_URL`` is set (workers on several machines), and immediate mode
(jobs run synchronously where they are queued) when ``QUEUE_IMMEDIATE`` is set,
as tests do. Jobs are plain functions that run inside an app context.

``workbench.tasks`` lists the jobs in a ``JobTable``; ``create_app`` hands it to
``JobQueue.init_app``, so neither this module nor the services that queue jobs
(through ``workbench.jobs`` handles) import a job.

A queue that does not answer (Redis down) never fails the request that queued a job:
the outage is logged once, a fetch stays recorded in the database for the worker's
sweep (``requeue_stale_fetches``), and any other job runs where it was queued.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, current_app
from huey import Huey, RedisHuey, crontab
from huey.exceptions import HueyException
from huey.storage import SqliteStorage

from workbench import jobs
from workbench.jobs import JobHandle

log = logging.getLogger(__name__)

# After a failed send, jobs are not offered to the queue for this long (a queue host
# that swallows packets would otherwise cost every job a connect timeout).
PAUSE_SECONDS = 5.0
CONNECT_TIMEOUT_SECONDS = 5.0
OUTAGE_LOG_SECONDS = 60.0


@dataclass(frozen=True)
class Job:
    func: Callable
    options: dict


@dataclass
class JobTable:
    """The job functions, each registered against its handle (``@table.runs``), and
    the periodic ones (``@table.every_minute``)."""

    jobs: dict[JobHandle, Job] = field(default_factory=dict)
    periodic: dict[str, Callable] = field(default_factory=dict)

    def runs(self, handle: JobHandle, **options) -> Callable:
        """Register the function that runs ``handle``'s jobs; ``options`` go to
        ``huey.task`` (``retries``, ``retry_delay``, ``retry_backoff``). A string
        option names the config key that holds its value."""

        def register(func: Callable) -> Callable:
            if handle in self.jobs:
                raise ValueError(f"{handle} has a job already")
            self.jobs[handle] = Job(func, options)
            return func

        return register

    def every_minute(self, func: Callable) -> Callable:
        """Register a function that the worker runs once a minute."""
        self.periodic[func.__name__] = func
        return func


class JobQueue:
    """Builds one Huey per app and sends each job to the current app's queue."""

    def init_app(self, app: Flask, table: JobTable) -> None:
        missing = [handle.name for handle in jobs.HANDLES if handle not in table.jobs]
        if missing:
            raise RuntimeError(f"no job function runs {', '.join(missing)}")
        huey, unreachable = _make_huey(app)
        bound = _Bound(huey, unreachable, app.config.get("REDIS_URL") or "")
        for handle, job in table.jobs.items():
            options = {
                k: app.config[v] if isinstance(v, str) else v for k, v in job.options.items()
            }
            run = _in_context(app, job.func)
            bound.tasks[handle.name] = huey.task(name=handle.name, **options)(run)
            bound.here[handle.name] = run
        for name, func in table.periodic.items():
            huey.periodic_task(crontab(minute="*"), name=name)(_in_context(app, func))
        app.extensions["queue"] = bound
        jobs.send_to(self)

    def send(self, job: JobHandle, args: tuple, kwargs: dict) -> None:
        """Queue ``job`` for the current app's workers (see ``_Bound.send``)."""
        current_app.extensions["queue"].send(job, args, kwargs)

    def waiting(self, job: JobHandle) -> list[tuple] | None:
        """The arguments of every ``job`` on the current app's queue, due or
        scheduled (a retry waiting its turn); ``None`` when the queue cannot say."""
        return current_app.extensions["queue"].waiting(job)

    def huey_for(self, app: Flask) -> Huey:
        return app.extensions["queue"].huey

    def outage_filter(self, app: Flask) -> logging.Filter:
        """For the worker's log handler: while its storage does not answer, Huey's
        consumer logs a traceback every second; this keeps one line a minute."""
        return _OutageFilter(app.extensions["queue"].unreachable)


@dataclass
class _Bound:
    huey: Huey
    unreachable: tuple[type[BaseException], ...]
    where: str
    tasks: dict[str, Callable] = field(default_factory=dict)
    here: dict[str, Callable] = field(default_factory=dict)
    paused_until: float = 0.0
    down: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, job: JobHandle, args: tuple, kwargs: dict) -> None:
        if self.huey.immediate:
            self.tasks[job.name](*args, **kwargs)
            return
        if time.monotonic() >= self.paused_until:
            try:
                self.tasks[job.name](*args, **kwargs)
            except self.unreachable as error:
                self._went_down(error)
            else:
                self._answers()
                return
        if not job.recorded:
            try:
                self.here[job.name](*args, **kwargs)
            except Exception:
                log.exception("Job %s, run here while the queue does not answer, failed", job.name)

    def waiting(self, job: JobHandle) -> list[tuple] | None:
        try:
            queued = self.huey.pending() + self.huey.scheduled()
        except (*self.unreachable, HueyException):
            return None
        return [task.args for task in queued if task.name == job.name]

    def _went_down(self, error: BaseException) -> None:
        with self.lock:
            self.paused_until = time.monotonic() + PAUSE_SECONDS
            if self.down:
                return
            self.down = True
        log.warning(
            "The job queue%s does not answer (%s). Fetches wait in the database and are "
            "queued by a worker once it answers; other jobs run where they are queued.",
            f" at {_safe(self.where)}" if self.where else "",
            error,
        )

    def _answers(self) -> None:
        if not self.down:
            return
        with self.lock:
            if not self.down:
                return
            self.down = False
        log.warning("The job queue answers again.")


class _OutageFilter(logging.Filter):
    def __init__(self, unreachable: tuple[type[BaseException], ...]) -> None:
        super().__init__()
        self.unreachable = unreachable
        self.said_at: float | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not self.unreachable or not isinstance(error, self.unreachable):
            return True
        now = time.monotonic()
        if self.said_at is not None and now - self.said_at < OUTAGE_LOG_SECONDS:
            return False
        self.said_at = now
        record.msg = f"{record.getMessage()}: the job queue does not answer ({error}); trying again"
        record.args, record.exc_info, record.exc_text = (), None, None
        return True


def _safe(url: str) -> str:
    """A Redis URL without its password, fit for a log line."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")).geturl()


def _in_context(app: Flask, func: Callable) -> Callable:
    def run(*args, **kwargs):
        with app.app_context():
            return func(*args, **kwargs)

    run.__name__ = func.__name__
    run.__module__ = func.__module__
    return run


def _make_huey(app: Flask) -> tuple[Huey, tuple[type[BaseException], ...]]:
    """The app's Huey and the errors that mean its storage does not answer."""
    if app.config.get("QUEUE_IMMEDIATE"):
        return Huey("workbench", immediate=True), ()
    if app.config.get("REDIS_URL"):
        from redis import ConnectionPool
        from redis.exceptions import RedisError

        pool = ConnectionPool.from_url(
            app.config["REDIS_URL"], socket_connect_timeout=CONNECT_TIMEOUT_SECONDS
        )
        return RedisHuey("workbench", results=False, connection_pool=pool), (RedisError, OSError)
    path = Path(app.instance_path) / "queue.sqlite3"
    huey = Huey("workbench", results=False, storage_class=_QueueStorage, filename=str(path))
    return huey, (sqlite3.Error, OSError)


class _QueueStorage(SqliteStorage):
    """Huey's SQLite storage (WAL) with synchronous=NORMAL, as the app's database has
    (extensions.py): Huey leaves SQLite's FULL, an fsync at every commit, which cost
    each import about 0.6 of its 20 ms for the job it queues (bench/ingest.py); a
    queued job survives any crash of the app, and only a power cut may lose the last."""

    def _create_connection(self):
        conn = super()._create_connection()
        conn.execute("pragma synchronous=NORMAL")
        return conn
