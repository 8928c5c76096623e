"""Matching stored claims against fetched snapshots, and keeping relied-on evidence."""

import json

from sqlalchemy import select, update

from workbench import jobs
from workbench.matching.types import MATCHER_VERSION
from workbench.models import Claim, Match, Snapshot
from workbench.services import matching
from workbench.services.importing import import_article

SOURCE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Lage an der Front</title></head>
<body><article><h1>Lage an der Front</h1>
<p>Der Generalstab in Kiew meldete am Dienstag 134 russische Vorstöße an der Front.
Besonders umkämpft seien Pokrowsk und das Grenzgebiet zu Sumy.</p>
<p>Nach Angaben aus Seoul unterstützen mehr als 11.000 nordkoreanische Soldaten die russische Armee in Kursk.
Die NATO will ihre Fähigkeiten zur Verteidigung um etwa 30 Prozent erhöhen.</p>
<p>Das Budapester Memorandum von 1994 sicherte der Ukraine territoriale Integrität zu.</p>
</article></body></html>"""

ARTICLE = """Lage in der Ukraine

Der Generalstab in Kiew berichtet von 134 russischen Vorstößen, besonders in Pokrowsk und im Grenzgebiet zu Sumy. Nach Angaben aus Seoul unterstützen mehr als 10.000 nordkoreanische Soldaten die russische Armee in Kursk. Die Schweiz hat angekündigt, ihre Neutralität aufzugeben.

