"""Bring a database to the newest schema with the project's Alembic migrations."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from workbench.config import PROJECT_ROOT

MIGRATIONS = PROJECT_ROOT / "migrations"


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """An Alembic config for ``migrations/`` that targets ``url`` or ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    config.attributes["configure_logger"] = False
    return config


def include_object_for(dialect: str):
    """Alembic's ``include_object`` on a database of ``dialect``: an object made for one
    database only (``info["dialect"]``, see ``models.postgresql_only``) is compared
    there alone."""

    def include(obj, name, type_, reflected, compare_to) -> bool:
        return getattr(obj, "info", {}).get("dialect", dialect) == dialect

    return include


def upgrade(url: str, revision: str = "head") -> None:
    """Upgrade the database at ``url`` to ``revision`` (default: the newest)."""
    command.upgrade(alembic_config(url), revision)


def current_revision(connection: Connection) -> str | None:
    """The revision the connected database is at, or ``None`` before the first migration."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()
