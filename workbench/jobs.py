"""The jobs a use case can queue, as typed handles: ``jobs.fetch_source.enqueue(source_id)``.

A handle is a job's name and the arguments it takes, nothing more. Services queue work
through handles without importing the queue (Huey, bound to each app by ``create_app``)
or the job functions (``workbench.tasks``); a name is spelt once, here, so a misspelt
one is an ``AttributeError`` at import rather than a job nobody runs. ``create_app``
binds every handle to its job and refuses to build an app when one has none.
"""

from __future__ import annotations

from typing import Generic, ParamSpec, Protocol

P = ParamSpec("P")


class Queue(Protocol):
    """Where handles send their jobs (``workbench.queue.JobQueue``)."""

    def send(self, job: JobHandle, args: tuple, kwargs: dict) -> None: ...


class JobHandle(Generic[P]):
    """A job by name. ``recorded`` jobs want something the database records (a fetch
    request), so one the queue never got is queued again by the worker's sweep; any
    other job runs where it was queued while the queue is unreachable."""

    def __init__(self, name: str, *, recorded: bool = False) -> None:
        self.name = name
        self.recorded = recorded

    def enqueue(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Queue the job for the current app's workers. Never raises for an
        unreachable queue: that is logged once (see ``workbench.queue``)."""
        if _queue is None:
            raise RuntimeError(f"job {self.name} queued before create_app bound a queue")
        _queue.send(self, args, kwargs)

    def __repr__(self) -> str:
        return f"<job {self.name}>"


_queue: Queue | None = None


def send_to(queue: Queue) -> None:
    """Send every handle's jobs to ``queue`` (``JobQueue.init_app`` calls this)."""
    global _queue
    _queue = queue


fetch_source = JobHandle[[int]]("fetch_source", recorded=True)
match_snapshot = JobHandle[[int]]("match_snapshot")
match_claims = JobHandle[[list[int]]]("match_claims")
rematch_stale = JobHandle[[]]("rematch_stale")
record_echoes = JobHandle[[int]]("record_echoes")

HANDLES = (fetch_source, match_snapshot, match_claims, rematch_stale, record_echoes)
