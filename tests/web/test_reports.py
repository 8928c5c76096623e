"""Report downloads in the browser: one article in each format, several as one zip,
the links that lead there, and who may download."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from workbench.models import Match
from workbench.reports import FORMATS
from workbench.services import review
from workbench.services.review import Verdict
from workbench.web.reports import REPORT_CSP

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "claimreview": "application/ld+json",
    "annotations": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
}
HOSTILE = """Ein Test

Der Rat beschloss <script>alert(1)</script> am Montag neue Regeln für alle Schulen.
"""


@pytest.fixture
def decided(session, make_user, evidence_article):
    """The evidence article with its first claim verified by its best passage."""
    article_id, ids, url = evidence_article
    match = session.scalars(select(Match).where(Match.claim_id == ids[0], Match.rank == 0)).one()
    review.decide(
        session,
        ids[0],
        Verdict("verified", match_id=match.id),
        version=1,
        user=make_user(username="vera"),
    )
    return article_id, ids, url


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_downloads_with_its_type_and_file_name(client, decided, fmt):
    article_id, _, _ = decided
    response = client.get(f"/articles/{article_id}/report.{fmt}")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == MEDIA_TYPES[fmt]
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    extension = {"claimreview": "claimreview.jsonld", "annotations": "annotations.jsonld"}
    name = f"article-{article_id}-report.{extension.get(fmt, fmt)}"
    assert response.headers["Content-Disposition"] == f'{disposition}; filename="{name}"'
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_json_names_the_verdict_and_links_the_review_page_of_this_host(client, decided):
    article_id, ids, url = decided
    document = client.get(f"/articles/{article_id}/report.json").get_json()

    assert document["article"]["review_url"] == f"http://localhost/articles/{article_id}"
    first = document["claims"][0]
    assert (first["id"], first["status"], first["reviewer"]) == (ids[0], "verified", "vera")
    assert first["evidence"]["source_url"] == url


def test_the_site_address_and_organisation_come_from_the_config(app, client, decided):
    article_id, _, _ = decided
    app.config.update(SITE_URL="https://checks.example.org", REPORT_ORGANIZATION="Prüfdesk")
    [review_] = json.loads(client.get(f"/articles/{article_id}/report.claimreview").data)

    assert review_["url"].startswith(f"https://checks.example.org/articles/{article_id}?claim=")
    assert review_["author"] == {
        "@type": "Organization",
        "name": "Prüfdesk",
        "url": "https://checks.example.org",
    }


def test_the_html_report_gets_its_own_strict_policy_and_others_keep_the_app_one(client, decided):
    article_id, _, _ = decided
    page = client.get(f"/articles/{article_id}/report.html")
    other = client.get(f"/articles/{article_id}/report.md")

    assert page.headers["Content-Security-Policy"] == REPORT_CSP
    assert "script-src" not in REPORT_CSP and "default-src 'none'" in REPORT_CSP
    assert "style-src 'self'" in other.headers["Content-Security-Policy"]
    assert "style-src 'self'" in client.get("/").headers["Content-Security-Policy"]


def test_hostile_text_stays_escaped_in_the_served_html_and_pdf(client, make_article):
    article_id = make_article(HOSTILE, fmt="text").article_id

    page = client.get(f"/articles/{article_id}/report.html").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page

    pdf = PdfReader(io.BytesIO(client.get(f"/articles/{article_id}/report.pdf").data))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "beschloss <script>alert(1)</script> am Montag" in text


@pytest.mark.parametrize("fmt", ["html", "pdf", "json"])
def test_a_missing_article_is_404(client, fmt):
    assert client.get(f"/articles/999/report.{fmt}").status_code == 404


def test_an_unknown_format_is_404(client, decided):
    article_id, _, _ = decided
    assert client.get(f"/articles/{article_id}/report.docx").status_code == 404


@pytest.mark.parametrize("path", ["/articles/1/report.pdf", "/reports.zip?article=1&format=md"])
def test_anonymous_is_sent_to_log_in(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_every_role_may_download(app, login, decided, role):
    article_id, _, _ = decided
    other = app.test_client()
    login(other, role)
    assert other.get(f"/articles/{article_id}/report.csv").status_code == 200


def test_the_zip_holds_one_report_per_ticked_article(client, decided, make_article, demo_text):
    first, _, _ = decided
    second = make_article(demo_text).article_id

    response = client.get(f"/reports.zip?article={first}&article={second}&format=md")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="verification-reports-md.zip"'
    )
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert archive.namelist() == [
            f"article-{first}-report.md",
            f"article-{second}-report.md",
        ]
        assert archive.read(archive.namelist()[0]).startswith(b"# Verification report: ")


def test_a_zip_of_nothing_returns_to_the_dashboard_saying_why(client):
    response = client.get("/reports.zip?format=pdf", follow_redirects=True)
    assert response.request.path == "/"
    assert "Choose at least one article." in response.get_data(as_text=True)


def test_a_zip_with_a_missing_article_is_404(client, decided):
    article_id, _, _ = decided
    assert client.get(f"/reports.zip?article={article_id}&article=999").status_code == 404


def test_the_review_page_offers_every_format(client, decided):
    article_id, _, _ = decided
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)

    menu = re.search(r'<details class="report-menu">.*?</details>', page, re.S).group(0)
    links = re.findall(r'href="([^"]+)"', menu)
    assert links == [f"/articles/{article_id}/report.{fmt}" for fmt in FORMATS]


def test_the_dashboard_ticks_articles_into_the_zip_form(client, decided):
    article_id, _, _ = decided
    page = client.get("/").get_data(as_text=True)

    assert re.search(
        rf'<input type="checkbox" class="report-pick" name="article" value="{article_id}" '
        r'form="report-zip"',
        page,
    )
    assert '<form id="report-zip" class="report-zip" method="get" action="/reports.zip">' in page


def test_the_served_html_report_is_styled_under_its_policy_and_fits_a_phone(
    page, live_url, sign_in, decided, shots
):
    article_id, _, _ = decided
    sign_in(page, "reviewer")
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_url}/articles/{article_id}/report.html")
    badge = page.locator(".claim .badge.status-verified").first
    assert badge.inner_text().strip() == "✓ verified"
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(211, 249, 216)"
    page.screenshot(path=shots / "report-1280.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=shots / "report-390.png", full_page=True)
    assert refused == []


def test_a_reviewer_ticks_articles_on_the_dashboard_and_downloads_one_zip(
    page, live_url, sign_in, decided, make_article, demo_text, shots
):
    first, _, _ = decided
    second = make_article(demo_text).article_id
    sign_in(page, "reviewer")
    page.goto(f"{live_url}/")
    for article_id in (first, second):
        page.locator(f'input.report-pick[value="{article_id}"]').check()
    page.get_by_label("Reports of the ticked articles as").select_option("md")
    page.screenshot(path=shots / "dashboard-zip.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download zip").click()

    with zipfile.ZipFile(download.value.path()) as archive:
        assert sorted(archive.namelist()) == sorted(
            [f"article-{first}-report.md", f"article-{second}-report.md"]
        )


def test_the_review_page_menu_opens_without_a_script_and_leads_to_the_report(
    page, live_url, sign_in, decided, shots
):
    article_id, _, _ = decided
    sign_in(page, "reviewer")
    page.goto(f"{live_url}/articles/{article_id}")
    page.get_by_text("Report", exact=True).click()
    link = page.get_by_role("link", name="Web page, to read or print")
    assert link.is_visible()
    page.screenshot(path=shots / "review-report-menu.png")
    link.click()
    page.wait_for_url(f"**/articles/{article_id}/report.html")
    assert page.locator("h1").inner_text() == "Hilfen nach dem Hochwasser"
