"""The review command and the claim fields it changes, as a user runs them."""

import re

from helpers import cli_json


def _claims(runner, article_id):
    return cli_json(runner.invoke(args=["claims", str(article_id), "--json"]))


def test_review_pins_a_passage_and_claims_json_shows_it(runner, make_user, evidence_article):
    article_id, (supported, wrong, absent), url = evidence_article
    make_user(username="rosa")
    before = {c["id"]: c for c in _claims(runner, article_id)}
    match_id = before[supported]["matches"][0]["id"]
    assert before[supported]["version"] == 1 and before[supported]["evidence"] is None

    result = runner.invoke(
        args=["review", str(supported), "verified", "--passage", str(match_id), "--as", "rosa"]
    )
    assert result.exit_code == 0, result.output
    assert f"claim {supported} is verified with the passage pinned (version 2)" in result.output

    after = {c["id"]: c for c in _claims(runner, article_id)}[supported]
    assert after["status"] == "verified" and after["version"] == 2
    assert after["updated_by"] == "rosa" and after["updated_at"]
    assert after["evidence"]["source_url"] == url
    assert "50 Millionen Euro" in after["evidence"]["passage"]


def test_review_applies_the_same_evidence_rules_as_the_page(runner, make_user, evidence_article):
    article_id, (supported, wrong, absent), _ = evidence_article
    make_user(username="rosa")
    refused = runner.invoke(args=["review", str(wrong), "disputed", "--as", "rosa"])
    assert refused.exit_code == 1
    assert "error: Pin the passage that contradicts" in refused.output
    assert _claims(runner, article_id)[1]["status"] == "pending"

    result = runner.invoke(
        args=["review", str(absent), "unsupported", "--reason", "no_passage", "--as", "rosa"]
    )
    assert result.exit_code == 0, result.output
    noted = runner.invoke(
        args=["review", str(wrong), "disputed", "--note", "The page says 5.000.", "--as", "rosa"]
    )
    assert noted.exit_code == 0, noted.output
    rows = _claims(runner, article_id)
    assert (rows[2]["status"], rows[2]["reason"]) == ("unsupported", "no_passage")
    assert (rows[1]["status"], rows[1]["note"]) == ("disputed", "The page says 5.000.")

    skipped = runner.invoke(args=["review", str(supported), "not-a-claim", "--as", "rosa"])
    assert skipped.exit_code == 0 and "not a claim" in skipped.output
    assert _claims(runner, article_id)[0]["kind"] == "not_claim"


def test_review_needs_a_known_active_user(runner, evidence_article, monkeypatch):
    _, (supported, *_), _ = evidence_article
    monkeypatch.delenv("WORKBENCH_USER", raising=False)
    nobody = runner.invoke(args=["review", str(supported), "verified", "--note", "x"])
    assert nobody.exit_code == 1 and "--as USER" in nobody.output
    unknown = runner.invoke(args=["review", str(supported), "verified", "--as", "ghost"])
    assert unknown.exit_code == 1 and "no user called ghost" in unknown.output
    missing = runner.invoke(args=["review", "999999", "verified", "--note", "x", "--as", "ghost"])
    assert missing.exit_code == 1


def test_demo_creates_the_first_admin_once_and_prints_its_password(runner, app):
    from werkzeug.security import check_password_hash

    from workbench.extensions import db
    from workbench.models import User

    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    password = re.search(r"created the admin account 'admin' with password '([^']+)'", first.output)
    assert password, first.output
    with app.app_context():
        admin = db.session.query(User).filter_by(username="admin").one()
        assert admin.role == "admin"
        assert password.group(1) not in admin.password_hash
        assert check_password_hash(admin.password_hash, password.group(1))
    second = runner.invoke(args=["demo"])
    assert "admin account" not in second.output, "the password is printed only once"
