"""What differs between the databases we run on, in one place."""

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_for(session: Session):
    """The dialect's ``insert`` construct, which has ``on_conflict_do_nothing``."""
    return {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[
        session.get_bind().dialect.name
    ]
