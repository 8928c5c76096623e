"""The article list and the article page."""

import re


def test_empty_list_says_how_to_import(client):
    page = client.get("/").get_data(as_text=True)
    assert "No articles yet" in page and "workbench import" in page


def test_list_shows_counts(client, make_article, demo_text):
    make_article(demo_text)
    page = client.get("/").get_data(as_text=True)
    row = re.search(
        r'<tr>\s*<td><a href="/articles/\d+">Hochwasser an der Nahe.*?</tr>', page, re.S
    )
    assert re.findall(r'<td class="num">(\d+)</td>', row.group(0)) == ["18", "3"]


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
