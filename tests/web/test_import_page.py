"""The import page: pasted text, an uploaded file or a URL becomes an article, or is
refused with the reason and nothing stored. CSRF stays on: the token comes from the page."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import func, select

from workbench.models import Article, Claim, Source

ARTICLE = (
    "Brücken an der Nahe werden saniert\n\n"
    "Der Minister sagte am Montag, dass 12 Brücken saniert werden. "
    "Die Kosten betragen 40 Millionen Euro.\n\nQuellen: www.swr.de"
)


def _token(client) -> str:
    page = client.get("/import").get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


def _post(client, **fields):
    data = {"csrf_token": _token(client), "fmt": "auto", "language": "auto", **fields}
    return client.post("/import", data=data, content_type="multipart/form-data")


def _count(session, model=Article) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def _message(response) -> str:
    found = re.search(r'class="flash flash-error"[^>]*>([^<]*)<', response.get_data(as_text=True))
    return found.group(1) if found else ""


def test_the_form_has_labelled_fields_and_the_nav_links_to_it(client):
    page = client.get("/import").get_data(as_text=True)
    for name, label in (
        ("text", "Paste the article"),
        ("file", "Or upload a file"),
        ("url", "Or give its address"),
        ("fmt", "Format"),
        ("language", "Language"),
    ):
        assert re.search(rf'<label for="{name}">{label}', page), name
    assert 'enctype="multipart/form-data"' in page
    assert '<a href="/import">Import</a>' in client.get("/").get_data(as_text=True)


def test_pasted_text_lands_on_the_new_review_page(client, session):
    response = _post(client, text=ARTICLE)
    assert response.status_code == 302
    article = session.scalars(select(Article)).one()
    assert response.headers["Location"] == f"/articles/{article.id}"
    assert article.title == "Brücken an der Nahe werden saniert"
    assert article.imported_by_id == client.user.id
    assert _count(session, Claim) == 2
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported with 2 claims and 1 source." in page


def test_an_uploaded_file_is_imported_with_its_format(client, session):
    html = (
        "<html><head><title>x</title></head><body><article><h1>Fähren im Sturm</h1>"
        "<p>Die Fähre fiel am Montag aus, berichtet der Sender.</p></article></body></html>"
    )
    response = _post(
        client, file=(io.BytesIO(html.encode("utf-8")), "faehren.html"), fmt="html", language="de"
    )
    assert response.status_code == 302
    article = session.scalars(select(Article)).one()
    assert article.input_format == "html" and article.language == "de"
    assert article.title == "Fähren im Sturm"


def test_a_url_is_fetched_and_imported(client, session, httpserver, allow):
    allow(httpserver)
    httpserver.expect_request("/artikel").respond_with_data(
        "<html><body><article><h1>Neue Radwege</h1><p>Die Stadt baut am Montag "
        "drei Kilometer Radweg, sagte der Bürgermeister.</p></article></body></html>",
        content_type="text/html; charset=utf-8",
    )
    response = _post(client, url=httpserver.url_for("/artikel").replace("http://", "HTTP://"))
    assert response.status_code == 302, _message(response)
    article = session.scalars(select(Article)).one()
    assert article.origin_url == httpserver.url_for("/artikel")
    assert article.title == "Neue Radwege"


def test_the_same_article_again_lands_on_the_existing_one_saying_so(client, session):
    first = _post(client, text=ARTICLE)
    again = _post(client, text=ARTICLE.replace("\n\n", "\n\n\n"))
    assert again.headers["Location"] == first.headers["Location"]
    assert _count(session) == 1
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert re.search(r"This article was imported before \(article \d+\); here it is\.", page)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Paste the article, choose a file or give its address."),
        ({"text": "   \n  "}, "Paste the article, choose a file or give its address."),
        ({"file": (io.BytesIO(b""), "empty.txt")}, "The input is empty."),
        (
            {"file": (io.BytesIO(b"PK\x03\x04\x00\x00binary\x00data"), "a.zip")},
            "The input is binary (it contains NUL bytes), not text.",
        ),
        (
            {"text": ARTICLE, "url": "https://example.org/a"},
            "Give one of them: pasted text, a file or an address, not several.",
        ),
        ({"url": "/etc/passwd"}, "Give the address starting with http:// or https://."),
        ({"url": "file:///etc/passwd"}, "Give the address starting with http:// or https://."),
        ({"url": "www.example.org/a"}, "Give the address starting with http:// or https://."),
    ],
)
def test_bad_input_is_refused_with_its_reason_and_nothing_stored(client, session, fields, message):
    response = _post(client, **fields)
    assert response.status_code in (400, 422)
    assert _message(response) == message
    assert _count(session) == 0 and _count(session, Source) == 0


def test_text_over_the_input_limit_is_refused(client, session, app):
    app.config["MAX_INPUT_BYTES"] = 1000
    response = _post(client, file=(io.BytesIO(ARTICLE.encode() * 20), "long.txt"))
    assert response.status_code == 422
    assert re.fullmatch(
        r"The input is [\d,]+ bytes; the limit is 1,000 bytes\.", _message(response)
    )
    assert _count(session) == 0


def test_an_upload_over_the_request_limit_gets_the_413_page(client, session, app):
    token = _token(client)
    app.config["MAX_CONTENT_LENGTH"] = 50_000
    response = client.post(
        "/import",
        data={"csrf_token": token, "file": (io.BytesIO(b"a" * 60_000), "huge.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "The upload is larger than the limit of 49 kB." in response.get_data(as_text=True)
    assert _count(session) == 0


def test_an_address_on_this_machine_is_refused(client, session, httpserver):
    httpserver.expect_request("/intern").respond_with_data("Geheime Zahlen: 12 Millionen Euro.")
    response = _post(client, url=httpserver.url_for("/intern"))
    assert response.status_code == 422
    assert "refusing to fetch 127.0.0.1" in _message(response)
    assert httpserver.log == [], "nothing was sent to the local server"
    assert _count(session) == 0


def test_a_post_without_the_csrf_token_is_refused(client, session):
    response = client.post("/import", data={"text": ARTICLE}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert _count(session) == 0


def test_anonymous_visitors_are_sent_to_log_in(anonymous, session):
    assert anonymous.get("/import").headers["Location"] == "/login?next=/import"
    login_page = anonymous.get("/login").get_data(as_text=True)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', login_page).group(1)
    response = anonymous.post("/import", data={"csrf_token": token, "text": ARTICLE})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert _count(session) == 0
