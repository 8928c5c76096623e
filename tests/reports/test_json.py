"""The JSON report against its published schema (docs/report-schema.json)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest
from report_sample import sample_report

from workbench.reports.json import as_data, to_json

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "report-schema.json").read_text("utf-8")
)


def _validate(document) -> None:
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(
        document
    )


def test_the_schema_is_a_valid_draft_2020_12_schema_of_version_1():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["properties"]["schema_version"] == {"const": "1"}


def test_the_report_validates_against_the_schema(report):
    document = json.loads(to_json(report))
    _validate(document)
    assert document["schema_version"] == "1"
    assert document["counts"] == {
        "pending": 1,
        "verified": 1,
        "disputed": 1,
        "unsupported": 1,
        "total": 4,
        "not_claim": 1,
    }


def test_a_bare_report_validates_too_with_nulls_for_what_is_unknown():
    bare = sample_report(
        title="",
        origin_url="",
        publisher="",
        published_at=None,
        checked_by="",
        checked_at=None,
        claims=(),
        not_claims=(),
        excluded=(),
        site_url="",
        review_url="",
    )
    document = as_data(bare)
    _validate(document)
    article = document["article"]
    assert article["title"] == "Article 42"
    assert (article["origin_url"], article["checked_at"], article["review_url"]) == (None,) * 3


def test_the_schema_refuses_what_it_does_not_describe(report):
    document = as_data(report)
    document["claims"][0]["status"] = "probably"
    with pytest.raises(jsonschema.ValidationError):
        _validate(document)
    document = as_data(report)
    document["claims"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        _validate(document)


def test_times_are_utc_with_a_z(report):
    document = as_data(report)
    assert document["generated_at"] == "2026-12-01T09:00:00Z"
    stamp = document["claims"][1]["evidence"]["fetched_at"]
    assert datetime.fromisoformat(stamp.replace("Z", "+00:00")).utcoffset().total_seconds() == 0
