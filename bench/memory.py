"""Claim memory at scale: lookup time per claim with 400,000 claims stored, on SQLite and
on PostgreSQL, the recall of planted rewordings, and a full scan as the baseline.

    python bench/memory.py [--quick] [--claims N] [--pg URL]

Claims are generated (German and English news sentences from invented places, people,
firms and figures; deterministic) in articles of ten; 200 of them get a partner in
another article that rewords it (another sentence form) or repeats it nearly word for
word. Both databases get the same rows through the migrations' schema (COPY on
PostgreSQL, executemany on SQLite) and the index the import writes. A lookup is
``services.memory.look_up`` on a planted claim, what the worker runs for each claim of a
new article (the panel then reads the pairs it stored); a planted pair is found when its
partner is listed. The full scan reads and scores every claim of the language, as a
lookup without the index must. Exit 1 when a lookup's median or p95 passes 50 ms or the
recall is under 0.9.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, insert, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.memory_data import PER_ARTICLE, generate  # noqa: E402
from workbench.matching.reading import read  # noqa: E402
from workbench.models import Article, Claim  # noqa: E402
from workbench.services import memory  # noqa: E402
from workbench.services.database import upgrade  # noqa: E402

TARGET_MS = 50.0
TARGET_RECALL = 0.9
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/workbench_memory"


def main() -> int:
    args = _arguments()
    claims_n = args.claims or (40_000 if args.quick else 400_000)
    started = time.perf_counter()
    data = generate(claims_n, args.pairs, seed=7)
    keys = [sorted(read(t, lang).keys) for lang, t in zip(data.languages, data.texts, strict=True)]
    print(
        f"{claims_n:,} claims in {claims_n // PER_ARTICLE:,} articles, {len(data.pairs)} planted"
        f" pairs, {sum(map(len, keys)):,} keys; generated and read in"
        f" {time.perf_counter() - started:.0f} s"
    )
    missed = False
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in (("SQLite", f"sqlite:///{tmp}/memory.sqlite3"), ("PostgreSQL", args.pg)):
            engine = _fresh(url)
            if engine is None:
                print(f"\n{name}: not answering at {url}; skipped")
                continue
            print(f"\n{name}")
            missed |= _run(engine, data, keys, args.lookups, args.scans)
            engine.dispose()
    print("\nresult:", "MISSED a target" if missed else "all targets met")
    return 1 if missed else 0


def _run(engine, data, keys, lookups: int, scans: int) -> bool:
    started = time.perf_counter()
    _load(engine, data, keys)
    print(f"  loaded with the index in {time.perf_counter() - started:.0f} s")
    sample = data.pairs[:lookups]
    times, found, others, similarities = [], 0, 0, []
    with Session(engine) as session:
        for first, second in sample:
            claim = session.get(Claim, first + 1)
            t = time.perf_counter()
            seen = memory.look_up(session, claim)
            times.append((time.perf_counter() - t) * 1000)
            listed = {s.claim_id: s.similarity for s in seen}
            if second + 1 in listed:
                found += 1
                similarities.append(listed[second + 1])
            others += len(listed) - (second + 1 in listed)
        scan_times, agree = [], 0
        for first, _ in sample[:scans]:
            claim = session.get(Claim, first + 1)
            t = time.perf_counter()
            scanned = _full_scan(session, claim)
            scan_times.append((time.perf_counter() - t) * 1000)
            agree += scanned == {s.claim_id for s in memory.look_up(session, claim)}
    median, p95 = statistics.median(times), _p95(times)
    recall = found / len(sample)
    scan = statistics.median(scan_times)
    print(f"  lookup per claim: median {median:.1f} ms, p95 {p95:.1f} ms ({len(times)} lookups)")
    print(f"  full scan per claim: median {scan:.0f} ms ({len(scan_times)} claims)")
    print(f"  index against scan: {scan / median:.0f}x faster, same claims listed {agree}/{scans}")
    print(
        f"  recall of planted pairs: {recall:.3f} ({found}/{len(sample)}); their similarity"
        f" min {min(similarities, default=0):.0f}, median"
        f" {statistics.median(similarities or [0]):.0f}; other claims listed per lookup"
        f" {others / len(sample):.2f}"
    )
    ok = median < TARGET_MS and p95 < TARGET_MS and recall >= TARGET_RECALL
    print(f"  target: < {TARGET_MS:.0f} ms median and p95, recall >= {TARGET_RECALL}:", end=" ")
    print("met" if ok else "MISSED")
    return not ok


def _full_scan(session: Session, claim: Claim) -> set[int]:
    """What look_up lists, found without the index: every claim of the language
    read and judged by the same rule."""
    language = session.scalar(select(Article.language).where(Article.id == claim.article_id))
    rows = session.execute(
        select(Claim.id, Claim.text)
        .join(Article)
        .where(Article.language == language, Claim.article_id != claim.article_id)
    ).all()
    reading = read(claim.text, language)
    readings = [read.__wrapped__(t, language) for _, t in rows]
    return {rows[i].id for i, _ in memory.same_claims(reading, readings)}


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def _fresh(url: str):
    """An engine on an empty database migrated to head, or None when it does not answer."""
    if url.startswith("postgresql"):
        admin = create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
        name = url.rsplit("/", 1)[1]
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as error:  # noqa: BLE001  (any failure to connect means skip)
            print(f"  ({type(error).__name__})")
            return None
        finally:
            admin.dispose()
    upgrade(url)
    return create_engine(url)


def _load(engine, data, keys) -> None:
    n = len(data.texts)
    articles = [
        {
            "id": a + 1,
            "title": f"Artikel {a + 1}",
            "dek": "",
            "body": f"body {a}",
            "body_sha256": f"{a:064d}",
            "original": "",
            "input_format": "text",
            "language": data.languages[a * PER_ARTICLE],
            "imported_at": datetime(2026, 1, 1),
            "layout": [],
        }
        for a in range(n // PER_ARTICLE)
    ]
    defaults = _scalar_defaults(Claim)
    claims = [
        {
            **defaults,
            "id": i + 1,
            "article_id": i // PER_ARTICLE + 1,
            "position": i % PER_ARTICLE,
            "text": t,
            "start_offset": 0,
            "end_offset": len(t),
            "evidence": {},
        }
        for i, t in enumerate(data.texts)
    ]
    rows = sorted(
        (data.languages[i], key, i + 1) for i, claim_keys in enumerate(keys) for key in claim_keys
    )
    tables = [(Article, articles), (Claim, claims)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            for model, values in tables:
                columns = list(values[0])
                _copy(conn, model.__tablename__, columns, (_cells(v) for v in values))
            _copy(conn, "claim_keys", ["language", "key", "claim_id"], rows)
            conn.execute(text("ANALYZE"))
        else:
            for model, values in tables:
                conn.execute(insert(model.__table__), values)
            conn.exec_driver_sql(
                "INSERT INTO claim_keys (language, key, claim_id) VALUES (?, ?, ?)", rows
            )
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


def _scalar_defaults(model) -> dict:
    """The model's plain column defaults (statuses, flags, empty strings): COPY and a
    bare INSERT do not apply the ORM's defaults."""
    return {
        c.name: c.default.arg
        for c in model.__table__.columns
        if c.default is not None and c.default.is_scalar
    }


def _cells(row: dict) -> tuple:
    """A row for COPY: JSON values as JSON text."""
    return tuple(json.dumps(v) if isinstance(v, dict | list) else v for v in row.values())


def _copy(conn, table: str, columns: list[str], rows) -> None:
    cursor = conn.connection.dbapi_connection.cursor()
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="40,000 claims instead of 400,000")
    parser.add_argument("--claims", type=int, default=0, help="claims to store")
    parser.add_argument("--pairs", type=int, default=200, help="planted pairs")
    parser.add_argument("--lookups", type=int, default=200, help="lookups timed")
    parser.add_argument("--scans", type=int, default=2, help="claims looked up by full scan")
    parser.add_argument("--pg", default=PG_URL, help="PostgreSQL database (dropped, made anew)")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
