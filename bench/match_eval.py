"""Evaluate the matcher on the labelled dev set in bench/data.

    python bench/match_eval.py                             # figures per kind of claim
    python bench/match_eval.py --tune                      # also sweep the threshold
    python bench/match_eval.py --data bench/data_holdout   # another labelled set

Prints recall@1 and recall@3 of the right passage, the share of altered claims
flagged, the share of absent claims suggested unsupported, and for supported
claims how often they are flagged wrongly or suggested unsupported. Every kind is
printed separately, so the hard kinds are never hidden in an average.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from match_eval_data import load  # noqa: E402

from workbench.matching import suggest as suggest_module  # noqa: E402
from workbench.matching.search import Matcher  # noqa: E402
from workbench.matching.types import Document  # noqa: E402
from workbench.text.segment import sentence_spans  # noqa: E402

SUPPORTED = ("verbatim", "paraphrase", "reworded", "merged")
ABSENT = ("absent", "near_miss_absent")
KINDS = (*SUPPORTED, "altered", *ABSENT)


def documents(sources: dict[str, str], names: list[str], lang: str) -> list[Document]:
    docs = []
    for key, name in enumerate(names):
        text = sources[name]
        spans = []
        offset = 0
        for paragraph in text.split("\n\n"):
            start = text.index(paragraph, offset) if paragraph else offset
            spans += [(start + s, start + e) for s, e in sentence_spans(paragraph, lang)]
            offset = start + len(paragraph)
        docs.append(Document(key=key, text=text, sentences=tuple(spans), language=lang))
    return docs


def is_right(evidence, claim, docs) -> bool:
    """The passage covers every evidence sentence, in a listed source that holds them."""
    doc = docs[evidence.key]
    for sentence in claim["evidence"]:
        at = doc.text.find(sentence)
        if at < 0 or not (evidence.start < at + len(sentence) and at < evidence.end):
            return False
    return True


def run(data_dir: str | None = None) -> list[dict]:
    sources, claims = load(data_dir) if data_dir else load()
    results = []
    cache: dict[tuple, Matcher] = {}
    for claim in claims:
        key = (tuple(claim["sources"]), claim["lang"])
        if key not in cache:
            docs = documents(sources, claim["sources"], claim["lang"])
            cache[key] = (Matcher(docs, language=claim["lang"]), docs)
        matcher, docs = cache[key]
        evidence = matcher.match(claim["claim"], top=3)
        results.append({"claim": claim, "evidence": evidence, "docs": docs})
    return results


def figures(results: list[dict]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for r in results:
        claim, evidence = r["claim"], r["evidence"]
        kind = claim["kind"]
        suggestion = suggest_module.suggest(evidence, len(r["docs"]))
        row = table[kind]
        if claim["evidence"]:
            row["recall@1"].append(bool(evidence) and is_right(evidence[0], claim, r["docs"]))
            row["recall@3"].append(any(is_right(e, claim, r["docs"]) for e in evidence))
        flagged = bool(evidence) and bool(evidence[0].flags)
        row["flagged"].append(flagged)
        for status in ("verified", "disputed", "unsupported"):
            row["suggested " + status].append(suggestion.status == status)
    return {
        kind: {name: sum(values) / len(values) for name, values in row.items() if values}
        | {"n": len(row["flagged"])}
        for kind, row in table.items()
    }


def report(stats: dict[str, dict[str, float]]) -> None:
    cols = [
        "n",
        "recall@1",
        "recall@3",
        "flagged",
        "suggested verified",
        "suggested disputed",
        "suggested unsupported",
    ]
    print(f"{'kind':<18}" + "".join(f"{c.replace('suggested ', 'sugg. '):>18}" for c in cols))
    for kind in KINDS:
        if kind not in stats:
            continue
        row = stats[kind]
        cells = [f"{int(row['n']):>18d}"] + [
            f"{row[c]:>18.2f}" if c in row else f"{'-':>18}" for c in cols[1:]
        ]
        print(f"{kind:<18}" + "".join(cells))
    print()
    para = [stats[k] for k in ("paraphrase", "reworded") if k in stats]
    supported = [stats[k] for k in SUPPORTED if k in stats]
    absent = [stats[k] for k in ABSENT if k in stats]

    def mean(rows, col):
        total = sum(r["n"] for r in rows)
        return sum(r.get(col, 0) * r["n"] for r in rows) / total if total else 0.0

    checks = [
        ("recall@1 on paraphrases (paraphrase + reworded)", mean(para, "recall@1"), ">=", 0.90),
        ("altered claims flagged", stats.get("altered", {}).get("flagged", 0.0), ">=", 0.95),
        ("absent claims suggested unsupported", mean(absent, "suggested unsupported"), ">=", 0.90),
        ("supported claims flagged wrongly", mean(supported, "flagged"), "<=", 0.05),
        (
            "supported claims suggested unsupported",
            mean(supported, "suggested unsupported"),
            "<=",
            0.05,
        ),
    ]
    for name, value, op, target in checks:
        ok = value >= target if op == ">=" else value <= target
        print(f"{name:<48} {value:6.3f}  (target {op} {target:.2f}) {'OK' if ok else 'MISSED'}")


def tune(results: list[dict]) -> None:
    """Sweep STRONG_THRESHOLD (SUPPORT_THRESHOLD only words the reason of a weak
    match) and print what each value does to the two suggestion targets."""
    print(
        "\nSTRONG_THRESHOLD sweep: absent -> unsupported (>= 0.90), "
        "supported -> unsupported (<= 0.05)"
    )
    saved = suggest_module.STRONG_THRESHOLD
    for strong in range(50, 80, 2):
        suggest_module.STRONG_THRESHOLD = strong
        stats = figures(results)
        absent = [stats[k] for k in ABSENT if k in stats]
        supported = [stats[k] for k in SUPPORTED if k in stats]
        a = sum(r["suggested unsupported"] * r["n"] for r in absent) / sum(r["n"] for r in absent)
        s = sum(r["suggested unsupported"] * r["n"] for r in supported) / sum(
            r["n"] for r in supported
        )
        mark = "both met" if a >= 0.90 and s <= 0.05 else ""
        print(f"  {strong:>3}: absent {a:.3f}, supported {s:.3f}  {mark}")
    suggest_module.STRONG_THRESHOLD = saved


def main() -> None:
    started = time.perf_counter()
    data_dir = sys.argv[sys.argv.index("--data") + 1] if "--data" in sys.argv else None
    results = run(data_dir)
    if data_dir:
        print(f"data: {data_dir}")
    print(f"{len(results)} claims evaluated in {time.perf_counter() - started:.1f} s\n")
    report(figures(results))
    if "--tune" in sys.argv:
        tune(results)


if __name__ == "__main__":
    main()
