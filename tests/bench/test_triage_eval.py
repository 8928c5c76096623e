"""Triage on the labelled corpus sentences: the issue's targets hold on the held-out half.

The held-out half is run here, never read: only the two aggregate figures are compared,
and a failure names no sentence. The labels are in the repository, so no corpus is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import triage_eval  # noqa: E402


def test_triage_meets_its_targets_on_the_held_out_half():
    results = triage_eval.run("heldout")
    found = triage_eval.figures([(given, label) for _, given, label in results])
    for label, measure, target in triage_eval.TARGETS:
        value = found[label][measure]
        assert value is not None and value >= target, f"{measure} of {label}: {value}"


def test_the_figures_count_what_they_say():
    pairs = [("check_first", "check_first"), ("checkable", "check_first"), ("not_checkable",
             "not_checkable"), ("check_first", "checkable")]  # fmt: skip
    found = triage_eval.figures(pairs)
    assert found["check_first"]["precision"] == 0.5 and found["check_first"]["recall"] == 0.5
    assert found["not_checkable"]["precision"] == 1.0
    assert found["checkable"]["recall"] == 0.0
    assert triage_eval.figures([("checkable", "checkable")])["not_checkable"]["precision"] is None
