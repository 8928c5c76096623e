"""The dashboard page, the sign-off and the activity list, with CSRF on (tokens come
from the pages, as a browser sends them)."""

from __future__ import annotations

import re

import pytest
from flask import render_template_string
from sqlalchemy import func, select

from workbench.models import Article, ArticleSource, Claim, ReviewEvent
from workbench.services.articles import get_article
from workbench.services.review import Verdict, decide, record_source_change, set_is_claim
from workbench.services.snapshots import add_text


def _token(client, path="/") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


def _claims(session, article_id):
    session.expire_all()
    return list(
        session.scalars(
            select(Claim).where(Claim.article_id == article_id).order_by(Claim.position)
        )
    )


def _decide_all(session, article_id, user, status="verified"):
    for claim in _claims(session, article_id):
        if claim.status == "pending" and claim.is_claim:
            decide(
                session,
                claim.id,
                Verdict(status, note="Checked with the press office."),
                version=claim.version,
                user=user,
            )


def _row(page: str, title: str) -> str:
    found = re.search(
        rf'<tr class="dash-row[^"]*">(?:(?!</tr>).)*?{re.escape(title)}.*?</tr>', page, re.S
    )
    assert found, f"no row for {title}"
    return found.group(0)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def editor(app, login):
    test_client = app.test_client()
    test_client.user = login(test_client, "editor", "erika")
    return test_client


def test_a_row_shows_counts_bar_state_activity_and_reviewers(
    client, editor, session, make_article, demo_text
):
    aid = make_article(demo_text).article_id
    first, second, third, *_ = _claims(session, aid)
    decide(session, first.id, Verdict("verified", note="Seen."), version=1, user=client.user)
    decide(session, second.id, Verdict("disputed", note="Wrong."), version=1, user=editor.user)
    set_is_claim(session, third.id, False, version=1, user=client.user)

    row = _row(client.get("/").get_data(as_text=True), "Hochwasser an der Nahe")
    text = _text(row)
    for words in ("1 verified", "1 disputed", "0 unsupported", "15 pending", "has disputes"):
        assert words in text, words
    assert "erika, rita" in text
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[\d:]+Z">', row), "last activity"
    assert f'href="/articles/{aid}"' in row and f'href="/articles/{aid}/activity"' in row
    bar = re.search(r'<svg class="dash-bar"[^>]*aria-label="([^"]+)"', row).group(1)
    assert bar == "2 of 17 decided: 1 verified, 1 disputed, 0 unsupported, 15 pending"
    segments = re.findall(
        r'<rect class="dash-seg dash-seg-(\w+)" x="([\d.]+)%" y="0" width="([\d.]+)%"'
        r"[^>]*><title>(\d+ \w+)</title>",
        row,
    )
    assert [(s, t) for s, _x, _w, t in segments] == [
        ("verified", "1 verified"),
        ("disputed", "1 disputed"),
        ("pending", "15 pending"),
    ]
    assert sum(float(w) for _s, _x, w, _t in segments) == pytest.approx(100)
    assert "style=" not in row, "the CSP allows no inline styles"


def test_titles_are_escaped_and_without_markup(client, make_article):
    make_article("Streit um <i>Radwege</i> & Tempo 30\n\nDer Rat beschloss am Montag zwei Stellen.")
    page = client.get("/?q=radwege").get_data(as_text=True)
    assert "Streit um Radwege &amp; Tempo 30" in page, "markup left at import, the rest escaped"
    assert "<i>Radwege" not in page and "&lt;i&gt;" not in page


def test_the_empty_dashboard_says_how_to_import(client):
    page = client.get("/").get_data(as_text=True)
    assert "No articles yet." in page
    assert '<a href="/import">Import one</a>' in page and "workbench import" in page


