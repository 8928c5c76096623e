"""Pages of the shared news corpus for tests: only the tuning half, never the held-out one."""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SPLIT = Path(__file__).resolve().parents[1] / "bench" / "data_real" / "split.json"


@cache
def _split() -> dict[str, list[str]]:
    return json.loads(SPLIT.read_text(encoding="utf-8"))


@cache
def _meta() -> dict[str, dict]:
    pages = json.loads((CORPUS / "pages.json").read_text(encoding="utf-8"))
    return {page["id"]: page for page in pages}


def tuning_page(page_id: str) -> tuple[bytes, dict]:
    """The raw bytes and metadata of a tuning page; skips when the corpus is absent.
    Asking for a held-out page is an error: tests are written from the tuning half only."""
    if page_id not in _split()["tuning"]:
        raise ValueError(f"{page_id} is not a tuning page; tests may not use held-out pages")
    if not (CORPUS / "pages.json").is_file():
        pytest.skip(f"the news corpus is not here ({CORPUS}); the hand-written cases cover this")
    with gzip.open(CORPUS / "pages" / f"{page_id}.html.gz") as page:
        return page.read(), _meta()[page_id]
