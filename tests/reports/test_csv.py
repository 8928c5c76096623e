"""The CSV report read back with the csv module, as a spreadsheet would read it."""

from __future__ import annotations

import csv
import io

import pytest

from workbench.reports.csv import COLUMNS, to_csv


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_it_starts_with_a_byte_order_mark_and_keeps_umlauts(report):
    data = to_csv(report)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = _rows(data)
    assert (
        rows[0]["claim"]
        == "Das Innenministerium kündigte eine Soforthilfe von 50 Millionen Euro an."
    )


def test_one_row_per_claim_in_order_with_every_column(report):
    rows = _rows(to_csv(report))
    assert [r["number"] for r in rows] == ["1", "2", "3", "5"]
    assert [r["status"] for r in rows] == ["verified", "disputed", "unsupported", "pending"]
    assert list(rows[0]) == list(COLUMNS)
    first = rows[0]
    assert first["reviewer"] == "rita" and first["decided_at"] == "2026-12-01T08:15:00Z"
    assert first["snapshot_sha256"] == "a" * 64
    assert first["archive_url"].startswith("https://web.archive.org/web/*/https://www.example.org/")


def test_quotes_commas_and_line_breaks_in_a_note_survive(report):
    rows = _rows(to_csv(report))
    assert rows[0]["note"] == 'Zahl im Pressetext bestätigt; "Soforthilfe" wörtlich.'
    assert rows[1]["note"] == (
        "Quelle nennt 5.000 Euro,\nnicht 8.000.\n=SUMME(A1:A3) <script>alert('note')</script>"
    )
    assert rows[1]["flags"] == "number: claim: 8.000, source: 5.000"


@pytest.mark.security
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_made_text(report):
    rows = _rows(to_csv(report))
    assert rows[2]["note"] == '\'=HYPERLINK("https://evil.example";"Quelle")'
    assert rows[2]["claim"].startswith("Die Landesregierung")
