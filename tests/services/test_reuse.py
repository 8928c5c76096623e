"""Reusing a verdict seen before: its passage is found again in the source's latest
snapshot, refused when it is gone, and only proposed until the reviewer saves it."""

import pytest
from sqlalchemy import select

from workbench.errors import InputRejected
from workbench.models import Claim, ClaimSource, Match
from workbench.services import review
from workbench.services.importing import import_article
from workbench.services.reuse import PassageGone, propose
from workbench.services.review import Verdict
from workbench.services.snapshots import add_text

REWORDED = "Eine Soforthilfe in Höhe von 50 Millionen Euro hat das Innenministerium angekündigt."
OTHER = "Die Brücke über den Kanal bleibt bis zum Sommer für Lastwagen gesperrt."


@pytest.fixture
def verified(session, make_user, evidence_article):
    """The evidence article's first claim verified with its best passage pinned, and a
    later article (citing no source) that says it again: ``(claim, later claim, url)``."""
    _, (supported, *_), url = evidence_article
    match = session.scalars(select(Match).where(Match.claim_id == supported, Match.rank == 0)).one()
    reviewer = make_user(username="rita")
    review.decide(
        session, supported, Verdict("verified", match_id=match.id), version=1, user=reviewer
    )
    later = import_article(session, f"Geld für Flutopfer\n\n{REWORDED} {OTHER}\n").article_id
    again = session.scalars(
        select(Claim).where(Claim.article_id == later, Claim.text == REWORDED)
    ).one()
    return session.get(Claim, supported), again, url


def test_the_passage_is_found_again_in_a_newer_snapshot_that_moved_and_edited_it(
    session, app, verified
):
    claim, again, _ = verified
    pinned = claim.evidence["passage"]
    edited = pinned.replace("Soforthilfe", "Soforthilfe,", 1)
    newer = add_text(
        session,
        claim.evidence["source_id"],
        f"Aktualisiert am Mittwoch.\n\nEin neuer Absatz steht nun vorne.\n\n{edited}\n",
        app.config,
    )

    proposal = propose(session, again.id, claim.id)

    assert proposal.status == "verified"
    assert proposal.snapshot_id == newer.id != claim.evidence["snapshot_id"]
    assert newer.text[proposal.start : proposal.end] == proposal.passage
    assert "50 Millionen Euro" in proposal.passage and proposal.changed
    assert proposal.note.startswith("Reused from claim 1 of 'Hilfen nach dem Hochwasser'")
    assert "verified by rita" in proposal.note and "changed" in proposal.note


def test_an_unchanged_passage_is_not_flagged(session, app, verified):
    claim, again, _ = verified
    add_text(
        session,
        claim.evidence["source_id"],
        f"Vorspann.\n\n{claim.evidence['passage']}\n\nNachtrag.\n",
        app.config,
    )
    proposal = propose(session, again.id, claim.id)
    assert proposal.passage == claim.evidence["passage"] and not proposal.changed


def test_a_passage_gone_from_the_newer_snapshot_is_refused(session, app, verified):
    claim, again, _ = verified
    add_text(
        session,
        claim.evidence["source_id"],
        "Die Meldung wurde zurückgezogen.\n\nDas Ministerium prüft die Zahlen noch einmal.\n",
        app.config,
    )
    with pytest.raises(PassageGone, match="no longer in the latest snapshot"):
        propose(session, again.id, claim.id)


def test_the_proposal_is_not_applied_until_the_reviewer_saves_it(session, make_user, verified):
    claim, again, _ = verified
    proposal = propose(session, again.id, claim.id)
    session.expire_all()
    assert (again.status, again.version, again.evidence) == ("pending", 1, {})

    # Saving it pins the passage from a source this claim did not cite, and cites it.
    saved = review.decide(
        session,
        again.id,
        Verdict(
            proposal.status,
            note=proposal.note,
            selection=(proposal.snapshot_id, proposal.start, proposal.end),
            reused_from=proposal.other_id,
        ),
        version=1,
        user=make_user(),
    )
    assert saved.status == "verified" and saved.evidence["passage"] == proposal.passage
    link = session.get(ClaimSource, (again.id, claim.evidence["source_id"]))
    assert link is not None and link.origin == "reused"


def test_a_snapshot_of_an_uncited_source_needs_the_reused_claim_that_pinned_it(
    session, make_user, verified
):
    claim, again, _ = verified
    proposal = propose(session, again.id, claim.id)
    selection = (proposal.snapshot_id, proposal.start, proposal.end)
    unrelated = session.scalars(select(Claim.id).where(Claim.text == OTHER)).one()
    for reused_from in (None, unrelated):
        with pytest.raises(InputRejected, match="not of a source this claim cites"):
            review.decide(
                session,
                again.id,
                Verdict("verified", selection=selection, reused_from=reused_from),
                version=1,
                user=make_user(),
            )


def test_only_a_decided_claim_with_evidence_is_reused(session, verified):
    claim, again, _ = verified
    pending = session.scalars(select(Claim.id).where(Claim.text == OTHER)).one()
    with pytest.raises(InputRejected, match="no verdict to reuse"):
        propose(session, claim.id, pending)
