"""A fixed report, built from the model's dataclasses with fixed times, so every
exporter's output is the same on every run (the golden files hold it), and the check
against those files."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from workbench.reports.model import ClaimEntry, Evidence, Excluded, Flag, NotClaim, Report

SOURCE = "https://www.example.org/hochwasser/hilfen?seite=2"
PAGE_TEXT = (
    "Soforthilfe nach dem Hochwasser. Das Innenministerium kündigte am Montag eine "
    "Soforthilfe von 50 Millionen Euro an. Private Haushalte sollen bis zu 5.000 Euro erhalten."
)


def _evidence(exact: str, sha: str) -> Evidence:
    start = PAGE_TEXT.index(exact)
    end = start + len(exact)
    return Evidence(
        passage=exact,
        source_url=SOURCE,
        snapshot_id=7,
        fetched_at=datetime(2026, 11, 30, 14, 5, 9),
        sha256=sha,
        selectors=(
            {
                "type": "TextQuoteSelector",
                "exact": exact,
                "prefix": PAGE_TEXT[max(0, start - 32) : start],
                "suffix": PAGE_TEXT[end : end + 32],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ),
    )


def sample_report(**changes) -> Report:
    site = "https://workbench.example.net"
    review = f"{site}/articles/42"
    claims = (
        ClaimEntry(
            claim_id=101,
            position=0,
            text="Das Innenministerium kündigte eine Soforthilfe von 50 Millionen Euro an.",
            status="verified",
            reviewer="rita",
            decided_at=datetime(2026, 12, 1, 8, 15, 0),
            note='Zahl im Pressetext bestätigt; "Soforthilfe" wörtlich.',
            evidence=_evidence(
                "Das Innenministerium kündigte am Montag eine Soforthilfe von 50 Millionen Euro an.",
                "a" * 64,
            ),
            suggestion="verified",
            suggestion_reason="likely verified: a source says the same (score 88)",
            url=f"{review}?claim=101#claim-0",
        ),
        ClaimEntry(
            claim_id=102,
            position=1,
            text="Private Haushalte sollen bis zu 8.000 Euro erhalten.",
            status="disputed",
            reviewer="max",
            decided_at=datetime(2026, 12, 1, 8, 20, 30),
            note="Quelle nennt 5.000 Euro,\nnicht 8.000.\n=SUMME(A1:A3) <script>alert('note')</script>",
            evidence=_evidence("Private Haushalte sollen bis zu 5.000 Euro erhalten.", "b" * 64),
            suggestion="disputed",
            suggestion_reason="likely disputed: claim: 8.000, source: 5.000",
            flags=(Flag("number", "claim: 8.000, source: 5.000", "8.000", "5.000"),),
            url=f"{review}?claim=102#claim-1",
        ),
        ClaimEntry(
            claim_id=103,
            position=2,
            text="Die Landesregierung plant <b>einen</b> Wiederaufbaufonds <script>alert(1)</script>.",
            status="unsupported",
            reviewer="rita",
            decided_at=datetime(2026, 12, 1, 8, 31, 0),
            note='=HYPERLINK("https://evil.example";"Quelle")',
            reason="no_passage",
            reason_text="No passage in the sources says this",
            suggestion="verified",
            suggestion_reason="likely verified: a source says the same (score 61)",
            source_changed=True,
            url=f"{review}?claim=103#claim-2",
        ),
        ClaimEntry(
            claim_id=104,
            position=4,
            text="Die Auszahlung beginnt im März.",
            status="pending",
            suggestion="needs_source",
            suggestion_reason="needs a source: no fetched page for this claim",
            url=f"{review}?claim=104#claim-4",
        ),
    )
    values = dict(
        article_id=42,
        title="Hilfen nach dem Hochwasser: Länder & Bund über „Soforthilfe“",
        language="de",
        imported_at=datetime(2026, 11, 30, 9, 0, 0),
        generated_at=datetime(2026, 12, 1, 9, 0, 0),
        origin_url="https://news.example.com/2026/hochwasser-hilfen",
        publisher="Beispiel Nachrichten",
        published_at=datetime(2026, 11, 29, 18, 30, 0),
        checked_by="erika",
        checked_at=datetime(2026, 12, 1, 8, 45, 0),
        claims=claims,
        not_claims=(
            NotClaim(
                claim_id=105,
                position=3,
                text="Was bedeutet das für Betroffene?",
                marked_by="rita",
                marked_at=datetime(2026, 12, 1, 8, 32, 0),
                note="Eine Frage, keine Behauptung.",
            ),
        ),
        excluded=(
            Excluded(
                "title", 0, 59, "Hilfen nach dem Hochwasser: Länder & Bund über „Soforthilfe“"
            ),
            Excluded("source_list", 400, 460, f"Quellen: {SOURCE}"),
        ),
        site_url=site,
        review_url=review,
        organization="Faktencheck-Redaktion",
    )
    values.update(changes)
    return Report(**values)


GOLDEN = Path(__file__).resolve().parent / "resources" / "reports"


def check_golden(name: str, text: str) -> None:
    """``text`` must equal the golden file ``name``. With REGENERATE_GOLDEN=1 the file
    is written instead and the test is skipped, saying so: read the diff before
    committing it."""
    path = GOLDEN / name
    if os.environ.get("REGENERATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8", newline="")
        pytest.skip(f"wrote {path}")
    if not path.is_file():
        pytest.fail(f"no golden file {path}: run with REGENERATE_GOLDEN=1, then read it")
    with path.open(encoding="utf-8", newline="") as golden:
        expected = golden.read()
    assert text == expected, (
        f"{name} differs from its golden file; if the change is meant, "
        "run with REGENERATE_GOLDEN=1 and read the diff"
    )
