"""Per-kind figures and target lines shared by the matcher evaluations
(``match_eval.py`` on the synthetic set, ``real_eval.py`` on real pages).

Each evaluated claim becomes an ``Outcome``; ``figures`` turns a list of them into one row
per kind, ``print_table`` prints the rows, and ``check`` prints each target with OK or
MISSED and returns the names of the missed ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

STATUSES = ("verified", "disputed", "unsupported")
COLUMNS = (
    "n",
    "recall@1",
    "recall@3",
    "both@3",
    "flagged",
    "suggested verified",
    "suggested disputed",
    "suggested unsupported",
)


@dataclass(frozen=True)
class Outcome:
    """What the matcher did with one claim. The recall fields are None for claims
    without evidence; ``both_at_3`` only for claims with two evidence sentences."""

    kind: str
    recall_at_1: bool | None
    recall_at_3: bool | None
    both_at_3: bool | None
    flagged: bool
    suggestion: str


Stats = dict[str, dict[str, float]]


def figures(outcomes: Iterable[Outcome]) -> Stats:
    """One row per kind: ``n`` and the share of claims for each other column."""
    table: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for o in outcomes:
        row = table[o.kind]
        for column, value in (
            ("recall@1", o.recall_at_1),
            ("recall@3", o.recall_at_3),
            ("both@3", o.both_at_3),
        ):
            if value is not None:
                row[column].append(value)
        row["flagged"].append(o.flagged)
        for status in STATUSES:
            row["suggested " + status].append(o.suggestion == status)
    return {
        kind: {column: sum(values) / len(values) for column, values in row.items() if values}
        | {"n": len(row["flagged"])}
        for kind, row in table.items()
    }


def mean(stats: Stats, kinds: Sequence[str], column: str) -> float:
    """The share over several kinds together, each kind weighted by its claims."""
    rows = [stats[k] for k in kinds if k in stats and column in stats[k]]
    total = sum(r["n"] for r in rows)
    return sum(r[column] * r["n"] for r in rows) / total if total else 0.0


def print_table(
    stats: Stats, kinds: Sequence[str], columns: Sequence[str] = COLUMNS, width: int = 10
) -> None:
    """One line per kind; a column is at least ``width`` wide and wider than its heading."""
    heads = [c.replace("suggested ", "sugg. ") for c in columns]
    widths = [max(width, len(h) + 2) for h in heads]
    print(f"{'kind':<16}" + "".join(f"{h:>{w}}" for h, w in zip(heads, widths, strict=True)))
    for kind in kinds:
        if kind not in stats:
            continue
        row = stats[kind]
        cells = [
            f"{int(row[c]):>{w}d}"
            if c == "n"
            else f"{row[c]:>{w}.2f}"
            if c in row
            else f"{'-':>{w}}"
            for c, w in zip(columns, widths, strict=True)
        ]
        print(f"{kind:<16}" + "".join(cells))


@dataclass(frozen=True)
class Target:
    name: str
    value: float
    op: str  # ">=" or "<="
    bound: float

    @property
    def met(self) -> bool:
        return self.value >= self.bound if self.op == ">=" else self.value <= self.bound


def check(targets: Sequence[Target], width: int = 48) -> list[str]:
    """Print each target with OK or MISSED; return the names of the missed ones."""
    for t in targets:
        verdict = "OK" if t.met else "MISSED"
        print(f"{t.name:<{width}} {t.value:6.3f}  (target {t.op} {t.bound:.2f}) {verdict}")
    return [t.name for t in targets if not t.met]
