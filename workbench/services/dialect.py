"""What differs between the databases we run on, in one place."""

from collections.abc import Sequence

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

# The placeholder for one value, by the DB-API paramstyle of the drivers we run on
# (sqlite3: qmark; psycopg: pyformat, which also takes %s).
_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_for(session: Session):
    """The dialect's ``insert`` construct, which has ``on_conflict_do_nothing``."""
    return {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[
        session.get_bind().dialect.name
    ]


def insert_rows(
    session: Session, table: Table, columns: Sequence[str], rows: Sequence[tuple]
) -> None:
    """Insert ``rows`` (tuples of plain values in the order of ``columns``) with one
    executemany on the driver, in the session's transaction. SQLAlchemy's ``insert``
    with a list of dicts processes each row's parameters in Python, which cost an
    import more than SQLite's own work on a claim's keys (bench/ingest.py). Only for
    columns of plain strings and numbers, and a table whose other columns need no
    default from Python: nothing is converted or filled in here."""
    if not rows:
        return
    mark = _PLACEHOLDERS[session.get_bind().dialect.paramstyle]
    names = ", ".join(table.c[name].name for name in columns)
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join([mark] * len(columns))})"
    session.connection().exec_driver_sql(sql, list(rows))
