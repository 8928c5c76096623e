"""Triage on real news sentences: the workbench's check-worthiness labels against the
labels people gave (bench/data_real/triage_*.jsonl, see bench/data_real/README.md).

    python bench/triage_eval.py                 # both halves; held-out decides the exit
    python bench/triage_eval.py --misses        # also list the tuning half's misses
    python bench/triage_eval.py --half tuning   # the tuning half alone (while tuning rules)

Per half it prints how the labels given and the labels found cross, the precision and
recall of each label, and beside them the baseline of calling every sentence
``check_first`` (most sentences are). Targets, on the held-out half: precision of
``not_checkable`` >= 0.90 (a checkable claim hidden is worse than an opinion shown) and
recall of ``check_first`` >= 0.90. The held-out half's sentences are never printed: it is
run, not read. Exits 1 when a target is missed there.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from triage_data import LABELS, load_labels  # noqa: E402

from workbench.matching.reading import read  # noqa: E402
from workbench.matching.triage import RULES_VERSION, triage  # noqa: E402

TARGETS = (("not_checkable", "precision", 0.90), ("check_first", "recall", 0.90))


def run(half: str) -> list[tuple[dict, str, str]]:
    """(row, label given, label found) for every labelled sentence of ``half``."""
    return [
        (row, row["label"], triage(read(row["sentence"], row["lang"])).label)
        for row in load_labels(half)
    ]


def figures(pairs: list[tuple[str, str]]) -> dict[str, dict[str, float | None]]:
    out = {}
    for label in LABELS:
        found = sum(f == label for _, f in pairs)
        given = sum(g == label for g, _ in pairs)
        right = sum(g == f == label for g, f in pairs)
        out[label] = {
            "given": given,
            "found": found,
            "precision": right / found if found else None,
            "recall": right / given if given else None,
        }
    return out


def _share(value: float | None) -> str:
    return "   -" if value is None else f"{value:.3f}"


def print_half(half: str, results: list[tuple[dict, str, str]], seconds: float) -> list[str]:
    pairs = [(g, f) for _, g, f in results]
    print(
        f"{half} half: {len(pairs)} sentences, rules version {RULES_VERSION},"
        f" triaged in {seconds * 1000:.0f} ms"
    )
    crossed = Counter(pairs)
    print(f"{'given/found':<16}" + "".join(f"{label:>15}" for label in LABELS))
    for given in LABELS:
        print(f"{given:<16}" + "".join(f"{crossed[(given, f)]:>15}" for f in LABELS))
    mine = figures(pairs)
    base = figures([(g, "check_first") for g, _ in pairs])
    print(f"{'label':<16}{'given':>7}{'found':>7}{'precision':>11}{'recall':>9}"
          f"{'baseline p':>12}{'baseline r':>12}")  # fmt: skip
    for label in LABELS:
        m, b = mine[label], base[label]
        print(
            f"{label:<16}{m['given']:>7}{m['found']:>7}{_share(m['precision']):>11}"
            f"{_share(m['recall']):>9}{_share(b['precision']):>12}{_share(b['recall']):>12}"
        )
    missed = []
    for label, measure, target in TARGETS:
        value = mine[label][measure]
        ok = value is not None and value >= target
        print(f"  {measure} of {label:<14} {_share(value)}  (target >= {target:.2f}) "
              f"{'OK' if ok else 'MISSED'}")  # fmt: skip
        if not ok:
            missed.append(f"{measure} of {label}")
    print()
    return missed


def print_misses(results: list[tuple[dict, str, str]]) -> None:
    print("misses (tuning):")
    for row, given, found in results:
        if given != found:
            print(f"  {row['id']} given {given}, found {found}: {row['sentence'][:110]}")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the tuning half's misses")
    parser.add_argument("--half", choices=("tuning", "heldout"), help="run one half only")
    args = parser.parse_args(argv)
    missed = {}
    for half in [args.half] if args.half else ["tuning", "heldout"]:
        started = time.perf_counter()
        results = run(half)
        missed[half] = print_half(half, results, time.perf_counter() - started)
        if half == "tuning" and args.misses:
            print_misses(results)
    if "heldout" not in missed:
        return 0
    if missed["heldout"]:
        print(f"held-out half: MISSED: {', '.join(missed['heldout'])}")
        return 1
    print("held-out half: every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
