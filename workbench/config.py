"""Defaults; ``instance/config.py`` and ``WORKBENCH_*`` environment variables override them."""

from __future__ import annotations

from pathlib import Path

# The repository root: templates/ and migrations/ live beside the package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "SECRET_KEY": "dev-only-change-me",
    # None means: a SQLite file in the instance folder.
    "DATABASE_URL": None,
    "MAX_INPUT_BYTES": 2 * 1024 * 1024,
    "FETCH_CONTACT_URL": "https://github.com/factcheck-workbench",
    "FETCH_ALLOW_HOSTS": "",
    "FETCH_RESPECT_ROBOTS": False,
    "FETCH_MAX_BYTES": 10 * 1024 * 1024,
    "SEARCH_URL_TEMPLATE": "https://duckduckgo.com/?q=site%3A{domain}+{terms}",
    "DEMO_ARTICLE": True,
    "WTF_CSRF_TIME_LIMIT": None,
}


def database_url(instance_path: str, configured: str | None) -> str:
    """The configured database URL, or a SQLite file in the instance folder."""
    if configured:
        if configured.startswith("postgresql://"):
            return "postgresql+psycopg://" + configured.removeprefix("postgresql://")
        return configured
    return f"sqlite:///{Path(instance_path) / 'workbench.sqlite3'}"
