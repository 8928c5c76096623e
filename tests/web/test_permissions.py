"""The permission matrix: every state-changing route against anonymous and each role.

CSRF is off in this module only, so that what is tested is the role check (CSRF refusals
have their own tests, with it on)."""

from __future__ import annotations

import pytest
from routes import session_routes, world

pytestmark = pytest.mark.security

# The least role each state-changing endpoint needs. A new route fails the test until it
# is classified here: deciding who may do a thing is part of adding it.
MINIMUM_ROLE = {
    "auth.login": "public",
    "auth.logout": "reviewer",
    "articles.create": "reviewer",
    "articles.sign_off": "editor",
    "review.verdict": "reviewer",
    "review.kind": "reviewer",
    "review.assign": "reviewer",
    "review.add_source": "reviewer",
    "review.remove_source": "reviewer",
    "sources.upload": "reviewer",
    "sources.paste": "reviewer",
    "sources.refetch": "reviewer",
    "sources.pin": "reviewer",
    "admin.create": "admin",
    "admin.set_role": "admin",
    "admin.deactivate": "admin",
    "admin.activate": "admin",
    "admin.reset_password": "admin",
    "tokens.create": "reviewer",
    "tokens.revoke": "reviewer",
}
ROLES = ("reviewer", "editor", "admin")


@pytest.fixture
def matrix(app, make_user, demo_text):
    app.config["WTF_CSRF_ENABLED"] = False
    ids = world(app, make_user, demo_text)
    users = {role: make_user(role, f"matrix-{role}").get_id() for role in ROLES}

    def client_as(role: str | None):
        test_client = app.test_client()
        if role is not None:
            with test_client.session_transaction() as flask_session:
                flask_session["_user_id"] = users[role]
        return test_client

    return session_routes(app, ids), client_as


def _classified(found):
    """The routes the table names (the others fail ``test_every_..._is_classified``)."""
    return [r for r in found if r.endpoint in MINIMUM_ROLE]


def _to_login(response) -> bool:
    """The redirect ``require_login`` answers (logging out redirects to /login too, but
    without ``next``)."""
    return response.status_code == 302 and response.location.startswith("/login?next=")


def test_every_state_changing_route_is_classified(matrix):
    found, _ = matrix
    unclassified = sorted({r.endpoint for r in found} - MINIMUM_ROLE.keys())
    assert not unclassified, (
        f"add these to MINIMUM_ROLE with the least role they need: {unclassified}"
    )
    gone = sorted(MINIMUM_ROLE.keys() - {r.endpoint for r in found})
    assert not gone, f"these are no longer state-changing routes; drop them from the table: {gone}"


def test_anonymous_is_sent_to_login_or_gets_401_as_json(matrix):
    found, client_as = matrix
    wrong = []
    for route in _classified(found):
        if MINIMUM_ROLE[route.endpoint] == "public":
            continue
        page = client_as(None).open(route.url, method=route.method)
        if not _to_login(page):
            wrong.append((route, page.status_code, page.location))
        script = client_as(None).open(
            route.url, method=route.method, headers={"Accept": "application/json"}
        )
        if script.status_code != 401 or "error" not in script.get_json():
            wrong.append((route, "json", script.status_code))
    assert not wrong


def test_each_role_is_allowed_at_or_above_the_minimum_and_refused_below(matrix):
    found, client_as = matrix
    wrong = []
    for route in _classified(found):
        needed = MINIMUM_ROLE[route.endpoint]
        for role in ROLES:
            try:
                response = client_as(role).open(route.url, method=route.method)
            except Exception as error:  # noqa: BLE001  (report the whole matrix, not one crash)
                wrong.append((route.endpoint, role, "raised", repr(error)[:200]))
                continue
            refused = response.status_code in (401, 403) or _to_login(response)
            should_refuse = needed != "public" and ROLES.index(role) < ROLES.index(needed)
            if should_refuse and response.status_code != 403:
                wrong.append((route.endpoint, role, "should be 403", response.status_code))
            if not should_refuse and refused:
                wrong.append((route.endpoint, role, "should be allowed", response.status_code))
    assert not wrong, "\n".join(map(str, wrong))


def test_the_public_login_answers_anonymous_without_a_redirect(matrix):
    found, client_as = matrix
    for route in (r for r in _classified(found) if MINIMUM_ROLE[r.endpoint] == "public"):
        response = client_as(None).open(route.url, method=route.method)
        assert response.status_code in (200, 400, 401), route
