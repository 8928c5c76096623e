"""Labelled claims for evaluating the evidence matcher: a loader and a validator.

The data lives in ``bench/data/`` (see ``bench/data/README.md``): source page texts in
``sources/*.txt`` and one claim per line in ``claims.jsonl``.

    import sys; sys.path.insert(0, "bench")
    from match_eval_data import load, evidence_span
    sources, claims = load()             # {"de_hochwasser.txt": text, ...}, [claim, ...]
    evidence_span(claims[0], sources)    # ("de_hochwasser.txt", start, end) or None

    python bench/match_eval_data.py      # validate; prints counts; exits 1 on any problem

Importing this module has no side effects and needs nothing beyond the standard library;
the validator also checks evidence against the workbench's sentence segmenter when the
``workbench`` package is importable (run it with the project's ``.venv/bin/python``).
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCES_DIR = DATA_DIR / "sources"
CLAIMS_FILE = DATA_DIR / "claims.jsonl"

LANGUAGES = ("de", "en")
# Minimum number of claims per kind (both languages together). Each language must hold at
# least a third of it, so neither language is a token presence.
KIND_MINIMUMS = {
    "verbatim": 20,
    "paraphrase": 30,
    "reworded": 25,
    "merged": 15,
    "altered": 35,
    "absent": 20,
    "near_miss_absent": 20,
}
KINDS = tuple(KIND_MINIMUMS)
ABSENT_KINDS = ("absent", "near_miss_absent")
# Kinds whose claim states exactly the facts of its evidence.
FAITHFUL_KINDS = ("verbatim", "paraphrase", "reworded", "merged")

# The ``altered`` field starts with a category word ("number 10.000 -> 11.000").
ALTERED_GROUPS = {
    "number": "numbers",
    "percent": "numbers",
    "magnitude": "magnitude",
    "date": "dates/years",
    "year": "dates/years",
    "weekday": "dates/years",
    "name": "names",
    "negation": "negation",
    "quote": "quotes",
    "transposed": "transposed",
}
ALTERED_GROUP_MINIMUMS = {
    "numbers": 8,
    "magnitude": 4,
    "dates/years": 6,
    "names": 6,
    "negation": 6,
    "quotes": 3,
    "transposed": 2,
}
# Categories whose change must show up as a number the evidence does not contain.
NUMERIC_CATEGORIES = ("number", "percent", "year", "transposed")

MIN_SOURCES_PER_LANGUAGE = 6
SOURCE_SENTENCES = (15, 30)
MULTI_SOURCE_SHARE = (0.15, 0.30)
MAX_VERBATIM_PREFIX_WORDS = 4

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ID = re.compile(r"^(?P<stem>(de|en)_[a-z0-9_]+)-\d{2,3}$")


def load(data_dir: Path | str = DATA_DIR) -> tuple[dict[str, str], list[dict]]:
    """Source texts by file name, and the claims in file order."""
    data_dir = Path(data_dir)
    sources = {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted((data_dir / "sources").glob("*.txt"))
    }
    claims = []
    with open(data_dir / "claims.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                claims.append(json.loads(line))
    return sources, claims


def home_source(claim: dict) -> str:
    """The source file a claim was written from (its id without the number)."""
    return claim["id"].rsplit("-", 1)[0] + ".txt"


def evidence_span(claim: dict, sources: dict[str, str]) -> tuple[str, int, int] | None:
    """``(file, start, end)`` of the labelled passage, from the first evidence sentence
    to the end of the last one; ``None`` for claims without evidence."""
    evidence = claim.get("evidence") or []
    if not evidence:
        return None
    for name in claim["sources"]:
        text = sources.get(name, "")
        start = text.find(evidence[0])
        if start < 0:
            continue
        end = start + len(evidence[0])
        for sentence in evidence[1:]:
            nxt = text.find(sentence, end)
            if nxt < 0:
                break
            end = nxt + len(sentence)
        else:
            return name, start, end
    return None


def numbers(text: str) -> set[str]:
    return set(_NUMBER.findall(text))


def altered_category(claim: dict) -> str:
    words = (claim.get("altered") or "").split()
    return words[0].lower() if words else ""


def _segmenter():
    """The workbench's sentence splitter, or None where the package is not importable."""
    try:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from workbench.text.segment import sentence_spans
    except Exception:  # noqa: BLE001 - any import trouble just skips the check
        return None
    return sentence_spans


