"""The review page and the changes a reviewer makes to a claim, through forms (no
JavaScript: post and redirect) and as the page's script sends them (JSON)."""

from __future__ import annotations

import re

import pytest
from review_world import make_reviewed
from sqlalchemy import select

from workbench.models import Claim, ClaimSource, Match, ReviewEvent, Snapshot, Source

JSON = {"Accept": "application/json"}


@pytest.fixture
def reviewed(app, session, httpserver, allow, make_article):
    app.config["WTF_CSRF_ENABLED"] = False
    return make_reviewed(session, httpserver, allow, make_article)


def _claim(session, claim_id) -> Claim:
    session.expire_all()
    return session.get(Claim, claim_id)


def _events(session, claim_id) -> list[ReviewEvent]:
    return session.scalars(
        select(ReviewEvent).where(ReviewEvent.claim_id == claim_id).order_by(ReviewEvent.id)
    ).all()


def _best(session, claim_id) -> Match:
    return session.scalars(select(Match).where(Match.claim_id == claim_id, Match.rank == 0)).one()


def _panel(html: str) -> str:
    return re.search(r'<aside class="panel".*?</aside>', html, re.S).group(0)


def test_the_body_shows_each_claim_once_with_its_status_in_words(client, reviewed, session):
    article_id, (first, second, third) = reviewed
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert page.count('class="claim"') == 3
    assert "Claims and evidence" not in page, "claims are not repeated as a second list"
    assert page.count("(claim 1, pending)") == 1
    assert re.search(rf'data-claim="{first}" data-status="pending" aria-current="true"', page)
    assert f'href="/articles/{article_id}?claim={second}#claim-1"' in page
    assert "Claim 1 of 3" in _panel(page)


def test_a_form_verdict_pins_the_chosen_passage_and_redirects_back(client, reviewed, session):
    article_id, (first, *_) = reviewed
    match = _best(session, first)
    response = client.post(
        f"/claims/{first}/verdict",
        data={"status": "verified", "version": "1", "match_id": str(match.id), "note": ""},
    )
    assert response.status_code == 302
    assert response.location == f"/articles/{article_id}?claim={first}#panel"
    claim = _claim(session, first)
    assert (claim.status, claim.version, claim.evidence["match_id"]) == ("verified", 2, match.id)
    [event] = _events(session, first)
    assert (event.from_status, event.to_status, event.user.username) == (
        "pending",
        "verified",
        "rita",
    )

    page = client.get(response.location).get_data(as_text=True)
    assert "Claim 1: verified." in page
    panel = _panel(page)
    assert "rita" in panel and "Pinned evidence" in panel
    assert re.search(r'<blockquote class="evidence pinned"[^>]*>Das Bundesinnenmin', panel)
    assert f"/snapshots/{match.snapshot_id}?claim={first}&amp;pinned=1#passage" in panel
    assert re.search(r'data-claim="\d+" data-status="verified"', page)


