"""The pinned evidence as W3C Web Annotations: an AnnotationCollection whose items
target the snapshot with the stored selectors, and whose bodies carry the verdict."""

from __future__ import annotations

import json

from report_sample import PAGE_TEXT, SOURCE

from workbench.reports.annotations import to_annotations


def _collection(report) -> dict:
    return json.loads(to_annotations(report))


def test_a_collection_of_one_annotation_per_pinned_passage(report):
    collection = _collection(report)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    page = collection["first"]
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 0
    # Claims 1 and 2 pinned a passage; 3 is unsupported, 5 pending.
    assert collection["total"] == len(page["items"]) == 2


def test_each_annotation_targets_the_snapshot_by_quote_position_and_time(report):
    items = _collection(report)["first"]["items"]
    for item, claim in zip(items, report.claims, strict=False):
        assert item["type"] == "Annotation" and item["motivation"] == "assessing"
        target = item["target"]
        assert target["source"] == SOURCE
        quote, position = target["selector"]
        assert quote["type"] == "TextQuoteSelector" and quote["exact"] == claim.evidence.passage
        assert position["type"] == "TextPositionSelector"
        assert PAGE_TEXT[position["start"] : position["end"]] == quote["exact"]
        assert PAGE_TEXT[: position["start"]].endswith(quote["prefix"])
        assert target["state"] == {"type": "TimeState", "sourceDate": "2026-11-30T14:05:09Z"}


def test_the_body_carries_the_verdict_the_note_and_the_claim(report):
    first, second = _collection(report)["first"]["items"]
    bodies = {b["purpose"]: b for b in second["body"]}
    assert all(b["type"] == "TextualBody" for b in second["body"])
    assert bodies["assessing"]["value"] == "disputed"
    assert bodies["commenting"]["value"].startswith("Quelle nennt 5.000 Euro,\nnicht 8.000.")
    assert bodies["describing"]["value"] == report.claims[1].text
    assert bodies["describing"]["language"] == "de"
    assert second["creator"] == {"type": "Person", "name": "max"}
    assert second["created"] == "2026-12-01T08:20:30Z"


def test_ids_are_urns_that_stay_the_same_for_the_same_passage(report):
    items = _collection(report)["first"]["items"]
    ids = [i["id"] for i in items]
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == len(ids)
    assert ids == [i["id"] for i in _collection(report)["first"]["items"]]
