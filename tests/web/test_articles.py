"""The article list (the dashboard) and the article page."""

import re


def test_empty_list_says_how_to_import(client):
    page = client.get("/").get_data(as_text=True)
    assert "No articles yet" in page and "workbench import" in page
    assert '<a href="/import">Import one</a>' in page


def test_list_shows_counts_per_status(client, make_article, demo_text):
    make_article(demo_text)
    page = client.get("/").get_data(as_text=True)
    row = re.search(
        r'<tr class="dash-row dash-row-unchecked">.*?Hochwasser an der Nahe.*?</tr>', page, re.S
    )
    counts = re.findall(r"<strong>(\d+)</strong> (\w+)</li>", row.group(0))
    assert counts == [("0", "verified"), ("0", "disputed"), ("0", "unsupported"), ("18", "pending")]
    assert '<span class="dash-state dash-state-unchecked">unchecked</span>' in row.group(0)


def test_article_page_highlights_claims_and_escapes_raw_html(client, make_article, demo_text):
    result = make_article(demo_text)
    page = client.get(f"/articles/{result.article_id}").get_data(as_text=True)
    assert page.count('class="claim"') == 18
    assert "&lt;ul style=&#34;list-style-type: none&#34;&gt;" in page
    assert '<ul style="list-style-type: none">' not in page
    assert re.search(
        r'class="block block-heading muted"[^>]*>\s*Tausende Helfer im Dauereinsatz', page
    )
    assert re.search(r'class="block block-metadata muted"', page)
    assert re.search(r'class="block block-boilerplate muted"[^>]*>Für weitere Informationen', page)
    for outlet in ("tagesschau.de", "bmi.bund.de", "swr.de"):
        assert outlet in page


def test_script_in_an_article_is_shown_not_run(client, make_article):
    result = make_article(
        "Titel\n\nDer Minister sagte <script>alert('x')</script> am Montag nichts."
    )
    page = client.get(f"/articles/{result.article_id}").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_missing_article_is_404(client):
    assert client.get("/articles/12345").status_code == 404