def validate(sources: dict[str, str], claims: list[dict]) -> list[str]:
    """Every problem found, as readable lines; an empty list means the set is sound."""
    problems: list[str] = []
    sentence_spans = _segmenter()
    sentences: dict[str, set[str]] = {}

    # Sources.
    for lang in LANGUAGES:
        count = sum(name.startswith(lang + "_") for name in sources)
        if count < MIN_SOURCES_PER_LANGUAGE:
            problems.append(f"sources: {count} {lang} files, need {MIN_SOURCES_PER_LANGUAGE}")
    for name, text in sources.items():
        lang = name[:2]
        if lang not in LANGUAGES or name[2] != "_":
            problems.append(f"{name}: file name must start with de_ or en_")
        if "\n\n" not in text.strip():
            problems.append(f"{name}: no paragraphs (blank lines)")
        if sentence_spans is not None:
            found = [text[s:e] for s, e in sentence_spans(text, lang)]
            sentences[name] = set(found)
            # Segmenting paragraph by paragraph must give the same sentences, so an
            # evaluation may split either way.
            per_paragraph = [
                paragraph[s:e]
                for paragraph in text.split("\n\n")
                for s, e in sentence_spans(paragraph, lang)
            ]
            if per_paragraph != found:
                problems.append(f"{name}: sentences differ when split paragraph by paragraph")
            low, high = SOURCE_SENTENCES
            if not low <= len(found) <= high:
                problems.append(f"{name}: {len(found)} sentences, want {low}-{high}")

    # Claims one by one.
    ids = Counter(claim.get("id") for claim in claims)
    for dup, n in ids.items():
        if n > 1:
            problems.append(f"id {dup!r} used {n} times")
    for claim in claims:
        problems.extend(_check_claim(claim, sources, sentences))

    # Counts.
    per = Counter((c.get("kind"), c.get("lang")) for c in claims)
    for kind, minimum in KIND_MINIMUMS.items():
        total = sum(per[kind, lang] for lang in LANGUAGES)
        if total < minimum:
            problems.append(f"kind {kind}: {total} claims, need {minimum}")
        for lang in LANGUAGES:
            if per[kind, lang] < math.ceil(minimum / 3):
                problems.append(
                    f"kind {kind}: {per[kind, lang]} {lang} claims, need {math.ceil(minimum / 3)}"
                )
    groups = Counter(
        ALTERED_GROUPS.get(altered_category(c)) for c in claims if c.get("kind") == "altered"
    )
    for group, minimum in ALTERED_GROUP_MINIMUMS.items():
        if groups[group] < minimum:
            problems.append(f"altered {group}: {groups[group]} claims, need {minimum}")
    by_home = Counter((home_source(c), c.get("kind")) for c in claims if c.get("id"))
    for name in sources:
        missing = [kind for kind in KINDS if not by_home[name, kind]]
        if missing:
            problems.append(f"{name}: no claims of kind {', '.join(missing)}")
    if claims:
        share = sum(len(c.get("sources") or []) > 1 for c in claims) / len(claims)
        low, high = MULTI_SOURCE_SHARE
        if not low <= share <= high:
            problems.append(
                f"{share:.0%} of claims list several sources, want {low:.0%}-{high:.0%}"
            )
    return problems


