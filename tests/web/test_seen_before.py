"""Seen before in the review panel, and reusing a verdict from it: as the page's script
asks (JSON) and as a plain link and form (no JavaScript)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from workbench.models import Claim, Match
from workbench.services import review
from workbench.services.importing import import_article
from workbench.services.review import Verdict
from workbench.services.snapshots import add_text

JSON = {"Accept": "application/json"}
# What the API and the CLI say of each claim seen before (one shape, SeenBefore.brief).
BRIEF_FIELDS = {"claim_id", "article_id", "article_title", "status", "similarity", "decided_at"}
SAME = "Das Innenministerium kündigte eine Soforthilfe von 50 Millionen Euro an."
REWORDED = "Eine Soforthilfe in Höhe von 50 Millionen Euro hat das Innenministerium angekündigt."
BRIDGE = "Die Brücke über den Kanal bleibt bis zum Sommer für Lastwagen gesperrt."
SCHOOL = "Die Gesamtschule am Stadtpark erhält im Herbst eine neue Turnhalle."
MARKET = "Der Wochenmarkt zieht im kommenden Jahr auf den Rathausplatz."


def _claim(session, article_id, text) -> Claim:
    return session.scalars(
        select(Claim).where(Claim.article_id == article_id, Claim.text == text)
    ).one()


@pytest.fixture
def world(app, session, make_user, evidence_article):
    """The evidence article's claim verified by rita with its passage pinned; the same
    claim disputed with a note in a second article and pending in a third; a fourth
    article rewords it. Returns the ids (and the claim) the tests look at."""
    app.config["WTF_CSRF_ENABLED"] = False
    _, (supported, *_), url = evidence_article
    match = session.scalars(select(Match).where(Match.claim_id == supported, Match.rank == 0)).one()
    rita = make_user(username="rita_s")
    review.decide(session, supported, Verdict("verified", match_id=match.id), version=1, user=rita)
    disputed = import_article(session, f"Streit um Hilfen\n\n{SAME} {SCHOOL}\n").article_id
    review.decide(
        session,
        _claim(session, disputed, SAME).id,
        Verdict("disputed", note="Das Ministerium nennt eine andere Summe."),
        version=1,
        user=make_user(username="omar"),
    )
    pending = import_article(session, f"Markt und Hilfen\n\n{SAME} {MARKET}\n").article_id
    later = import_article(session, f"Geld für Flutopfer\n\n{REWORDED} {BRIDGE}\n").article_id
    return {
        "verified": supported,
        "disputed": _claim(session, disputed, SAME).id,
        "pending": _claim(session, pending, SAME).id,
        "later_article": later,
        "later": _claim(session, later, REWORDED),
        "url": url,
    }


def _section(html: str) -> str:
    return re.search(r'<section class="panel-section seen-before".*?</section>', html, re.S).group(
        0
    )


def test_the_panel_shows_the_claim_seen_before_with_each_verdict(client, world):
    page = client.get(f"/articles/{world['later_article']}?claim={world['later'].id}")
    section = _section(page.get_data(as_text=True))
    assert "Seen in 3 other articles: verified once, disputed once, 1 pending." in section
    assert f'?claim={world["verified"]}#panel">Hilfen nach dem Hochwasser</a>' in section
    assert "rita_s" in section and "<time datetime=" in section
    assert "Das Ministerium nennt eine andere Summe." in section
    assert "“Das Innenministerium kündigte am Montag" in section, "the pinned passage, quoted"
    # Both decided claims can be reused; the pending one cannot. r takes the closest.
    assert section.count("data-reuse=") == 2
    assert f'data-reuse="{world["pending"]}"' not in section
    assert section.count('data-key="r"') == 1


def test_a_claim_nobody_said_elsewhere_has_no_section(client, world):
    claim = world["later"]
    bridge = client.get(f"/claims/{claim.id + 1}/panel", headers=JSON).get_json()
    assert "Seen before" not in bridge["panel"]


def test_reuse_fills_the_form_for_the_script_and_saves_nothing(client, session, world):
    claim = world["later"]
    response = client.get(f"/claims/{claim.id}/reuse/{world['verified']}", headers=JSON)
    assert response.status_code == 200
    data = response.get_json()
    assert data["message"].startswith("Proposed: verified")
    panel = data["panel"]
    assert re.search(r'name="snapshot_id" value="\d+" id="pin-reused" checked', panel)
    assert f'name="reused_from" value="{world["verified"]}"' in panel
    assert "Reused from claim 1 of &#39;Hilfen nach dem Hochwasser&#39;" in panel
    assert 'class="btn-verified is-proposed"' in panel
    session.expire_all()
    assert session.get(Claim, claim.id).status == "pending"


def test_reuse_without_script_shows_the_page_and_the_form_saves_it(client, session, world):
    claim = world["later"]
    page = client.get(f"/claims/{claim.id}/reuse/{world['verified']}").get_data(as_text=True)
    assert "Proposed: verified" in page and 'id="pin-reused" checked' in page
    fields = dict(
        re.findall(r'<input type="(?:hidden|checkbox)" name="(\w+)" value="([^"]*)"', page)
    )
    note = re.search(r'<textarea id="note"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    fields.update(status="verified", note=note.replace("&#39;", "'"), match_id="")
    fields.pop("value", None)
    assert client.post(f"/claims/{claim.id}/verdict", data=fields).status_code == 302
    session.expire_all()
    saved = session.get(Claim, claim.id)
    assert saved.status == "verified"
    assert saved.evidence["source_url"] == world["url"]
    assert saved.note.startswith("Reused from claim 1 of 'Hilfen nach dem Hochwasser'")


def test_reuse_refuses_a_passage_gone_from_the_latest_snapshot(client, app, session, world):
    verified = session.get(Claim, world["verified"])
    add_text(session, verified.evidence["source_id"], "Seite nicht mehr verfügbar.\n", app.config)
    claim = world["later"]
    response = client.get(f"/claims/{claim.id}/reuse/{world['verified']}", headers=JSON)
    assert response.status_code == 409
    assert "no longer in the latest snapshot" in response.get_json()["error"]
    assert 'id="pin-reused"' not in response.get_json()["panel"]


def test_a_pending_claim_is_not_reused(client, world):
    claim = world["later"]
    response = client.get(f"/claims/{claim.id}/reuse/{world['pending']}", headers=JSON)
    assert response.status_code == 400
    assert "no verdict to reuse" in response.get_json()["error"]


def test_the_api_gives_one_claim_with_what_was_seen_before(app, make_user, world):
    from api_client import api_client

    api = api_client(app, make_user, "reviewer")
    claim = api.get(f"/claims/{world['later'].id}").get_json()["claim"]
    seen = {s["claim_id"]: s for s in claim["seen_before"]}
    assert set(seen) == {world["verified"], world["disputed"], world["pending"]}
    assert seen[world["verified"]]["article_title"] == "Hilfen nach dem Hochwasser"
    assert seen[world["verified"]]["status"] == "verified"
    assert seen[world["verified"]]["decided_at"].endswith("Z")
    assert seen[world["pending"]]["decided_at"] is None
    assert all(s["similarity"] >= 60 for s in seen.values())
    assert set(seen[world["disputed"]]) == BRIEF_FIELDS
    # A verdict answers with the claim as it is now, seen before included.
    changed = api.patch(
        f"/claims/{world['later'].id}", json={"version": 1, "status": "verified", "note": "x"}
    ).get_json()["claim"]
    assert len(changed["seen_before"]) == 3
    article = api.get(f"/articles/{world['later_article']}").get_json()["article"]
    assert "seen_before" not in article["claims"][0], "not looked up for every claim"
    assert api.get("/claims/999999").status_code == 404


def test_the_cli_lists_each_claims_seen_before(runner, world):
    import json

    result = runner.invoke(args=["claims", str(world["later_article"]), "--json"])
    assert result.exit_code == 0, result.output
    later, bridge = json.loads(result.output)
    assert {s["claim_id"]: s["status"] for s in later["seen_before"]} == {
        world["verified"]: "verified",
        world["disputed"]: "disputed",
        world["pending"]: "pending",
    }
    assert set(later["seen_before"][0]) == BRIEF_FIELDS
    assert bridge["seen_before"] == []


def test_a_refused_reuse_without_script_goes_back_to_the_claim_saying_why(client, world):
    claim = world["later"]
    response = client.get(f"/claims/{claim.id}/reuse/{world['pending']}")
    assert response.status_code == 302 and f"claim={claim.id}#panel" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "no verdict to reuse" in page and 'id="pin-reused"' not in page


def test_pressing_r_fills_the_form_and_ctrl_enter_saves_it(
    live_url, page, sign_in, session, world, shots
):
    claim = world["later"]
    sign_in(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_url}/articles/{world['later_article']}?claim={claim.id}")
    section = page.locator(".seen-before")
    assert "Seen in 3 other articles" in section.inner_text()
    section.screenshot(path=str(shots / "seen-before-1280.png"))

    page.keyboard.press("r")
    page.wait_for_selector("#pin-reused:checked")
    assert page.locator("#note").input_value().startswith("Reused from claim 1 of")
    assert page.locator("button.btn-verified.is-armed").count() == 1
    assert "Proposed: verified" in page.locator("[data-message]").inner_text()
    session.expire_all()
    assert session.get(Claim, claim.id).status == "pending", "proposed, not applied"
    page.screenshot(path=str(shots / "reused-1280.png"), full_page=True)

    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f".body .claim[data-claim='{claim.id}'][data-status='verified']")
    assert "50 Millionen Euro" in page.locator("#panel .pinned").inner_text()

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.locator(".seen-before").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "seen-before-390.png"), full_page=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_url}/claims/repeated")
        assert "In 4 articles" in page.locator(".repeated").inner_text()
        page.screenshot(path=str(shots / f"repeated-{width}.png"), full_page=True)
