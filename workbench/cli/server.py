"""Commands that run the app: the web server and the job worker."""

from __future__ import annotations

import gc
import signal
import subprocess
import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from workbench.cli.base import commands


@commands.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option(
    "--worker/--no-worker",
    default=True,
    show_default=True,
    help="Also run a job worker process, so one command runs everything.",
)
@click.option(
    "--dev",
    is_flag=True,
    help="Development: serve even with the public development secret key.",
)
@with_appcontext
def serve_command(host: str, port: int, threads: int, worker: bool, dev: bool) -> None:
    """Serve the app with waitress, a production WSGI server."""
    import waitress

    from workbench.config_check import refusal, secret_key_problem
    from workbench.matching.warm import warm_up

    app = current_app._get_current_object()
    reason = refusal(app.config, development=dev)
    if reason:
        click.echo(f"error: not serving: {reason}", err=True)
        sys.exit(1)
    if secret_key_problem(app.config):
        click.echo(
            "development: sessions are signed with the public development key;"
            " set WORKBENCH_SECRET_KEY before anyone else uses this server"
        )
    warm_up()
    gc.freeze()  # what the app and matcher loaded is never garbage: collections skip it
    process = _start_worker() if worker and not app.config.get("QUEUE_IMMEDIATE") else None
    # Stopped by a service manager (SIGTERM) as by Ctrl+C: the worker goes down too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    click.echo(f"workbench running on http://{host}:{port}/  (Ctrl+C to stop)")
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="workbench")
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)


def _start_worker():
    """The job worker as a child process: the same code `workbench worker` runs."""
    return subprocess.Popen([sys.executable, "-m", "workbench", "worker"])


@commands.command("worker")
@click.option("--threads", default=4, show_default=True, type=int, help="Jobs run at once.")
@with_appcontext
def worker_command(threads: int) -> None:
    """Run background jobs (fetches) until stopped."""
    import logging

    from flask.logging import default_handler

    from workbench import jobs
    from workbench.extensions import db, queue
    from workbench.services.matching import stale_claims
    from workbench.tasks import requeue_stale_fetches

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = current_app._get_current_object()
    # The root handler above prints every line; Flask's own would print the app's twice.
    app.logger.removeHandler(default_handler)
    for handler in logging.getLogger().handlers:
        handler.addFilter(queue.outage_filter(app))
    requeued = requeue_stale_fetches()
    stale = len(stale_claims(db.session))
    if stale:
        jobs.rematch_stale.enqueue()
    click.echo(
        f"worker started with {threads} threads; {requeued} unfinished fetches queued again;"
        f" {stale} claims matched by an older matcher queued for matching again"
    )
    consumer = queue.huey_for(app).create_consumer(
        workers=threads, worker_type="thread", periodic=True
    )
    consumer.run()
