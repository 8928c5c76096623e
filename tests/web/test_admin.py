"""The admin's user pages: create, deactivate, change role, reset password; CSRF stays on."""

from __future__ import annotations

import re

import pytest
from conftest import PASSWORD
from sqlalchemy import select

from workbench.models import User
from workbench.services.users import LoginRefused, authenticate

NEW_PASSWORD = "a new long password"


def token(client, path: str = "/admin/users") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


@pytest.fixture
def admin(app, login):
    test_client = app.test_client()
    test_client.user = login(test_client, "admin", "ada")
    return test_client


def _user(session, name: str) -> User | None:
    session.expire_all()
    return session.scalar(select(User).where(User.username == name))


def _create(admin, **fields):
    data = {"username": "nora", "role": "reviewer", "csrf_token": token(admin)} | fields
    return admin.post("/admin/users", data=data)


def test_the_list_shows_every_user_with_role_state_and_creation(admin, make_user, session):
    make_user("editor", "eddie")
    make_user("reviewer", "gone")
    _user(session, "gone").is_active = False
    session.commit()
    page = admin.get("/admin/users").get_data(as_text=True)
    for name in ("ada", "eddie", "gone"):
        assert f"/admin/users/{_user(session, name).id}" in page
    assert "editor" in page and "deactivated" in page and "<time datetime=" in page


def test_admin_creates_a_user_with_a_typed_password(admin, session):
    response = _create(admin, role="editor", password=NEW_PASSWORD, confirm=NEW_PASSWORD)
    assert response.status_code == 302
    nora = _user(session, "nora")
    assert nora.role == "editor" and nora.is_active
    assert authenticate(session, "nora", NEW_PASSWORD, "127.0.0.1").id == nora.id


def test_two_different_passwords_create_nobody(admin, session):
    response = _create(admin, password=NEW_PASSWORD, confirm=NEW_PASSWORD + "x")
    assert response.status_code == 400
    assert "The two passwords differ." in response.get_data(as_text=True)
    assert _user(session, "nora") is None


def test_a_short_password_or_taken_name_is_refused_with_the_reason(admin, session, make_user):
    short = _create(admin, password="short", confirm="short")
    assert short.status_code == 400 and "at least 10 characters" in short.get_data(as_text=True)
    assert _user(session, "nora") is None
    make_user("reviewer", "taken")
    taken = _create(admin, username="taken", password=NEW_PASSWORD, confirm=NEW_PASSWORD)
    assert taken.status_code == 400
    assert "already a user called taken" in taken.get_data(as_text=True)


def test_a_generated_password_is_shown_once_and_works(admin, session):
    response = _create(admin, generate="y")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    password = re.search(r'id="generated-password">([^<]+)<', page).group(1)
    assert len(password) >= 10
    nora = _user(session, "nora")
    assert authenticate(session, "nora", password, "127.0.0.1").id == nora.id
    assert nora.password_hash != password
    assert password not in admin.get(f"/admin/users/{nora.id}").get_data(as_text=True)
    assert password not in admin.get("/admin/users").get_data(as_text=True)


def test_admin_deactivates_and_activates_a_user(admin, make_user, session):
    rita = make_user("reviewer", "rita")
    response = admin.post(f"/admin/users/{rita.id}/deactivate", data={"csrf_token": token(admin)})
    assert response.status_code == 302
    assert not _user(session, "rita").is_active
    with pytest.raises(LoginRefused):
        authenticate(session, "rita", PASSWORD, "127.0.0.1")
    admin.post(f"/admin/users/{rita.id}/activate", data={"csrf_token": token(admin)})
    assert _user(session, "rita").is_active


def test_admin_cannot_deactivate_or_demote_themselves(admin, session):
    me = admin.user.id
    response = admin.post(
        f"/admin/users/{me}/deactivate", data={"csrf_token": token(admin)}, follow_redirects=True
    )
    assert "cannot deactivate your own account" in response.get_data(as_text=True)
    response = admin.post(
        f"/admin/users/{me}/role",
        data={"role": "reviewer", "csrf_token": token(admin)},
        follow_redirects=True,
    )
    assert "cannot take away your own admin role" in response.get_data(as_text=True)
    ada = _user(session, "ada")
    assert ada.is_active and ada.role == "admin"


