"""The API tokens page: a user lists, creates (secret shown once) and revokes their own."""

from __future__ import annotations

import re

import pytest
from api_client import api_client

from workbench.extensions import db
from workbench.services.tokens import TokenRefused, authenticate


def _csrf(page: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


def _create(client, name: str = "CMS"):
    token = _csrf(client.get("/tokens").get_data(as_text=True))
    return client.post("/tokens", data={"name": name, "csrf_token": token})


def _secret(page: str) -> str:
    return re.search(r'<code class="secret" id="token-secret">([^<]+)</code>', page).group(1)


def test_the_nav_links_to_the_page_and_it_starts_empty(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/tokens"' in page
    assert "You have no tokens yet." in client.get("/tokens").get_data(as_text=True)


def test_a_new_token_is_shown_once_and_works_against_the_api(app, client):
    response = _create(client, "Newsroom CMS")
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    secret = _secret(page)
    assert "only this once" in page and "Newsroom CMS" in page
    api = app.test_client().get("/api/v1/articles", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200
    again = client.get("/tokens").get_data(as_text=True)
    assert secret not in again and secret[:10] + "…" in again and "Newsroom CMS" in again


def test_revoking_stops_the_token(app, client):
    secret = _secret(_create(client).get_data(as_text=True))
    page = client.get("/tokens").get_data(as_text=True)
    action = re.search(r'action="(/tokens/\d+/revoke)"', page).group(1)
    response = client.post(action, data={"csrf_token": _csrf(page)})
    assert response.status_code == 302
    listed = client.get(response.location).get_data(as_text=True)
    assert "Revoked “CMS”" in listed and "✗ revoked" in listed
    with app.app_context(), pytest.raises(TokenRefused):
        authenticate(db.session, secret)


@pytest.mark.security
def test_a_user_sees_and_revokes_only_their_own_tokens(app, client, make_user):
    other = api_client(app, make_user, "admin")
    page = client.get("/tokens").get_data(as_text=True)
    assert "admin test token" not in page
    response = client.post(f"/tokens/{other.token_id}/revoke", data={"csrf_token": _csrf(page)})
    assert response.status_code == 404
    assert other.get("/articles").status_code == 200


def test_a_name_over_the_limit_is_refused_and_nothing_is_created(client):
    response = _create(client, "x" * 81)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "field-error" in page and 'id="token-secret"' not in page
    assert "You have no tokens yet." in page


def test_a_post_without_the_csrf_token_is_refused(client):
    assert client.post("/tokens", data={"name": "x"}).status_code == 400
    assert "You have no tokens yet." in client.get("/tokens").get_data(as_text=True)
