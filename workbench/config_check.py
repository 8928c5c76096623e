"""What a deployment lacks or gets wrong, read from the app's settings.

``workbench check-config`` prints every finding; ``workbench serve`` and the WSGI entry
refuse the development secret key through ``refusal``; ``create_app`` warns of it with
``secret_key_problem``. ``check_config`` reads only the settings and the folders they
name; ``services.deployment.check_reachable`` then connects to the database and Redis.
"""

from __future__ import annotations

import shlex
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from workbench.config import DEVELOPMENT_SECRET_KEY, database_url

OK, NOTE, UNSAFE = "ok", "note", "unsafe"
# 32 random bytes in hex are 64 characters; below this a key can be guessed offline
# from one signed cookie.
MIN_SECRET_CHARS = 32
NEW_SECRET = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


@dataclass(frozen=True)
class Finding:
    level: str  # OK, NOTE (worth knowing, not wrong) or UNSAFE
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.message}"


def secret_key_problem(config: Mapping) -> str | None:
    """Why the secret key signs nothing safely, when it is absent or the public default."""
    key = config.get("SECRET_KEY")
    if not key:
        return f"WORKBENCH_SECRET_KEY is not set: set it to a long random value ({NEW_SECRET})"
    if key == DEVELOPMENT_SECRET_KEY:
        return (
            "WORKBENCH_SECRET_KEY is the public development key, so anyone can forge a"
            f" session: set it to a long random value ({NEW_SECRET})"
        )
    return None


def refusal(config: Mapping, *, development: bool = False) -> str | None:
    """Why a server must not start with these settings: the development key outside
    development (``--dev`` or ``WORKBENCH_ENV=development``)."""
    if development or config.get("ENV") == "development":
        return None
    problem = secret_key_problem(config)
    if problem is None:
        return None
    return f"{problem} (for development only: WORKBENCH_ENV=development or `serve --dev`)"


def web_workers_from_env(environ: Mapping[str, str]) -> int:
    """The web worker processes gunicorn will start: ``--workers``/``-w`` in
    ``GUNICORN_CMD_ARGS`` (which gunicorn puts above the environment), else
    ``WEB_CONCURRENCY`` (gunicorn's default for ``--workers``), else 1. A value that is
    not a whole number raises ValueError naming the variable."""
    args = shlex.split(environ.get("GUNICORN_CMD_ARGS", ""))
    for i, arg in enumerate(args):
        if arg.startswith("--workers="):
            return _count("GUNICORN_CMD_ARGS", arg.partition("=")[2])
        if arg in ("-w", "--workers") and i + 1 < len(args):
            return _count("GUNICORN_CMD_ARGS", args[i + 1])
        if arg.startswith("-w") and len(arg) > 2:
            return _count("GUNICORN_CMD_ARGS", arg[2:])
    if environ.get("WEB_CONCURRENCY", "").strip():
        return _count("WEB_CONCURRENCY", environ["WEB_CONCURRENCY"])
    return 1


