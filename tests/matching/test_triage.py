"""Triage: the label, score and reason a reviewer sorts claims by."""

import pytest

from workbench.matching.reading import read
from workbench.matching.triage import LABELS, triage


def label(text: str, language: str) -> str:
    return triage(read(text, language)).label


@pytest.mark.parametrize(
    ("text", "language", "reason"),
    [
        ("Der Umsatz stieg 2024 um 12 Prozent, sagte die Sprecherin.", "de",
         "has a figure, a date and an attribution"),
        ("Bürgermeisterin Anna Roth eröffnete die neue Brücke.", "de", "has a name"),
        ("„Wir bauen weiter“, betonte die Bürgermeisterin.", "de", "has a quote and an attribution"),
        ("The river rose higher than in any spring on record.", "en", "has a comparison"),
        ("Exports fell again, according to the customs office.", "en", "has an attribution"),
    ],
)  # fmt: skip
def test_facts_worth_checking_come_first_and_say_why(text, language, reason):
    found = triage(read(text, language))
    assert (found.label, found.reason) == ("check_first", reason)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Brücke wurde nach dem Hochwasser gesperrt.", "de"),
        ("The factory stopped production after the fire.", "en"),
    ],
)
def test_a_statement_without_figures_names_or_source_is_checkable(text, language):
    found = triage(read(text, language))
    assert found.label == "checkable" and "without" in found.reason


@pytest.mark.parametrize(
    ("text", "language", "reason"),
    [
        ("Wie geht es nun weiter mit dem Projekt?", "de", "asks a question"),
        ("Lesen Sie auch unseren Bericht über die Brücke.", "de", "addresses the reader"),
        ("Follow our coverage of the election on the live page.", "en", "addresses the reader"),
        ("Erwartet wird, dass die Preise im Herbst um 5 Prozent steigen.", "de",
         "speculates or forecasts"),
        ("It remains to be seen whether the bridge reopens.", "en", "speculates or forecasts"),
        ("Open the gate now!", "en", "exclaims or commands"),
    ],
)  # fmt: skip
def test_questions_calls_and_forecasts_are_not_checkable(text, language, reason):
    found = triage(read(text, language))
    assert (found.label, found.reason) == ("not_checkable", reason)


def test_what_someone_said_is_checked_even_as_a_forecast_or_a_question():
    """Whether it was said can be checked: an attribution keeps a claim in front."""
    assert label("Erwartet wird, dass die Preise steigen, sagte der Minister.", "de") == (
        "check_first"
    )
    assert label("Will the plant close in 2026, the mayor asked.", "en") == "check_first"


def test_a_modal_or_a_rhetorical_tail_does_not_hide_a_statement():
    """News report plans as facts ("would carry"), and a statement may end in a
    rhetorical question: neither is a forecast or a question."""
    assert label("The new line would carry trains to the airport.", "en") == "checkable"
    assert label("Die Brücke bleibt gesperrt – und das im Sommer?", "de") == "checkable"


def test_a_hedged_claim_with_a_figure_is_not_hidden():
    assert label("The repairs could cost 4 million euros.", "en") == "check_first"


def test_more_kinds_of_fact_score_higher():
    one = triage(read("Bürgermeisterin Anna Roth eröffnete die Brücke.", "de"))
    more = triage(read("Bürgermeisterin Anna Roth eröffnete die Brücke am 3. Mai 2025.", "de"))
    plain = triage(read("Die Brücke wurde nach dem Hochwasser gesperrt.", "de"))
    gone = triage(read("Wie geht es nun weiter?", "de"))
    assert more.score > one.score > plain.score > gone.score
    assert all(0 <= t.score <= 100 for t in (one, more, plain, gone))
    assert {one.label, plain.label, gone.label} == set(LABELS)
