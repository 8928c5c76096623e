"""Importing articles into the database: one transaction, sources once, duplicates reported."""

import base64

import pytest
from sqlalchemy import func, select

from workbench.errors import InputRejected
from workbench.models import Article, ArticleSource, Claim, ClaimSource, Source
from workbench.services.importing import import_article


def _count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_seed_import_stores_claims_with_exact_offsets_and_outlet_sources(session, seed_text):
    result = import_article(session, seed_text.encode("utf-8"))
    assert not result.existing and result.claims == 26 and result.sources == 3
    article = session.get(Article, result.article_id)
    assert article.original == seed_text
    assert article.language == "de" and article.publisher == "n-ag.net"
    for claim in article.claims:
        assert article.body[claim.start : claim.end] == claim.text
        assert claim.status == "pending" and claim.version == 1
    assert [c.position for c in article.claims] == list(range(26))
    outlets = {
        link.source.url: (link.source.kind, link.source.title, link.origin)
        for link in article.source_links
    }
    assert outlets == {
        "tagesspiegel.de": ("outlet", "Tagesspiegel", "metadata"),
        "bmvg.de": ("outlet", "BMVG", "metadata"),
        "de.euronews.com": ("outlet", "Euronews", "metadata"),
    }


def test_importing_the_same_body_again_writes_nothing(session, resource):
    first = import_article(session, resource("articles/de_cut_sentence.txt"))
    before = [_count(session, m) for m in (Article, Claim, Source, ArticleSource)]
    rewrapped = resource("articles/de_cut_sentence.txt").replace(b"\n\n\n\n", b"\n\n")
    again = import_article(session, rewrapped)
    assert again.existing and again.article_id == first.article_id
    assert (again.claims, again.sources) == (first.claims, first.sources)
    assert [_count(session, m) for m in (Article, Claim, Source, ArticleSource)] == before


def test_same_origin_url_is_the_same_article(session):
    first = import_article(
        session,
        "Titel\n\nEin Satz über die Lage am Montag.",
        origin_url="https://Example.org/a?utm_source=x",
    )
    again = import_article(
        session, "Ganz anderer Text mit mehr als drei Wörtern.", origin_url="https://example.org/a"
    )
    assert again.existing and again.article_id == first.article_id


def test_a_source_cited_by_two_articles_is_stored_once(session, resource):
    import_article(session, resource("articles/de_cut_sentence.txt"))
    other = "Fähren im Sturm\n\nDie Fähre fiel am Montag aus, berichtet der Sender.\n\nQuellen: www.ndr.de"
    import_article(session, other)
    assert (
        session.scalar(select(func.count()).select_from(Source).where(Source.url == "ndr.de")) == 1
    )
    assert _count(session, ArticleSource) == 3


