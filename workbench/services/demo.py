"""The demo article a new installation starts with."""

from __future__ import annotations

from importlib import resources

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from workbench.models import Article
from workbench.services.importing import ImportResult, import_article


def import_demo(session: Session) -> ImportResult | None:
    """Import the bundled demo article when there are no articles yet; else ``None``."""
    if session.scalar(select(exists().where(Article.id.isnot(None)))):
        return None
    data = resources.files("workbench.demo").joinpath("demo_article.txt").read_bytes()
    return import_article(session, data)
