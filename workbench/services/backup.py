"""Backup and restore of everything the workbench holds: every table of the models and
the snapshot bytes, in the portable file that ``backup_file`` describes.

A backup reads every table in one transaction (a consistent picture while the app
keeps running) and streams it, a batch of rows at a time, into a temporary file that is
renamed into place when complete. A restore checks the whole file (format, revision,
columns, every table's and blob's hash) before it writes anything, then inserts every
row in one transaction with the tables locked, moves PostgreSQL's id sequences past the
restored ids, writes the blobs and commits.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Integer, func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import Table

import workbench.models  # noqa: F401  (registers every table on the metadata)
from workbench.extensions import Base
from workbench.services.backup_file import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    BackupRefused,
    blob_file,
    check_tables,
    open_backup,
    read_manifest,
    row_decoder,
    row_encoder,
    row_line,
    table_file,
    verify,
)
from workbench.services.database import alembic_config, current_revision
from workbench.sources.blobs import BlobStore

__all__ = ["BackupRefused", "Summary", "backup", "restore", "tables"]

# Rows read, and inserted, per round trip: memory stays flat however many claims there are.
BATCH = 1000
# Which column of which table names a blob in the snapshot store.
BLOB_COLUMNS = {"snapshots": "sha256"}
# How long a restore waits for the application's open transactions to let go of a table.
LOCK_TIMEOUT = "30s"


@dataclass
class Summary:
    """What a backup wrote or a restore read: rows per table, blobs and their bytes."""

    path: Path
    revision: str
    tables: list[tuple[str, int]] = field(default_factory=list)
    blobs: int = 0
    blob_bytes: int = 0
    # Blobs a snapshot names that the store lacked (or held damaged): left out, and said.
    missing_blobs: list[str] = field(default_factory=list)
    # Rows deleted first by ``restore(..., replace=True)``.
    replaced: list[tuple[str, int]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(count for _, count in self.tables)


def tables() -> list[Table]:
    """Every table of the models, each after the tables it refers to."""
    return list(Base.metadata.sorted_tables)


def schema_head() -> str:
    """The newest migration revision of this workbench."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def app_version() -> str:
    try:
        return metadata.version("workbench")
    except metadata.PackageNotFoundError:
        return "unknown"


def backup(
    engine: Engine,
    blobs: BlobStore,
    path: Path,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> Summary:
    """Write every table, and every blob a snapshot names, to a new file at ``path``.
    ``progress(table, rows)`` is told as each table is done. Refuses an existing
    ``path`` and a database that is not at this workbench's schema."""
    path = Path(path)
    if path.exists():
        raise BackupRefused(f"{path} exists already; give the backup a new file name.")
    if not path.parent.is_dir():
        raise BackupRefused(f"There is no folder {path.parent} to write the backup to.")
    encoders = {table.name: row_encoder(table) for table in tables()}
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    try:
        with engine.connect() as conn, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as zf:
            _begin_reading(conn)
            summary = Summary(path=path, revision=_check_schema(conn))
            entries, wanted = [], set()
            for table in tables():
                entry = _write_table(conn, zf, table, encoders[table.name], wanted)
                entries.append(entry)
                summary.tables.append((table.name, entry["rows"]))
                if progress:
                    progress(table.name, entry["rows"])
            conn.rollback()
            stored = []
            for sha256 in sorted(wanted):
                size = _write_blob(zf, blobs, sha256)
                if size is None:
                    summary.missing_blobs.append(sha256)
                else:
                    stored.append({"sha256": sha256, "size": size})
                    summary.blobs += 1
                    summary.blob_bytes += size
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "schema_revision": summary.revision,
                "app_version": app_version(),
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "database": conn.dialect.name,
                "tables": entries,
                "blobs": stored,
                "missing_blobs": summary.missing_blobs,
            }
            zf.writestr(MANIFEST, json.dumps(manifest, indent=1))
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return summary