def test_filters_are_labelled_and_keep_their_values(client, make_article, demo_text):
    make_article(demo_text)
    make_article("Bridges\n\nThe minister said on Monday that 12 bridges will be repaired.")
    page = client.get("/?q=bridges&language=en&state=unchecked").get_data(as_text=True)
    for name, label in (
        ("q", "Search titles and text"),
        ("state", "State"),
        ("language", "Language"),
        ("reviewer", "Reviewer"),
    ):
        assert f'<label for="{name}">{label}</label>' in page
    assert 'value="bridges"' in page
    assert '<option value="en" selected>en</option>' in page
    assert '<option value="unchecked" selected>unchecked</option>' in page
    assert "Hochwasser" not in page and ">Bridges<" in page
    assert "1 article matches" in _text(page)
    page = client.get("/?q=nirgendwo").get_data(as_text=True)
    assert "No article matches these filters." in page


def test_page_links_keep_the_filters(client, make_article):
    for n in range(27):
        make_article(f"Meldung {n}\n\nDer Rat beschloss am Montag {n + 2} neue Stellen.")
    page = client.get("/?q=rat").get_data(as_text=True)
    assert "27 articles match · page 1 of 2" in _text(page)
    assert page.count('<tr class="dash-row') == 25
    assert '<a rel="next" href="/?q=rat&amp;page=2">' in page
    second = client.get("/?q=rat&page=2").get_data(as_text=True)
    assert second.count('<tr class="dash-row') == 2
    assert '<span aria-current="page">2</span>' in second
    assert '<a rel="prev" href="/?q=rat">' in second


def test_only_an_editor_sees_the_sign_off_button_and_only_when_nothing_is_pending(
    client, editor, session, make_article, demo_text
):
    ready = make_article(demo_text).article_id
    make_article("Meldung\n\nDer Rat beschloss am Montag zwei neue Stellen.")
    _decide_all(session, ready, client.user)
    page = editor.get("/").get_data(as_text=True)
    assert page.count("Sign off as checked") == 1
    assert f'action="/articles/{ready}/sign-off"' in _row(page, "Hochwasser an der Nahe")
    assert "Sign off as checked" not in client.get("/").get_data(as_text=True)


def _events(session, action="sign_off") -> int:
    return session.scalar(
        select(func.count()).select_from(ReviewEvent).where(ReviewEvent.action == action)
    )


