"""The job queue: Huey, bound to an app like any Flask extension.

SQLite storage in the instance folder by default (one machine, no server), Redis
when ``REDIS_URL`` is set (workers on several machines), and immediate mode
(jobs run synchronously where they are queued) when ``QUEUE_IMMEDIATE`` is set,
as tests do. Jobs are plain functions that run inside an app context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app
from huey import Huey, RedisHuey, SqliteHuey, crontab


@dataclass
class _Bound:
    huey: Huey
    tasks: dict[str, Callable] = field(default_factory=dict)


class JobQueue:
    """Collects jobs at import time (``@queue.job``) and builds one Huey per app."""

    def __init__(self) -> None:
        self._jobs: dict[str, tuple[Callable, dict]] = {}
        self._periodic: dict[str, tuple[Callable, dict]] = {}

    def job(self, **options) -> Callable:
        """Register a function as a job; ``options`` go to ``huey.task``
        (``retries``, ``retry_delay``, ``retry_backoff``). A string option names
        the config key that holds its value."""

        def register(func: Callable) -> Callable:
            self._jobs[func.__name__] = (func, options)
            return func

        return register

    def every_minute(self, func: Callable) -> Callable:
        """Register a function that the worker runs once a minute."""
        self._periodic[func.__name__] = (func, {})
        return func

    def init_app(self, app: Flask) -> None:
        """Bind the jobs registered so far (``create_app`` imports ``workbench.tasks``
        first, so the queue itself depends on no job)."""
        huey = _make_huey(app)
        bound = _Bound(huey)
        for name, (func, options) in self._jobs.items():
            resolved = {k: app.config[v] if isinstance(v, str) else v for k, v in options.items()}
            bound.tasks[name] = huey.task(name=name, **resolved)(_in_context(app, func))
        for name, (func, _) in self._periodic.items():
            huey.periodic_task(crontab(minute="*"), name=name)(_in_context(app, func))
        app.extensions["queue"] = bound

    def enqueue(self, name: str, *args) -> None:
        """Queue job ``name`` with ``args`` for the current app's workers."""
        current_app.extensions["queue"].tasks[name](*args)

    def huey_for(self, app: Flask) -> Huey:
        return app.extensions["queue"].huey


def _in_context(app: Flask, func: Callable) -> Callable:
    def run(*args):
        with app.app_context():
            return func(*args)

    run.__name__ = func.__name__
    run.__module__ = func.__module__
    return run


def _make_huey(app: Flask) -> Huey:
    if app.config.get("QUEUE_IMMEDIATE"):
        huey = Huey("workbench", immediate=True)
    elif app.config.get("REDIS_URL"):
        huey = RedisHuey("workbench", results=False, url=app.config["REDIS_URL"])
    else:
        path = Path(app.instance_path) / "queue.sqlite3"
        huey = SqliteHuey("workbench", results=False, filename=str(path))
    return huey
