"""Logging in and out through the real form, with CSRF on: the session, `next`, throttling,
deactivation and the cookie's flags."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import PASSWORD
from routes import session_routes, world

from workbench.extensions import db
from workbench.services.users import MAX_FAILURES_PER_ACCOUNT, reset_password, set_active


def _form_token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def _log_in(test_client, username: str, password: str = PASSWORD, next_url: str | None = None):
    """Fetch the login form as a browser would, then post it with its token."""
    query = {"next": next_url} if next_url is not None else None
    page = test_client.get("/login", query_string=query).get_data(as_text=True)
    data = {"username": username, "password": password, "csrf_token": _form_token(page)}
    if next_url is not None:
        data["next"] = next_url
    return test_client.post("/login", data=data)


def _logged_in(test_client) -> bool:
    return test_client.get("/").status_code == 200


@pytest.mark.security
def test_every_page_but_login_sends_anonymous_to_login_with_next(app, make_user, demo_text):
    ids = world(app, make_user, demo_text)
    pages = session_routes(app, ids, frozenset({"GET"}))
    assert {"articles.index", "review.article", "admin.users"} <= {p.endpoint for p in pages}
    for page in pages:
        response = app.test_client().get(page.url)
        if page.endpoint == "auth.login":
            assert response.status_code == 200
            continue
        assert response.status_code == 302, page
        target = urlsplit(response.location)
        assert target.path == "/login" and parse_qs(target.query)["next"] == [page.url], page
        as_json = app.test_client().get(page.url, headers={"Accept": "application/json"})
        assert as_json.status_code == 401 and "log in again" in as_json.get_json()["error"]


def test_static_files_and_the_login_page_need_no_session(anonymous):
    with anonymous.get("/static/workbench.css") as stylesheet:
        assert stylesheet.status_code == 200
    assert anonymous.get("/login").status_code == 200


def test_the_login_page_has_labelled_fields_and_no_nav(anonymous):
    page = anonymous.get("/login").get_data(as_text=True)
    assert '<label for="username">User name</label>' in page
    assert '<label for="password">Password</label>' in page
    assert 'autocomplete="current-password"' in page
    assert "<nav" not in page and "Log out" not in page


def test_login_through_the_form_goes_to_next(app, make_user):
    make_user("reviewer", "rita")
    test_client = app.test_client()
    response = _log_in(test_client, "rita", next_url="/articles/1?tab=claims")
    assert response.status_code == 302 and response.location == "/articles/1?tab=claims"
    page = test_client.get("/").get_data(as_text=True)
    assert "rita" in page and "Log out" in page


@pytest.mark.security
def test_login_without_the_forms_token_is_refused(app, make_user):
    make_user("reviewer", "rita")
    test_client = app.test_client()
    response = test_client.post("/login", data={"username": "rita", "password": PASSWORD})
    assert response.status_code == 400
    assert not _logged_in(test_client)


@pytest.mark.security
@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/\t/evil.example",
        "evil.example",
    ],
)
def test_next_never_leaves_the_site(app, make_user, target):
    make_user("reviewer", "rita")
    test_client = app.test_client()
    response = _log_in(test_client, "rita", next_url=target)
    assert response.status_code == 302 and response.location == "/"
    again = test_client.get("/login", query_string={"next": target})
    assert again.status_code == 302 and again.location == "/"


@pytest.mark.security
def test_a_wrong_password_says_so_and_logs_nobody_in(app, make_user):
    make_user("reviewer", "rita")
    test_client = app.test_client()
    response = _log_in(test_client, "rita", "not the password")
    assert response.status_code == 401
    assert 'role="alert">Wrong user name or password.' in response.get_data(as_text=True)
    assert not _logged_in(test_client)


def test_an_empty_form_names_the_missing_fields(anonymous):
    page = anonymous.get("/login").get_data(as_text=True)
    response = anonymous.post("/login", data={"csrf_token": _form_token(page)})
    assert response.status_code == 400
    assert response.get_data(as_text=True).count("This field is required.") == 2


@pytest.mark.security
def test_a_throttled_login_shows_the_wait_and_answers_429(app, make_user):
    make_user("reviewer", "rita")
    test_client = app.test_client()
    for _ in range(MAX_FAILURES_PER_ACCOUNT):
        assert _log_in(test_client, "rita", "not the password").status_code == 401
    response = _log_in(test_client, "rita")
    assert response.status_code == 429
    assert re.search(r"Too many failed logins\. Try again in 1[45] minutes\.", response.text)
    assert not _logged_in(test_client)


@pytest.mark.security
def test_logout_is_a_post_with_the_token(app, make_user):
    make_user("reviewer", "rita")
    test_client = app.test_client()
    _log_in(test_client, "rita")
    assert test_client.get("/logout").status_code == 405
    assert test_client.post("/logout").status_code == 400
    assert _logged_in(test_client)
    page = test_client.get("/").get_data(as_text=True)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    response = test_client.post("/logout", data={"csrf_token": token}, follow_redirects=True)
    assert "You are logged out." in response.get_data(as_text=True)
    assert not _logged_in(test_client)


@pytest.mark.security
def test_a_deactivated_users_open_session_stops_working(app, make_user):
    rita = make_user("reviewer", "rita")
    admin = make_user("admin", "ada")
    test_client = app.test_client()
    _log_in(test_client, "rita")
    assert _logged_in(test_client)
    with app.app_context():
        set_active(db.session, rita.id, False, by=admin)
    response = test_client.get("/")
    assert response.status_code == 302 and response.location.startswith("/login")
    with app.app_context():
        set_active(db.session, rita.id, True, by=admin)
    assert _logged_in(test_client), "the session works again once reactivated"


@pytest.mark.security
def test_a_password_reset_ends_the_sessions_opened_with_the_old_one(app, make_user):
    rita = make_user("reviewer", "rita")
    stolen, own = app.test_client(), app.test_client()
    _log_in(stolen, "rita")
    assert _logged_in(stolen)
    with app.app_context():
        reset_password(db.session, rita.id, "a new long passphrase")
    assert not _logged_in(stolen), "a session opened with the old password ends"
    _log_in(own, "rita", "a new long passphrase")
    assert _logged_in(own)


@pytest.mark.security
def test_a_form_posted_after_the_session_ended_returns_to_its_page(app, anonymous):
    # The form's token is still valid (it lives in the cookie); only the login ended.
    app.config["WTF_CSRF_ENABLED"] = False
    response = anonymous.post(
        "/claims/1/verdict",
        data={"status": "verified"},
        headers={"Referer": "http://localhost/articles/1?claim=1"},
    )
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.location).query)["next"] == ["/articles/1?claim=1"]
    elsewhere = anonymous.post(
        "/claims/1/verdict", headers={"Referer": "https://evil.example/articles/1"}
    )
    assert parse_qs(urlsplit(elsewhere.location).query)["next"] == ["/"]


def _session_cookie(response) -> str:
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    return cookie


@pytest.mark.security
def test_the_session_cookie_is_httponly_and_samesite_lax(app, make_user):
    make_user("reviewer", "rita")
    cookie = _session_cookie(_log_in(app.test_client(), "rita"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie, "plain http on 127.0.0.1 must keep working"


@pytest.mark.security
def test_the_session_cookie_is_secure_over_https(app, make_user):
    make_user("reviewer", "rita")
    test_client = app.test_client()
    page = test_client.get("/login", base_url="https://workbench.test").get_data(as_text=True)
    response = test_client.post(
        "/login",
        base_url="https://workbench.test",
        headers={"Referer": "https://workbench.test/login"},
        data={"username": "rita", "password": PASSWORD, "csrf_token": _form_token(page)},
    )
    assert response.status_code == 302
    cookie = _session_cookie(response)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
