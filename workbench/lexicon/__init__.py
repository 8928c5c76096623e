"""One lexicon: word lists and patterns kept as data files shipped inside the package.

Every file says where its entries come from: a JSON file in its top-level ``"source"``
key, a text file in ``#`` comment lines at its top. No entry quotes a sentence or a
name of an evaluation set.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

_TEXT_SUFFIXES = (".txt",)


@cache
def load(name: str) -> Any:
    """The entries of the lexicon file ``name`` (``"noise.json"``, ``"teasers.txt"``).

    In: a file name in this package. Out: a ``.json`` file parsed (treat it as
    read-only: it is cached); a ``.txt`` file as a tuple of its non-blank lines, with
    ``#`` comment lines dropped. Raises FileNotFoundError for a name that is not here.

    >>> isinstance(load("noise.json")["source"], str)
    True
    """
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        return json.loads(text)
    if name.endswith(_TEXT_SUFFIXES):
        lines = (line.strip() for line in text.splitlines())
        return tuple(line for line in lines if line and not line.startswith("#"))
    raise ValueError(f"lexicon files are .json or .txt, not {name!r}")


@cache
def words(*names: str) -> frozenset[str]:
    """Every word of the ``.txt`` lexicon files ``names``, casefolded (word lists that
    hold several words a line, such as the stop words).

    >>> "und" in words("stopwords_de.txt")
    True
    """
    return frozenset(w.casefold() for name in names for line in load(name) for w in line.split())


def names() -> list[str]:
    """Every data file of the lexicon, sorted."""
    root = resources.files(__name__)
    return sorted(
        entry.name
        for entry in root.iterdir()
        if entry.name.endswith((".json", *_TEXT_SUFFIXES)) and entry.is_file()
    )


def source_of(name: str) -> str:
    """Where the entries of lexicon file ``name`` come from, as the file itself says."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        return str(json.loads(text).get("source", "")).strip()
    head = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        head.append(line.lstrip("#").strip())
    return " ".join(head).strip()
