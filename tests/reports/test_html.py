"""The HTML report: standalone, printable, status by colour and word, all escaped."""

from __future__ import annotations

from html.parser import HTMLParser

from workbench.reports.html import to_html


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def test_hostile_text_in_a_claim_or_note_stays_text(report):
    page = to_html(report)
    parsed = _parse(page)

    assert [t for t, _ in parsed.tags if t in ("script", "b")] == []
    text = "".join(parsed.text)
    assert "Wiederaufbaufonds <script>alert(1)</script>." in text
    assert "<script>alert('note')</script>" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_page_stands_alone_and_prints_on_a4_with_title_and_page_numbers(report):
    page = to_html(report)
    tags = _parse(page).tags

    assert not [t for t, a in tags if t in ("link", "script", "img", "iframe") or "src" in a]
    assert "<style>" in page and "@page" in page and "size: A4" in page
    assert "string-set: title content()" in page and "content: string(title)" in page
    assert 'counter(page) " of " counter(pages)' in page


def test_every_claim_shows_its_status_by_colour_and_by_word(report):
    tags = _parse(to_html(report)).tags
    items = [a for t, a in tags if t == "li" and "claim" in a.get("class", "").split()]
    badges = [a for t, a in tags if t == "span" and "badge" in a.get("class", "")]

    assert [a["class"] for a in items] == [f"claim status-{c.status}" for c in report.claims]
    assert [a["class"] for a in badges] == [f"badge status-{c.status}" for c in report.claims]
    page = to_html(report)
    for claim, icon in zip(report.claims, "✓✗?○", strict=True):
        badge = f'<span class="icon" aria-hidden="true">{icon}</span> {claim.status}</span>'
        assert badge in page


def test_the_evidence_names_its_snapshot_anchor_and_archive(report):
    page = to_html(report)
    evidence = report.claims[0].evidence

    assert "snapshot 7 of" in page and "characters 33–115" in page
    assert evidence.sha256 in page
    assert (
        'href="https://web.archive.org/web/*/https://www.example.org/hochwasser/hilfen?seite=2"'
        in page
    )
    assert "(the decision differs)" in page and "The source changed since this was decided." in page


def test_sentences_apart_and_lines_without_claims_are_listed(report):
    page = to_html(report)

    assert "Marked as not a claim" in page and "Was bedeutet das für Betroffene?" in page
    assert "Not checked: lines that hold no claims" in page and "source list" in page
