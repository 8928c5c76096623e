"""The per-kind figures and target lines the matcher evaluations print."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from eval_report import Outcome, Target, check, figures, mean  # noqa: E402


def outcome(kind, r1, flagged=False, suggestion="verified", both=None):
    return Outcome(kind, r1, r1, both, flagged, suggestion)


def test_figures_are_shares_per_kind_and_skip_recall_for_claims_without_evidence():
    stats = figures(
        [
            outcome("paraphrase", True),
            outcome("paraphrase", False, suggestion="unsupported"),
            outcome("absent", None, suggestion="unsupported"),
            outcome("merged", True, both=False),
        ]
    )
    assert stats["paraphrase"]["n"] == 2
    assert stats["paraphrase"]["recall@1"] == 0.5
    assert stats["paraphrase"]["suggested unsupported"] == 0.5
    assert "recall@1" not in stats["absent"]
    assert stats["merged"]["both@3"] == 0.0
    assert "both@3" not in stats["paraphrase"]


def test_mean_weights_each_kind_by_its_claims():
    stats = figures([outcome("verbatim", True)] * 3 + [outcome("reworded", False, flagged=True)])
    assert mean(stats, ("verbatim", "reworded"), "flagged") == 0.25
    assert mean(stats, ("absent",), "flagged") == 0.0


def test_check_prints_every_target_and_returns_the_missed_ones(capsys):
    missed = check(
        [Target("recall", 0.96, ">=", 0.95), Target("flagged wrongly", 0.06, "<=", 0.05)]
    )
    assert missed == ["flagged wrongly"]
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("OK") and lines[1].endswith("MISSED")
