"""What a process loads before its first match, triage or claim-memory lookup."""

from __future__ import annotations

from workbench.matching import gazetteer, semantic
from workbench.matching.reading import read


def warm_up() -> None:
    """Load what a process's first reading would otherwise load in the middle of a
    request: the word vectors, the German and English lemma dictionaries and the place
    names (a second or two of CPU). Servers call it as they start. The sentence encoder
    (encoder.py) is not loaded here: web requests never match, and a job worker loads it
    with its first match."""
    semantic.model()
    gazetteer.is_place("")
    for language in ("de", "en"):
        read("Warm", language)