def test_inline_links_attach_to_their_claims(session):
    text = (
        "# Budget passes\n\n"
        "The vote was 221 to 198, as [the tally](https://example.org/tally?utm_source=x#top) shows. "
        "Nobody expected it.\n\n"
        "## Sources\n\n- https://example.org/list-one\n"
    )
    result = import_article(session, text)
    claims = session.scalars(
        select(Claim).where(Claim.article_id == result.article_id).order_by(Claim.position)
    ).all()
    links = {
        c.position: [(k.source.url, k.origin, k.label) for k in c.source_links] for c in claims
    }
    assert links[0] == [("https://example.org/tally", "inline", "the tally")]
    assert links[1] == []
    article_links = session.scalars(
        select(ArticleSource).where(ArticleSource.article_id == result.article_id)
    ).all()
    assert [(k.source.url, k.origin) for k in article_links] == [
        ("https://example.org/list-one", "source_list")
    ]
    assert result.sources == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("<html><body><script>alert(1)</script></body></html>", "no readable text"),
        (b"x" * 3000, "limit"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(session, data, message):
    with pytest.raises(InputRejected, match=message):
        import_article(session, data, max_bytes=2500)
    assert _count(session, Article) == 0 and _count(session, Source) == 0


def test_encoded_data_is_refused_with_its_reason_and_writes_nothing(session):
    blob = base64.b64encode(bytes(range(256)) * 12)
    with pytest.raises(InputRejected, match="does not read as an article: .*without a space"):
        import_article(session, blob)
    with pytest.raises(InputRejected, match="does not read as an article"):
        import_article(session, blob.decode(), fmt="html")
    assert [_count(session, m) for m in (Article, Claim, Source)] == [0, 0, 0]


def test_a_title_is_stored_without_markup_whether_found_or_given(session):
    body = "\n\nDer Bund zahlt 50 Millionen Euro an die Länder, sagte der Minister am Montag."
    found = import_article(session, "Hilfe <img src=x onerror=alert(1)> kommt" + body)
    given = import_article(
        session, "Titel" + body + " Mehr.", title="Eilmeldung <script>alert(1)</script> heute"
    )
    assert (found.title, given.title) == ("Hilfe kommt", "Eilmeldung heute")
    stored = session.scalars(select(Article.title).order_by(Article.id)).all()
    assert stored == ["Hilfe kommt", "Eilmeldung heute"]


def test_html_and_script_in_text_are_stored_as_text(session):
    text = "Titel <script>alert(1)</script>\n\nDer Minister sagte am Montag <b>nichts</b> dazu."
    result = import_article(session, text)
    claim = session.scalars(select(Claim).where(Claim.article_id == result.article_id)).one()
    assert claim.text == "Der Minister sagte am Montag <b>nichts</b> dazu."


def test_claim_sources_survive_only_with_their_claims(session):
    result = import_article(session, "Titel\n\nLaut https://example.org/a stieg die Zahl auf 12.\n")
    assert _count(session, ClaimSource) == 1
    session.delete(session.get(Article, result.article_id))
    session.commit()
    assert _count(session, ClaimSource) == 0 and _count(session, Claim) == 0
    assert _count(session, Source) == 1, "sources outlive the article that cited them"


def test_new_claims_start_as_needing_a_source(session, demo_text):
    result = import_article(session, demo_text)
    suggestions = session.scalars(
        select(Claim.suggestion).where(Claim.article_id == result.article_id)
    ).all()
    assert set(suggestions) == {"needs_source"}


def test_a_citation_link_after_the_full_stop_is_stored_with_its_own_claim(session):
    text = (
        "# Besucherrekord im Stadtpark\n\n"
        "Die Zahl der Besucher hat im Sommer 5000 erreicht. [Quelle](https://stadt.example.org/zahlen)\n\n"
        "Die Stadt plant deshalb einen Ausbau des Parks.\n"
    )
    result = import_article(session, text)
    claims = session.scalars(
        select(Claim).where(Claim.article_id == result.article_id).order_by(Claim.position)
    ).all()
    assert [(c.text, [k.source.url for k in c.source_links]) for c in claims] == [
        (
            "Die Zahl der Besucher hat im Sommer 5000 erreicht.",
            ["https://stadt.example.org/zahlen"],
        ),
        ("Die Stadt plant deshalb einen Ausbau des Parks.", []),
    ]
    assert {c.suggestion for c in claims} == {"needs_source"}


def test_wire_copy_noise_is_stored_muted_and_never_as_a_claim(session):
    text = (
        "Stocks rise on rate hopes\n\n"
        "NEW YORK (Reuters) - The Dow Jones Industrial Average .DJI rose 1.1 percent on Tuesday. "
        "Brent crude LCOc1 fell 2 percent.\n\n"
        "Read more: Why gold keeps rising\n\n"
        "(Reporting by Jane Roe; Editing by John Doe)\n"
    )
    result = import_article(session, text)
    article = session.get(Article, result.article_id)
    assert [c.text for c in article.claims] == [
        "The Dow Jones Industrial Average .DJI rose 1.1 percent on Tuesday.",
        "Brent crude LCOc1 fell 2 percent.",
    ]
    muted = [article.body[s:e] for s, e, kind in article.layout if kind == "boilerplate"]
    assert muted == [
        "Read more: Why gold keeps rising",
        "(Reporting by Jane Roe; Editing by John Doe)",
    ]


def test_each_claim_is_triaged_on_import_with_its_reason(session):
    text = (
        "Brücke am Hafen gesperrt\n\n"
        "Die Stadt sperrte die Brücke am 4. Juni 2025 für 3 Monate, sagte Bürgermeisterin"
        " Anna Roth. Die Brücke wurde nach dem Hochwasser gesperrt. Wie geht es nun weiter?"
    )
    result = import_article(session, text)
    rows = session.execute(
        select(Claim.triage, Claim.triage_score, Claim.triage_reason)
        .where(Claim.article_id == result.article_id)
        .order_by(Claim.position)
    ).all()
    assert [r.triage for r in rows] == ["check_first", "checkable", "not_checkable"]
    assert rows[0].triage_reason.startswith("has a figure, a date")
    assert rows[0].triage_score > rows[1].triage_score > rows[2].triage_score
    assert rows[2].triage_reason == "asks a question"
