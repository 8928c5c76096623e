"""Snapshots: fetched pages, failures, refusals, uploads and pasted text become
immutable captures; blobs are content-addressed."""

from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug import Response

from workbench.errors import InputRejected
from workbench.models import Snapshot, Source
from workbench.services import fetch_queue, snapshots
from workbench.services.sources import add_article_source, add_claim_source, search_link

PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Bund sagt Hilfe zu</title><meta name="date" content="2025-03-14"></head><body>
<nav>Startseite Politik Wirtschaft</nav>
<article><h1>Bund sagt Hilfe zu</h1>
<p>Das Bundesinnenministerium kündigte am 14. März 2025 eine Soforthilfe von 50 Millionen Euro an.
Das Geld soll gemeinsam mit dem Land Rheinland-Pfalz ausgezahlt werden.</p>
<p>Private Haushalte sollen bis zu 5.000 Euro erhalten, kleine Unternehmen bis zu 20.000 Euro.
Die Anträge können ab April gestellt werden, teilte das Ministerium mit.</p>
</article><footer>Impressum Datenschutz</footer></body></html>"""


def _count(session, model=Snapshot):
    return session.scalar(select(func.count()).select_from(model))


def _page_source(session, url):
    from workbench.services.dialect import insert_for

    session.execute(insert_for(session)(Source.__table__).values(url=url, kind="page", title=""))
    session.commit()
    return session.scalar(select(Source.id).where(Source.url == url))


def test_fetch_stores_an_immutable_snapshot_with_text_and_passages(app, session, httpserver, allow):
    httpserver.expect_request("/hilfe").respond_with_data(
        PAGE, content_type="text/html; charset=utf-8"
    )
    base = allow(httpserver)
    source_id = _page_source(session, f"{base}/hilfe")
    outcome = snapshots.fetch_source(session, source_id, app.config)
    assert outcome.state == "fetched"
    snap = session.scalars(select(Snapshot)).one()
    assert (snap.http_status, snap.content_type, snap.origin) == (200, "text/html", "fetch")
    assert snap.title == "Bund sagt Hilfe zu"
    assert "Soforthilfe von 50 Millionen Euro" in snap.text
    assert "Impressum" not in snap.text and "Startseite" not in snap.text
    for start, end in snap.passages:
        assert snap.text[start:end].strip() == snap.text[start:end] and end > start
    assert any("5.000 Euro" in snap.text[s:e] for s, e in snap.passages)
    blob = Path(app.config["SNAPSHOT_DIR"]) / snap.sha256[:2] / snap.sha256[2:4] / snap.sha256
    assert blob.read_bytes() == PAGE.encode("utf-8")
    assert snap.size == len(PAGE.encode("utf-8"))
    source = session.get(Source, source_id)
    assert source.fetch_requested_at is None and source.fetch_started_at is None
    assert source.title == "Bund sagt Hilfe zu", "a source without a title takes the page's"


def test_refetch_adds_a_snapshot_and_reuses_the_blob(app, session, httpserver, allow):
    httpserver.expect_request("/hilfe").respond_with_data(PAGE, content_type="text/html")
    source_id = _page_source(session, f"{allow(httpserver)}/hilfe")
    snapshots.fetch_source(session, source_id, app.config)
    first = session.scalars(select(Snapshot)).one()
    first_text, first_time = first.text, first.fetched_at
    snapshots.fetch_source(session, source_id, app.config)
    rows = session.scalars(select(Snapshot).order_by(Snapshot.id)).all()
    assert len(rows) == 2 and rows[0].sha256 == rows[1].sha256
    assert (rows[0].text, rows[0].fetched_at) == (first_text, first_time)
    blobs = [p for p in Path(app.config["SNAPSHOT_DIR"]).rglob("*") if p.is_file()]
    assert len(blobs) == 1


def test_not_found_is_recorded_as_failed_without_retry(app, session, httpserver, allow):
    httpserver.expect_request("/gone").respond_with_data("weg", status=404)
    source_id = _page_source(session, f"{allow(httpserver)}/gone")
    outcome = snapshots.fetch_source(session, source_id, app.config)
    snap = session.scalars(select(Snapshot)).one()
    assert (outcome.state, snap.state, snap.http_status, snap.error) == (
        "failed",
        "failed",
        404,
        "HTTP 404",
    )
    assert snap.sha256 is None and snap.text == ""


def test_a_server_error_is_counted_and_retried_without_a_snapshot(app, session, httpserver, allow):
    app.config.update(FETCH_RETRIES=0, FETCH_JOB_RETRIES=3)
    httpserver.expect_request("/down").respond_with_data("kaputt", status=503)
    source_id = _page_source(session, f"{allow(httpserver)}/down")
    with pytest.raises(snapshots.RetryLater, match=r"/down: HTTP 503 \(try 1 of 4\)$"):
        snapshots.fetch_source(session, source_id, app.config)
    assert _count(session) == 0, "a try that will be retried is no outcome yet"
    source = session.get(Source, source_id)
    assert source.fetch_requested_at is not None and source.fetch_started_at is None
    assert source.fetch_attempts == 1


def test_a_page_on_the_servers_own_network_is_refused_and_never_requested(app, session, httpserver):
    httpserver.expect_request("/intern").respond_with_data("geheim")
    source_id = _page_source(session, httpserver.url_for("/intern"))
    outcome = snapshots.fetch_source(session, source_id, app.config)
    snap = session.scalars(select(Snapshot)).one()
    assert outcome.state == "refused" and snap.state == "refused"
    assert "127.0.0.1" in snap.error
    assert httpserver.log == []


def test_outlets_are_never_fetched(session, make_article, demo_text):
    result = make_article(demo_text)
    assert fetch_queue.unfetched_sources(session, result.article_id) == []
    outlet_ids = session.scalars(select(Source.id).where(Source.kind == "outlet")).all()
    assert fetch_queue.request_fetch(session, list(outlet_ids)) == []


def test_import_queues_its_page_sources_and_the_job_fetches_them(app, session, httpserver, allow):
    httpserver.expect_request("/hilfe").respond_with_data(PAGE, content_type="text/html")
    base = allow(httpserver)
    app.config["FETCH_ON_IMPORT"] = True
    from workbench.services.importing import import_article

    article = f"Hilfe für die Nahe\n\nDer Bund sagte 50 Millionen Euro zu, berichtet {base}/hilfe heute.\n"
    result = import_article(session, article, fetch_pages=True)
    from workbench.services.articles import article_sources

    [row] = article_sources(session, result.article_id)
    assert row.state == "fetched" and "Soforthilfe" in row.snapshot.text


def test_upload_is_judged_by_content_and_stored(app, session, resource):
    source_id = _page_source(session, "https://paywall.example.org/artikel")
    add = snapshots.add_upload(session, source_id, PAGE.encode("utf-8"), app.config)
    assert (add.origin, add.content_type, add.state) == ("upload", "text/html", "fetched")
    assert "Soforthilfe" in add.text
    text = snapshots.add_text(
        session,
        source_id,
        "Der Bund zahlt 50 Millionen Euro. Das sagte die Ministerin.",
        app.config,
    )
    assert text.origin == "text" and len(text.passages) == 2
    latest = snapshots.latest_snapshots(session, [source_id])[source_id]
    assert latest.id == text.id


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG"),
        (b"PK\x03\x04" + b"\x00" * 64, "ZIP"),
        (b"", "empty"),
    ],
)
def test_upload_that_is_not_a_document_is_refused_and_writes_nothing(app, session, data, message):
    source_id = _page_source(session, "https://paywall.example.org/x")
    with pytest.raises(InputRejected, match=message):
        snapshots.add_upload(session, source_id, data, app.config)
    assert _count(session) == 0
    assert not Path(app.config["SNAPSHOT_DIR"]).exists() or not any(
        Path(app.config["SNAPSHOT_DIR"]).rglob("*.*")
    )


def test_upload_over_the_limit_is_refused(app, session):
    app.config["MAX_UPLOAD_BYTES"] = 1000
    source_id = _page_source(session, "https://paywall.example.org/y")
    with pytest.raises(InputRejected, match="larger than 1,000 bytes, the most an upload may be"):
        snapshots.add_upload(session, source_id, b"a" * 1001, app.config)


def _nothing_stored(app, session) -> bool:
    snapshot_dir = Path(app.config["SNAPSHOT_DIR"])
    blobs = [p for p in snapshot_dir.rglob("*") if p.is_file()] if snapshot_dir.exists() else []
    return _count(session) == 0 and blobs == []


@pytest.mark.parametrize(
    "data",
    [
        b"<html><head><title>Leer</title></head><body></body></html>",
        b"<html><body><nav>Startseite Politik</nav><script>track()</script></body></html>",
        b"   \n\n\t ",
        b"%PDF-1.4\n%broken",
    ],
)
def test_an_upload_without_text_is_refused_and_writes_nothing(app, session, data):
    source_id = _page_source(session, "https://paywall.example.org/leer")
    with pytest.raises(InputRejected, match=r"^The file (has no text|is empty)"):
        snapshots.add_upload(session, source_id, data, app.config)
    assert _nothing_stored(app, session)


def test_pasted_text_without_evidence_is_refused(app, session):
    source_id = _page_source(session, "https://paywall.example.org/foto")
    with pytest.raises(InputRejected, match="^The pasted text has no text to use as evidence"):
        snapshots.add_text(session, source_id, "Foto: dpa", app.config)
    assert _nothing_stored(app, session)


def test_an_upload_with_more_text_than_a_snapshot_keeps_is_refused_not_cut(app, session):
    """3 MB of text: refused with the limit named, rather than kept as its first 2 MB."""
    sentence = "Der Bund zahlt dem Land Nummer {} viel Geld, sagte der Minister. "
    page = "\n\n".join(sentence.format(i) * 20 for i in range(2600)).encode()
    assert 3_000_000 < len(page) < app.config["MAX_UPLOAD_BYTES"]
    source_id = _page_source(session, "https://paywall.example.org/lang")
    with pytest.raises(InputRejected, match="more than 2,000,000 characters of text"):
        snapshots.add_upload(session, source_id, page, app.config)
    with pytest.raises(InputRejected, match="^The pasted text holds more than 2,000,000"):
        snapshots.add_text(session, source_id, "Ein Satz über den Bund. " * 90_000, app.config)
    assert _nothing_stored(app, session)


def test_reviewer_pins_a_page_for_a_claim_and_it_is_fetched(
    app, session, httpserver, allow, make_article, demo_text
):
    httpserver.expect_request("/hilfe").respond_with_data(PAGE, content_type="text/html")
    base = allow(httpserver)
    result = make_article(demo_text)
    from workbench.models import Claim

    claim = session.scalars(
        select(Claim).where(Claim.article_id == result.article_id, Claim.position == 13)
    ).one()
    added = add_claim_source(session, claim.id, f"{base}/hilfe?utm_source=x#oben")
    assert added.linked and added.queued and added.url == f"{base}/hilfe"
    again = add_claim_source(session, claim.id, f"{base}/hilfe")
    assert not again.linked and again.source_id == added.source_id and not again.queued
    assert session.scalars(select(Snapshot)).one().state == "fetched"
    with pytest.raises(InputRejected, match="http"):
        add_article_source(session, result.article_id, "javascript:alert(1)")


def test_search_link_for_an_outlet_names_the_domain_and_key_terms():
    link = search_link(
        "https://search.example/?q=site%3A{domain}+{terms}",
        "bmvg.de",
        "Das Treffen wird von Boris Pistorius aus Deutschland geleitet.",
    )
    assert link.startswith("https://search.example/?q=site%3Abmvg.de+")
    assert "Pistorius" in link and "+die+" not in link and "+von+" not in link


def test_stale_fetch_requests_are_found_after_their_lease(session):
    from datetime import timedelta

    from workbench.models import utcnow

    source_id = _page_source(session, "https://example.org/langsam")
    fetch_queue.request_fetch(session, [source_id])
    source = session.get(Source, source_id)
    source.fetch_requested_at = utcnow() - timedelta(seconds=100)
    session.commit()
    assert fetch_queue.stale_requests(session, lease_seconds=60) == [], "its job is still queued"
    assert fetch_queue.stale_requests(session, lease_seconds=5) == [source_id], "its job was lost"
    source.fetch_started_at = utcnow() - timedelta(seconds=90)
    session.commit()
    assert fetch_queue.stale_requests(session, lease_seconds=60) == [source_id], "its worker died"
    assert fetch_queue.stale_requests(session, lease_seconds=120) == []


def test_a_job_queued_twice_fetches_once(app, session, httpserver, allow):
    httpserver.expect_request("/hilfe").respond_with_data(PAGE, content_type="text/html")
    source_id = _page_source(session, f"{allow(httpserver)}/hilfe")
    fetch_queue.request_fetch(session, [source_id])
    first = snapshots.fetch_source(session, source_id, app.config, only_if_requested=True)
    second = snapshots.fetch_source(session, source_id, app.config, only_if_requested=True)
    assert (first.state, second.state) == ("fetched", "skipped")
    assert _count(session) == 1 and len(httpserver.log) == 1


def test_a_fetch_that_keeps_failing_stops_after_its_retries(app, session, httpserver, allow):
    app.config.update(FETCH_RETRIES=0, FETCH_JOB_RETRIES=1)
    httpserver.expect_request("/down").respond_with_data("kaputt", status=503)
    source_id = _page_source(session, f"{allow(httpserver)}/down")
    fetch_queue.request_fetch(session, [source_id])
    with pytest.raises(snapshots.RetryLater):
        snapshots.fetch_source(session, source_id, app.config, only_if_requested=True)
    assert session.get(Source, source_id).fetch_requested_at is not None, "still wanted"
    final = snapshots.fetch_source(session, source_id, app.config, only_if_requested=True)
    assert (final.state, final.detail) == ("failed", "HTTP 503 (2 tries)")
    session.expire_all()
    source = session.get(Source, source_id)
    assert (source.fetch_requested_at, source.fetch_attempts) == (None, 0)
    [snap] = session.scalars(select(Snapshot)).all()
    assert (snap.state, snap.http_status, snap.error) == ("failed", 503, "HTTP 503 (2 tries)")
    assert len(httpserver.log) == 2


def test_503_503_then_200_leaves_one_fetched_snapshot(app, session, httpserver, allow):
    """The retries of one request leave its outcome, not a row per try; the next
    request counts its tries afresh."""
    app.config.update(FETCH_RETRIES=0, FETCH_JOB_RETRIES=3)
    answers = iter([503, 503, 200, 503])
    httpserver.expect_request("/wackelig").respond_with_handler(
        lambda request: Response(PAGE, status=next(answers), content_type="text/html")
    )
    source_id = _page_source(session, f"{allow(httpserver)}/wackelig")
    fetch_queue.request_fetch(session, [source_id])
    for attempt in (1, 2):
        with pytest.raises(snapshots.RetryLater, match=f"try {attempt} of 4"):
            snapshots.fetch_source(session, source_id, app.config, only_if_requested=True)
    done = snapshots.fetch_source(session, source_id, app.config, only_if_requested=True)
    assert done.state == "fetched"
    [snap] = session.scalars(select(Snapshot)).all()
    assert snap.state == "fetched" and "Soforthilfe" in snap.text
    session.expire_all()
    assert session.get(Source, source_id).fetch_attempts == 0

    fetch_queue.request_fetch(session, [source_id])
    with pytest.raises(snapshots.RetryLater, match="try 1 of 4"):
        snapshots.fetch_source(session, source_id, app.config, only_if_requested=True)


WIRE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Oil slips</title></head>
<body><article><h1>Oil slips as stocks rally</h1>
<p>NEW YORK (Reuters) - Oil prices fell on Tuesday while the Dow Jones Industrial Average .DJI
rose 1.1 percent, its best day in a month.</p>
<p>Lesen Sie auch: <a href="/gold">Warum Gold weiter steigt</a></p>
<p>Analysts expect the central bank to hold rates in March, a strategist in London said.</p>
<p>(Reporting by Jane Roe; Editing by John Doe)</p>
</article></body></html>"""


def test_a_fetched_wire_page_gives_passages_without_its_noise(app, session, httpserver, allow):
    httpserver.expect_request("/oil").respond_with_data(
        WIRE_PAGE, content_type="text/html; charset=utf-8"
    )
    source_id = _page_source(session, f"{allow(httpserver)}/oil")
    assert snapshots.fetch_source(session, source_id, app.config).state == "fetched"
    snap = session.scalars(select(Snapshot)).one()
    assert [snap.text[s:e] for s, e in snap.passages] == [
        "Oil slips as stocks rally",
        "Oil prices fell on Tuesday while the Dow Jones Industrial Average .DJI rose 1.1 percent, "
        "its best day in a month.",
        "Analysts expect the central bank to hold rates in March, a strategist in London said.",
    ]
    assert "Lesen Sie auch" not in snap.text and "Reporting by" not in snap.text
