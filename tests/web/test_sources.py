"""Source pages, snapshot pages and the forms that add evidence."""

import io
import re

import pytest
from sqlalchemy import func, select

from workbench.models import Snapshot, Source

PAGE = """<!doctype html><html><head><title>Soforthilfe</title></head><body><article>
<h1>Bund sagt Soforthilfe zu</h1>
<p>Das Bundesinnenministerium kündigte eine Soforthilfe von 50 Millionen Euro an. Ein Sprecher
schrieb dazu: &lt;script&gt;alert(1)&lt;/script&gt; sei kein Teil der Mitteilung gewesen.</p>
<p>Private Haushalte sollen bis zu 5.000 Euro erhalten, kleine Unternehmen bis zu 20.000 Euro.</p>
</article></body></html>"""


def _snapshots(session):
    return session.scalar(select(func.count()).select_from(Snapshot))


def _outlet_id(session, url):
    return session.scalar(select(Source.id).where(Source.url == url))


def test_article_page_offers_a_search_link_and_a_pin_form_for_outlets(
    client, make_article, demo_text
):
    result = make_article(demo_text)
    page = client.get(f"/articles/{result.article_id}").get_data(as_text=True)
    links = re.findall(r'href="(https://duckduckgo\.com/\?q=site%3A[^"]+)"', page)
    assert len(links) == 3 and any("site%3Atagesschau.de+" in link for link in links)
    assert "Hochwasser" in links[0]
    assert page.count('class="state state-outlet"') == 3
    assert page.count(f'action="/articles/{result.article_id}/sources"') == 3
    assert 'name="csrf_token"' in page


