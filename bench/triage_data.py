"""Check-worthiness labels on real news pages: the sentence selector and the label files.

    import sys; sys.path.insert(0, "bench")
    import real_data, triage_data
    pages = real_data.load_pages(real_data.corpus_dir(), real_data.split()["tuning"])
    triage_data.sample(pages["de01"])      # the 12 claim sentences labelled for de01
    triage_data.load_labels("tuning")      # [{"id", "page", "lang", "sentence", ...}, ...]

    python bench/triage_data.py tuning     # print the selected sentences of one half

A page is read as ``bench/real_eval.py`` reads it (``extract`` on the page's bytes, as a
fetched snapshot), and its sentences are the claims the workbench's own import splitter
(``analyse``) finds in the extracted text. Of those, ``PER_PAGE`` are drawn with a seed
named after the page and kept in text order, so the selection is the same on every run and
moves only when the extraction or the splitter does; ``tests/bench/test_triage_data.py``
says when it has.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import real_data  # noqa: E402
from real_data import DATA_DIR, HALVES, Page  # noqa: E402

from workbench.sources.extract import extract  # noqa: E402
from workbench.text.analyse import analyse  # noqa: E402

PER_PAGE = 12
LABELS = ("check_first", "checkable", "not_checkable")
FIELDS = ("id", "page", "lang", "sentence", "label", "why")

_ID = re.compile(r"^(?P<page>(de|en)\d{2})-t\d{2}$")


def label_file(half: str) -> Path:
    return DATA_DIR / f"triage_{half}.jsonl"


def claim_sentences(page: Page) -> list[str]:
    """The claim sentences of a page, in text order, as an import of its snapshot finds them."""
    extracted = extract(page.raw, "text/html", url=page.url)
    return [c.text for c in analyse(extracted.text, fmt="text", language=page.lang).claims]


def sample(page: Page) -> list[str]:
    """``PER_PAGE`` claim sentences of the page drawn with a seed of its own (all of them
    when it has fewer), in text order."""
    sentences = claim_sentences(page)
    if len(sentences) <= PER_PAGE:
        return sentences
    chosen = random.Random(f"triage-{page.id}").sample(range(len(sentences)), PER_PAGE)
    return [sentences[i] for i in sorted(chosen)]


def load_labels(half: str) -> list[dict]:
    """The labelled sentences of one half (``tuning`` or ``heldout``), in file order."""
    rows = []
    with open(label_file(half), encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except ValueError as error:
                    raise ValueError(f"{label_file(half).name} line {number}: {error}") from None
    return rows


def save_labels(half: str, rows: list[dict]) -> None:
    with open(label_file(half), "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({key: row[key] for key in FIELDS}, ensure_ascii=False) + "\n")


def problems(rows: list[dict], pages: dict[str, Page], half: str) -> list[str]:
    """Every problem found, as lines that start with the row's id; [] when the labels are
    sound: known fields and labels, unique ids, pages of this half, and each sentence still
    one that the selector draws from its page."""
    out = [
        f"{tid}: id used {n} times"
        for tid, n in Counter(r.get("id") for r in rows).items()
        if n > 1
    ]
    allowed = set(real_data.split()[half])
    drawn = {pid: sample(page) for pid, page in pages.items()}
    for row in rows:
        tid = row.get("id", "?")
        match = _ID.match(str(tid))
        if sorted(row) != sorted(FIELDS):
            out.append(f"{tid}: fields must be exactly {', '.join(FIELDS)}")
        elif not match or match["page"] != row["page"]:
            out.append(f"{tid}: id must be the page id, -t and a two-digit number")
        elif row["label"] not in LABELS:
            out.append(f"{tid}: unknown label {row['label']!r}")
        elif not row["why"]:
            out.append(f"{tid}: no reason given")
        elif row["page"] not in allowed or row["page"] not in pages:
            out.append(f"{tid}: page {row['page']} is not in the {half} half")
        elif row["lang"] != pages[row["page"]].lang:
            out.append(f"{tid}: lang {row['lang']!r}, the page is {pages[row['page']].lang!r}")
        elif row["sentence"] not in drawn[row["page"]]:
            out.append(f"{tid}: not a sentence the selector draws from {row['page']}")
    return out


def main(argv: list[str]) -> int:
    half = argv[0] if argv else "tuning"
    if half not in HALVES:
        print(f"usage: python bench/triage_data.py [{'|'.join(HALVES)}]")
        return 2
    corpus = real_data.corpus_dir()
    if corpus is None:
        print(f"skipped: no news page corpus at {real_data.corpus_path()} (set WORKBENCH_CORPUS)")
        return 0
    pages = real_data.load_pages(corpus, real_data.split()[half])
    for pid in sorted(pages):
        for number, sentence in enumerate(sample(pages[pid]), 1):
            print(f"{pid}-t{number:02d}\t{sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
