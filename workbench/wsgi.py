"""The production entry point: ``gunicorn 'workbench.wsgi:app'``.

Settings come from ``WORKBENCH_*`` environment variables (and ``instance/config.py``),
as for every other command. Like ``workbench serve``, it refuses the public development
secret key outside development, raising so that gunicorn stops instead of booting
worker after worker.
"""

import gc

from workbench import create_app
from workbench.config_check import refusal
from workbench.matching.warm import warm_up

app = create_app()
if reason := refusal(app.config):
    raise RuntimeError(f"not serving: {reason}")
# Each gunicorn worker loads the matcher's data as it boots, not in a reviewer's request,
# then sets what it loaded aside from the garbage collector: a full collection walked
# those objects for 60 ms, stalling whichever request triggered it.
warm_up()
gc.freeze()
