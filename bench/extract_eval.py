"""Extraction quality on the real news corpus: the workbench's one extraction path, as a
snapshot's text and as an import's claims and headings, against plain trafilatura.extract
in the same run.

    python bench/extract_eval.py

German pages: the share of the benchmark's `with` snippets found in the extracted text and
of its `without` snippets (menus, teasers, bylines) kept out. English pages: token-level
precision, recall and F1 against the benchmark's article body. Figures are printed for the
tuning half and the held-out half of bench/data_real/split.json (the held-out half is only
run; nothing is printed per page). Exits 1 when, on either half, either workbench path
scores below the baseline for either language (German: mean of the two shares; English:
F1), and 2 when the corpus is absent.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura  # noqa: E402

from workbench.sources.extract import extract  # noqa: E402
from workbench.text.analyse import analyse  # noqa: E402
from workbench.text.decode import decode_bytes  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SPLIT = ROOT / "bench" / "data_real" / "split.json"
_TOKEN = re.compile(r"\w+")


@dataclass
class Tally:
    """Sums over the pages of one half, for one extractor."""

    found: int = 0  # German `with` snippets present
    wanted: int = 0
    kept_out: int = 0  # German `without` snippets absent
    unwanted: int = 0
    f1: list[tuple[float, float, float]] = field(default_factory=list)  # English P, R, F1

    def german(self) -> tuple[float, float]:
        return self.found / max(1, self.wanted), self.kept_out / max(1, self.unwanted)

    def english(self) -> tuple[float, float, float]:
        if not self.f1:
            return 0.0, 0.0, 0.0
        return tuple(sum(values) / len(self.f1) for values in zip(*self.f1, strict=True))

    def score(self, language: str) -> float:
        return sum(self.german()) / 2 if language == "de" else self.english()[2]


def _flat(text: str) -> str:
    return " ".join(text.split())


def measure(tally: Tally, page: dict, text: str) -> None:
    expected = page["expected"]
    if page["lang"] == "de":
        flat = _flat(text)
        tally.wanted += len(expected["with"])
        tally.found += sum(_flat(s) in flat for s in expected["with"])
        tally.unwanted += len(expected["without"])
        tally.kept_out += sum(_flat(s) not in flat for s in expected["without"])
        return
    got = Counter(_TOKEN.findall(text.lower()))
    gold = Counter(_TOKEN.findall(expected["article_body"].lower()))
    common = sum((got & gold).values())
    precision = common / max(1, sum(got.values()))
    recall = common / max(1, sum(gold.values()))
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    tally.f1.append((precision, recall, f1))


def snapshot_text(raw: bytes, url: str) -> str:
    return extract(raw, "text/html", url=url).text


def import_text(raw: bytes, url: str) -> str:
    """What an imported page becomes: its claims and the headings shown with them."""
    analysis = analyse(decode_bytes(raw, max_bytes=len(raw)), fmt="html", base_url=url)
    shown = [analysis.body[s.start : s.end] for s in analysis.spans if s.kind in SHOWN]
    return "\n".join(shown + [claim.text for claim in analysis.claims])


def baseline_text(raw: bytes, url: str) -> str:
    return trafilatura.extract(raw, url=url) or ""


BASELINE = "trafilatura.extract"
EXTRACTORS = {
    "workbench snapshot": snapshot_text,
    "workbench import": import_text,
    BASELINE: baseline_text,
}
SHOWN = frozenset({"title", "heading"})


def run_half(ids: list[str], pages: dict[str, dict]) -> dict[str, dict[str, Tally]]:
    tallies = {name: {"de": Tally(), "en": Tally()} for name in EXTRACTORS}
    for page_id in ids:
        page = pages[page_id]
        with gzip.open(CORPUS / "pages" / f"{page_id}.html.gz") as f:
            raw = f.read()
        for name, extractor in EXTRACTORS.items():
            measure(tallies[name][page["lang"]], page, extractor(raw, page["url"]))
    return tallies


def report(half: str, tallies: dict[str, dict[str, Tally]]) -> bool:
    """Print one half's table; True when the workbench is at least as good as the baseline."""
    print(f"\n{half} half")
    print(f"  {'':22} {'de with':>8} {'de w/o':>8} {'en P':>7} {'en R':>7} {'en F1':>7}")
    for name, by_language in tallies.items():
        found, kept = by_language["de"].german()
        precision, recall, f1 = by_language["en"].english()
        print(f"  {name:22} {found:8.3f} {kept:8.3f} {precision:7.3f} {recall:7.3f} {f1:7.3f}")
    ok = True
    base = tallies[BASELINE]
    for name in (n for n in tallies if n != BASELINE):
        for language in ("de", "en"):
            ours = tallies[name][language].score(language)
            ratio = ours / max(1e-9, base[language].score(language))
            ok &= ratio >= 1
            verdict = "ok" if ratio >= 1 else "WORSE"
            print(f"  {name}, {language}: / baseline = {ratio:.3f}  {verdict}")
    return ok


def main() -> int:
    if not (CORPUS / "pages.json").is_file():
        print(f"the news corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    pages = {p["id"]: p for p in json.loads((CORPUS / "pages.json").read_text("utf-8"))}
    split = json.loads(SPLIT.read_text("utf-8"))
    ok = True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for half in ("tuning", "heldout"):
            ok &= report(half, run_half(split[half], pages))
    print("\nall targets met" if ok else "\nMISSED: the workbench extracts worse than the baseline")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
