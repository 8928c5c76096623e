"""Claim memory: a claim judged in one article is seen before in the others that say it."""

from sqlalchemy import delete, func, select

from workbench.models import Claim, ClaimKey, Match
from workbench.services import memory, review
from workbench.services.importing import import_article
from workbench.services.review import Verdict

SCHOOL = "Der Stadtrat von Lindenau bewilligte am Dienstag 4,5 Millionen Euro für den Neubau der Grundschule."
SCHOOL_REWORDED = "Für den Neubau der Grundschule hat der Lindenauer Stadtrat am Dienstag 4,5 Millionen Euro freigegeben."
SCHOOL_EN = "On Tuesday, the Lindenau town council approved 4.5 million euros for a new primary school building."
POOL = "Das Hallenbad in Lindenau bleibt nach Angaben der Stadtwerke bis zum Herbst geschlossen."
BRIDGE = "Die Sanierung der Brücke über die Wipper soll im kommenden Frühjahr beginnen."
MAYOR = "Bürgermeisterin Anke Sommerfeld kündigte an, im Oktober erneut zu kandidieren."
PORT = "The port authority said cargo volumes rose by 12 percent in the first quarter of the year."
PORT_REWORDED = "Cargo volumes at the port climbed 12 percent in the year's first quarter, the port authority said."
CRANES = "Two new container cranes are due to arrive from the manufacturer in late summer."


def _import(session, title, *sentences, language="auto"):
    text = f"{title}\n\n" + " ".join(sentences) + "\n"
    return import_article(session, text, language=language).article_id


def _claim(session, article_id, text):
    return session.scalars(
        select(Claim).where(Claim.article_id == article_id, Claim.text == text)
    ).one()


def _seen(session, article_id, text):
    return memory.seen_before(session, _claim(session, article_id, text))


def test_a_verdict_shows_in_a_later_rewording_and_in_an_earlier_article_that_had_it(
    session, make_user
):
    earlier = _import(session, "Lindenau baut neu", SCHOOL, POOL)
    decided = _import(session, "Geld für die Schule", SCHOOL, BRIDGE)
    assert [(s.article_id, s.status, s.decided_at) for s in _seen(session, earlier, SCHOOL)] == [
        (decided, "pending", None)
    ]

    reviewer = make_user(username="kim")
    note = "Beschluss im Ratsinformationssystem nachgelesen."
    claim = _claim(session, decided, SCHOOL)
    review.decide(session, claim.id, Verdict("verified", note=note), version=1, user=reviewer)
    later = _import(session, "Stadtrat gibt Geld frei", MAYOR, SCHOOL_REWORDED)

    from_later = {s.article_id: s for s in _seen(session, later, SCHOOL_REWORDED)}
    assert set(from_later) == {earlier, decided}
    assert from_later[earlier].status == "pending"
    seen = from_later[decided]
    assert (seen.claim_id, seen.article_title) == (claim.id, "Geld für die Schule")
    assert (seen.status, seen.reviewer, seen.note) == ("verified", "kim", note)
    assert seen.decided_at is not None and seen.similarity >= memory.SEEN_THRESHOLD
    from_earlier = {s.article_id: s for s in _seen(session, earlier, SCHOOL)}
    assert set(from_earlier) == {decided, later}
    assert from_earlier[decided].status == "verified"
    assert from_earlier[decided].similarity == 100.0
    assert from_earlier[decided].similarity > from_earlier[later].similarity


def test_a_pinned_passage_comes_with_the_verdict(session, make_user, evidence_article):
    _, (supported, *_), url = evidence_article
    match = session.scalars(select(Match).where(Match.claim_id == supported, Match.rank == 0)).one()
    review.decide(
        session, supported, Verdict("verified", match_id=match.id), version=1, user=make_user()
    )
    reworded = (
        "Eine Soforthilfe in Höhe von 50 Millionen Euro hat das Innenministerium angekündigt."
    )
    later = _import(session, "Soforthilfe", reworded, BRIDGE)

    [seen] = _seen(session, later, reworded)
    assert seen.claim_id == supported and seen.status == "verified"
    assert seen.evidence["source_url"] == url
    assert "50 Millionen Euro" in seen.evidence["passage"]


def test_english_rewording_matches_and_unrelated_claims_do_not(session):
    first = _import(session, "Port figures", PORT, CRANES)
    second = _import(session, "Busy quarter at the port", PORT_REWORDED)
    assert [s.article_id for s in _seen(session, second, PORT_REWORDED)] == [first]
    assert _seen(session, first, CRANES) == []

    other = _import(session, "Neues aus Lindenau", POOL, MAYOR)
    _import(session, "Baustellen", BRIDGE, SCHOOL)
    assert _seen(session, other, POOL) == []
    assert _seen(session, other, MAYOR) == []


def test_claims_in_other_languages_never_match(session):
    german = _import(session, "Lindenau baut neu", SCHOOL, POOL)
    english = _import(session, "Lindenau builds", SCHOOL_EN, PORT)
    # The same words, in an article imported as English: the language decides, not the text.
    same_words = _import(session, "Lindenau", SCHOOL, BRIDGE, language="en")
    assert _seen(session, german, SCHOOL) == []
    assert _seen(session, english, SCHOOL_EN) == []
    assert _seen(session, same_words, SCHOOL) == []


def test_claims_of_the_same_article_are_not_listed(session):
    article = _import(session, "Zweimal gesagt", SCHOOL, POOL, SCHOOL_REWORDED)
    assert _seen(session, article, SCHOOL) == []
    other = _import(session, "Schule", SCHOOL, BRIDGE)
    assert {s.claim_id for s in _seen(session, other, SCHOOL)} == {
        _claim(session, article, SCHOOL).id,
        _claim(session, article, SCHOOL_REWORDED).id,
    }


def test_reindex_finds_claims_imported_before_the_index(session):
    first = _import(session, "Port figures", PORT, CRANES)
    second = _import(session, "Busy quarter at the port", PORT_REWORDED)
    claim = _claim(session, second, PORT_REWORDED)
    keys = session.scalar(select(func.count()).select_from(ClaimKey))
    session.execute(delete(ClaimKey))
    session.commit()
    assert memory.look_up(session, claim) == []

    claims = session.scalar(select(func.count()).select_from(Claim))
    assert memory.reindex(session) == (claims, keys)
    assert [s.article_id for s in memory.look_up(session, claim)] == [first]


def test_what_the_panel_shows_is_what_the_lookup_at_import_found(session, make_user):
    """seen_before reads the pairs stored when each article was imported: the same
    claims as a lookup made now, with verdicts read as they are now."""
    earlier = _import(session, "Lindenau baut neu", SCHOOL, POOL)
    later = _import(session, "Geld für die Schule", SCHOOL_REWORDED, BRIDGE)
    for article, text in ((earlier, SCHOOL), (later, SCHOOL_REWORDED)):
        claim = _claim(session, article, text)
        assert memory.seen_before(session, claim) == memory.look_up(session, claim) != []
    reviewer = make_user()
    decided = _claim(session, earlier, SCHOOL)
    review.decide(session, decided.id, Verdict("verified", note="Ratsprotokoll."),
                  version=decided.version, user=reviewer)  # fmt: skip
    [seen] = memory.seen_before(session, _claim(session, later, SCHOOL_REWORDED))
    assert (seen.status, seen.reviewer, seen.note) == (
        "verified",
        reviewer.username,
        "Ratsprotokoll.",
    )