def restore(
    engine: Engine,
    blobs: BlobStore,
    path: Path,
    *,
    replace: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> Summary:
    """Load a backup into the database at ``engine`` and its blobs into ``blobs``.

    The database must be at the backup's schema revision (this workbench's newest) and
    empty. With ``replace``, every row it holds is deleted first in the same
    transaction, so a restore that fails leaves the old rows; blobs already stored are
    kept either way (they are named by their content, so an unused one is harmless)."""
    path = Path(path)
    with open_backup(path) as zf:
        manifest = read_manifest(zf, path)
        with engine.connect() as conn:
            _check_revision(conn, manifest["schema_revision"])
            check_tables(manifest, path, tables())
            if not replace:
                _refuse_if_holding(conn)
            conn.rollback()
        verify(zf, manifest, path)
        summary = Summary(path=path, revision=manifest["schema_revision"])
        with engine.connect() as conn:
            try:
                _begin_writing(conn)
                if replace:
                    summary.replaced = _delete_everything(conn)
                else:
                    _refuse_if_holding(conn)
                named = set()
                for table, entry in zip(tables(), manifest["tables"], strict=True):
                    rows = _insert_table(conn, zf, table, entry, named)
                    summary.tables.append((table.name, rows))
                    if progress:
                        progress(table.name, rows)
                _check_blobs_named(named, manifest)
                _reset_sequences(conn)
                for blob in manifest["blobs"]:
                    _restore_blob(zf, blobs, blob)
                    summary.blobs += 1
                    summary.blob_bytes += blob["size"]
                summary.missing_blobs = manifest["missing_blobs"]
                conn.commit()
            except DBAPIError as error:
                conn.rollback()
                raise BackupRefused(
                    f"The database did not take the restore; nothing was restored. ({error.orig})"
                    " If it is busy, stop the web server and workers and try again."
                ) from None
            except BaseException:
                conn.rollback()
                raise
    return summary


# Backup


def _begin_reading(conn: Connection) -> None:
    """One read transaction for every table, so rows that refer to each other agree."""
    if conn.dialect.name == "postgresql":
        conn.execution_options(isolation_level="REPEATABLE READ")
        conn.begin()
    else:
        conn.exec_driver_sql("BEGIN")


def _write_table(
    conn: Connection, zf: zipfile.ZipFile, table: Table, encode: Callable, wanted: set[str]
) -> dict:
    names = [column.name for column in table.columns]
    blob_index = names.index(BLOB_COLUMNS[table.name]) if table.name in BLOB_COLUMNS else None
    digest, rows = hashlib.sha256(), 0
    query = select(table).order_by(*table.primary_key.columns)
    result = conn.execute(query.execution_options(yield_per=BATCH))
    with zf.open(_entry(table_file(table)), "w", force_zip64=True) as out:
        for batch in result.partitions():
            if blob_index is not None:
                wanted.update(row[blob_index] for row in batch if row[blob_index])
            data = b"".join(row_line(encode(row)) for row in batch)
            digest.update(data)
            out.write(data)
            rows += len(batch)
    return {
        "name": table.name,
        "file": table_file(table),
        "columns": names,
        "rows": rows,
        "sha256": digest.hexdigest(),
    }


def _write_blob(zf: zipfile.ZipFile, blobs: BlobStore, sha256: str) -> int | None:
    """Copy one blob into the file; ``None`` when it is missing or its bytes no longer
    hash to its name (a damaged copy is left out rather than passed on)."""
    try:
        data = blobs.open(sha256)
    except (FileNotFoundError, ValueError):
        return None
    if hashlib.sha256(data).hexdigest() != sha256:
        return None
    zf.writestr(_entry(blob_file(sha256)), data)
    return len(data)


def _entry(name: str) -> zipfile.ZipInfo:
    """A compressed entry dated now (``ZipFile.open`` would date it 1980)."""
    entry = zipfile.ZipInfo(name, datetime.now().timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


# Restore


def _check_schema(conn: Connection) -> str:
    """The database's revision, refused unless it is this workbench's newest."""
    head = schema_head()
    current = current_revision(conn)
    if current is None:
        raise BackupRefused("The database has no schema yet: run `workbench db upgrade` first.")
    if current != head:
        raise BackupRefused(
            f"The database is at schema revision {current}, this workbench at {head}:"
            " run `workbench db upgrade` first."
        )
    return current


def _check_revision(conn: Connection, revision: str) -> None:
    head = _check_schema(conn)
    if revision != head:
        raise BackupRefused(
            f"The backup is of schema revision {revision}; this workbench and its database are"
            f" at {head}. Restore it with the workbench version that made it, upgrade that"
            " database, and back it up again."
        )


def _refuse_if_holding(conn: Connection) -> None:
    counts = [(t.name, conn.scalar(select(func.count()).select_from(t))) for t in tables()]
    held = ", ".join(f"{count:,} {name}" for name, count in counts if count)
    if held:
        raise BackupRefused(
            f"The database is not empty ({held}); nothing was restored. Restore into a new"
            " database (`workbench db upgrade` creates its tables), or pass --replace to"
            " delete every row it holds first."
        )


def _begin_writing(conn: Connection) -> None:
    """One transaction that no other writer can interleave with."""
    if conn.dialect.name == "postgresql":
        conn.begin()
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        names = ", ".join(conn.dialect.identifier_preparer.format_table(t) for t in tables())
        conn.exec_driver_sql(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _delete_everything(conn: Connection) -> list[tuple[str, int]]:
    deleted = [(table.name, conn.execute(table.delete()).rowcount) for table in reversed(tables())]
    return [(name, count) for name, count in reversed(deleted) if count]


def _insert_table(
    conn: Connection, zf: zipfile.ZipFile, table: Table, entry: dict, named: set[str]
) -> int:
    decode = row_decoder(table)
    blob_column = BLOB_COLUMNS.get(table.name)
    rows = 0
    with zf.open(entry["file"]) as lines:
        for batch in _batches(io.TextIOWrapper(lines, encoding="utf-8")):
            try:
                values = [decode(line) for line in batch]
            except (ValueError, TypeError, AttributeError) as error:
                raise BackupRefused(
                    f"A row of {table.name} cannot be read ({error}); nothing was restored."
                ) from None
            if blob_column:
                named.update(row[blob_column] for row in values if row[blob_column])
            conn.execute(table.insert(), values)
            rows += len(values)
    return rows


def _batches(lines: Iterator[str]) -> Iterator[list[str]]:
    batch = []
    for line in lines:
        batch.append(line)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _check_blobs_named(named: set[str], manifest: dict) -> None:
    known = {blob["sha256"] for blob in manifest["blobs"]} | set(manifest["missing_blobs"])
    if not named <= known:
        raise BackupRefused(
            f"The backup's snapshots name {len(named - known)} files it neither holds nor lists"
            " as missing; nothing was restored."
        )


def _reset_sequences(conn: Connection) -> None:
    """After rows with explicit ids, PostgreSQL's next id must follow the largest one."""
    if conn.dialect.name != "postgresql":
        return  # SQLite takes the next rowid from the rows themselves.
    for table in tables():
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer):
            continue
        sequence = conn.scalar(select(func.pg_get_serial_sequence(table.name, key[0].name)))
        if sequence:
            largest = conn.scalar(select(func.coalesce(func.max(key[0]), 0)))
            conn.execute(select(func.setval(sequence, largest + 1, False)))


def _restore_blob(zf: zipfile.ZipFile, blobs: BlobStore, blob: dict) -> None:
    sha256, _ = blobs.put(zf.read(blob_file(blob["sha256"])))
    if sha256 != blob["sha256"]:
        raise BackupRefused(f"Snapshot file {blob['sha256'][:12]}… changed while restoring.")
