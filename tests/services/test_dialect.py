"""The driver-level bulk insert: rows land as given, in the caller's transaction."""

from sqlalchemy import select

from workbench.matching.reading import read
from workbench.models import Claim, ClaimKey
from workbench.services.dialect import insert_rows
from workbench.services.importing import import_article

CLAIM = "Die Stadtwerke Lindenau erhöhen den Gaspreis zum 1. März um 8,5 Prozent."


def _keys(session, claim_id):
    return set(session.scalars(select(ClaimKey.key).where(ClaimKey.claim_id == claim_id)))


def test_an_imported_claim_is_indexed_under_each_key_of_its_reading(session):
    article = import_article(session, f"Gas wird teurer\n\n{CLAIM}\n", language="de")
    claim = session.scalars(select(Claim).where(Claim.article_id == article.article_id)).one()
    assert _keys(session, claim.id) == set(read(CLAIM, "de").keys)
    assert {"8.5%", "03-01"} <= _keys(session, claim.id)


def test_rows_inserted_read_back_as_given_and_go_with_a_rollback(session):
    article = import_article(session, f"Gas wird teurer\n\n{CLAIM}\n", language="de")
    claim_id = session.scalars(select(Claim.id).where(Claim.article_id == article.article_id)).one()
    rows = [("de", "lindenau-extra", claim_id), ("en", "o'hara", claim_id)]
    insert_rows(session, ClaimKey.__table__, ("language", "key", "claim_id"), rows)
    written = select(ClaimKey.language, ClaimKey.key).where(ClaimKey.key.in_([r[1] for r in rows]))
    assert sorted(session.execute(written).all()) == [("de", "lindenau-extra"), ("en", "o'hara")]
    session.rollback()
    assert session.execute(written).all() == []
    assert _keys(session, claim_id) == set(read(CLAIM, "de").keys)
