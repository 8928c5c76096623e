"""Stored XSS in a real browser: Debian's Chromium loads the review page of an article
whose every text is a payload, walks its claims (the panel is swapped in by the page's
script) and opens the dashboard and a snapshot; no payload runs, no dialog opens, no
injected element exists and the policy had nothing to block."""

from __future__ import annotations

import pytest
from api_client import api_client
from security import xss_world
from security.inert import shown

pytestmark = pytest.mark.security

# Set before any of the page's scripts: a payload that runs records itself here.
TRAP = "window.xss = (field) => { (window.ran = window.ran || []).push(String(field)); };"
INJECTED = """() => [...document.querySelectorAll('*')].filter(e =>
    ['IMG', 'IFRAME', 'OBJECT', 'EMBED'].includes(e.tagName)
    || (e.tagName === 'SCRIPT' && !e.src)
    || [...e.attributes].some(a => a.name.startsWith('on')
        || /^\\s*javascript:/i.test(a.value) && ['href', 'src', 'action'].includes(a.name))
).map(e => e.outerHTML.slice(0, 80))"""


def test_no_payload_runs_on_the_review_page(
    app, attack, httpserver, allow, make_user, live_url, page, sign_in
):
    world = xss_world.build(app, httpserver, allow, api_client(app, make_user, "reviewer", "rita"))
    dialogs, errors, blocked = [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(TRAP)
    sign_in(page)
    first = world.claim_ids[0]
    visits = [
        ("review page", f"/articles/{world.article_id}?claim={first}", ("claim", "note", "page")),
        ("dashboard", "/", ("title",)),
        (
            "snapshot",
            f"/snapshots/{world.snapshot_id}?claim={first}&match={world.match_id}",
            ("page",),
        ),
        ("activity", f"/articles/{world.article_id}/activity", ("note", "user")),
    ]
    for where, path, fields in visits:
        with attack("xss-browser", where):
            for seen in (dialogs, errors, blocked):
                seen.clear()
            page.goto(f"{live_url}{path}")
            page.wait_for_load_state("networkidle")
            text = page.locator("body").inner_text()
            assert all(shown(field) in text for field in fields), "the payloads are shown as text"
            if where == "review page":
                # Walk to the next claims: the script swaps each panel in as HTML.
                for claim_id in world.claim_ids[1:3]:
                    page.keyboard.press("j")
                    page.wait_for_selector(f".panel-inner[data-claim='{claim_id}']")
                    panel = page.locator("#panel").inner_text()
                    assert shown("claim") in panel and shown("user") in panel
            assert page.evaluate("window.ran || []") == [], "a payload ran"
            assert page.evaluate(INJECTED) == [], "an injected element exists"
            assert dialogs == [] and errors == [], (dialogs, errors)
            assert blocked == [], f"the policy blocked something injected: {blocked[:2]}"
