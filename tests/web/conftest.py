"""Browser fixtures: the app served on 127.0.0.1 and a page in Debian's Chromium."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from helpers import CHROMIUM, CHROMIUM_ARGS
from werkzeug.serving import make_server


@pytest.fixture
def live_url(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def page():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        yield context.new_page()
        context.close()
        browser.close()


@pytest.fixture
def sign_in(make_user, live_url):
    """Log a browser page in through the login form as a new user of ``role``."""
    from conftest import PASSWORD

    def sign(browser_page, role: str = "reviewer", username: str | None = None):
        user = make_user(role, username)
        browser_page.goto(f"{live_url}/login")
        browser_page.get_by_label("User name").fill(user.username)
        browser_page.get_by_label("Password").fill(PASSWORD)
        browser_page.get_by_role("button", name="Log in").click()
        browser_page.wait_for_url(lambda url: "/login" not in url)
        return user

    return sign


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture
def shots(request) -> Path:
    """Where a browser test saves its screenshots: test-artifacts/screenshots/<test>/,
    kept after the run (and git-ignored) so a person can look at them."""
    folder = ARTIFACTS / request.node.name.replace("[", "-").replace("]", "")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