def test_sign_off_is_refused_while_claims_are_pending(editor, session, make_article, demo_text):
    aid = make_article(demo_text).article_id
    response = editor.post(
        f"/articles/{aid}/sign-off", data={"csrf_token": _token(editor), "next": "/"}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/"
    page = editor.get("/").get_data(as_text=True)
    assert "18 claims are still pending; decide every claim before signing the article off." in page
    assert session.get(Article, aid).signed_off_at is None and _events(session) == 0


def test_an_editor_signs_off_when_every_claim_is_decided(
    client, editor, session, make_article, demo_text
):
    aid = make_article(demo_text).article_id
    _decide_all(session, aid, client.user)
    response = editor.post(
        f"/articles/{aid}/sign-off", data={"csrf_token": _token(editor), "next": "/?state=ready"}
    )
    assert response.headers["Location"] == "/?state=ready"
    assert "Signed off as checked." in editor.get("/").get_data(as_text=True)
    session.expire_all()
    assert session.get(Article, aid).signed_off_at is not None and _events(session) == 1
    row = _row(editor.get("/?state=checked").get_data(as_text=True), "Hochwasser an der Nahe")
    assert "checked" in _text(row) and "by erika" in _text(row)


def test_sign_off_goes_back_only_to_pages_of_this_site(
    client, editor, session, make_article, demo_text
):
    aid = make_article(demo_text).article_id
    _decide_all(session, aid, client.user)
    response = editor.post(
        f"/articles/{aid}/sign-off",
        data={"csrf_token": _token(editor), "next": "https://elsewhere.example/"},
    )
    assert response.headers["Location"] == "/"


def test_a_reviewer_may_not_sign_off(client, session, make_article, demo_text):
    aid = make_article(demo_text).article_id
    _decide_all(session, aid, client.user)
    response = client.post(f"/articles/{aid}/sign-off", data={"csrf_token": _token(client)})
    assert response.status_code == 403
    assert session.get(Article, aid).signed_off_at is None and _events(session) == 0


def test_sign_off_without_the_csrf_token_or_session_is_refused(
    editor, anonymous, session, make_article, demo_text
):
    aid = make_article(demo_text).article_id
    _decide_all(session, aid, editor.user)
    assert editor.post(f"/articles/{aid}/sign-off").status_code == 400
    token = _token(anonymous, "/login")
    response = anonymous.post(f"/articles/{aid}/sign-off", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert _events(session) == 0
    assert (
        editor.post("/articles/999/sign-off", data={"csrf_token": _token(editor)}).status_code
        == 404
    )


def test_activity_lists_who_did_what_newest_first(client, editor, session, make_article, demo_text):
    aid = make_article(demo_text).article_id
    first, second, *_ = _claims(session, aid)
    decide(
        session, first.id, Verdict("unsupported", reason="no_source"), version=1, user=client.user
    )
    decide(
        session,
        second.id,
        Verdict("verified", note="Confirmed by phone."),
        version=1,
        user=editor.user,
    )
    record_source_change(session, first, client.user, "https://example.org/quelle", added=True)
    session.commit()

    page = client.get(f"/articles/{aid}/activity").get_data(as_text=True)
    events = re.findall(r'<li class="dash-event dash-event-(\w+)">(.*?)</li>', page, re.S)
    assert [action for action, _body in events] == ["source_added", "status", "status"]
    added, verified, unsupported = (_text(body) for _action, body in events)
    assert added.startswith("rita") and "added the source https://example.org/quelle" in added
    assert "erika" in verified and "verdict pending → verified" in verified
    assert "Note: Confirmed by phone." in verified
    assert "verdict pending → unsupported · No source cited" in unsupported
    assert f'href="/articles/{aid}?claim={first.id}">claim 1</a>' in events[0][1]
    assert f'href="/articles/{aid}?claim={second.id}">claim 2</a>' in events[1][1]
    assert re.search(r'<time datetime="[^"]+Z">', events[0][1])
    assert "Hochwasser an der Nahe" in page
    assert client.get("/articles/999/activity").status_code == 404


def test_activity_shows_the_sign_off(client, editor, session, make_article, demo_text):
    aid = make_article(demo_text).article_id
    _decide_all(session, aid, client.user)
    editor.post(f"/articles/{aid}/sign-off", data={"csrf_token": _token(editor)})
    page = editor.get(f"/articles/{aid}/activity").get_data(as_text=True)
    first = re.search(r'<li class="dash-event dash-event-(\w+)">(.*?)</li>', page, re.S)
    assert first.group(1) == "sign_off"
    assert "erika" in _text(first.group(2)) and "signed the article off as checked" in first.group(
        2
    )
    assert "Signed off as checked by erika" in _text(page)


def test_the_sign_off_partial_can_be_included_by_the_review_page(
    app, editor, session, make_article, demo_text
):
    aid = make_article(demo_text).article_id
    with app.test_request_context(f"/articles/{aid}"):
        from flask_login import login_user

        login_user(editor.user)
        html = render_template_string(
            '{% include "articles/_sign_off.html" %}', article=get_article(session, aid)
        )
    assert f'action="/articles/{aid}/sign-off"' in html
    assert f'name="next" value="/articles/{aid}"' in html
    assert "18 claims still pending" in html


def test_activity_quotes_the_pinned_passage_and_links_its_snapshot(
    app, client, session, make_article, demo_text
):
    aid = make_article(demo_text).article_id
    source_id = session.scalars(
        select(ArticleSource.source_id).where(ArticleSource.article_id == aid)
    ).first()
    passage = "Die Soforthilfe beträgt 50 Millionen Euro, sagte die Ministerin."
    snapshot = add_text(session, source_id, passage, app.config)
    claim = _claims(session, aid)[0]
    decide(
        session,
        claim.id,
        Verdict("disputed", selection=(snapshot.id, 0, len(passage))),
        version=claim.version,
        user=client.user,
    )
    page = client.get(f"/articles/{aid}/activity").get_data(as_text=True)
    assert f'<blockquote class="dash-evidence" lang="de">{passage}</blockquote>' in page
    assert f'href="/snapshots/{snapshot.id}"' in page
    assert "verdict pending → disputed" in _text(page)
