"""CSRF on every state-changing route: a post without the token changes nothing; the
page's script sends the token from <meta name="csrf-token"> as X-CSRFToken."""

from __future__ import annotations

import re

import pytest
from routes import session_routes, world
from sqlalchemy import select

from workbench.extensions import db
from workbench.models import User
from workbench.web.errors import CSRF_MESSAGE

pytestmark = pytest.mark.security


@pytest.fixture
def setup(app, make_user, demo_text):
    assert app.config.get("WTF_CSRF_ENABLED", True), "these tests need CSRF on, as in production"
    ids = world(app, make_user, demo_text)
    admin = make_user("admin", "ada").get_id()

    def as_admin():
        test_client = app.test_client()
        with test_client.session_transaction() as flask_session:
            flask_session["_user_id"] = admin
        return test_client

    return session_routes(app, ids), as_admin, ids


def _everything(app) -> dict[str, list[str]]:
    """Every row of every table, to compare before and after."""
    with app.app_context():
        with db.engine.connect() as conn:
            return {
                table.name: sorted(repr(tuple(row)) for row in conn.execute(table.select()))
                for table in db.metadata.sorted_tables
            }


def _meta_token(test_client) -> str:
    page = test_client.get("/").get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


def test_a_post_without_the_token_is_refused_and_changes_nothing(app, setup):
    found, as_admin, _ = setup
    before = _everything(app)
    for route in found:
        for who in (as_admin(), app.test_client()):
            response = who.open(route.url, method=route.method, data={"anything": "x"})
            assert response.status_code == 400, route
            assert CSRF_MESSAGE in response.get_data(as_text=True), route
    assert _everything(app) == before


def test_a_token_from_another_session_is_refused(app, setup):
    found, as_admin, _ = setup
    stolen = _meta_token(as_admin())
    before = _everything(app)
    for route in found:
        response = as_admin().open(route.url, method=route.method, headers={"X-CSRFToken": stolen})
        assert response.status_code == 400 and CSRF_MESSAGE in response.get_data(as_text=True)
    assert _everything(app) == before


def test_every_route_accepts_the_token_as_the_scripts_send_it(app, setup):
    found, as_admin, _ = setup
    for route in found:
        test_client = as_admin()
        headers = {"X-CSRFToken": _meta_token(test_client), "Accept": "application/json"}
        response = test_client.open(route.url, method=route.method, headers=headers)
        assert CSRF_MESSAGE not in response.get_data(as_text=True), route


def test_a_fetch_with_the_header_token_changes_state(app, setup):
    _, as_admin, ids = setup
    test_client = as_admin()
    response = test_client.post(
        f"/admin/users/{ids['user_id']}/deactivate",
        headers={"X-CSRFToken": _meta_token(test_client)},
    )
    assert response.status_code == 302
    with app.app_context():
        target = db.session.scalar(select(User).where(User.id == ids["user_id"]))
        assert target.is_active is False
