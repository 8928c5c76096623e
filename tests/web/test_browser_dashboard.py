"""An editor in a real browser: import through the import page, watch the dashboard's
counts follow the verdicts, get refused a sign-off while claims are pending, sign off
when none is, and read the dashboard on a phone."""

from __future__ import annotations

import re

from sqlalchemy import select

from workbench.models import Claim
from workbench.services.review import Verdict, decide

TITLE = "Hochwasser an der Nahe"


def _decide(session, article_id, user, how_many=None):
    session.expire_all()
    claims = session.scalars(
        select(Claim)
        .where(Claim.article_id == article_id, Claim.status == "pending")
        .order_by(Claim.position)
    ).all()
    for claim in claims[:how_many]:
        decide(
            session,
            claim.id,
            Verdict("verified", note="Confirmed with the district office."),
            version=claim.version,
            user=user,
        )


def _row(page):
    return page.locator("tr.dash-row", has_text=TITLE)


def test_editor_imports_follows_the_counts_and_signs_off(
    live_url, page, sign_in, session, demo_text, shots
):
    editor = sign_in(page, "editor")
    assert "No articles yet." in page.locator("main").inner_text()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    page.get_by_label("Paste the article").fill(demo_text)
    page.screenshot(path=str(shots / "import-1280.png"), full_page=True)
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    article_id = int(page.url.rsplit("/", 1)[1])
    assert "Imported with 18 claims and 3 sources." in page.locator(".flash").inner_text()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Articles").click()
    row = _row(page)
    assert "18 pending" in row.inner_text() and "unchecked" in row.inner_text()
    assert row.get_by_role("button", name="Sign off as checked").count() == 0

    _decide(session, article_id, editor, how_many=1)
    page.reload()
    row = _row(page)
    assert "1 verified" in row.inner_text() and "17 pending" in row.inner_text()
    assert "in progress" in row.inner_text() and editor.username in row.inner_text()
    label = row.get_by_role("img").get_attribute("aria-label")
    assert label == "1 of 18 decided: 1 verified, 0 disputed, 0 unsupported, 17 pending"

    row.get_by_role("link", name="activity").click()
    assert "verdict pending → verified" in page.locator(".dash-events").inner_text()
    page.get_by_role("button", name="Sign off as checked").click()
    refusal = page.locator(".flash-error")
    assert refusal.inner_text() == (
        "17 claims are still pending; decide every claim before signing the article off."
    )
    page.screenshot(path=str(shots / "activity-refused-1280.png"), full_page=True)

    _decide(session, article_id, editor)
    page.goto(f"{live_url}/")
    row = _row(page)
    assert "18 verified" in row.inner_text() and "ready to sign off" in row.inner_text()
    row.get_by_role("button", name="Sign off as checked").click()
    assert page.locator(".flash").first.inner_text() == "Signed off as checked."
    assert "checked" in _row(page).inner_text() and f"by {editor.username}" in (
        _row(page).inner_text()
    )
    page.screenshot(path=str(shots / "dashboard-1280.png"), full_page=True)


def test_dashboard_on_a_phone(live_url, page, sign_in, make_article, demo_text, shots):
    make_article(
        demo_text.replace(TITLE, "Hochwasserschutzmaßnahmenfinanzierungsgesetz an der Nahe")
    )
    sign_in(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_url}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
    assert not page.locator("table.dash-table thead").is_visible() or (
        page.locator("table.dash-table thead").bounding_box()["height"] <= 1
    )
    card = page.locator("tr.dash-row").first.bounding_box()
    assert card["x"] >= 0 and card["x"] + card["width"] <= 390
    title = page.locator(".dash-title").first.bounding_box()
    assert title["x"] + title["width"] <= 390, "a long German title wraps"
    assert page.locator("td[data-label=Claims]").first.is_visible()

    page.get_by_label("Search titles and text").focus()
    outline = page.get_by_label("Search titles and text").evaluate(
        "el => getComputedStyle(el).outlineStyle"
    )
    assert outline != "none", "the focused field is visibly marked"
    page.screenshot(path=str(shots / "dashboard-390.png"), full_page=True)

    page.get_by_role("link", name="Import an article").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(shots / "import-390.png"), full_page=True)
