"""Claims written from real news pages: a loader and a checker for ``bench/data_real``.

The pages are not in the repository: they are read from ``../shared/corpus`` (see
``bench/data_real/README.md``). The data holds the claims and short evidence quotes only.

    import sys; sys.path.insert(0, "bench")
    from real_data import corpus_dir, load_claims, load_pages, problems
    pages = load_pages(corpus_dir())        # {"de01": Page(...), ...}
    claims = load_claims("tuning")          # [claim, ...]
    problems(claims, pages)                 # readable lines; [] when the data is sound

    python bench/real_data.py               # check the tuning claims; exits 1 on a problem

The page is decoded and reduced to its visible text here, by the rules the corpus README
gives, and not by the workbench: the check of the data must not move when the decoder or the
extraction under test changes. Needs the standard library and lxml only.
"""

from __future__ import annotations

import codecs
import gzip
import html
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import lxml.html

DATA_DIR = Path(__file__).resolve().parent / "data_real"
SPLIT_FILE = DATA_DIR / "split.json"
HALVES = ("tuning", "heldout")
# Each claim file and the half of split.json whose pages it is written on.
# `tuning_blind` was written later, on tuning pages, by someone who had seen neither the
# matcher nor the other claim files, so that tuning meets text like the held-out half's.
# `tuning_fresh` was written the same way, later still (after matcher version 9), and
# `tuning_fresh2` by two more writers after matcher version 11, `tuning_fresh3` by two more
# after version 13, `tuning_fresh4` (merged, reworded and altered claims only) by two more
# after version 17, `tuning_fresh5` (paraphrase, reworded, merged and altered claims) by one
# more after version 26.
SETS = {
    "tuning": "tuning",
    "tuning_blind": "tuning",
    "tuning_fresh": "tuning",
    "tuning_fresh2": "tuning",
    "tuning_fresh3": "tuning",
    "tuning_fresh4": "tuning",
    "tuning_fresh5": "tuning",
    "heldout": "heldout",
}
# Where the corpus sits next to the repository; WORKBENCH_CORPUS overrides it.
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

SUPPORTED = ("verbatim", "paraphrase", "reworded", "merged")
ALTERED = ("altered", "altered_subtle")
ABSENT = ("absent", "absent_near")
KINDS = (*SUPPORTED, *ALTERED, *ABSENT)
CHANGES = ("number", "date", "name", "place", "unit", "magnitude", "negation", "direction")
FIELDS = ("id", "page", "lang", "kind", "change", "claim", "evidence", "note")

_ID = re.compile(r"^(?P<page>(de|en)\d{2})-\d{2}$")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# The HTML standard reads these labels as windows-1252.
_AS_WINDOWS_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"})
_INVISIBLE = ("script", "style", "noscript", "template", "head")
_SOFT = str.maketrans("", "", "\u00ad\u200b\u200c\u200d\ufeff")


@dataclass(frozen=True)
class Page:
    id: str
    lang: str
    url: str
    raw: bytes
    html: str
    visible: str  # the visible text, whitespace folded: what quotes are checked against
    article_body: str | None  # English pages: the benchmark's expected body


def corpus_path() -> Path:
    """Where the corpus is looked for."""
    return Path(os.environ.get("WORKBENCH_CORPUS") or DEFAULT_CORPUS)


def corpus_dir() -> Path | None:
    """The corpus directory, or None when it is not on this machine."""
    path = corpus_path()
    return path if (path / "pages.json").is_file() else None


def split() -> dict[str, list[str]]:
    with open(SPLIT_FILE, encoding="utf-8") as fh:
        data = json.load(fh)
    return {half: data[half] for half in HALVES}


