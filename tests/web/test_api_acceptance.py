"""The issue's acceptance script, through the API alone: import the article, add a page
source to a claim, set three verdicts, hit a 409 with a stale version, and download the
report in every format."""

from __future__ import annotations

import json

import pytest
from api_client import api_client

from workbench.reports import FORMATS


@pytest.fixture(params=["seed", "demo"])
def article_text(request):
    return request.getfixturevalue(f"{request.param}_text")


def test_a_script_checks_an_article_through_the_api(
    app, make_user, httpserver, allow, article_text
):
    api = api_client(app, make_user, "editor", "eddie")

    imported = api.post("/articles", json={"text": article_text})
    assert imported.status_code == 201, imported.get_json()
    article = imported.get_json()["article"]
    first, second, third = article["claims"][:3]

    # The page the first claim comes from, served here, linked to it, fetched and matched.
    httpserver.expect_request("/quelle").respond_with_data(
        f"<html lang='de'><body><article><p>Vorbemerkung der Redaktion.</p>"
        f"<p>{first['text']}</p></article></body></html>",
        content_type="text/html; charset=utf-8",
    )
    url = f"{allow(httpserver)}/quelle"
    added = api.post(f"/claims/{first['id']}/sources", json={"url": url})
    assert added.status_code == 202, added.get_json()
    matches = added.get_json()["claim"]["matches"]
    assert matches and matches[0]["source_url"] == url

    verdicts = [
        (first, {"status": "verified", "match_id": matches[0]["id"]}),
        (second, {"status": "disputed", "note": "The office gives another figure by phone."}),
        (third, {"status": "unsupported", "reason": "no_source"}),
    ]
    for claim, verdict in verdicts:
        changed = api.patch(f"/claims/{claim['id']}", json={"version": claim["version"], **verdict})
        assert changed.status_code == 200, changed.get_json()
        assert changed.get_json()["claim"]["status"] == verdict["status"]

    stale = api.patch(
        f"/claims/{first['id']}",
        json={"version": first["version"], "status": "disputed", "note": "late"},
    )
    assert stale.status_code == 409
    assert stale.get_json()["claim"]["status"] == "verified"
    assert stale.get_json()["changed_by"] == "eddie"

    now = api.get(f"/articles/{article['id']}").get_json()["article"]
    assert now["counts"]["verified"] == now["counts"]["disputed"] == 1
    assert now["counts"]["unsupported"] == 1
    assert now["claims"][0]["evidence"]["source_url"] == url

    for fmt in FORMATS:
        report = api.get(f"/articles/{article['id']}/report?format={fmt}")
        assert report.status_code == 200, (fmt, report.get_data(as_text=True)[:300])
        assert report.data, fmt
        if fmt == "pdf":
            assert report.data.startswith(b"%PDF")
        elif fmt in ("json", "claimreview", "annotations"):
            json.loads(report.data)
        if fmt in ("json", "md", "csv", "html"):
            assert "verified" in report.get_data(as_text=True).lower(), fmt
