"""Every rule of the app as a real URL, for the tests that walk them all (permissions,
CSRF, the login redirect): a new route is covered the day it is added."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workbench.models import Article, ArticleSource, Match, ReviewEvent

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    url: str


def world(app, make_user, demo_text) -> dict[str, int]:
    """Real ids for every URL argument: an imported article with its claims and sources,
    a pasted snapshot matched against the first claim, and a user to act on.

    It uses its own app context, closed before any request: a request inside a pushed
    app context shares its ``g``, where Flask-Login keeps the current user, so every
    client would be the first user seen."""
    from workbench.extensions import db
    from workbench.services.importing import import_article
    from workbench.services.snapshots import add_text
    from workbench.services.tokens import create_token

    target_user = make_user("reviewer", "target")
    target = target_user.id
    with app.app_context():
        session = db.session
        token_id = create_token(session, target_user, "world")[0].id
        article = session.get(Article, import_article(session, demo_text).article_id)
        claim = article.claims[0]
        source_id = session.scalar(
            select(ArticleSource.source_id).where(ArticleSource.article_id == article.id)
        )
        snapshot = add_text(session, source_id, f"Vorwort.\n\n{claim.text}\n", app.config)
        ids = {
            "article_id": article.id,
            "claim_id": claim.id,
            "other_id": article.claims[1].id,
            "source_id": source_id,
            "snapshot_id": snapshot.id,
            "user_id": target,
            "token_id": token_id,
        }
        match_id = session.scalar(select(Match.id).where(Match.claim_id == claim.id))
        event_id = session.scalar(select(ReviewEvent.id))
        session.remove()
    ids |= {"match_id": match_id} if match_id else {}
    ids |= {"event_id": event_id} if event_id else {}
    return ids


def routes(app, ids: dict[str, int], methods: frozenset[str]) -> list[Route]:
    """One ``Route`` per rule and method in ``methods``, its arguments filled from ``ids``."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        missing = rule.arguments - ids.keys()
        assert not missing, f"{rule.rule} needs {missing}: add a real one to tests/routes.py"
        _, path = rule.build({name: ids[name] for name in rule.arguments}, append_unknown=False)
        found += [Route(rule.endpoint, m, path) for m in sorted(rule.methods & methods)]
    return found


def session_routes(
    app, ids: dict[str, int], methods: frozenset[str] = STATE_CHANGING
) -> list[Route]:
    """The routes a browser session reaches (state-changing ones by default). The API
    under /api/v1 answers bearer tokens only (tests/web/test_api.py checks its roles
    and refusals)."""
    return [r for r in routes(app, ids, methods) if not r.url.startswith("/api/v1/")]
