"""An article whose every stored text is a script payload, put there the way a user or
a cited page would: imported through the API (title, sentences), a cited page fetched
from 127.0.0.1 (its title and text), verdicts and a not-a-claim mark made through the
API (notes) by a user whose name is one, and a token named with one."""

from __future__ import annotations

from dataclasses import dataclass

from api_client import ApiClient
from security.inert import payload, short_payload
from sqlalchemy import select

from workbench.extensions import db
from workbench.models import Claim, Match, Snapshot, User
from workbench.services.tokens import create_token

# The cited page: its title and a sentence hold payloads as text (entities in the
# source), and it carries a real script and handler that extraction must drop.
PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>{title}</title><script>xss("page-script")</script></head>
<body><article><h1>{title}</h1>
<p onclick='xss("page-attribute")'>Die Regierung zahlte am Montag 50 Millionen Euro an die Opfer {text}.</p>
<p>Der Minister sagte am Dienstag, die Hilfe komme schnell und ohne Antrag.</p>
<script>xss("page-script")</script></article></body></html>"""

ARTICLE = """Hilfen nach dem Hochwasser

Die Regierung zahlte am Montag 50 Millionen Euro an die Opfer {claim}.

Der Minister sagte am Dienstag {claim}, die Hilfe komme schnell und ohne Antrag.

Die Stadt plant einen Fonds [hier](javascript:xss("claim")) von 10 Millionen Euro.

Der Landrat kündigte am Freitag weitere 5 Millionen Euro für die Schulen an.

Quellen: {url}
"""


@dataclass(frozen=True)
class World:
    article_id: int
    claim_ids: list[int]
    source_id: int
    snapshot_id: int
    match_id: int
    user_id: int  # the user whose name is a payload
    title: str
    note: str


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build(app, httpserver, allow, api: ApiClient) -> World:
    """Store the payloads; returns the ids the pages need."""
    page = PAGE.format(
        title=_escape_text(payload("source-title")), text=_escape_text(payload("page"))
    )
    httpserver.expect_request("/hilfe").respond_with_data(
        page, content_type="text/html; charset=utf-8"
    )
    url = f"{allow(httpserver)}/hilfe"
    app.config["FETCH_ON_IMPORT"] = True
    title = payload("title")
    created = api.post(
        "/articles",
        json={"text": ARTICLE.format(claim=payload("claim"), url=url), "title": title},
    )
    assert created.status_code == 201, created.get_json()
    article = created.get_json()["article"]
    claims = [c["id"] for c in article["claims"]]

    with app.app_context():
        session = db.session
        # No form or command accepts such a name (the suite checks that too); a row
        # from before that rule, or written by hand, must still be shown as text.
        user = User(username=short_payload("user"), password_hash="!", role="reviewer")
        session.add(user)
        session.commit()
        user_id = user.id
        create_token(session, session.get(User, api.user_id), short_payload("token"))
        _, secret = create_token(session, user, "payload user's token")
        match = session.scalars(
            select(Match).where(Match.claim_id == claims[0]).order_by(Match.score.desc())
        ).first()
        assert match is not None, "the cited page was fetched and matched"
        snapshot = session.get(Snapshot, match.snapshot_id)
        versions = {c.id: c.version for c in session.scalars(select(Claim))}
        world = (match.id, snapshot.id, snapshot.source_id)
        session.remove()

    as_user = ApiClient(app.test_client(), secret, user_id, 0)
    note = payload("note")
    changes = [
        (claims[0], {"status": "verified", "match_id": world[0], "note": note}),
        (claims[1], {"status": "disputed", "note": note}),
        (claims[2], {"kind": "not_claim", "note": payload("not-a-claim")}),
    ]
    for claim_id, change in changes:
        answer = as_user.patch(
            f"/claims/{claim_id}", json={"version": versions[claim_id], **change}
        )
        assert answer.status_code == 200, answer.get_json()
    app.config["FETCH_ON_IMPORT"] = False
    return World(article["id"], claims, world[2], world[1], world[0], user_id, title, note)