def test_admin_changes_a_role(admin, make_user, session):
    rita = make_user("reviewer", "rita")
    response = admin.post(
        f"/admin/users/{rita.id}/role",
        data={"role": "editor", "csrf_token": token(admin)},
        follow_redirects=True,
    )
    assert "rita is now editor." in response.get_data(as_text=True)
    assert _user(session, "rita").role == "editor"
    bad = admin.post(
        f"/admin/users/{rita.id}/role", data={"role": "owner", "csrf_token": token(admin)}
    )
    assert bad.status_code == 400 and _user(session, "rita").role == "editor"


def test_admin_resets_a_password_typed_or_generated(admin, make_user, session):
    rita = make_user("reviewer", "rita")
    url = f"/admin/users/{rita.id}/password"
    differ = admin.post(
        url, data={"password": NEW_PASSWORD, "confirm": "other", "csrf_token": token(admin)}
    )
    assert differ.status_code == 400
    assert authenticate(session, "rita", PASSWORD, "127.0.0.1")
    admin.post(
        url, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "csrf_token": token(admin)}
    )
    assert authenticate(session, "rita", NEW_PASSWORD, "127.0.0.1")
    page = admin.post(url, data={"generate": "y", "csrf_token": token(admin)})
    generated = re.search(r'id="generated-password">([^<]+)<', page.get_data(as_text=True))
    assert authenticate(session, "rita", generated.group(1), "127.0.0.1")
    with pytest.raises(LoginRefused):
        authenticate(session, "rita", NEW_PASSWORD, "127.0.0.1")


def test_an_unknown_user_is_404(admin):
    assert admin.get("/admin/users/999").status_code == 404
    response = admin.post("/admin/users/999/deactivate", data={"csrf_token": token(admin)})
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["reviewer", "editor"])
def test_reviewers_and_editors_get_403(app, login, make_user, session, role):
    test_client = app.test_client()
    login(test_client, role)
    victim = make_user("reviewer", "victim")
    csrf = token(test_client, "/")
    assert test_client.get("/admin/users").status_code == 403
    assert test_client.get(f"/admin/users/{victim.id}").status_code == 403
    posts = {
        "/admin/users": {"username": "sneaky", "generate": "y"},
        f"/admin/users/{victim.id}/role": {"role": "admin"},
        f"/admin/users/{victim.id}/deactivate": {},
        f"/admin/users/{victim.id}/password": {"generate": "y"},
    }
    for url, data in posts.items():
        assert test_client.post(url, data=data | {"csrf_token": csrf}).status_code == 403, url
    victim_row = _user(session, "victim")
    assert victim_row.role == "reviewer" and victim_row.is_active
    assert _user(session, "sneaky") is None
    assert "/admin/users" not in test_client.get("/").get_data(as_text=True)


def test_in_the_browser_an_admin_adds_a_user_who_logs_in_with_the_shown_password(
    page, sign_in, live_url, shots
):
    sign_in(page, "admin", "ada")
    page.get_by_role("link", name="Users").click()
    page.get_by_label("User name").fill("nora")
    page.get_by_label("Role").select_option("editor")
    page.get_by_label("Generate a password (shown once)").check()
    page.get_by_role("button", name="Add user").click()
    password = page.locator("#generated-password").inner_text()
    page.screenshot(path=shots / "admin-password-1280.png", full_page=True)
    page.get_by_role("link", name="All users").click()
    assert password not in page.content()
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=shots / "admin-users-390.png", full_page=True)
    page.get_by_role("button", name="Log out").click()
    page.get_by_label("User name").fill("nora")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_url}/")
    assert page.locator(".who").inner_text() == "nora (editor)"
    assert page.get_by_role("link", name="Users").count() == 0
