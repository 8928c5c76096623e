"""The article page in a real browser (Debian's Chromium driven by Playwright)."""


def test_article_page_in_a_browser(live_url, page, sign_in, make_article, demo_text, shots):
    hostile = demo_text.replace(
        "Landrätin Sabine Haller sprach",
        'Landrätin <img src=x onerror="window.pwned=1"><script>window.pwned=1</script> Sabine Haller sprach',
    )
    result = make_article(hostile)
    sign_in(page)
    page.goto(f"{live_url}/")
    page.get_by_role("link", name="Hochwasser an der Nahe").click()
    assert page.url == f"{live_url}/articles/{result.article_id}"

    claims = page.locator("span.claim")
    assert claims.count() == 18
    highlight = claims.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert highlight not in ("rgba(0, 0, 0, 0)", "transparent")

    metadata = page.locator(".block-metadata")
    assert '<ul style="list-style-type: none">' in metadata.inner_text()
    assert page.locator(".body ul").count() == 0, "raw HTML in an article is never rendered"
    assert page.evaluate("window.pwned") is None, "script in an article never runs"
    assert "<script>window.pwned=1</script>" in page.locator(".body").inner_text()

    heading_color = page.locator(".block-heading").first.evaluate(
        "el => getComputedStyle(el).color"
    )
    body_color = page.locator(".block-paragraph").first.evaluate("el => getComputedStyle(el).color")
    assert heading_color != body_color, "headings are muted"
    page.screenshot(path=str(shots / "article.png"), full_page=True)
