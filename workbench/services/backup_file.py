"""The backup file: a zip that SQLite and PostgreSQL installs both read.

``manifest.json`` names the format, the schema revision, the app version, and for each
table (in dependency order) its columns, row count and the sha256 of its file, and for
each snapshot blob its sha256 and size. ``tables/<name>.jsonl`` holds one JSON object
per row in primary-key order; ``blobs/<sha256>`` the bytes. A value is written the same
way whichever database it came from (times in ISO form, JSON columns as JSON), so the
same data gives the same table hashes on either: that is how a round trip is checked.

The hashes catch a damaged or edited file; they are not a signature against someone
who rewrites the manifest too.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, String
from sqlalchemy.schema import Column, Table

from workbench.errors import WorkbenchError

FORMAT = "workbench-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 20


class BackupRefused(WorkbenchError):
    """A file that is not a backup this database can take, or a target that is not empty."""


def table_file(table: Table) -> str:
    return f"tables/{table.name}.jsonl"


def blob_file(sha256: str) -> str:
    return f"blobs/{sha256}"


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def row_line(values: dict) -> bytes:
    """One row as its line of the table file."""
    return (_JSON.encode(values) + "\n").encode("utf-8")


def row_encoder(table: Table) -> Callable[[Sequence], dict]:
    """A row as the database returns it -> the values a line holds, by column name."""
    names = [column.name for column in table.columns]
    special = [(c.name, codec(c)[0]) for c in table.columns if codec(c)[0] is not _same]

    def encode(row: Sequence) -> dict:
        values = dict(zip(names, row, strict=True))
        for name, convert in special:
            values[name] = convert(values[name])
        return values

    return encode


def row_decoder(table: Table) -> Callable[[str], dict]:
    """A line of the table file -> the values to insert; ``ValueError`` when it is not
    a row of ``table``."""
    names = {column.name for column in table.columns}
    special = [(c.name, codec(c)[1]) for c in table.columns if codec(c)[1] is not _same]

    def decode(line: str) -> dict:
        values = json.loads(line)
        if not isinstance(values, dict) or values.keys() != names:
            raise ValueError("not the table's columns")
        for name, convert in special:
            values[name] = convert(values[name])
        return values

    return decode


# Values: how each column type is written and read back


def _same(value):
    return value


def _iso(value):
    return None if value is None else value.isoformat()


def _datetime(value):
    return None if value is None else datetime.fromisoformat(value)


def _date(value):
    return None if value is None else date.fromisoformat(value)


def codec(column: Column) -> tuple[Callable, Callable]:
    """(encode, decode) of a column's values; refuses a type this format cannot carry
    exactly, so a new kind of column cannot be left out of backups unnoticed."""
    kind = column.type
    if isinstance(kind, DateTime):
        return _iso, _datetime
    if isinstance(kind, Date):
        return _iso, _date
    if isinstance(kind, (JSON, Boolean, Integer, Float, String)):
        return _same, _same
    raise BackupRefused(
        f"Backups do not know how to write {column.table.name}.{column.name} ({kind});"
        " services/backup_file.py needs a codec for it."
    )


# Reading and checking a file


def open_backup(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise BackupRefused(f"There is no file {path}.")
    if path.stat().st_size == 0:
        raise BackupRefused(f"{path} is empty: it is not a backup.")
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise BackupRefused(
            f"{path} is not a workbench backup, or it was cut short (it is not a whole zip file)."
        ) from None


def read_manifest(zf: zipfile.ZipFile, path: Path) -> dict:
    """The manifest, checked for its shape (what it says is checked by ``verify``)."""
    not_backup = f"{path} is not a workbench backup"
    try:
        manifest = json.loads(zf.read(MANIFEST))
    except KeyError:
        raise BackupRefused(f"{not_backup}: it holds no {MANIFEST}.") from None
    except (ValueError, zipfile.BadZipFile) as error:
        raise BackupRefused(f"{not_backup}: its {MANIFEST} is unreadable ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused(f"{not_backup}: its {MANIFEST} does not say format {FORMAT!r}.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupRefused(
            f"{path} is a backup of format version {manifest.get('format_version')!r}; this"
            f" workbench reads version {FORMAT_VERSION}."
        )
    try:
        for entry in manifest["tables"]:
            entry["name"], entry["file"] = str(entry["name"]), str(entry["file"])
            entry["columns"], entry["rows"] = list(entry["columns"]), int(entry["rows"])
            entry["sha256"] = str(entry["sha256"])
        for blob in manifest["blobs"]:
            blob["sha256"], blob["size"] = str(blob["sha256"]), int(blob["size"])
        manifest["missing_blobs"] = [str(sha256) for sha256 in manifest["missing_blobs"]]
        manifest["schema_revision"] = str(manifest["schema_revision"])
    except (KeyError, TypeError, ValueError) as error:
        raise BackupRefused(
            f"{not_backup}: its {MANIFEST} is not as a workbench writes it ({error!r})."
        ) from None
    for sha256 in [blob["sha256"] for blob in manifest["blobs"]] + manifest["missing_blobs"]:
        if not _SHA256.fullmatch(sha256):
            raise BackupRefused(f"{not_backup}: it names a blob {sha256!r} that is not a sha256.")
    return manifest


def check_tables(manifest: dict, path: Path, tables: list[Table]) -> None:
    """The manifest lists these tables, in this order, with their columns and files."""
    listed = [(e["name"], e["columns"], e["file"]) for e in manifest["tables"]]
    expected = [(t.name, [c.name for c in t.columns], table_file(t)) for t in tables]
    if listed != expected:
        raise BackupRefused(
            f"{path} does not list the tables and columns of schema"
            f" {manifest['schema_revision']}; it was edited or made by another program."
        )


def verify(zf: zipfile.ZipFile, manifest: dict, path: Path) -> None:
    """Every table file and blob as the manifest describes it: read whole, before
    anything is written."""
    damaged = f"{path} is damaged or was changed after it was written"
    try:
        for entry in manifest["tables"]:
            digest, rows = hashlib.sha256(), 0
            with zf.open(entry["file"]) as lines:
                for line in lines:
                    digest.update(line)
                    rows += 1
            if rows != entry["rows"] or digest.hexdigest() != entry["sha256"]:
                raise BackupRefused(
                    f"{damaged}: table {entry['name']} has {rows:,} rows and sha256"
                    f" {digest.hexdigest()[:12]}…, its manifest says {entry['rows']:,} rows and"
                    f" {entry['sha256'][:12]}…; nothing was restored."
                )
        for blob in manifest["blobs"]:
            digest, size = hashlib.sha256(), 0
            with zf.open(blob_file(blob["sha256"])) as data:
                while chunk := data.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
            if size != blob["size"] or digest.hexdigest() != blob["sha256"]:
                raise BackupRefused(
                    f"{damaged}: snapshot file {blob['sha256'][:12]}… does not hash to its name;"
                    " nothing was restored."
                )
    except KeyError as error:
        raise BackupRefused(f"{damaged}: {error.args[0]}; nothing was restored.") from None
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise BackupRefused(f"{damaged} ({error}); nothing was restored.") from None