def _check_claim(claim: dict, sources: dict[str, str], sentences: dict[str, set[str]]) -> list[str]:
    cid = claim.get("id", "?")
    out: list[str] = []

    def bad(message: str) -> None:
        out.append(f"{cid}: {message}")

    for key, kind in (
        ("id", str),
        ("lang", str),
        ("kind", str),
        ("claim", str),
        ("sources", list),
        ("evidence", list),
    ):
        if not isinstance(claim.get(key), kind):
            bad(f"field {key!r} missing or not a {kind.__name__}")
            return out
    for key in ("altered", "note"):
        if not isinstance(claim.get(key, ""), str):
            bad(f"field {key!r} must be a string")
    match = _ID.match(cid)
    if not match:
        bad("id must look like de_topic-01")
        return out
    kind, lang, text = claim["kind"], claim["lang"], claim["claim"].strip()
    if kind not in KINDS:
        bad(f"unknown kind {kind!r}")
        return out
    if lang not in LANGUAGES:
        bad(f"unknown lang {lang!r}")
    if not text:
        bad("empty claim")
    if text != claim["claim"]:
        bad("claim has leading or trailing whitespace")

    home = home_source(claim)
    listed = claim["sources"]
    if not 1 <= len(listed) <= 3 or len(set(listed)) != len(listed):
        bad("sources must list 1-3 distinct files")
    if home not in listed:
        bad(f"sources do not include its own page {home}")
    for name in listed:
        if name not in sources:
            bad(f"unknown source {name}")
        elif not name.startswith(lang + "_"):
            bad(f"source {name} is not in the claim's language {lang}")

    evidence = claim["evidence"]
    want = 0 if kind in ABSENT_KINDS else 2 if kind == "merged" else 1
    if len(evidence) != want:
        bad(f"{kind} needs {want} evidence sentence(s), has {len(evidence)}")
    home_text = sources.get(home, "")
    for sentence in evidence:
        if not isinstance(sentence, str) or not sentence.strip():
            bad("empty evidence sentence")
            continue
        holders = [name for name in listed if sentence in sources.get(name, "")]
        if not holders:
            bad(f"evidence not found verbatim in its sources: {sentence[:70]!r}")
        elif holders != [home]:
            bad(f"evidence found in {holders}, expected only {home}: {sentence[:50]!r}")
        if home_text.count(sentence) > 1:
            bad(f"evidence occurs more than once in {home}: {sentence[:50]!r}")
        if home in sentences and sentence not in sentences[home]:
            bad(f"evidence is not one sentence of the segmenter: {sentence[:70]!r}")
    if kind == "merged" and len(evidence) == 2:
        first, second = evidence
        start = home_text.find(first)
        if start >= 0:
            end = start + len(first)
            nxt = home_text.find(second, end)
            if nxt < 0 or home_text[end:nxt].strip():
                bad("merged evidence sentences are not consecutive in the source")

    altered = (claim.get("altered") or "").strip()
    category = altered_category(claim)
    if kind == "altered":
        if category not in ALTERED_GROUPS:
            bad(f"altered must start with one of {', '.join(ALTERED_GROUPS)}: {altered!r}")
    elif altered:
        bad("only altered claims may fill 'altered'")

    # Surface checks that catch slips in hand-written text.
    joined = " ".join(evidence)
    if kind == "verbatim" and evidence:
        source = evidence[0]
        if text != source:
            if not (source.endswith(text[1:]) and source[-len(text)].lower() == text[0].lower()):
                bad("verbatim claim is not the evidence minus a leading connective")
            elif len(source[: len(source) - len(text)].split()) > MAX_VERBATIM_PREFIX_WORDS:
                bad("verbatim claim drops more than a leading connective")
    elif evidence and text in evidence:
        bad(f"{kind} claim is identical to its evidence")
    if kind in FAITHFUL_KINDS or (
        kind == "altered" and category not in NUMERIC_CATEGORIES and category != "date"
    ):
        extra = numbers(text) - numbers(joined)
        if extra:
            bad(f"{kind} claim has numbers the evidence lacks: {sorted(extra)}")
    if kind == "altered" and category in NUMERIC_CATEGORIES:
        if not numbers(text) - numbers(joined):
            bad(f"altered {category}: the claim has no number the evidence lacks")
    return out


def table(claims: list[dict]) -> str:
    per = Counter((c.get("kind"), c.get("lang")) for c in claims)
    rows = [f"{'kind':<18}{'de':>5}{'en':>5}{'total':>7}{'min':>6}"]
    for kind in KINDS:
        de, en = per[kind, "de"], per[kind, "en"]
        rows.append(f"{kind:<18}{de:>5}{en:>5}{de + en:>7}{KIND_MINIMUMS[kind]:>6}")
    de = sum(v for (k, lang), v in per.items() if lang == "de")
    en = sum(v for (k, lang), v in per.items() if lang == "en")
    rows.append(f"{'all':<18}{de:>5}{en:>5}{de + en:>7}")
    return "\n".join(rows)


def main() -> int:
    try:
        sources, claims = load()
    except (OSError, ValueError) as exc:
        print(f"cannot load the data: {exc}")
        return 1
    problems = validate(sources, claims)
    print(table(claims))
    groups = Counter(
        ALTERED_GROUPS.get(altered_category(c), "?") for c in claims if c.get("kind") == "altered"
    )
    print()
    print(
        "altered: "
        + ", ".join(
            f"{group} {groups[group]} (min {minimum})"
            for group, minimum in ALTERED_GROUP_MINIMUMS.items()
        )
    )
    multi = sum(len(c.get("sources") or []) > 1 for c in claims)
    print(f"sources: {len(sources)} files; claims listing 2-3 sources: {multi} of {len(claims)}")
    if _segmenter() is None:
        print("note: workbench not importable, sentence-boundary checks skipped")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for problem in problems:
            print("  " + problem)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
