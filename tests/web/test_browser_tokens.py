"""API tokens in a real browser: create one through the form, read it once, use it,
revoke it; the page on a desktop and on a phone."""

from __future__ import annotations

import requests


def test_a_reviewer_creates_uses_and_revokes_a_token(live_url, page, sign_in, shots):
    sign_in(page, "reviewer", "rita")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("What is it for?").fill("Newsroom CMS")
    page.get_by_role("button", name="Create token").click()
    secret = page.locator("#token-secret").inner_text()
    assert secret.startswith("wbt_")
    page.screenshot(path=shots / "tokens-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=shots / "tokens-390.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px phone"

    api = f"{live_url}/api/v1/articles"
    headers = {"Authorization": f"Bearer {secret}"}
    assert requests.get(api, headers=headers, timeout=10).status_code == 200

    page.goto(f"{live_url}/tokens")
    assert page.locator("#token-secret").count() == 0
    page.get_by_role("button", name="Revoke Newsroom CMS").click()
    assert page.get_by_text("✗ revoked").is_visible()
    assert requests.get(api, headers=headers, timeout=10).status_code == 401
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=shots / "tokens-revoked-1280.png", full_page=True)
