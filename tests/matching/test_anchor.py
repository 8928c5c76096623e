"""Anchors survive page changes: exact first, then fuzzy; a changed passage is not found."""

from workbench.matching.anchor import anchor_for, reanchor

OLD = (
    "Brüssel. Die Minister treffen sich am Mittwoch. Die Soforthilfe beträgt 50 Millionen Euro, "
    "teilte das Ministerium mit. Weitere Details folgen."
)


def _anchor(passage: str, text: str = OLD) -> dict:
    start = text.index(passage)
    return anchor_for(text, start, start + len(passage), "abc")


def test_anchor_has_quote_and_position_selectors():
    anchor = _anchor("Die Soforthilfe beträgt 50 Millionen Euro")
    quote, position = anchor["selector"]
    assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
    assert quote["prefix"].endswith("am Mittwoch. ") and quote["suffix"].startswith(", teilte")
    assert OLD[position["start"] : position["end"]] == quote["exact"]
    assert anchor["sha256"] == "abc"


def test_exact_passage_is_found_after_text_moved():
    anchor = _anchor("Die Soforthilfe beträgt 50 Millionen Euro")
    new = "Eilmeldung: neue Lage. " + OLD
    start, end = reanchor(anchor, new)
    assert new[start:end] == "Die Soforthilfe beträgt 50 Millionen Euro"


def test_the_occurrence_with_the_right_context_wins():
    text = "Er sagte: Das ist gut. Sie sagte später: Das ist gut. Ende."
    anchor = anchor_for(text, text.rindex("Das ist gut"), text.rindex("Das ist gut") + 11, None)
    start, _ = reanchor(anchor, "Vorspann. " + text)
    assert start == len("Vorspann. ") + text.rindex("Das ist gut")


def test_a_small_edit_is_found_fuzzily():
    anchor = _anchor("Die Soforthilfe beträgt 50 Millionen Euro")
    new = OLD.replace("Soforthilfe beträgt", "Soforthilfe betraegt")
    start, end = reanchor(anchor, new)
    assert new[start:end].startswith("Die Soforthilfe") and "50 Millionen Euro" in new[start:end]


def test_a_removed_passage_is_gone():
    anchor = _anchor("Die Soforthilfe beträgt 50 Millionen Euro")
    new = "Brüssel. Die Minister treffen sich am Mittwoch. Weitere Details folgen."
    assert reanchor(anchor, new) is None