Quellen: {url}
"""


def _import_and_fetch(app, session, httpserver, allow):
    httpserver.expect_request("/front").respond_with_data(
        SOURCE, content_type="text/html; charset=utf-8"
    )
    url = f"{allow(httpserver)}/front"
    result = import_article(session, ARTICLE.format(url=url), fetch_pages=True)
    return result, url


def test_a_fetched_source_is_matched_and_an_altered_number_flagged(app, session, httpserver, allow):
    result, url = _import_and_fetch(app, session, httpserver, allow)
    claims = session.scalars(
        select(Claim).where(Claim.article_id == result.article_id).order_by(Claim.position)
    ).all()
    assert [c.suggestion for c in claims] == ["verified", "disputed", "unsupported"]
    best = {
        c.position: session.scalars(
            select(Match).where(Match.claim_id == c.id, Match.rank == 0)
        ).first()
        for c in claims
    }
    snapshot = session.scalars(select(Snapshot)).one()
    assert "134 russische Vorstöße" in best[0].passage
    assert "11.000 nordkoreanische Soldaten" in best[1].passage
    assert snapshot.text[best[1].passage_start : best[1].passage_end] == best[1].passage
    number_flags = [f for f in best[1].flags if f["kind"] == "number"]
    assert (
        number_flags
        and "10.000" in number_flags[0]["message"]
        and "11.000" in number_flags[0]["message"]
    )
    assert best[0].flags == []
    assert "no passage found in 1 source" in claims[2].suggestion_reason
    assert best[1].anchor["selector"][0]["exact"] == best[1].passage
    assert best[1].anchor["sha256"] == snapshot.sha256


def test_claims_without_a_fetched_source_need_one(session):
    result = import_article(
        session, "Titel\n\nDer Bund zahlt 50 Millionen Euro, sagte die Ministerin.\n"
    )
    matching.match_article(session, result.article_id)
    claim = session.scalars(select(Claim).where(Claim.article_id == result.article_id)).one()
    assert claim.suggestion == "needs_source" and "needs a source" in claim.suggestion_reason


def test_rematch_replaces_matches_in_one_go(app, session, httpserver, allow):
    result, _ = _import_and_fetch(app, session, httpserver, allow)
    before = session.execute(select(Match.passage, Match.created_at)).all()
    matching.match_article(session, result.article_id)
    after = session.execute(select(Match.passage, Match.created_at)).all()
    assert sorted(p for p, _ in after) == sorted(p for p, _ in before)
    assert min(t for _, t in after) > max(t for _, t in before), "every match was replaced"


def test_a_changed_source_flags_the_claim_a_reviewer_relied_on(app, session, httpserver, allow):
    result, url = _import_and_fetch(app, session, httpserver, allow)
    claim = session.scalars(
        select(Claim).where(Claim.article_id == result.article_id, Claim.position == 0)
    ).one()
    kept = session.scalars(
        select(Claim).where(Claim.article_id == result.article_id, Claim.position == 1)
    ).one()
    claim.status = kept.status = "verified"
    session.commit()
    changed = SOURCE.replace(
        "Der Generalstab in Kiew meldete am Dienstag 134 russische Vorstöße an der Front.",
        "Der Generalstab äußerte sich am Dienstag nicht zur Lage.",
    )
    httpserver.clear()
    httpserver.expect_request("/front").respond_with_data(
        "<!-- neu -->" + changed, content_type="text/html; charset=utf-8"
    )
    from workbench.models import Source
    from workbench.services.snapshots import fetch_source

    source_id = session.scalar(select(Source.id).where(Source.url == url))
    fetch_source(session, source_id, app.config)
    session.expire_all()
    assert session.get(Claim, claim.id).is_source_changed is True
    assert session.get(Claim, kept.id).is_source_changed is False
    newest = session.scalars(select(Snapshot).order_by(Snapshot.id.desc())).first()
    reanchored = session.scalars(
        select(Match).where(Match.claim_id == kept.id, Match.snapshot_id == newest.id)
    ).one()
    assert newest.text[reanchored.passage_start : reanchored.passage_end] == reanchored.passage
    assert "11.000" in reanchored.passage


def test_claims_json_shows_suggestion_matches_span_and_flags(
    app, session, runner, httpserver, allow
):
    result, url = _import_and_fetch(app, session, httpserver, allow)
    out = runner.invoke(args=["claims", str(result.article_id), "--json"])
    assert out.exit_code == 0, out.output
    claims = json.loads(out.output)
    disputed = claims[1]
    assert disputed["suggestion"]["status"] == "disputed"
    top = disputed["matches"][0]
    assert top["source_url"] == url and "11.000" in top["passage"]
    start, end = top["span"]
    snapshot = session.get(Snapshot, top["snapshot_id"])
    assert 0 <= start < end <= len(snapshot.text) and snapshot.text[start:end] in top["passage"]
    assert any("10.000" in f["message"] and "11.000" in f["message"] for f in top["flags"])
    again = runner.invoke(args=["match", "--article", str(result.article_id)])
    assert again.exit_code == 0 and "matched 3 claims in 1 article" in again.output


def _age_matches(session, claim_ids):
    """Make the stored matches of these claims look as if an older matcher made them."""
    session.execute(update(Match).where(Match.claim_id.in_(claim_ids)).values(matcher_version="0"))
    session.commit()


def test_stale_rematch_redoes_only_pending_claims_of_an_older_matcher(
    app, session, runner, httpserver, allow
):
    result, _ = _import_and_fetch(app, session, httpserver, allow)
    claims = session.scalars(
        select(Claim).where(Claim.article_id == result.article_id).order_by(Claim.position)
    ).all()
    pending, decided, current = claims
    decided.status = "verified"
    session.commit()
    _age_matches(session, [pending.id, decided.id])
    assert matching.stale_claims(session) == [pending.id]
    assert matching.stale_claims(session, article_id=result.article_id + 1) == []

    out = runner.invoke(args=["match", "--stale"])
    assert out.exit_code == 0 and "matched 1 claim of an older matcher" in out.output
    versions = dict(
        session.execute(select(Match.claim_id, Match.matcher_version).where(Match.rank == 0)).all()
    )
    assert versions[pending.id] == MATCHER_VERSION
    assert versions[decided.id] == "0", "a reviewer's evidence is kept as it was"
    assert versions[current.id] == MATCHER_VERSION
    assert matching.stale_claims(session) == []
    again = runner.invoke(args=["match", "--stale"])
    assert "matched 0 claims of an older matcher" in again.output


def test_the_stale_rematch_job_the_worker_queues_at_start(app, session, httpserver, allow):
    result, _ = _import_and_fetch(app, session, httpserver, allow)
    ids = session.scalars(select(Claim.id).where(Claim.article_id == result.article_id)).all()
    _age_matches(session, ids)
    with app.app_context():
        jobs.rematch_stale.enqueue()  # jobs run where they are queued in the tests
    session.expire_all()
    assert matching.stale_claims(session) == []
    assert set(session.scalars(select(Match.matcher_version)).all()) == {MATCHER_VERSION}
