"""Reviewing an article in a real browser: keys, verdicts without reloads, a stale
second tab, and the phone layout (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import re

import pytest
from review_world import make_reviewed, make_triaged
from sqlalchemy import func, select

from workbench.models import Claim, ClaimSource, ReviewEvent, Snapshot, Source, utcnow


@pytest.fixture
def reviewed(session, httpserver, allow, make_article):
    return make_reviewed(session, httpserver, allow, make_article)


def _status(page, claim_id):
    return page.locator(f".body .claim[data-claim='{claim_id}']").get_attribute("data-status")


def _wait_status(page, claim_id, status):
    page.wait_for_selector(f".body .claim[data-claim='{claim_id}'][data-status='{status}']")


def test_reviewer_walks_and_decides_claims_by_keyboard(
    app, live_url, page, sign_in, reviewed, session, shots
):
    article_id, (first, second, third) = reviewed
    sign_in(page, username="rita")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_url}/articles/{article_id}")
    page.evaluate("window.loadedOnce = true")
    panel = page.locator("#panel")
    assert "Claim 1 of 3" in panel.inner_text()
    assert page.locator(".claim[aria-current=true]").get_attribute("data-claim") == str(first)
    page.screenshot(path=str(shots / "review-1280.png"), full_page=True)

    page.keyboard.press("j")
    page.wait_for_selector(f".panel-inner[data-claim='{second}']")
    assert page.url.endswith(f"?claim={second}")
    page.keyboard.press("k")
    page.wait_for_selector(f".panel-inner[data-claim='{first}']")

    page.keyboard.press("v")
    _wait_status(page, first, "verified")
    assert "verified" in panel.locator(".panel-title").inner_text()
    assert "50 Millionen Euro" in panel.locator(".pinned").inner_text()
    assert re.search(r"rita\s+○ pending → ✓ verified", panel.locator(".history").inner_text())

    page.keyboard.press("j")
    page.wait_for_selector(f".panel-inner[data-claim='{second}']")
    page.keyboard.press("d")
    assert page.evaluate("document.activeElement.id") == "note"
    page.keyboard.type("Das Ministerium nennt 5.000 Euro, nicht 8.000.")
    page.keyboard.press("Control+Enter")
    _wait_status(page, second, "disputed")
    assert "nicht 8.000" in panel.locator(".facts").inner_text()

    page.keyboard.press("j")
    page.wait_for_selector(f".panel-inner[data-claim='{third}']")
    page.keyboard.press("u")
    assert page.evaluate("document.activeElement.id") == "reason"
    page.select_option("#reason", "no_passage")
    page.keyboard.press("Control+Enter")
    _wait_status(page, third, "unsupported")
    assert "No passage in the sources says this" in panel.locator(".facts").inner_text()

    legend = page.locator(".legend").inner_text()
    assert re.search(r"verified\s*1", legend) and re.search(r"pending\s*0", legend)
    assert page.evaluate("window.loadedOnce") is True, "no full reload"

    page.keyboard.press("?")
    assert page.locator("dialog#keys").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("dialog#keys").is_visible()
    page.screenshot(path=str(shots / "review-decided-1280.png"), full_page=True)

    session.expire_all()
    statuses = session.scalars(select(Claim.status).order_by(Claim.position)).all()
    assert statuses == ["verified", "disputed", "unsupported"]


def test_a_stale_tab_gets_the_conflict_and_nothing_is_lost(
    live_url, page, sign_in, reviewed, session, shots
):
    article_id, (first, *_) = reviewed
    sign_in(page, username="rita")
    page.goto(f"{live_url}/articles/{article_id}?claim={first}")

    other_context = page.context.browser.new_context()
    other = other_context.new_page()
    sign_in(other, username="otto")
    other.goto(f"{live_url}/articles/{article_id}?claim={first}")
    other.keyboard.press("n")
    other.keyboard.type("Telefonisch beim Ministerium bestätigt.")
    other.keyboard.press("Escape")

    page.keyboard.press("d")
    page.keyboard.type("Die Summe stimmt nicht.")
    page.keyboard.press("Control+Enter")
    _wait_status(page, first, "disputed")

    other.keyboard.press("v")
    message = other.locator("[data-message]")
    message.wait_for(state="visible")
    assert "rita changed this claim since you opened it" in message.inner_text()
    assert "now disputed" in message.inner_text()
    _wait_status(other, first, "disputed")
    assert other.locator("#note").input_value() == "Telefonisch beim Ministerium bestätigt."
    other.screenshot(path=str(shots / "review-conflict.png"), full_page=True)
    other_context.close()

    session.expire_all()
    assert session.get(Claim, first).status == "disputed"
    events = session.scalar(
        select(func.count()).select_from(ReviewEvent).where(ReviewEvent.claim_id == first)
    )
    assert events == 1


def test_the_review_page_on_a_phone(live_url, page, sign_in, reviewed, shots):
    article_id, _ = reviewed
    sign_in(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_url}/articles/{article_id}")
    body = page.locator(".article .body").bounding_box()
    panel = page.locator("#panel").bounding_box()
    assert panel["y"] >= body["y"] + body["height"], "the panel comes below the text"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "nothing scrolls sideways"
    page.screenshot(path=str(shots / "review-390.png"), full_page=True)


def test_a_snapshot_opens_at_the_passage_and_a_selection_is_pinned(
    live_url, page, sign_in, reviewed, session, shots
):
    article_id, (first, *_) = reviewed
    sign_in(page)
    page.goto(f"{live_url}/articles/{article_id}?claim={first}")
    page.keyboard.press("o")
    page.wait_for_url(re.compile(r"/snapshots/\d+\?claim=.*#passage$"))
    mark = page.locator("mark#passage")
    assert "Soforthilfe von 50 Millionen Euro" in mark.inner_text()
    page.screenshot(path=str(shots / "snapshot-passage.png"))

    page.evaluate(
        """() => {
            const nodes = [];
            const walker = document.createTreeWalker(
                document.querySelector('.snapshot-text'), NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) { nodes.push(node); }
            const from = nodes.find((n) => n.data.includes('50 Millionen'));
            const to = nodes.find((n) => n.data.includes('Private Haushalte'));
            const range = document.createRange();
            range.setStart(from, from.data.indexOf('50 Millionen'));
            range.setEnd(to, to.data.indexOf('Private Haushalte') + 'Private Haushalte'.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    page.wait_for_function(
        "document.querySelector('[data-selection]').textContent.includes('Private Haushalte')"
    )
    shown = page.locator("[data-selection]").inner_text()
    assert shown == "“50 Millionen Euro an. Private Haushalte”", "the pin buttons are not quoted"
    text = session.scalars(select(Snapshot.text)).one()
    offsets = page.evaluate(
        "['start', 'end'].map((n) => document.querySelector(`#selection-pin [name=${n}]`).value)"
    )
    end = text.index("Private Haushalte") + len("Private Haushalte")
    assert offsets == [str(text.index("50 Millionen")), str(end)]

    words = "Private Haushalte sollen bis zu 5.000 Euro erhalten."
    page.evaluate(
        """(words) => {
            const text = document.querySelector('.snapshot-text');
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + words.length);
                    getSelection().removeAllRanges();
                    getSelection().addRange(range);
                    return;
                }
            }
        }""",
        words,
    )
    form = page.locator("#selection-pin")
    form.wait_for(state="visible")
    assert words in form.inner_text()
    form.get_by_role("button", name="Pin selection: verified").click()
    page.wait_for_url(re.compile(rf"/articles/{article_id}\?claim={first}"))
    assert words in page.locator(".pinned").inner_text()
    assert _status(page, first) == "verified"


def test_the_panel_updates_when_a_running_fetch_is_done(live_url, page, sign_in, reviewed, session):
    article_id, (first, *_) = reviewed
    source = session.get(Source, session.scalar(select(ClaimSource.source_id)))
    source.fetch_requested_at = utcnow()
    session.commit()
    sign_in(page)
    page.goto(f"{live_url}/articles/{article_id}?claim={first}")
    page.evaluate("window.loadedOnce = true")
    busy = page.locator(".panel .busy")
    assert "Fetching a source" in busy.inner_text()
    assert "queued" in page.locator(".panel-sources").inner_text()

    source.fetch_requested_at = None
    session.commit()
    busy.wait_for(state="detached")
    assert "fetched" in page.locator(".panel-sources").inner_text()
    assert page.evaluate("window.loadedOnce") is True, "no full reload"


def test_without_javascript_forms_work_one_claim_at_a_time(
    live_url, page, sign_in, reviewed, session, shots
):
    article_id, (first, second, _) = reviewed
    context = page.context.browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    sign_in(plain)
    plain.goto(f"{live_url}/articles/{article_id}")
    assert not plain.locator("button[data-key='?']").is_visible(), "no keys without a script"
    plain.locator(f".claim[data-claim='{second}'] a").click()
    assert plain.url.endswith(f"?claim={second}#claim-1")
    assert "Claim 2 of 3" in plain.locator("#panel").inner_text()

    plain.get_by_role("textbox", name="Note").fill("Laut Ministerium 5.000 Euro.")
    plain.get_by_role("button", name="Disputed").click()
    assert plain.url.endswith(f"?claim={second}#panel")
    assert "Claim 2: disputed." in plain.locator(".flash").inner_text()
    assert plain.locator(f".claim[data-claim='{second}']").get_attribute("data-status") == (
        "disputed"
    )
    plain.get_by_role("link", name="← Previous").click()
    assert "Claim 1 of 3" in plain.locator("#panel").inner_text()
    plain.screenshot(path=str(shots / "review-no-script.png"), full_page=True)
    context.close()
    session.expire_all()
    assert session.get(Claim, second).note == "Laut Ministerium 5.000 Euro."
    assert session.get(Claim, first).status == "pending"


def test_j_walks_check_first_claims_first_and_the_legend_counts_them(
    live_url, page, sign_in, make_article, session, shots
):
    article_id, (plain, question, figure, attributed) = make_triaged(session, make_article)
    sign_in(page, username="rita")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_url}/articles/{article_id}")
    page.select_option("select[name=order]", "triage")
    page.click(".walk button[type=submit]")
    page.wait_for_selector(f".panel-inner[data-claim='{attributed}']")
    legend = page.locator("[data-count=check_first_pending] strong")
    assert legend.inner_text() == "2"
    assert page.locator(".body .claim[data-triage=check_first]").count() == 2
    assert "check first: has a figure, a date" in page.locator(".facts").inner_text()
    page.screenshot(path=str(shots / "review-triage-1280.png"), full_page=True)

    page.keyboard.press("u")
    page.select_option("#reason", "no_source")
    page.keyboard.press("Control+Enter")
    _wait_status(page, attributed, "unsupported")
    assert legend.inner_text() == "1", "the count follows the verdict without a reload"
    for expected in (figure, plain, question):
        page.keyboard.press("j")
        page.wait_for_selector(f".panel-inner[data-claim='{expected}']")

    page.goto(f"{live_url}/articles/{article_id}?claim={figure}")
    assert page.locator(".claim-nav").inner_text().startswith("← Previous"), "the walk stays"
    assert "Claim 2 of 4" in page.locator(".claim-nav").inner_text()
