"""Adding evidence for a paywalled source in a real browser, CSRF protection on."""

from __future__ import annotations

import re


def test_reviewer_pastes_and_uploads_a_snapshot(
    live_url, page, sign_in, make_article, demo_text, tmp_path
):
    make_article(demo_text)
    sign_in(page)
    page.goto(f"{live_url}/articles/1")
    page.locator("li.source-outlet").first.get_by_role("link", name="snapshots").click()
    assert "No snapshot yet" in page.content()

    page.get_by_label("Pasted text").fill(
        "Die Soforthilfe beträgt 50 Millionen Euro, sagte die Ministerin."
    )
    page.get_by_role("button", name="Add pasted text").click()
    assert re.search(r"Snapshot \d+ added: 64 characters of text", page.content())

    saved = tmp_path / "saved-page.html"
    saved.write_text(
        "<html><body><article><p>Private Haushalte erhalten bis zu 5.000 Euro.</p>"
        "<script>window.pwned = 1</script></article></body></html>",
        encoding="utf-8",
    )
    page.get_by_label("File (HTML, PDF or text)").set_input_files(str(saved))
    page.get_by_role("button", name="Upload").click()
    assert re.search(r"Snapshot \d+ added", page.content())
    assert page.locator("table.snapshots tbody tr").count() == 2

    page.locator("table.snapshots tbody tr").first.get_by_role("link").click()
    assert (
        "Private Haushalte erhalten bis zu 5.000 Euro."
        in page.locator(".snapshot-text").inner_text()
    )
    assert page.evaluate("window.pwned") is None
