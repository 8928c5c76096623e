"""Whether a deployment's database and Redis answer, and the schema is the newest:
settings that look right (``config_check``) still fail on a wrong host name or a schema
that was never upgraded. ``workbench check-config`` prints these findings after the
settings' own."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from workbench.config import database_url
from workbench.config_check import NOTE, OK, UNSAFE, Finding, displayed, installed
from workbench.services.database import alembic_config, current_revision


def check_reachable(config: Mapping, *, instance_path: str) -> list[Finding]:
    """Connect to the database (and read its schema version) and to Redis."""
    return [*database_reachable(config, instance_path), *redis_reachable(config)]


def database_reachable(config: Mapping, instance_path: str) -> list[Finding]:
    from sqlalchemy import create_engine

    url = database_url(instance_path, config.get("DATABASE_URL"))
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return [Finding(NOTE, "the SQLite database does not exist yet: run `workbench db upgrade`")]
    shown = displayed(config.get("DATABASE_URL") or url)
    connect_args = {"connect_timeout": 5} if url.startswith("postgresql") else {}
    engine = create_engine(url, connect_args=connect_args)
    try:
        with engine.connect() as connection:
            return [_schema(connection)]
    except Exception as error:  # any driver's error: the message is what the operator needs
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        return [
            Finding(
                UNSAFE,
                f"cannot connect to the database {shown}: {first_line}"
                " (check WORKBENCH_DATABASE_URL)",
            )
        ]
    finally:
        engine.dispose()


def _schema(connection) -> Finding:
    from alembic.script import ScriptDirectory

    newest = ScriptDirectory.from_config(alembic_config()).get_current_head()
    current = current_revision(connection)
    if current == newest:
        return Finding(OK, f"the database schema is at the newest migration ({newest})")
    return Finding(
        NOTE,
        f"the database schema is at {current or 'no migration yet'}, the code expects"
        f" {newest}: run `workbench db upgrade`",
    )


def redis_reachable(config: Mapping) -> list[Finding]:
    url = config.get("REDIS_URL")
    if not url or not installed("redis"):
        return []
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        return [
            Finding(
                UNSAFE, f"cannot reach Redis {displayed(url)}: {error} (check WORKBENCH_REDIS_URL)"
            )
        ]
    finally:
        client.close()
    return [Finding(OK, f"Redis {displayed(url)} answers")]
