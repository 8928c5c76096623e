"""Defaults; ``instance/config.py`` and ``WORKBENCH_*`` environment variables override them."""

from __future__ import annotations

from pathlib import Path

# The repository root: templates/ and migrations/ live beside the package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Public, so anyone can sign a session with it: `workbench serve` and the WSGI entry
# refuse it unless ENV is "development", and create_app warns of it outside development.
DEVELOPMENT_SECRET_KEY = "dev-only-change-me"

DEFAULTS = {
    "SECRET_KEY": DEVELOPMENT_SECRET_KEY,
    # "development" lets the server run with the development secret key.
    "ENV": "production",
    # None means: a SQLite file in the instance folder.
    "DATABASE_URL": None,
    "MAX_INPUT_BYTES": 2 * 1024 * 1024,
    "FETCH_CONTACT_URL": "https://github.com/factcheck-workbench",
    "FETCH_ALLOW_HOSTS": "",
    "FETCH_RESPECT_ROBOTS": False,
    "FETCH_MAX_BYTES": 10 * 1024 * 1024,
    # Retries of one fetch on connection errors and 5xx, before the job's own retries.
    "FETCH_RETRIES": 2,
    "FETCH_BACKOFF": 0.5,
    "SEARCH_URL_TEMPLATE": "https://duckduckgo.com/?q=site%3A{domain}+{terms}",
    "DEMO_ARTICLE": True,
    "MAX_UPLOAD_BYTES": 10 * 1024 * 1024,
    # Jobs: Huey on SQLite in the instance folder unless REDIS_URL is set;
    # QUEUE_IMMEDIATE runs each job where it is queued (tests).
    "REDIS_URL": None,
    "QUEUE_IMMEDIATE": False,
    # Importing an article queues a fetch of each page it cites.
    "FETCH_ON_IMPORT": True,
    # A fetch job that failed in a way worth retrying (connection, 5xx) runs again
    # after 30 s, 60 s, 120 s: long enough for a flaky site to come back.
    "FETCH_JOB_RETRIES": 3,
    "FETCH_JOB_RETRY_DELAY": 30,
    "FETCH_JOB_RETRY_BACKOFF": 2,
    # A fetch whose worker has not finished in this many seconds is queued again.
    "FETCH_LEASE_SECONDS": 300,
    "WTF_CSRF_TIME_LIMIT": None,
    # Reports: the public address claims link to (empty: the request's own host, or no
    # link from the command line), and the fact-checker named as ClaimReview author
    # (empty: the workbench's name).
    "SITE_URL": "",
    "REPORT_ORGANIZATION": "",
    # Cookies: not readable by script, not sent on cross-site posts. Secure is added
    # for any request over https (web/headers.py); set it here to force it.
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host/-Port/-Prefix
    # headers are trusted (werkzeug's ProxyFix); 0 trusts none. Behind one proxy, 1 makes
    # login throttling see each client's address and cookies Secure over https.
    "PROXY_FIX": 0,
    # A declaration for `workbench check-config`: web servers or workers run on more
    # than one machine, so SQLite and the SQLite job queue will not do.
    "MULTI_HOST": False,
}


def database_url(instance_path: str, configured: str | None) -> str:
    """The configured database URL, or a SQLite file in the instance folder."""
    if configured:
        if configured.startswith("postgresql://"):
            return "postgresql+psycopg://" + configured.removeprefix("postgresql://")
        return configured
    return f"sqlite:///{Path(instance_path) / 'workbench.sqlite3'}"
