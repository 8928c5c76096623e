"""The backup file's values: every column type the models use goes out and comes back
exactly, and a type the format cannot carry is refused rather than left out."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import JSON, Column, Date, DateTime, Integer, LargeBinary, MetaData, Table, Text

from workbench.services.backup import tables
from workbench.services.backup_file import BackupRefused, codec, row_decoder, row_encoder, row_line

SAMPLE = Table(
    "sample",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("at", DateTime),
    Column("day", Date),
    Column("data", JSON),
    Column("text", Text),
)


def test_values_come_back_exactly_through_a_line():
    row = {
        "id": 7,
        "at": datetime(2026, 3, 14, 9, 26, 53, 589793),
        "day": date(2026, 3, 14),
        "data": {"z": [1.5, None, True], "a": "„Zitat“ 🎉"},
        "text": 'Zeile 1\nZeile 2\t\\ "quoted" \u2028',
    }
    line = row_line(row_encoder(SAMPLE)(tuple(row.values())))
    assert line.endswith(b"\n") and line.count(b"\n") == 1  # one row, one line
    decoded = row_decoder(SAMPLE)(line.decode("utf-8"))
    assert decoded == row
    assert list(decoded["data"]) == ["z", "a"]  # a JSON column keeps its key order


def test_a_line_of_another_table_is_refused():
    with pytest.raises(ValueError, match="not the table's columns"):
        row_decoder(SAMPLE)('{"id": 1, "username": "rita"}')
    with pytest.raises(ValueError):
        row_decoder(SAMPLE)("[1, 2, 3]")


def test_nulls_stay_null():
    for column in SAMPLE.columns:
        encode, decode = codec(column)
        assert decode(json.loads(json.dumps(encode(None)))) is None


def test_a_column_type_the_format_cannot_carry_is_refused():
    blob = Column("payload", LargeBinary)
    Table("attachments", MetaData(), Column("id", Integer, primary_key=True), blob)
    with pytest.raises(BackupRefused, match=r"attachments\.payload"):
        codec(blob)


def test_every_column_of_the_models_has_a_codec():
    assert all(codec(column) for table in tables() for column in table.columns)