def test_the_script_gets_json_with_the_new_panel_status_and_version(client, reviewed, session):
    _, (first, *_) = reviewed
    response = client.post(
        f"/claims/{first}/verdict",
        data={"status": "verified", "version": "1", "match_id": str(_best(session, first).id)},
        headers=JSON,
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["claim"] == {
        "id": first,
        "position": 0,
        "status": "verified",
        "is_claim": True,
        "version": 2,
    }
    assert body["message"] == "Claim 1: verified."
    assert 'data-version="2"' in body["panel"] and "status-verified" in body["panel"]

    panel = client.get(f"/claims/{first}/panel", headers=JSON).get_json()
    assert panel["claim"]["version"] == 2 and panel["busy"] == ""


def test_disputed_needs_a_note_or_a_passage_and_nothing_changes_without(client, reviewed, session):
    _, (_, second, _) = reviewed
    response = client.post(
        f"/claims/{second}/verdict",
        data={"status": "disputed", "version": "1", "match_id": "", "note": "  "},
        headers=JSON,
    )
    assert response.status_code == 400
    assert "Pin the passage that contradicts the claim" in response.get_json()["error"]
    claim = _claim(session, second)
    assert (claim.status, claim.version) == ("pending", 1) and _events(session, second) == []

    response = client.post(
        f"/claims/{second}/verdict",
        data={"status": "disputed", "version": "1", "note": "Das Ministerium nennt 5.000 Euro."},
        headers=JSON,
    )
    assert response.status_code == 200
    claim = _claim(session, second)
    assert (claim.status, claim.note, claim.evidence) == (
        "disputed",
        "Das Ministerium nennt 5.000 Euro.",
        {},
    )


def test_a_refused_form_keeps_the_reviewers_note_on_the_page(client, reviewed, session):
    article_id, (_, second, _) = reviewed
    response = client.post(
        f"/claims/{second}/verdict",
        data={"status": "unsupported", "version": "1", "note": "Nirgends gefunden."},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Say why it is unsupported" in page and "flash-error" in page
    assert ">Nirgends gefunden.</textarea>" in page
    assert _claim(session, second).status == "pending"

    response = client.post(
        f"/claims/{second}/verdict",
        data={"status": "unsupported", "version": "1", "reason": "no_passage"},
    )
    assert response.status_code == 302
    claim = _claim(session, second)
    assert (claim.status, claim.reason) == ("unsupported", "no_passage")
    page = client.get(f"/articles/{article_id}?claim={second}").get_data(as_text=True)
    assert "No passage in the sources says this" in _panel(page)


def test_an_unknown_reason_or_status_is_a_message(client, reviewed, session):
    _, (first, *_) = reviewed
    for data in (
        {"status": "unsupported", "version": "1", "reason": "bored"},
        {"status": "approved", "version": "1"},
        {"status": "verified"},
    ):
        response = client.post(f"/claims/{first}/verdict", data=data, headers=JSON)
        assert response.status_code == 400 and response.get_json()["error"]
    assert _claim(session, first).version == 1 and _events(session, first) == []


def test_a_stale_change_is_refused_with_the_newer_state_and_who_set_it(
    app, client, login, reviewed, session
):
    article_id, (first, *_) = reviewed
    other = app.test_client()
    login(other, "reviewer", "otto")
    assert (
        other.post(
            f"/claims/{first}/verdict", data={"status": "disputed", "version": "1", "note": "Nein."}
        ).status_code
        == 302
    )

    response = client.post(
        f"/claims/{first}/verdict",
        data={"status": "verified", "version": "1", "match_id": str(_best(session, first).id)},
        headers=JSON,
    )
    assert response.status_code == 409
    body = response.get_json()
    assert "otto changed this claim since you opened it" in body["error"]
    assert "now disputed" in body["error"]
    assert body["claim"]["status"] == "disputed" and body["claim"]["version"] == 2
    assert 'data-version="2"' in body["panel"]
    assert [e.to_status for e in _events(session, first)] == ["disputed"]

    response = client.post(
        f"/claims/{first}/verdict",
        data={"status": "verified", "version": "1", "note": "Telefonisch bestätigt."},
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "otto changed this claim since you opened it" in page
    assert ">Telefonisch bestätigt.</textarea>" in page, "the reviewer's note is kept"
    assert "Nein." in _panel(page), "the newer note is shown"
    assert _claim(session, first).status == "disputed" and len(_events(session, first)) == 1


def test_not_a_claim_and_restore(client, reviewed, session):
    article_id, (_, _, third) = reviewed
    response = client.post(f"/claims/{third}/kind", data={"version": "1", "value": "0"})
    assert response.status_code == 302
    assert not _claim(session, third).is_claim
    page = client.get(f"/articles/{article_id}?claim={third}").get_data(as_text=True)
    assert re.search(rf'data-claim="{third}" data-status="not_claim"', page)
    assert "Restore as a claim" in page and 'id="verdict-form"' not in page

    stale = client.post(f"/claims/{third}/kind", data={"version": "1", "value": "1"}, headers=JSON)
    assert stale.status_code == 409
    body = client.post(
        f"/claims/{third}/kind", data={"version": "2", "value": "1"}, headers=JSON
    ).get_json()
    assert body["claim"]["is_claim"] is True and body["claim"]["version"] == 3
    assert [e.action for e in _events(session, third)] == ["not_claim", "is_claim"]


def test_taking_a_claim_names_the_reviewer(client, reviewed, session):
    _, (first, *_) = reviewed
    body = client.post(
        f"/claims/{first}/assign", data={"version": "1", "value": "1"}, headers=JSON
    ).get_json()
    assert re.search(r"<dt>Assigned to</dt>\s*<dd>\s*rita", body["panel"])
    assert "Give it back" in body["panel"]
    assert _claim(session, first).assigned_to.username == "rita"


def test_adding_and_removing_a_claim_source_are_events(
    client, reviewed, session, httpserver, allow
):
    _, (_, _, third) = reviewed
    httpserver.expect_request("/besuch").respond_with_data(
        "<html><body><article><p>Der Bundeskanzler besuchte am Montag die Region an der "
        "Nahe.</p></article></body></html>",
        content_type="text/html; charset=utf-8",
    )
    url = f"{allow(httpserver)}/besuch"
    body = client.post(f"/claims/{third}/sources", data={"url": url}, headers=JSON).get_json()
    assert body["message"] == f"Added {url}; fetch queued."
    assert re.search(r'data-state="fetched"', body["panel"])
    assert "Der Bundeskanzler besuchte am Montag" in body["panel"], "fetched and matched"
    source_id = session.scalar(select(Source.id).where(Source.url == url))

    again = client.post(f"/claims/{third}/sources", data={"url": url}, headers=JSON).get_json()
    assert again["message"] == f"{url} was already a source of this claim."

    response = client.post(f"/claims/{third}/sources/{source_id}/remove")
    assert response.status_code == 302
    assert session.get(ClaimSource, (third, source_id)) is None
    events = _events(session, third)
    assert [(e.action, e.detail) for e in events] == [
        ("source_added", url),
        ("source_removed", url),
    ]
    assert client.post(f"/claims/{third}/sources/{source_id}/remove").status_code == 404


def test_a_page_the_fetch_guard_refuses_shows_why(client, reviewed, session):
    _, (_, _, third) = reviewed
    body = client.post(
        f"/claims/{third}/sources", data={"url": "http://10.1.2.3/intern"}, headers=JSON
    ).get_json()
    assert body["message"] == (
        "Added http://10.1.2.3/intern, but it cannot be fetched: refusing to fetch 10.1.2.3: "
        "it is a private address 10.1.2.3, on the server's own network. Remove it, or upload "
        "or paste the page instead."
    )
    assert re.search(r'data-state="refused"', body["panel"])
    assert "refusing to fetch 10.1.2.3: it is a private address" in body["panel"]

    bad = client.post(f"/claims/{third}/sources", data={"url": "javascript:alert(1)"}, headers=JSON)
    assert bad.status_code == 400 and "https://" in bad.get_json()["error"]


def test_fetching_again_returns_to_the_review_page_and_the_panel_shows_the_fetch(
    app, client, reviewed, session
):
    article_id, (first, *_) = reviewed
    source_id = session.scalar(select(ClaimSource.source_id).where(ClaimSource.claim_id == first))
    app.config["FETCH_ALLOW_HOSTS"] = ""  # the next fetch is refused, which records its reason
    back = f"/articles/{article_id}?claim={first}#panel"
    response = client.post(f"/sources/{source_id}/fetch", data={"next": back})
    assert response.status_code == 302 and response.location == back
    body = client.post(f"/sources/{source_id}/fetch", headers=JSON).get_json()
    assert body == {"message": "Fetch queued; the new snapshot appears when it arrives."}
    outside = client.post(f"/sources/{source_id}/fetch", data={"next": "https://evil.example/"})
    assert outside.location == "/", "next only leads within the site"


def test_a_queued_fetch_makes_the_panel_busy_until_it_is_done(client, reviewed, session):
    _, (first, *_) = reviewed
    source = session.get(Source, session.scalar(select(ClaimSource.source_id)))
    from workbench.models import utcnow

    source.fetch_requested_at = utcnow()
    session.commit()
    body = client.get(f"/claims/{first}/panel", headers=JSON).get_json()
    assert body["busy"] == "fetching" and "Fetching a source" in body["panel"]
    assert 'data-busy="fetching"' in body["panel"]
    source.fetch_requested_at = None
    session.commit()
    assert client.get(f"/claims/{first}/panel", headers=JSON).get_json()["busy"] == ""


def test_a_selection_in_the_snapshot_is_pinned(client, reviewed, session):
    article_id, (_, second, _) = reviewed
    snapshot = session.scalars(select(Snapshot)).one()
    start = snapshot.text.index("Private Haushalte")
    end = snapshot.text.index("erhalten.", start) + len("erhalten.")
    page = client.get(f"/snapshots/{snapshot.id}?claim={second}").get_data(as_text=True)
    assert 'id="selection-pin"' in page and f'name="snapshot_id" value="{snapshot.id}"' in page
    response = client.post(
        f"/claims/{second}/verdict",
        data={
            "status": "disputed",
            "version": "1",
            "snapshot_id": str(snapshot.id),
            "start": str(start),
            "end": str(end),
        },
    )
    assert response.location == f"/articles/{article_id}?claim={second}#panel"
    claim = _claim(session, second)
    assert claim.evidence["passage"] == "Private Haushalte sollen bis zu 5.000 Euro erhalten."

    page = client.get(f"/snapshots/{snapshot.id}?claim={second}&pinned=1").get_data(as_text=True)
    marked = re.search(r'<mark id="passage">(.*?)</mark>', page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", marked) == claim.evidence["passage"]

    empty = client.post(
        f"/claims/{second}/verdict",
        data={"status": "verified", "version": "2", "snapshot_id": str(snapshot.id), "start": "3"},
        headers=JSON,
    )
    assert empty.status_code == 400 and "Select the passage" in empty.get_json()["error"]


def test_hostile_text_is_escaped_everywhere_on_the_page(client, session, make_article):
    hostile = '<img src=x onerror="alert(1)">'
    result = make_article(f"Titel\n\nDer Minister sagte {hostile} am Montag nichts.")
    claim_id = session.scalar(select(Claim.id).where(Claim.article_id == result.article_id))
    client.application.config["WTF_CSRF_ENABLED"] = False
    body = client.post(
        f"/claims/{claim_id}/verdict",
        data={"status": "verified", "version": "1", "note": f"Laut Anruf {hostile}"},
        headers=JSON,
    ).get_json()
    assert hostile not in body["panel"] and "&lt;img src=x onerror=" in body["panel"]
    page = client.get(f"/articles/{result.article_id}").get_data(as_text=True)
    assert hostile not in page
    assert page.count("&lt;img src=x onerror=&#34;alert(1)&#34;&gt;") >= 3


def test_unknown_claims_are_404(client, reviewed):
    article_id, _ = reviewed
    assert client.get("/claims/999/panel", headers=JSON).status_code == 404
    assert (
        client.post("/claims/999/verdict", data={"status": "pending", "version": "1"}).status_code
        == 404
    )
    assert client.get(f"/articles/{article_id}?claim=999").status_code == 404


def test_the_script_sends_the_token_as_a_header(
    app, client, session, httpserver, allow, make_article
):
    article_id, (first, *_) = make_reviewed(session, httpserver, allow, make_article)
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    data = {"status": "unsupported", "version": "1", "reason": "no_source"}
    refused = client.post(f"/claims/{first}/verdict", data=data, headers=JSON)
    assert refused.status_code == 400 and _claim(session, first).status == "pending"
    accepted = client.post(
        f"/claims/{first}/verdict", data=data, headers={**JSON, "X-CSRFToken": token}
    )
    assert accepted.status_code == 200 and _claim(session, first).status == "unsupported"


def test_a_snapshot_pasted_from_the_panel_leads_back_to_the_claim(client, reviewed, session):
    article_id, (_, _, third) = reviewed
    source_id = session.scalar(select(ClaimSource.source_id))
    back = f"/articles/{article_id}?claim={third}"
    page = client.get(f"/sources/{source_id}?next={back}").get_data(as_text=True)
    assert f'<input type="hidden" name="next" value="{back}#panel">' in page.replace("&amp;", "&")
    response = client.post(
        f"/sources/{source_id}/paste",
        data={"text": "Der Bundeskanzler besuchte am Montag die Region.", "next": back},
    )
    assert response.status_code == 302 and response.location == back
    panel = _panel(client.get(back).get_data(as_text=True))
    assert "Der Bundeskanzler besuchte am Montag die Region." in panel


def test_the_panel_says_who_decided_and_who_changed_last(client, reviewed, session):
    article_id, (first, *_) = reviewed
    client.post(
        f"/claims/{first}/verdict", data={"status": "disputed", "version": "1", "note": "x"}
    )
    client.post(f"/claims/{first}/assign", data={"version": "2", "value": "1"})
    panel = _panel(client.get(f"/articles/{article_id}?claim={first}").get_data(as_text=True))
    assert re.search(r"<dt>Decided by</dt><dd>rita, <time", panel)
    assert re.search(
        r"<dt>Last change</dt><dd>rita, <time[^>]*>[^<]*</time> <small>\(version 3", panel
    )
