"""The report as CSV: one row per claim, for a spreadsheet."""

from __future__ import annotations

import csv
import io

from workbench.reports.model import ClaimEntry, Report, iso

COLUMNS = (
    "number",
    "claim",
    "status",
    "reviewer",
    "decided_at",
    "note",
    "reason",
    "suggestion",
    "suggestion_reason",
    "flags",
    "passage",
    "source_url",
    "snapshot_fetched_at",
    "snapshot_sha256",
    "archive_url",
    "source_changed",
)
# A spreadsheet runs a cell that starts with one of these as a formula; an article's
# sentence or a note must never do that (OWASP "CSV injection"), so such a cell gets
# a leading apostrophe, which spreadsheets show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_csv(report: Report) -> bytes:
    """UTF-8 with a byte order mark (so spreadsheets read umlauts right), a header row,
    then the claims in order; quoting and line breaks inside cells by the csv module."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for claim in report.claims:
        writer.writerow([_cell(value) for value in _row(claim)])
    return out.getvalue().encode("utf-8-sig")


def _row(claim: ClaimEntry) -> list:
    evidence = claim.evidence
    return [
        claim.number,
        claim.text,
        claim.status,
        claim.reviewer,
        iso(claim.decided_at) or "",
        claim.note,
        claim.reason_text,
        claim.suggestion_label if claim.suggestion else "",
        claim.suggestion_reason,
        "; ".join(f"{f.kind}: {f.message}" for f in claim.flags),
        evidence.passage if evidence else "",
        evidence.source_url if evidence else "",
        (iso(evidence.fetched_at) or "") if evidence else "",
        evidence.sha256 if evidence else "",
        claim.archive_url,
        "yes" if claim.source_changed else "",
    ]


def _cell(value) -> str | int:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
