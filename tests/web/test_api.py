"""The REST API: every route and every error, against the real app and database, with
tokens made by the token service."""

from __future__ import annotations

import re

import pytest
from api_client import api_client
from sqlalchemy import select

from workbench.extensions import db
from workbench.models import Article, ClaimSource, ReviewEvent
from workbench.services.tokens import revoke_token
from workbench.services.users import set_active, set_role


@pytest.fixture
def api(app, make_user):
    return api_client(app, make_user, "reviewer", "rita")


@pytest.fixture
def as_role(app, make_user):
    return lambda role: api_client(app, make_user, role)


def _error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]
    return body["error"]["message"]


def _import(api, text: str, **fields) -> dict:
    response = api.post("/articles", json={"text": text, **fields})
    assert response.status_code in (200, 201), response.get_json()
    return response.get_json()["article"]


# --- the OpenAPI document -------------------------------------------------------------


def _api_rules(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        found |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    return found


def test_the_openapi_document_is_public_and_names_exactly_the_routes(app, anonymous):
    response = anonymous.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    documented = {(path, method) for path, ops in document["paths"].items() for method in ops}
    assert documented == _api_rules(app)
    assert document["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": document["components"]["securitySchemes"]["bearer"]["description"],
    }
    assert document["security"] == [{"bearer": []}]
    assert document["servers"][0]["url"].endswith("/api/v1")


def test_every_documented_operation_has_its_errors_and_a_success(app, anonymous):
    document = anonymous.get("/api/v1/openapi.json").get_json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert codes & {"200", "201", "202"}, (path, method)
            if path != "/openapi.json":
                assert "401" in codes, (path, method)
            if "requestBody" in operation:
                assert {"413", "415", "422"} <= codes, (path, method)


# --- authentication ------------------------------------------------------------------


@pytest.mark.security
@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer ", "Basic cml0YTpwdw==", "Bearer wbt_not-a-token", "Token abc"],
)
def test_no_or_an_unknown_token_is_401_json_and_never_a_redirect(app, anonymous, header):
    headers = {"Authorization": header} if header is not None else {}
    for method, path in (("GET", "/api/v1/articles"), ("POST", "/api/v1/articles")):
        response = anonymous.open(path, method=method, headers=headers, json={"text": "x"})
        _error(response, 401, "unauthorized")
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert "Set-Cookie" not in response.headers


def test_a_session_cookie_is_not_a_token(client):
    """A logged-in browser (the ``client`` fixture has a session) gets 401 too: a page
    on another site cannot use a reviewer's cookie against the API."""
    _error(client.get("/api/v1/articles"), 401, "unauthorized")
    _error(client.post("/api/v1/articles", json={"text": "Ein Satz."}), 401, "unauthorized")
    with client.application.app_context():
        assert db.session.scalar(select(Article.id)) is None


def test_a_revoked_token_is_refused(app, api):
    assert api.get("/articles").status_code == 200
    with app.app_context():
        revoke_token(db.session, api.token_id)
    _error(api.get("/articles"), 401, "unauthorized")


def test_a_deactivated_users_token_is_refused(app, api):
    with app.app_context():
        set_active(db.session, api.user_id, False, by=None)
    _error(api.get("/articles"), 401, "unauthorized")


def test_bearer_requests_need_no_csrf_token(app, api, demo_text):
    assert app.config.get("WTF_CSRF_ENABLED", True)
    assert api.post("/articles", json={"text": demo_text}).status_code == 201


# --- errors are JSON everywhere under /api/v1 ------------------------------------------


