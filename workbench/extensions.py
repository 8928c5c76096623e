"""Flask extensions, created unbound here and bound to the app in ``create_app``."""

import sqlite3

from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

from workbench.queue import JobQueue

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# pool_pre_ping: a pooled connection is tested before each use, so after the database
# server restarts the next request reconnects instead of failing on a dead connection.
db = SQLAlchemy(model_class=Base, engine_options={"pool_pre_ping": True})
queue = JobQueue()
csrf = CSRFProtect()
login_manager = LoginManager()


@event.listens_for(Engine, "connect")
def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    """SQLite enforces foreign keys (and so ON DELETE CASCADE) only when asked to. In WAL
    mode, synchronous=NORMAL syncs at checkpoints instead of at every commit: no crash of
    the app loses a committed import, and the database cannot be corrupted; only a power
    cut may undo the last commits (SQLite's documentation of WAL; Rails's default)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
