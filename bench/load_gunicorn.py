"""gunicorn settings of the load benchmark, the same for the workbench and the floor.

Each worker imports the app after it is forked (as ``make serve-prod`` runs it), which
takes seconds; a worker marks itself ready in LOAD_READY_DIR so that the benchmark
starts measuring only when every worker answers.
"""

import os
from pathlib import Path

workers = 4
worker_class = "sync"
loglevel = "warning"


def post_worker_init(worker) -> None:
    Path(os.environ["LOAD_READY_DIR"], str(worker.pid)).touch()