def test_unknown_address_and_method_are_json(api):
    _error(api.get("/nothing-here"), 404, "not_found")
    _error(api.get("/articles/999999"), 404, "not_found")
    _error(api.get("/articles/99999999999999999999"), 404, "not_found")
    response = api.open("DELETE", "/articles")
    _error(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"] and "POST" in response.headers["Allow"]


def test_the_rest_of_the_site_keeps_its_html_error_pages(client):
    response = client.get("/articles/999999")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_a_body_that_is_not_json_is_415_and_a_broken_one_400(api):
    _error(api.post("/articles", data="text=hello"), 415, "unsupported_media_type")
    broken = api.post("/articles", data="{not json", content_type="application/json")
    _error(broken, 400, "bad_request")


def test_a_body_over_the_limit_is_413_and_an_article_over_its_limit_422(app, api):
    app.config["MAX_INPUT_BYTES"] = 1000
    _error(api.post("/articles", json={"text": "Ein Satz. " * 20_000}), 413, "too_large")
    message = _error(
        api.post("/articles", json={"text": "Ein Satz. " * 200}), 422, "input_rejected"
    )
    assert "limit is 1,000" in message


@pytest.mark.parametrize(
    "body",
    [
        [],
        {},
        {"text": "Ein Satz hier.", "url": "https://example.org/"},
        {"text": 5},
        {"text": "Ein Satz.", "colour": "red"},
        {"text": "Ein Satz.", "format": "docx"},
        {"text": "Ein Satz.", "language": "x" * 20},
        {"text": "Ein\x00Satz."},
        {"url": "ftp://example.org/a"},
        {"url": "file:///etc/passwd"},
    ],
)
def test_a_malformed_import_is_422_and_stores_nothing(app, api, body):
    _error(api.post("/articles", json=body), 422, "invalid_request")
    with app.app_context():
        assert db.session.scalar(select(Article.id)) is None


# --- POST /articles ----------------------------------------------------------------------


def test_importing_text_answers_201_with_claims_then_200_with_the_same_article(app, api, demo_text):
    first = api.post("/articles", json={"text": demo_text})
    assert first.status_code == 201
    body = first.get_json()
    article = body["article"]
    assert body["existing"] is False
    assert first.headers["Location"].endswith(f"/api/v1/articles/{article['id']}")
    assert len(article["claims"]) > 5
    claim = article["claims"][0]
    assert claim["status"] == "pending" and claim["version"] == 1
    assert article["body"][claim["start"] : claim["end"]] == claim["text"]
    assert article["counts"]["pending"] == article["counts"]["total"]
    assert any(s["kind"] == "outlet" for s in article["sources"])
    again = api.post("/articles", json={"text": demo_text})
    assert again.status_code == 200
    assert again.get_json()["existing"] is True
    assert again.get_json()["article"]["id"] == article["id"]
    with app.app_context():
        stored = db.session.get(Article, article["id"])
        assert stored.imported_by_id == api.user_id


def test_an_import_can_name_its_title_format_and_language(api):
    article = _import(
        api,
        "# Alte Überschrift\n\nDer Rat hat am Montag **zwei** Beschlüsse gefasst.",
        format="markdown",
        language="de",
        title="  Ratssitzung   am Montag ",
    )
    assert article["title"] == "Ratssitzung am Montag"
    assert article["input_format"] == "markdown" and article["language"] == "de"


def test_input_that_is_no_article_is_422_with_the_reason(api):
    message = _error(api.post("/articles", json={"text": "   "}), 422, "input_rejected")
    assert "empty" in message.lower() or "no sentences" in message.lower()


ARTICLE_PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Neue Brücke eröffnet</title></head><body><article><h1>Neue Brücke eröffnet</h1>
<p>Die Stadt hat am Freitag die neue Brücke über den Fluss eröffnet.
Der Bau kostete nach Angaben der Verwaltung zwölf Millionen Euro.</p></article></body></html>"""


def test_importing_a_url_fetches_it_through_the_guard(app, api, httpserver, allow):
    httpserver.expect_request("/bruecke").respond_with_data(
        ARTICLE_PAGE, content_type="text/html; charset=utf-8"
    )
    url = f"{httpserver.url_for('/bruecke')}"
    message = _error(api.post("/articles", json={"url": url}), 422, "unsafe_url")
    assert "loopback" in message
    allow(httpserver)
    response = api.post("/articles", json={"url": url})
    assert response.status_code == 201, response.get_json()
    article = response.get_json()["article"]
    assert article["origin_url"] == url
    assert any("Brücke" in c["text"] for c in article["claims"])
    assert api.post("/articles", json={"url": url}).status_code == 200


def test_a_url_that_does_not_answer_is_422(api, httpserver, allow):
    allow(httpserver)
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    message = _error(
        api.post("/articles", json={"url": httpserver.url_for("/gone")}), 422, "fetch_failed"
    )
    assert "404" in message


# --- GET /articles ---------------------------------------------------------------------


def test_the_list_filters_pages_and_counts(api, demo_text, evidence_article):
    demo = _import(api, demo_text)
    listed = api.get("/articles").get_json()
    assert listed["total"] == 2 and listed["pages"] == 1
    assert [a["id"] for a in listed["articles"]] == [demo["id"], evidence_article[0]]
    assert listed["articles"][0]["counts"]["pending"] == len(demo["claims"])
    claim = demo["claims"][0]
    api.patch(f"/claims/{claim['id']}", json={"version": 1, "status": "verified", "note": "ok"})
    in_progress = api.get("/articles?state=in_progress").get_json()["articles"]
    assert [a["id"] for a in in_progress] == [demo["id"]]
    assert in_progress[0]["counts"]["verified"] == 1 and in_progress[0]["reviewers"] == ["rita"]
    assert (
        api.get("/articles?q=Wiederaufbaufonds").get_json()["articles"][0]["id"]
        == (evidence_article[0])
    )
    assert api.get("/articles?language=en").get_json()["total"] == 0
    second = api.get("/articles?per_page=1&page=2").get_json()
    assert second["page"] == 2 and second["pages"] == 2 and second["per_page"] == 1
    assert [a["id"] for a in second["articles"]] == [evidence_article[0]]


@pytest.mark.parametrize(
    "query", ["state=done", "page=0", "page=x", "per_page=101", "per_page=0", "q=%00"]
)
def test_a_bad_list_query_is_422(api, query):
    _error(api.get(f"/articles?{query}"), 422, "invalid_request")


# --- GET /articles/{id} ----------------------------------------------------------------


def test_an_article_shows_claims_with_matches_suggestions_and_source_states(api, evidence_article):
    article_id, claim_ids, url = evidence_article
    article = api.get(f"/articles/{article_id}").get_json()["article"]
    assert [c["id"] for c in article["claims"]] == claim_ids
    first = article["claims"][0]
    assert first["suggestion"]["status"] == "verified"
    best = first["matches"][0]
    assert set(best) == {"id", "snapshot_id", "source_url", "score", "passage", "span", "flags"}
    assert "50 Millionen Euro" in best["passage"] and best["source_url"] == url
    second = article["claims"][1]
    assert any(f["kind"] == "number" for m in second["matches"] for f in m["flags"])
    (source,) = [s for s in article["sources"] if s["url"] == url]
    assert source["state"] == "fetched"
    assert source["snapshot"]["state"] == "fetched" and len(source["snapshot"]["sha256"]) == 64


# --- PATCH /claims/{id} ----------------------------------------------------------------


def test_a_verdict_pins_a_match_and_is_recorded(app, api, evidence_article):
    article_id, claim_ids, url = evidence_article
    claim = api.get(f"/articles/{article_id}").get_json()["article"]["claims"][0]
    response = api.patch(
        f"/claims/{claim['id']}",
        json={
            "version": claim["version"],
            "status": "verified",
            "match_id": claim["matches"][0]["id"],
        },
    )
    assert response.status_code == 200, response.get_json()
    changed = response.get_json()["claim"]
    assert changed["status"] == "verified" and changed["version"] == claim["version"] + 1
    assert changed["evidence"]["source_url"] == url
    assert "50 Millionen Euro" in changed["evidence"]["passage"]
    assert changed["updated_by"] == "rita"
    with app.app_context():
        event = db.session.scalar(select(ReviewEvent).where(ReviewEvent.claim_id == claim["id"]))
        assert (event.to_status, event.user_id) == ("verified", api.user_id)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"status": "verified"}, "Pin the passage"),
        ({"status": "disputed", "note": "  "}, "Pin the passage"),
        ({"status": "unsupported"}, "Say why it is unsupported"),
        ({"status": "verified", "match_id": 999999}, "not one of this claim's matches"),
    ],
)
def test_the_evidence_rules_of_the_review_page_hold(api, evidence_article, body, words):
    claim_id = evidence_article[1][0]
    message = _error(
        api.patch(f"/claims/{claim_id}", json={"version": 1, **body}), 422, "input_rejected"
    )
    assert words in message
    claim = api.get(f"/articles/{evidence_article[0]}").get_json()["article"]["claims"][0]
    assert (claim["status"], claim["version"]) == ("pending", 1)


def test_unsupported_takes_a_reason_and_pending_clears_it(api, evidence_article):
    claim_id = evidence_article[1][2]
    done = api.patch(
        f"/claims/{claim_id}", json={"version": 1, "status": "unsupported", "reason": "no_passage"}
    ).get_json()["claim"]
    assert (done["status"], done["reason"]) == ("unsupported", "no_passage")
    back = api.patch(f"/claims/{claim_id}", json={"version": 2, "status": "pending"})
    assert back.get_json()["claim"]["reason"] == ""


def test_a_stale_version_is_409_with_the_current_claim_and_who_changed_it(
    app, api, as_role, evidence_article
):
    claim_id = evidence_article[1][0]
    other = as_role("editor")
    assert (
        other.patch(
            f"/claims/{claim_id}", json={"version": 1, "status": "disputed", "note": "Anruf"}
        ).status_code
        == 200
    )
    response = api.patch(
        f"/claims/{claim_id}", json={"version": 1, "status": "verified", "note": "x"}
    )
    message = _error(response, 409, "stale_version")
    body = response.get_json()
    with app.app_context():
        from workbench.models import User

        editor = db.session.get(User, other.user_id).username
    assert editor in message and body["changed_by"] == editor
    assert body["claim"]["status"] == "disputed" and body["claim"]["version"] == 2
    assert body["claim"]["note"] == "Anruf"


def test_a_sentence_is_marked_not_a_claim_and_restored(api, evidence_article):
    claim_id = evidence_article[1][2]
    marked = api.patch(f"/claims/{claim_id}", json={"version": 1, "kind": "not_claim"})
    assert marked.get_json()["claim"]["kind"] == "not_claim"
    refused = api.patch(
        f"/claims/{claim_id}", json={"version": 2, "status": "verified", "note": "x"}
    )
    assert "not a claim" in _error(refused, 422, "input_rejected")
    restored = api.patch(f"/claims/{claim_id}", json={"version": 2, "kind": "statement"})
    assert restored.get_json()["claim"]["kind"] == "statement"


@pytest.mark.parametrize(
    "body",
    [
        {"status": "verified", "note": "x"},
        {"version": 1},
        {"version": 1, "status": "verified", "kind": "not_claim"},
        {"version": 1, "status": "fine"},
        {"version": 1, "kind": "quote"},
        {"version": 1, "status": "unsupported", "reason": "lazy"},
        {"version": "1", "status": "verified", "note": "x"},
        {"version": True, "status": "verified", "note": "x"},
        {"version": 2**40, "status": "verified", "note": "x"},
        {"version": 1, "status": "verified", "match_id": "3"},
        {"version": 1, "kind": "not_claim", "match_id": 0},
        {"version": 1, "kind": "statement", "note": "x" * 5001},
    ],
)
def test_a_malformed_change_is_422(api, evidence_article, body):
    _error(api.patch(f"/claims/{evidence_article[1][0]}", json=body), 422, "invalid_request")


def test_changing_an_unknown_claim_is_404(api):
    _error(api.patch("/claims/999999", json={"version": 1, "status": "pending"}), 404, "not_found")


# --- POST /claims/{id}/sources -----------------------------------------------------------


def test_a_page_source_is_linked_fetched_and_matched(app, api, httpserver, allow, evidence_article):
    claim_id = evidence_article[1][2]
    httpserver.expect_request("/fonds").respond_with_data(
        "<html><body><p>Die Landesregierung plant einen Wiederaufbaufonds für die Region.</p>"
        "</body></html>",
        content_type="text/html; charset=utf-8",
    )
    url = f"{allow(httpserver)}/fonds"
    response = api.post(f"/claims/{claim_id}/sources", json={"url": url})
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert body["source"]["url"] == url and body["source"]["linked"] is True
    assert {"id": body["source"]["id"], "url": url} in body["claim"]["sources"]
    # Jobs run at once in tests: the page is fetched and the claim matched already.
    assert any("Wiederaufbaufonds" in m["passage"] for m in body["claim"]["matches"])
    again = api.post(f"/claims/{claim_id}/sources", json={"url": url}).get_json()
    assert again["source"]["linked"] is False
    with app.app_context():
        events = db.session.scalars(
            select(ReviewEvent.action).where(ReviewEvent.claim_id == claim_id)
        ).all()
        assert events == ["source_added"]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://127.0.0.1:9/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.0.0.1/intern", "private"),
        ("http://localhost/", "loopback"),
        ("http://0x7f000001/", "loopback"),
    ],
)
def test_a_source_the_guard_refuses_is_422_with_its_reason_and_nothing_is_linked(
    app, api, evidence_article, url, words
):
    claim_id = evidence_article[1][2]
    message = _error(api.post(f"/claims/{claim_id}/sources", json={"url": url}), 422, "unsafe_url")
    assert words in message
    with app.app_context():
        assert (
            db.session.scalars(select(ClaimSource).where(ClaimSource.claim_id == claim_id)).all()
            == []
        )


def test_a_source_for_an_unknown_claim_or_without_url_is_refused(api, httpserver, allow):
    url = f"{allow(httpserver)}/x"
    _error(api.post("/claims/999999/sources", json={"url": url}), 404, "not_found")
    _error(api.post("/claims/1/sources", json={}), 422, "invalid_request")
    _error(api.post("/claims/1/sources", json={"url": "www.example.org"}), 422, "invalid_request")


# --- roles: sign-off is an editor's -----------------------------------------------------


def test_a_reviewer_token_cannot_sign_off_an_editor_token_can(api, as_role, evidence_article):
    article_id, claim_ids, _ = evidence_article
    _error(api.post(f"/articles/{article_id}/sign-off"), 403, "forbidden")
    editor = as_role("editor")
    message = _error(editor.post(f"/articles/{article_id}/sign-off"), 409, "not_ready")
    assert "3 claims are still pending" in message
    for claim_id in claim_ids:
        editor.patch(
            f"/claims/{claim_id}",
            json={"version": 1, "status": "unsupported", "reason": "no_passage"},
        )
    done = editor.post(f"/articles/{article_id}/sign-off")
    assert done.status_code == 200
    assert done.get_json()["article"]["state"] == "checked"
    _error(editor.post("/articles/999999/sign-off"), 404, "not_found")


@pytest.mark.security
def test_a_token_acts_with_its_users_current_role(app, as_role, evidence_article):
    editor = as_role("editor")
    with app.app_context():
        set_role(db.session, editor.user_id, "reviewer", by=None)
    _error(editor.post(f"/articles/{evidence_article[0]}/sign-off"), 403, "forbidden")


# --- GET /articles/{id}/report -----------------------------------------------------------

REPORT_TYPES = {
    "html": "text/html",
    "pdf": "application/pdf",
    "md": "text/markdown",
    "csv": "text/csv",
    "json": "application/json",
    "claimreview": "application/ld+json",
    "annotations": "application/ld+json",
}


@pytest.mark.parametrize("fmt", sorted(REPORT_TYPES))
def test_the_report_downloads_in_every_format(api, evidence_article, fmt):
    from workbench.reports import FORMATS

    assert fmt in FORMATS
    response = api.get(f"/articles/{evidence_article[0]}/report?format={fmt}")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == REPORT_TYPES[fmt]
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data


def test_the_report_formats_are_exactly_the_documented_ones(anonymous):
    from workbench.reports import FORMATS

    document = anonymous.get("/api/v1/openapi.json").get_json()
    (fmt,) = [
        p
        for p in document["paths"]["/articles/{article_id}/report"]["get"]["parameters"]
        if p["name"] == "format"
    ]
    assert fmt["schema"]["enum"] == list(FORMATS) == sorted(REPORT_TYPES, key=list(FORMATS).index)


def test_a_report_of_an_unknown_article_or_format_is_refused(api, evidence_article):
    _error(api.get("/articles/999999/report?format=md"), 404, "not_found")
    _error(api.get(f"/articles/{evidence_article[0]}/report?format=docx"), 422, "invalid_request")
