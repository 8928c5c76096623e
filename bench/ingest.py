"""Ingest speed: articles per second through the whole import (decode, structure,
sentences, database) against pysbd alone on the same texts, in the same run.

    python bench/ingest.py [COUNT]

Set WORKBENCH_BENCH_DATABASE_URL (or WORKBENCH_TEST_DATABASE_URL) to a PostgreSQL URL
to measure it too; its public schema is dropped and recreated. Exits 1 when a database
misses the target.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from articles import generate  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from workbench import create_app  # noqa: E402
from workbench.config import database_url  # noqa: E402
from workbench.extensions import db  # noqa: E402
from workbench.matching.warm import warm_up  # noqa: E402
from workbench.services.database import upgrade  # noqa: E402
from workbench.services.importing import import_article  # noqa: E402
from workbench.text.analyse import analyse  # noqa: E402
from workbench.text.segment import segmenter_for  # noqa: E402

# Articles per second through the whole import, as a share of the segmenter's own rate.
TARGET = 0.70


def segmenter_rate(texts: list[str]) -> float:
    segmenter = segmenter_for("de")
    for article in texts[:20]:
        segmenter.segment(article)
    started = time.perf_counter()
    for article in texts:
        segmenter.segment(article)
    return len(texts) / (time.perf_counter() - started)


def ingest_rate(url: str, texts: list[str], instance: str) -> tuple[float, int]:
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": instance})
    claims = 0
    with app.app_context():
        analyse(texts[0])  # loads the language model, as a running server has
        warm_up()  # the word vectors and lemma dictionaries, as a server loads them at start
        started = time.perf_counter()
        for article in texts:
            result = import_article(db.session, article.encode("utf-8"), language="de")
            assert not result.existing
            claims += result.claims
        elapsed = time.perf_counter() - started
        db.session.remove()
        db.engine.dispose()
    return len(texts) / elapsed, claims


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def report(database: str, rate: float, claims: float, baseline: float) -> bool:
    """Print one database's figure against the baseline; True when it meets the target."""
    met = rate / baseline >= TARGET
    print(
        f"ingest, {database + ':':<20}{rate:8.1f} articles/s  ({claims:.1f} claims each)"
        f"  = {rate / baseline:.2f}x the segmenter (target >= {TARGET:.2f}) "
        f"{'OK' if met else 'MISSED'}"
    )
    return met


def main() -> int:
    try:
        count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    except ValueError:
        count = 0
    if count < 1:
        print("usage: python bench/ingest.py [COUNT]; COUNT is a positive whole number")
        return 2
    texts = generate(count)
    size = sum(map(len, texts)) / count
    print(f"{count} generated articles, {size:,.0f} characters each on average")
    # The baseline is measured right before each ingest run, so that both see the
    # machine in the same state (other load, CPU frequency).
    baseline = segmenter_rate(texts)
    print(f"pysbd alone (baseline):     {baseline:8.1f} articles/s")
    with tempfile.TemporaryDirectory() as tmp:
        rate, claims = ingest_rate(f"sqlite:///{tmp}/bench.sqlite3", texts, tmp)
    met = [report("SQLite", rate, claims / count, baseline)]
    pg = os.environ.get("WORKBENCH_BENCH_DATABASE_URL") or os.environ.get(
        "WORKBENCH_TEST_DATABASE_URL"
    )
    if pg:
        pg = database_url("", pg)
        reset_postgres(pg)
        baseline = segmenter_rate(texts)
        print(f"pysbd alone (baseline):     {baseline:8.1f} articles/s")
        with tempfile.TemporaryDirectory() as tmp:
            rate, claims = ingest_rate(pg, texts, tmp)
        reset_postgres(pg)
        met.append(report("PostgreSQL", rate, claims / count, baseline))
    else:
        print("ingest, PostgreSQL:         not measured (set WORKBENCH_BENCH_DATABASE_URL)")
    return 0 if all(met) else 1


if __name__ == "__main__":
    sys.exit(main())
