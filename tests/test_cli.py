"""The workbench command, as a user runs it."""

import base64

from helpers import cli_json

_json = cli_json


def test_import_articles_claims_and_sources_as_json(runner, tmp_path, demo_text):
    path = tmp_path / "demo.txt"
    path.write_text(demo_text, encoding="utf-8")
    imported = _json(runner.invoke(args=["import", str(path), "--json"]))
    assert imported["existing"] is False and imported["claims"] == 18 and imported["sources"] == 3
    article_id = imported["article_id"]

    again = _json(runner.invoke(args=["import", str(path), "--json"]))
    assert again["existing"] is True and again["article_id"] == article_id

    [row] = _json(runner.invoke(args=["articles", "--json"]))
    assert (row["id"], row["claims"], row["sources"], row["language"]) == (article_id, 18, 3, "de")

    claims = _json(runner.invoke(args=["claims", str(article_id), "--json"]))
    assert [c["position"] for c in claims] == list(range(18))
    assert claims[5]["text"].endswith("Brücken und Gebäuden auf rund 410 Millionen Euro.")
    assert set(claims[0]) >= {"id", "position", "text", "start", "end", "status", "sources"}
    assert all(c["status"] == "pending" for c in claims)

    sources = _json(runner.invoke(args=["sources", str(article_id), "--json"]))
    assert [(s["url"], s["kind"]) for s in sources] == [
        ("tagesschau.de", "outlet"),
        ("bmi.bund.de", "outlet"),
        ("swr.de", "outlet"),
    ]
    assert [s["title"] for s in sources] == ["Tagesschau", "BMI", "SWR"]


def test_import_from_standard_input_with_format_and_language(runner):
    text = "# Report\n\nThe council approved 12 new schools on Monday. It was [reported](https://example.org/r)."
    imported = _json(
        runner.invoke(
            args=["import", "-", "--format", "markdown", "--language", "en", "--json"], input=text
        )
    )
    assert imported["claims"] == 2 and imported["sources"] == 1


def test_import_says_what_it_imported_in_words(runner):
    text = "# Report\n\nThe council approved 12 new schools on Monday. It was [reported](https://example.org/r)."
    result = runner.invoke(
        args=["import", "-", "--format", "markdown", "--language", "en"], input=text
    )
    assert result.exit_code == 0
    assert (
        result.output.startswith("imported article ")
        and "with 2 claims and 1 source: Report" in result.output
    )


def test_bad_input_exits_non_zero_with_one_line_and_writes_nothing(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    for path, message in (
        (empty, "empty"),
        (binary, "binary"),
        (tmp_path / "missing.txt", "No such file"),
    ):
        result = runner.invoke(args=["import", str(path)])
        assert result.exit_code == 1
        assert result.output.startswith("error: ") and message in result.output
        assert result.output.count("\n") == 1
    assert _json(runner.invoke(args=["articles", "--json"])) == []


def test_encoded_data_is_refused_with_one_line_and_writes_nothing(runner, tmp_path):
    blob = tmp_path / "article.txt"
    blob.write_bytes(base64.b64encode(bytes(range(256)) * 12))
    result = runner.invoke(args=["import", str(blob)])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert result.output.startswith("error: The input does not read as an article: ")
    assert _json(runner.invoke(args=["articles", "--json"])) == []


def test_unknown_article_is_an_error(runner):
    result = runner.invoke(args=["claims", "999"])
    assert result.exit_code == 1 and "There is no article 999" in result.output


def test_demo_is_imported_once(runner):
    first = runner.invoke(args=["demo"])
    assert "imported the demo article" in first.output
    second = runner.invoke(args=["demo"])
    assert "not imported" in second.output
    assert len(_json(runner.invoke(args=["articles", "--json"]))) == 1


ARTICLE_PAGE = """<!doctype html><html lang="en"><head><title>Dam report</title></head><body>
<article><h1>River dam to be repaired by 2026</h1>
<p>The regional authority said on Monday that the old river dam will be repaired by 2026.
The work is expected to cost 14 million euros, according to
<a href="/budget/2025">the budget plan</a>.</p>
<p>About 3,000 households downstream were warned during the spring floods last year.
Engineers found cracks in two of the dam's seven sluice gates in March.</p>
</article></body></html>"""


def test_import_from_a_url_on_an_allowed_local_server(app, runner, httpserver):
    httpserver.expect_request("/news/dam").respond_with_data(
        ARTICLE_PAGE, content_type="text/html; charset=utf-8"
    )
    app.config["FETCH_ALLOW_HOSTS"] = f"127.0.0.1:{httpserver.port}"
    url = httpserver.url_for("/news/dam?utm_source=feed")
    imported = _json(runner.invoke(args=["import", url, "--json"]))
    assert imported["existing"] is False and imported["claims"] == 4
    assert imported["title"] == "River dam to be repaired by 2026"
    claims = _json(runner.invoke(args=["claims", str(imported["article_id"]), "--json"]))
    assert claims[1]["sources"] == [httpserver.url_for("/budget/2025")]
    again = _json(runner.invoke(args=["import", url, "--json"]))
    assert again["existing"] is True


def test_import_from_the_servers_own_network_is_refused(runner, httpserver):
    httpserver.expect_request("/news/dam").respond_with_data(ARTICLE_PAGE, content_type="text/html")
    for url in (
        httpserver.url_for("/news/dam"),
        "http://169.254.169.254/latest/meta-data/",
        "http://0x7f000001/",
    ):
        result = runner.invoke(args=["import", url])
        assert result.exit_code == 1, result.output
        assert result.output.startswith("error: ")
    assert httpserver.log == [], "the guard refused before any request was sent"
    assert _json(runner.invoke(args=["articles", "--json"])) == []


def test_import_of_a_missing_page_reports_the_status(app, runner, httpserver):
    httpserver.expect_request("/gone").respond_with_data("not here", status=404)
    app.config["FETCH_ALLOW_HOSTS"] = f"127.0.0.1:{httpserver.port}"
    result = runner.invoke(args=["import", httpserver.url_for("/gone")])
    assert result.exit_code == 1 and "HTTP 404" in result.output


def test_memory_reindex_indexes_claims_and_finds_repeated_ones(runner, make_article):
    make_article("Hafen\n\nDer Hafen von Kalkberg meldete im Mai 3,2 Millionen Tonnen Umschlag.")
    make_article("Mai\n\nIm Mai meldete der Hafen von Kalkberg 3,2 Millionen Tonnen Umschlag.")
    result = runner.invoke(args=["memory", "reindex", "--echoes"])
    assert result.exit_code == 0, result.output
    assert "indexed 2 claims" in result.output
    assert "1 pair of repeated claims stored, 2 articles looked up" in result.output