def _count(name: str, value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise ValueError(f"{name} gives {value!r} web workers: a whole number of 1 or more")
    return int(value)


def check_config(config: Mapping, *, instance_path: str, web_workers: int = 1) -> list[Finding]:
    """Every finding about ``config`` for a server with ``web_workers`` processes."""
    return [
        *_debug(config),
        *_secret_key(config),
        *_database(config, instance_path, web_workers),
        *_queue(config),
        *_folders(config, instance_path),
        *_proxy(config),
        *_guards(config),
    ]


def _debug(config: Mapping) -> list[Finding]:
    if config.get("DEBUG"):
        return [
            Finding(
                UNSAFE,
                "debug mode is on (errors propagate, templates reload): unset WORKBENCH_DEBUG"
                " and FLASK_DEBUG",
            )
        ]
    return [Finding(OK, "debug mode is off")]


def _secret_key(config: Mapping) -> list[Finding]:
    problem = secret_key_problem(config)
    if problem:
        return [Finding(UNSAFE, problem)]
    length = len(str(config["SECRET_KEY"]))
    if length < MIN_SECRET_CHARS:
        return [
            Finding(
                UNSAFE,
                f"WORKBENCH_SECRET_KEY has {length} characters, fewer than {MIN_SECRET_CHARS}:"
                f" set a long random value ({NEW_SECRET})",
            )
        ]
    return [Finding(OK, f"WORKBENCH_SECRET_KEY is set ({length} characters)")]


def _database(config: Mapping, instance_path: str, web_workers: int) -> list[Finding]:
    url = database_url(instance_path, config.get("DATABASE_URL"))
    if url.startswith("sqlite"):
        if config.get("MULTI_HOST"):
            return [
                Finding(
                    UNSAFE,
                    "the database is a SQLite file on one machine's disk, and WORKBENCH_MULTI_HOST"
                    " says several machines serve: set WORKBENCH_DATABASE_URL to PostgreSQL",
                )
            ]
        if web_workers > 1:
            return [
                Finding(
                    UNSAFE,
                    f"the database is SQLite and {web_workers} web workers would write to it at"
                    " once ('database is locked'): set WORKBENCH_DATABASE_URL to PostgreSQL, or"
                    " run one web worker",
                )
            ]
        return [Finding(OK, f"database: SQLite {url.removeprefix('sqlite:///')} (one web worker)")]
    if url.startswith("postgresql") and not installed("psycopg"):
        return [
            Finding(
                UNSAFE,
                "WORKBENCH_DATABASE_URL names PostgreSQL but psycopg is not installed: install"
                " the prod extra (pip install '.[prod]')",
            )
        ]
    shown = displayed(config["DATABASE_URL"])
    if not url.startswith("postgresql"):
        return [Finding(NOTE, f"database: {shown} is neither SQLite nor PostgreSQL (untested)")]
    return [Finding(OK, f"database: {shown}")]


def _queue(config: Mapping) -> list[Finding]:
    if config.get("QUEUE_IMMEDIATE"):
        return [
            Finding(
                UNSAFE,
                "jobs run inside the web request that queues them (WORKBENCH_QUEUE_IMMEDIATE):"
                " unset it and run `workbench worker`",
            )
        ]
    redis_url = config.get("REDIS_URL")
    if not redis_url:
        if config.get("MULTI_HOST"):
            return [
                Finding(
                    UNSAFE,
                    "the job queue is a SQLite file in one machine's instance folder, so workers"
                    " on other machines never see its jobs: set WORKBENCH_REDIS_URL",
                )
            ]
        return [Finding(OK, "job queue: SQLite in the instance folder (workers on this machine)")]
    if not installed("redis"):
        return [
            Finding(
                UNSAFE,
                "WORKBENCH_REDIS_URL is set but the redis package is not installed: install the"
                " prod extra (pip install '.[prod]')",
            )
        ]
    return [Finding(OK, f"job queue: Redis {displayed(redis_url)}")]


def _folders(config: Mapping, instance_path: str) -> list[Finding]:
    folders = {"WORKBENCH_INSTANCE_PATH": instance_path}
    folders["WORKBENCH_SNAPSHOT_DIR"] = config.get("SNAPSHOT_DIR") or str(
        Path(instance_path) / "snapshots"
    )
    findings = []
    for setting, folder in folders.items():
        problem = _unwritable(Path(folder))
        if problem:
            findings.append(Finding(UNSAFE, f"{folder} {problem}: fix it or set {setting}"))
        else:
            findings.append(Finding(OK, f"{folder} is writable"))
    if config.get("MULTI_HOST"):
        findings.append(
            Finding(
                NOTE,
                f"snapshots are written to {folders['WORKBENCH_SNAPSHOT_DIR']}: with several"
                " machines it must be storage they all share (WORKBENCH_SNAPSHOT_DIR)",
            )
        )
    return findings


def proxy_hops(config: Mapping) -> int:
    """How many reverse proxies' X-Forwarded-* headers to trust (``PROXY_FIX``)."""
    hops = config.get("PROXY_FIX") or 0
    if isinstance(hops, bool) or (isinstance(hops, str) and hops.strip().isdigit()):
        hops = int(hops)
    if not isinstance(hops, int) or hops < 0:
        raise ValueError(
            f"WORKBENCH_PROXY_FIX is {hops!r}: set the number of reverse proxies in front"
            " of the app (0 for none)"
        )
    return hops


def _proxy(config: Mapping) -> list[Finding]:
    hops = proxy_hops(config)
    if hops == 0:
        return [
            Finding(
                NOTE,
                "behind a reverse proxy, set WORKBENCH_PROXY_FIX=1 (one proxy) so login"
                " throttling sees each client's address and cookies are Secure over https",
            )
        ]
    return [
        Finding(
            OK,
            f"X-Forwarded-* headers of {hops} proxy hop(s) are trusted (WORKBENCH_PROXY_FIX):"
            " the app must be reachable only through the proxy",
        )
    ]


def _guards(config: Mapping) -> list[Finding]:
    findings = []
    if config.get("WTF_CSRF_ENABLED") is False:
        findings.append(Finding(UNSAFE, "CSRF protection is off: unset WORKBENCH_WTF_CSRF_ENABLED"))
    if config.get("LOGIN_DISABLED"):
        findings.append(Finding(UNSAFE, "logins are off: unset WORKBENCH_LOGIN_DISABLED"))
    allowed = config.get("FETCH_ALLOW_HOSTS")
    if allowed:
        findings.append(
            Finding(
                NOTE,
                f"fetches of {allowed} skip the address guard (WORKBENCH_FETCH_ALLOW_HOSTS)",
            )
        )
    return findings


def _unwritable(folder: Path) -> str | None:
    """Why nothing can be written in ``folder`` (or, when it does not exist yet, in the
    nearest folder above it that does), or None."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"cannot be a folder ({existing} is a file)"
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as error:
        return f"is not writable ({error.strerror})"
    return None


def installed(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None


def displayed(url: str) -> str:
    """A URL with its password hidden."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url.split("@")[-1]
