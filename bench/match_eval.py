"""Evaluate the matcher on the labelled dev set in bench/data.

    python bench/match_eval.py                             # figures per kind of claim
    python bench/match_eval.py --tune                      # also sweep the threshold
    python bench/match_eval.py --data bench/data_holdout   # another labelled set

Prints recall@1 and recall@3 of the right passage, the share of altered claims
flagged, the share of absent claims suggested unsupported, and for supported
claims how often they are flagged wrongly or suggested unsupported. Every kind is
printed separately, so the hard kinds are never hidden in an average. Exits 1 when a
target is missed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import eval_report  # noqa: E402
from eval_report import Outcome, Stats, Target, mean  # noqa: E402
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


def outcomes(results: list[dict]) -> list[Outcome]:
    out = []
    for r in results:
        claim, evidence, docs = r["claim"], r["evidence"], r["docs"]
        has_evidence = bool(claim["evidence"])
        out.append(
            Outcome(
                kind=claim["kind"],
                recall_at_1=bool(evidence) and is_right(evidence[0], claim, docs)
                if has_evidence
                else None,
                recall_at_3=any(is_right(e, claim, docs) for e in evidence)
                if has_evidence
                else None,
                both_at_3=None,
                flagged=bool(evidence) and bool(evidence[0].flags),
                suggestion=suggest_module.suggest(evidence, len(docs)).status,
            )
        )
    return out


def figures(results: list[dict]) -> Stats:
    return eval_report.figures(outcomes(results))


def report(stats: Stats) -> list[str]:
    """Print the table and the targets; return the names of the missed targets."""
    columns = [c for c in eval_report.COLUMNS if c != "both@3"]
    eval_report.print_table(stats, KINDS, columns)
    print()
    return eval_report.check(
        [
            Target(
                "recall@1 on paraphrases (paraphrase + reworded)",
                mean(stats, ("paraphrase", "reworded"), "recall@1"),
                ">=",
                0.90,
            ),
            Target("altered claims flagged", mean(stats, ("altered",), "flagged"), ">=", 0.95),
            Target(
                "absent claims suggested unsupported",
                mean(stats, ABSENT, "suggested unsupported"),
                ">=",
                0.90,
            ),
            Target(
                "supported claims flagged wrongly", mean(stats, SUPPORTED, "flagged"), "<=", 0.05
            ),
            Target(
                "supported claims suggested unsupported",
                mean(stats, SUPPORTED, "suggested unsupported"),
                "<=",
                0.05,
            ),
        ]
    )


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
        a = mean(stats, ABSENT, "suggested unsupported")
        s = mean(stats, SUPPORTED, "suggested unsupported")
        mark = "both met" if a >= 0.90 and s <= 0.05 else ""
        print(f"  {strong:>3}: absent {a:.3f}, supported {s:.3f}  {mark}")
    suggest_module.STRONG_THRESHOLD = saved


def main() -> int:
    started = time.perf_counter()
    data_dir = sys.argv[sys.argv.index("--data") + 1] if "--data" in sys.argv else None
    results = run(data_dir)
    if data_dir:
        print(f"data: {data_dir}")
    print(f"{len(results)} claims evaluated in {time.perf_counter() - started:.1f} s\n")
    missed = report(figures(results))
    if "--tune" in sys.argv:
        tune(results)
    if missed:
        print(f"\n{len(missed)} target(s) missed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
