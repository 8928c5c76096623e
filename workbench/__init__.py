"""The fact-checking workbench: ``create_app`` builds the Flask application."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.config import DEFAULTS, PROJECT_ROOT, database_url

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then ``instance/config.py``, then ``WORKBENCH_*``
    environment variables, then ``test_config``.

    Flask is imported here, not at module level, so that the pure layers
    (``workbench.text``, ``workbench.sources``) import without it.
    """
    from flask import Flask

    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get(
        "WORKBENCH_INSTANCE_PATH", str(PROJECT_ROOT / "instance")
    )
    app = Flask(
        __name__,
        instance_path=str(Path(instance_path).resolve()),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder="static",
    )
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("WORKBENCH")
    if test_config:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    # Flask's own defaults are there already (no limit on a request, 500 kB for a form
    # field), so setdefault would keep them: an upload of any size would be spooled to
    # disk, and a pasted article well below its limit refused without saying why.
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_BYTES"]) + 1024 * 1024
    app.config["MAX_FORM_MEMORY_SIZE"] = max(
        app.config.get("MAX_FORM_MEMORY_SIZE") or 0, int(app.config["MAX_INPUT_BYTES"]) + 64 * 1024
    )
    app.config.setdefault("SNAPSHOT_DIR", str(Path(app.instance_path) / "snapshots"))
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(
        app.instance_path, app.config.get("DATABASE_URL")
    )

    from workbench.config_check import proxy_hops, secret_key_problem

    # In development (WORKBENCH_ENV=development, as `make run` sets) `workbench serve`
    # says it once instead of every command.
    problem = secret_key_problem(app.config)
    if problem and app.config["ENV"] != "development":
        app.logger.warning(problem)
    if hops := proxy_hops(app.config):
        from werkzeug.middleware.proxy_fix import ProxyFix

        # The client's address (login throttling), scheme (Secure cookies), host and
        # prefix come from the X-Forwarded-* headers the proxies set.
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )

    from workbench.extensions import csrf, db, login_manager, queue

    db.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    from workbench.tasks import table

    queue.init_app(app, table)

    from workbench.web import register_blueprints

    register_blueprints(app)

    from workbench.cli.registry import register_cli

    register_cli(app)
    return app
