"""The source and snapshot commands, as a user runs them."""

from helpers import cli_json
from pytest_httpserver import HTTPServer

PAGE = """<!doctype html><html><head><title>Report</title></head><body><article>
<h1>Budget report</h1><p>The lower house passed the budget by 221 votes to 198 on March 14, 2025.
Fourteen members abstained, the official tally shows.</p>
<p>Defense spending rises by 6 percent to 58 billion dollars this year.</p></article></body></html>"""


_json = cli_json


def _article(runner, tmp_path, text):
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    return _json(runner.invoke(args=["import", str(path), "--json"]))["article_id"]


def test_fetch_wait_reports_each_outcome_and_sources_show_snapshots(
    app, runner, tmp_path, httpserver, allow
):
    httpserver.expect_request("/report").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    base = allow(httpserver)
    other = HTTPServer(host="127.0.0.1", port=0)
    other.start()
    try:
        other.expect_request("/private").respond_with_data("internal")
        article_id = _article(
            runner,
            tmp_path,
            "# Budget\n\n"
            f"The house passed the budget by 221 votes to 198, says [the tally]({base}/report). "
            f"Defense spending rises by 6 percent, says [a memo]({base}/missing). "
            f"The vote was close, says [an intranet page]({other.url_for('/private')}).\n\n"
            "Sources: www.example-news.org\n",
        )
        result = runner.invoke(args=["fetch", "--article", str(article_id), "--wait"])
        assert result.exit_code == 0, result.output
        assert "1 fetched, 1 failed, 1 refused, 0 skipped" in result.output
        assert "HTTP 404" in result.output and "127.0.0.1" in result.output
        assert other.log == []
    finally:
        other.clear()
        other.stop()

    sources = {
        s["url"]: s for s in _json(runner.invoke(args=["sources", str(article_id), "--json"]))
    }
    report = sources[f"{base}/report"]["snapshot"]
    assert (
        report["state"] == "fetched" and report["http_status"] == 200 and report["text_chars"] > 100
    )
    assert sources[f"{base}/missing"]["snapshot"]["state"] == "failed"
    assert sources[f"{base}/missing"]["snapshot"]["error"] == "HTTP 404"
    refused = [s for url, s in sources.items() if url.endswith("/private")][0]["snapshot"]
    assert refused["state"] == "refused" and refused["error"]
    outlet = sources["example-news.org"]
    assert outlet["kind"] == "outlet" and outlet["snapshot"] is None

    again = runner.invoke(args=["fetch", "--article", str(article_id), "--wait"])
    assert "0 fetched, 0 failed, 0 refused, 0 skipped" in again.output, (
        "sources with snapshots are not fetched again"
    )


def test_fetch_again_retries_failed_and_refused_sources_only(
    app, runner, tmp_path, httpserver, allow
):
    served = {"count": 0}

    def flaky(request):
        from werkzeug import Response

        served["count"] += 1
        if served["count"] == 1:
            return Response("down", status=404)
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/report").respond_with_handler(flaky)
    httpserver.expect_request("/fine").respond_with_data(PAGE, content_type="text/html")
    base = allow(httpserver)
    article_id = _article(
        runner,
        tmp_path,
        f"# Budget\n\nThe house passed the budget, says [the tally]({base}/report). "
        f"Defense spending rises, says [a memo]({base}/fine).\n",
    )
    first = runner.invoke(args=["fetch", "--article", str(article_id), "--wait"])
    assert "1 fetched, 1 failed" in first.output
    plain = runner.invoke(args=["fetch", "--article", str(article_id), "--wait"])
    assert "0 fetched, 0 failed" in plain.output, "without --again a failed source is left"

    again = runner.invoke(args=["fetch", "--again", "--article", str(article_id), "--wait"])
    assert again.exit_code == 0, again.output
    assert "1 fetched, 0 failed, 0 refused" in again.output
    assert served["count"] == 2 and len(httpserver.log) == 3, "the good page is not fetched twice"
    sources = {
        s["url"]: s for s in _json(runner.invoke(args=["sources", str(article_id), "--json"]))
    }
    assert sources[f"{base}/report"]["snapshot"]["state"] == "fetched"

    nothing = runner.invoke(args=["fetch", "--again", "--article", str(article_id)])
    assert "no failed or refused sources" in nothing.output
    wrong = runner.invoke(args=["fetch", "--source", "1"])
    assert wrong.exit_code == 1 and "--source goes with --again" in wrong.output


def test_fetch_without_wait_queues_for_the_worker(app, runner, tmp_path):
    app.config["QUEUE_IMMEDIATE"] = False
    article_id = _article(
        runner, tmp_path, "# T\n\nA claim with [a link](https://example.org/a) in it.\n"
    )
    result = runner.invoke(args=["fetch", "--article", str(article_id)])
    assert result.exit_code == 0 and "queued 1 fetches" in result.output
    [source] = _json(runner.invoke(args=["sources", str(article_id), "--json"]))
    assert source["snapshot"]["state"] == "queued"


def test_source_add_and_snapshot_add(app, runner, tmp_path, httpserver, allow):
    httpserver.expect_request("/report").respond_with_data(PAGE, content_type="text/html")
    base = allow(httpserver)
    article_id = _article(
        runner, tmp_path, "# T\n\nThe house passed the budget by 221 votes to 198 on Friday.\n"
    )
    [claim] = _json(runner.invoke(args=["claims", str(article_id), "--json"]))
    added = runner.invoke(args=["source", "add", str(claim["id"]), f"{base}/report"])
    assert (
        added.exit_code == 0
        and "linked to claim" in added.output
        and "fetch queued" in added.output
    )
    [source] = _json(runner.invoke(args=["sources", str(article_id), "--json"]))
    assert source["origin"] == "reviewer" and source["snapshot"]["state"] == "fetched"

    pdf_like = tmp_path / "scan.txt"
    pdf_like.write_bytes(b"Die Kammer stimmte am Freitag mit 221 zu 198 Stimmen zu.\n")
    uploaded = runner.invoke(args=["snapshot", "add", str(source["id"]), str(pdf_like)])
    assert uploaded.exit_code == 0 and "text/plain" in uploaded.output
    [source] = _json(runner.invoke(args=["sources", str(article_id), "--json"]))
    assert source["snapshot"]["origin"] == "upload"

    image = tmp_path / "looks-like.html"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    refused = runner.invoke(args=["snapshot", "add", str(source["id"]), str(image)])
    assert (
        refused.exit_code == 1 and refused.output.startswith("error: ") and "PNG" in refused.output
    )

    for name, data, message in (
        ("empty.html", b"<html><body><nav>Menu</nav></body></html>", "The file has no text"),
        ("huge.txt", b"Die Kammer stimmte zu. " * 140_000, "The file holds more than 2,000,000"),
    ):
        (tmp_path / name).write_bytes(data)
        refused = runner.invoke(args=["snapshot", "add", str(source["id"]), str(tmp_path / name)])
        assert refused.exit_code == 1 and refused.output.startswith(f"error: {message}")
        assert refused.output.count("\n") == 1
    [source] = _json(runner.invoke(args=["sources", str(article_id), "--json"]))
    assert source["snapshot"]["origin"] == "upload", "nothing was added"

    bad = runner.invoke(args=["source", "add", str(claim["id"]), "ftp://example.org/x"])
    assert bad.exit_code == 1 and "http" in bad.output
    missing = runner.invoke(args=["source", "add", "99999", f"{base}/report"])
    assert missing.exit_code == 1 and "no claim 99999" in missing.output