def decode(raw: bytes, declared: str | None) -> str:
    """A page's text as a browser reads it: byte-order mark, then the declared charset
    (ISO-8859-1 and ASCII read as windows-1252), else UTF-8."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(codec, errors="replace")
    label = (declared or "utf-8").strip().lower()
    codec = "cp1252" if label in _AS_WINDOWS_1252 else label
    try:
        return raw.decode(codec, errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")


def fold(text: str) -> str:
    """HTML entities resolved, soft hyphens and zero-width marks dropped, whitespace folded."""
    return " ".join(html.unescape(text).translate(_SOFT).split())


def visible_text(page_html: str) -> str:
    """Every text node outside scripts, styles and the head, whitespace folded. Block
    elements are separated by a space so that words of two paragraphs never fuse."""
    root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", page_html))
    for element in list(root.iter(*_INVISIBLE)):
        element.drop_tree()
    for element in root.iter("br", "p", "div", "li", "h1", "h2", "h3", "h4", "td", "section"):
        element.tail = " " + (element.tail or "")
    return fold(root.text_content())


def load_pages(corpus: Path, ids: list[str] | None = None) -> dict[str, Page]:
    with open(corpus / "pages.json", encoding="utf-8") as fh:
        listed = json.load(fh)
    pages = {}
    for entry in listed:
        if ids is not None and entry["id"] not in ids:
            continue
        with gzip.open(corpus / "pages" / f"{entry['id']}.html.gz") as fh:
            raw = fh.read()
        text = decode(raw, entry.get("charset"))
        pages[entry["id"]] = Page(
            id=entry["id"],
            lang=entry["lang"],
            url=entry["url"],
            raw=raw,
            html=text,
            visible=visible_text(text),
            article_body=(entry.get("expected") or {}).get("article_body"),
        )
    return pages


def load_claims(name: str) -> list[dict]:
    """The claims of one claim file of SETS (``tuning``, ``tuning_blind``, ``tuning_fresh``,
    ``heldout``), in file order."""
    claims = []
    with open(DATA_DIR / f"{name}.jsonl", encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                try:
                    claims.append(json.loads(line))
                except ValueError as error:
                    raise ValueError(f"{name}.jsonl line {number}: {error}") from None
    return claims


def quote_found(quote: str, page: Page) -> bool:
    return fold(quote) in page.visible


def problems(claims: list[dict], pages: dict[str, Page], half: str | None = None) -> list[str]:
    """Every problem found, as readable lines; an empty list means the claims are sound."""
    out: list[str] = []
    allowed = set(split()[half]) if half else None
    for dup, n in Counter(c.get("id") for c in claims).items():
        if n > 1:
            out.append(f"id {dup!r} used {n} times")
    for claim in claims:
        out.extend(_claim_problems(claim, pages, allowed))
    return out


def _claim_problems(claim: dict, pages: dict[str, Page], allowed: set[str] | None) -> list[str]:
    cid = claim.get("id", "?")
    out: list[str] = []

    def bad(message: str) -> None:
        out.append(f"{cid}: {message}")

    if sorted(claim) != sorted(FIELDS):
        bad(f"fields must be exactly {', '.join(FIELDS)}")
        return out
    match = _ID.match(str(cid))
    if not match or match["page"] != claim["page"]:
        bad("id must be the page id and a two-digit number, like de03-07")
    kind, change, evidence = claim["kind"], claim["change"], claim["evidence"]
    if kind not in KINDS:
        bad(f"unknown kind {kind!r}")
        return out
    if allowed is not None and claim["page"] not in allowed:
        bad(f"page {claim['page']} is not in this half of split.json")
    page = pages.get(claim["page"])
    if page is None:
        bad(f"page {claim['page']} is not in the corpus")
        return out
    if claim["lang"] != page.lang:
        bad(f"lang {claim['lang']!r}, the page is {page.lang!r}")
    if not isinstance(claim["claim"], str) or claim["claim"] != claim["claim"].strip():
        bad("claim must be a string without leading or trailing whitespace")
    if not claim["claim"]:
        bad("empty claim")
    if kind in ALTERED:
        if change not in CHANGES:
            bad(f"change must be one of {', '.join(CHANGES)}, not {change!r}")
        if not claim["note"]:
            bad("an altered claim's note says what was changed")
    elif change is not None:
        bad("only altered kinds name a change")
    if not isinstance(evidence, list) or not all(isinstance(q, str) and q for q in evidence):
        bad("evidence must be a list of quotes")
        return out
    if kind in ABSENT and evidence:
        bad(f"an {kind} claim has no evidence")
    elif kind == "merged" and len(evidence) != 2:
        bad("a merged claim has exactly two evidence quotes")
    elif kind not in ABSENT and not evidence:
        bad(f"a {kind} claim needs its evidence")
    for quote in evidence:
        if not quote_found(quote, page):
            bad(f"evidence not in the page's visible text: {quote[:70]!r}")
    if kind == "verbatim" and evidence and fold(claim["claim"]) != fold(evidence[0]):
        bad("a verbatim claim is its evidence quote")
    elif kind != "verbatim" and fold(claim["claim"]) in map(fold, evidence):
        bad(f"a {kind} claim is identical to its evidence")
    return out


def table(claims: list[dict]) -> str:
    per = Counter((c.get("kind"), c.get("lang")) for c in claims)
    rows = [f"{'kind':<16}{'de':>5}{'en':>5}{'total':>7}"]
    for kind in KINDS:
        de, en = per[kind, "de"], per[kind, "en"]
        rows.append(f"{kind:<16}{de:>5}{en:>5}{de + en:>7}")
    de = sum(v for (_, lang), v in per.items() if lang == "de")
    en = sum(v for (_, lang), v in per.items() if lang == "en")
    rows.append(f"{'all':<16}{de:>5}{en:>5}{de + en:>7}")
    changes = Counter(c.get("change") for c in claims if c.get("kind") in ALTERED)
    rows.append("changes: " + ", ".join(f"{name} {changes[name]}" for name in CHANGES))
    rows.append(f"pages: {len({c.get('page') for c in claims})}")
    return "\n".join(rows)


def main() -> int:
    corpus = corpus_dir()
    if corpus is None:
        print(f"skipped: no news page corpus at {corpus_path()} (set WORKBENCH_CORPUS)")
        return 0
    claims = load_claims("tuning")
    pages = load_pages(corpus, sorted({c["page"] for c in claims}))
    found = problems(claims, pages, "tuning")
    print(table(claims))
    if found:
        print(f"\n{len(found)} problem(s):")
        for line in found:
            print("  " + line)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
