"""The role matrix beyond the state-changing session routes (tests/web/test_permissions.py
holds those): every page a browser reads, and every route of the API with every kind of
caller, no token, a bad, revoked or deactivated user's token, a session cookie, and a
token of each role. A route reached by someone below its role is an attack through."""

from __future__ import annotations

import pytest
from api_client import api_client
from routes import routes, session_routes, world
from security.headers import header_problems

from workbench.extensions import db
from workbench.services.tokens import revoke_token
from workbench.services.users import set_active

pytestmark = pytest.mark.security

ROLES = ("reviewer", "editor", "admin")
# The least role each page needs; a new page fails the test until it is classified.
PAGE_ROLE = {
    "auth.login": "public",
    "articles.index": "reviewer",
    "articles.new": "reviewer",
    "articles.activity": "reviewer",
    "review.article": "reviewer",
    "review.panel": "reviewer",
    "review.reuse": "reviewer",
    "repeated.index": "reviewer",
    "sources.show": "reviewer",
    "sources.snapshot": "reviewer",
    "admin.users": "admin",
    "admin.user": "admin",
    "reports.html": "reviewer",
    "reports.pdf": "reviewer",
    "reports.md": "reviewer",
    "reports.csv": "reviewer",
    "reports.json": "reviewer",
    "reports.claimreview": "reviewer",
    "reports.annotations": "reviewer",
    "reports.archive": "reviewer",
    "tokens.index": "reviewer",
}
# The least role each API route needs (bearer tokens only).
API_ROLE = {
    "api.openapi": "public",
    "api.create_article": "reviewer",
    "api.articles": "reviewer",
    "api.article": "reviewer",
    "api.sign_off": "editor",
    "api.report": "reviewer",
    "api.claim": "reviewer",
    "api.add_source": "reviewer",
}


@pytest.fixture
def setup(app, make_user, demo_text):
    ids = world(app, make_user, demo_text)
    users = {role: make_user(role, f"m-{role}") for role in ROLES}
    return ids, users


def _classified(found, table, what):
    endpoints = {r.endpoint for r in found}
    assert not endpoints - table.keys(), (
        f"classify these {what}: {sorted(endpoints - table.keys())}"
    )
    assert not table.keys() - endpoints, (
        f"these {what} are gone: {sorted(table.keys() - endpoints)}"
    )


def _below(role: str, needed: str) -> bool:
    return needed != "public" and ROLES.index(role) < ROLES.index(needed)


def test_every_page_for_nobody_and_for_each_role(app, attack, setup):
    """Allowed or refused as its role says, and with the security headers either way."""
    ids, users = setup
    pages = session_routes(app, ids, frozenset({"GET"}))
    _classified(pages, PAGE_ROLE, "pages")
    # A PDF takes a second to lay out; its rule is the other formats' rule.
    pages = [r for r in pages if r.endpoint != "reports.pdf"]
    clients = {role: _session(app, users[role]) for role in ROLES}
    for route in pages:
        needed = PAGE_ROLE[route.endpoint]
        if needed != "public":
            response = app.test_client().get(route.url)
            with attack("access", f"anonymous GET {route.url}"):
                assert response.status_code == 302 and "/login" in response.location
            with attack("headers", f"anonymous GET {route.url} (redirect)"):
                assert not header_problems(response), header_problems(response)
        for role in ROLES:
            response = clients[role].get(route.url)
            with attack("access", f"{role} GET {route.url}"):
                if _below(role, needed):
                    assert response.status_code == 403, response.status_code
                else:
                    assert response.status_code in (200, 302), response.status_code
            with attack("headers", f"{role} GET {route.url} ({response.status_code})"):
                found = header_problems(response)
                assert not found, found


def _session(app, user):
    test_client = app.test_client()
    with test_client.session_transaction() as flask_session:
        flask_session["_user_id"] = user.get_id()
    return test_client


def test_every_api_route_for_every_caller(app, attack, setup, make_user):
    ids, users = setup
    methods = frozenset({"GET", "POST", "PATCH"})
    found = [r for r in routes(app, ids, methods) if r.url.startswith("/api/v1/")]
    _classified(found, API_ROLE, "API routes")
    tokens = {role: api_client(app, make_user, role, f"api-{role}") for role in ROLES}
    revoked = api_client(app, make_user, "admin", "api-revoked")
    gone = api_client(app, make_user, "admin", "api-gone")
    with app.app_context():
        revoke_token(db.session, revoked.token_id)
        set_active(db.session, gone.user_id, False, by=None)
        db.session.remove()
    browser = _session(app, users["admin"])
    outsiders = {
        "no token": lambda r: app.test_client().open(r.url, method=r.method, json={}),
        "a made-up token": lambda r: app.test_client().open(
            r.url, method=r.method, json={}, headers={"Authorization": "Bearer wbt_madeup"}
        ),
        "a revoked admin token": lambda r: revoked.open(r.method, r.url[7:], json={}),
        "a deactivated admin's token": lambda r: gone.open(r.method, r.url[7:], json={}),
        "an admin's session cookie": lambda r: browser.open(r.url, method=r.method, json={}),
    }
    for route in found:
        needed = API_ROLE[route.endpoint]
        for who, call in outsiders.items():
            with attack("access", f"{who}: {route.method} {route.url}"):
                status = call(route).status_code
                assert status == 401 if needed != "public" else status == 200, status
        for role, api in tokens.items():
            with attack("access", f"{role} token: {route.method} {route.url}"):
                status = api.open(route.method, route.url[7:], json={}).status_code
                if _below(role, needed):
                    assert status == 403, status
                else:
                    assert status not in (401, 403), status
