"""The report command: text formats to standard output, any format to a file, a PDF
never onto a terminal."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from workbench.models import Match
from workbench.services import review
from workbench.services.review import Verdict


def _decide_first(session, make_user, claim_id):
    match = session.scalars(select(Match).where(Match.claim_id == claim_id, Match.rank == 0)).one()
    review.decide(
        session, claim_id, Verdict("verified", match_id=match.id), version=1, user=make_user()
    )


def test_markdown_is_the_default_and_goes_to_standard_output(
    runner, session, make_user, evidence_article
):
    article_id, ids, _ = evidence_article
    _decide_first(session, make_user, ids[0])

    result = runner.invoke(args=["report", str(article_id)])

    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Verification report: Hilfen nach dem Hochwasser\n")
    assert "### 1. ✓ verified" in result.output


def test_json_to_standard_output_names_the_review_page_when_the_site_is_configured(
    app, runner, evidence_article
):
    article_id, ids, _ = evidence_article
    app.config["SITE_URL"] = "https://checks.example.org"

    result = runner.invoke(args=["report", str(article_id), "--format", "json"])

    document = json.loads(result.output)
    assert [c["id"] for c in document["claims"]] == ids
    assert document["article"]["review_url"] == f"https://checks.example.org/articles/{article_id}"


def test_a_pdf_is_written_to_a_file(runner, evidence_article, tmp_path):
    article_id, _, _ = evidence_article
    target = tmp_path / "report.pdf"

    result = runner.invoke(args=["report", str(article_id), "--format", "pdf", "-o", str(target)])

    assert result.exit_code == 0, result.output
    assert f"wrote pdf report of article {article_id} to {target}" in result.output
    pages = PdfReader(io.BytesIO(target.read_bytes())).pages
    assert "Hilfen nach dem Hochwasser" in pages[0].extract_text()


def test_a_pdf_goes_to_standard_output_when_it_is_a_pipe(runner, evidence_article):
    article_id, _, _ = evidence_article
    result = runner.invoke(args=["report", str(article_id), "--format", "pdf"])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"%PDF-")


def test_a_pdf_is_refused_on_a_terminal_and_nothing_is_written(app, evidence_article, tmp_path):
    article_id, _, _ = evidence_article
    leader, follower = pty.openpty()
    env = {**os.environ, "WORKBENCH_DATABASE_URL": app.config["DATABASE_URL"]}
    env["WORKBENCH_INSTANCE_PATH"] = str(tmp_path)
    workbench = Path(sys.executable).with_name("workbench")
    done = subprocess.run(
        [str(workbench), "report", str(article_id), "--format", "pdf"],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        timeout=120,
    )
    os.close(follower)
    written = _drain(leader)

    assert done.returncode == 1
    assert b"error: A PDF is not for a terminal: give -o FILE" in done.stderr
    assert b"%PDF" not in written


def _drain(fd) -> bytes:
    """What the command wrote to the terminal (Linux answers EIO once it is empty)."""
    try:
        return os.read(fd, 65536)
    except OSError:
        return b""
    finally:
        os.close(fd)


def test_a_missing_article_or_an_unknown_format_is_refused(runner):
    missing = runner.invoke(args=["report", "999", "--format", "csv"])
    assert missing.exit_code == 1 and "error: There is no article 999." in missing.output

    unknown = runner.invoke(args=["report", "1", "--format", "docx"])
    assert unknown.exit_code == 2 and "'docx' is not one of" in unknown.output