def test_pinning_the_exact_page_fetches_it_and_the_article_shows_its_state(
    app, client, session, make_article, demo_text, httpserver, allow
):
    app.config["WTF_CSRF_ENABLED"] = False
    httpserver.expect_request("/hilfe").respond_with_data(
        PAGE, content_type="text/html; charset=utf-8"
    )
    base = allow(httpserver)
    result = make_article(demo_text)
    response = client.post(
        f"/articles/{result.article_id}/sources",
        data={"url": f"{base}/hilfe"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert f"Added {base}/hilfe" in page
    assert re.search(
        r'class="state state-fetched">fetched</span>\s*<small><time datetime="[^"]+Z">'
        r"[^<]*</time> · [\d,]+ bytes",
        page,
    )
    source_id = _outlet_id(session, f"{base}/hilfe")
    source_page = client.get(f"/sources/{source_id}").get_data(as_text=True)
    snapshot_id = re.search(r'href="/snapshots/(\d+)"', source_page).group(1)
    text = client.get(f"/snapshots/{snapshot_id}").get_data(as_text=True)
    assert "Soforthilfe von 50 Millionen Euro" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert(1)" not in text


def test_pinning_something_that_is_not_a_page_is_refused(
    app, client, session, make_article, demo_text
):
    app.config["WTF_CSRF_ENABLED"] = False
    result = make_article(demo_text)
    before = session.scalar(select(func.count()).select_from(Source))
    page = client.post(
        f"/articles/{result.article_id}/sources",
        data={"url": "javascript:alert(1)"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "starting with https://" in page
    assert session.scalar(select(func.count()).select_from(Source)) == before


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://localhost./", "localhost: it is a local name for the server itself"),
        ("http://LOCALHOST/", "localhost: it is a local name for the server itself"),
        ("http://127.1/", "127.1: it is a loopback address 127.0.0.1, the server itself"),
        ("http://[::1]/", "::1: it is a loopback address ::1, the server itself"),
        ("http://0x7f000001/", "0x7f000001: it is a loopback address 127.0.0.1, the server"),
        ("http://10.0.0.1/x", "10.0.0.1: it is a private address 10.0.0.1, on the server's own"),
    ],
)
def test_pinning_an_address_on_the_servers_own_network_says_so(
    app, client, session, make_article, demo_text, url, why
):
    """The reason given is the guard's (the server itself, its network), never the form's
    "starting with https://", whatever the spelling; the page is not fetched."""
    app.config["WTF_CSRF_ENABLED"] = False
    result = make_article(demo_text)
    body = client.post(
        f"/articles/{result.article_id}/sources",
        data={"url": url},
        headers={"Accept": "application/json"},
    ).get_json()
    assert f"but it cannot be fetched: refusing to fetch {why}" in body["message"]
    assert "starting with https://" not in body["message"]
    assert session.scalars(select(Snapshot.state)).all() == ["refused"]


def test_upload_and_paste_add_snapshots(app, client, session, make_article, demo_text):
    app.config["WTF_CSRF_ENABLED"] = False
    make_article(demo_text)
    source_id = _outlet_id(session, "tagesschau.de")
    page = client.post(
        f"/sources/{source_id}/upload",
        data={"file": (io.BytesIO(PAGE.encode()), "../../etc/passwd")},
        content_type="multipart/form-data",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert re.search(r"Snapshot \d+ added: [\d,]+ characters of text", page)
    page = client.post(
        f"/sources/{source_id}/paste",
        data={"text": "Die Soforthilfe beträgt 50 Millionen Euro."},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Snapshot" in page and _snapshots(session) == 2
    origins = session.scalars(select(Snapshot.origin).order_by(Snapshot.id)).all()
    assert origins == ["upload", "text"]


def test_an_image_upload_is_refused_with_a_message_and_nothing_is_written(
    app, client, session, make_article, demo_text
):
    app.config["WTF_CSRF_ENABLED"] = False
    make_article(demo_text)
    source_id = _outlet_id(session, "tagesschau.de")
    page = client.post(
        f"/sources/{source_id}/upload",
        data={"file": (io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(100)), "page.html")},
        content_type="multipart/form-data",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "PNG" in page and "flash-error" in page
    assert _snapshots(session) == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"<html><head><title>Leer</title></head><body><script>x()</script></body></html>",
            "The file has no text to use as evidence",
        ),
        (
            "\n\n".join(
                f"Der Bund zahlt dem Land {i} viel Geld. " * 20 for i in range(2600)
            ).encode(),
            "The file holds more than 2,000,000 characters of text, the most a snapshot keeps",
        ),
    ],
)
def test_an_upload_that_cannot_be_kept_whole_says_why_and_adds_nothing(
    app, client, session, make_article, demo_text, data, message
):
    app.config["WTF_CSRF_ENABLED"] = False
    make_article(demo_text)
    source_id = _outlet_id(session, "tagesschau.de")
    page = client.post(
        f"/sources/{source_id}/upload",
        data={"file": (io.BytesIO(data), "seite.html")},
        content_type="multipart/form-data",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert re.search(r'class="flash flash-error"[^>]*>' + re.escape(message), page)
    assert _snapshots(session) == 0


def test_an_upload_over_the_request_limit_gets_413(app, client, session, make_article, demo_text):
    app.config["WTF_CSRF_ENABLED"] = False
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    make_article(demo_text)
    source_id = _outlet_id(session, "tagesschau.de")
    response = client.post(
        f"/sources/{source_id}/upload",
        data={"file": (io.BytesIO(b"a" * 20_000), "big.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413 and "larger than the limit" in response.get_data(
        as_text=True
    )
    assert _snapshots(session) == 0


def test_a_post_without_the_csrf_token_is_refused(client, session, make_article, demo_text):
    make_article(demo_text)
    source_id = _outlet_id(session, "tagesschau.de")
    response = client.post(f"/sources/{source_id}/paste", data={"text": "Eingeschleuster Text."})
    assert response.status_code == 400 and "reload the page" in response.get_data(as_text=True)
    assert _snapshots(session) == 0


def test_unknown_source_and_snapshot_are_404(client):
    assert client.get("/sources/999").status_code == 404
    assert client.get("/snapshots/999").status_code == 404
