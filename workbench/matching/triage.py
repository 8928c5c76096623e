"""Triage: how much a claim needs a reviewer, read from its Reading, no network.

``check_first``: it states something checkable with a figure, a date, a named person or
organisation, a quote or an attribution, or a comparison or record. ``checkable``: a
statement of fact without any of those. ``not_checkable``: a call to the reader, a
sentence framed as a forecast or a possibility with nothing attributed, or, stating no
such fact, a question (one that opens as a question) or an exclamation. A modal alone
("could", "würde") is no sign: news report plans and possibilities as facts. Missing a claim that
needs checking costs more than showing an opinion, so ``not_checkable`` is said only on
a clear sign, and anything attributed or quoted is ``check_first`` (whether it was said
can be checked).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from workbench.matching.reading import Reading
from workbench.matching.wordlists import REPORTING_VERBS, labelled
from workbench.text.caseless import caseless_hint

LABELS = ("check_first", "checkable", "not_checkable")
# Bumped with every change of the rules or their word lists; bench/triage_eval.py prints
# it, and the held-out half is run once per version.
RULES_VERSION = "5"
# What each kind of fact adds to a check-first claim's score (out of 100), so that
# among check-first claims those stating more kinds of fact come first.
_WEIGHTS = {
    "a figure": 20,
    "a date": 10,
    "a name": 15,
    "a quote": 15,
    "an attribution": 15,
    "a comparison": 15,
}
_BASE = {"check_first": 40, "checkable": 25, "not_checkable": 0}
# A news agency's name says who reported, not what happened.
_NAME_ROLES_SKIPPED = ("agency",)
# A comparative before "als"/"than" ("fiel geringer aus als", "higher than last year"),
# a superlative after "am" ("am umfangreichsten").
_COMPARATIVE = re.compile(
    r"(?<!\w)(?:\w{3,}er(?:\s+\w+){0,2}\s+(?:als|than)|am\s+\w+sten)(?!\w)", re.IGNORECASE
)
# Words every _COMPARATIVE match holds.
_COMPARATIVE_HINT = caseless_hint(["als", "than", "sten"])


@dataclass(frozen=True)
class Triage:
    """A claim's label, a score (0-100, higher needs checking sooner) and the reason in
    words ("has a figure and an attribution")."""

    label: str
    score: int
    reason: str


def triage(reading: Reading) -> Triage:
    """The triage of a claim from its reading.

    >>> from workbench.matching.reading import read
    >>> triage(read("Der Umsatz stieg 2024 um 12 Prozent, sagte die Sprecherin.", "de")).reason
    'has a figure, a date and an attribution'
    >>> triage(read("Wie geht es weiter?", "de")).label
    'not_checkable'
    """
    text = reading.text.strip()
    if _starts_with_cue(text) or _search("address", text):
        return _result("not_checkable", [], "addresses the reader")
    facts = _facts(reading)
    if _search("forecast", text) and "an attribution" not in facts:
        return _result("not_checkable", [], "speculates or forecasts")
    if facts:
        return _result("check_first", facts, "")
    if text.endswith("?") and _opens_question(text):
        return _result("not_checkable", [], "asks a question")
    if text.rstrip("\"'“”»«").endswith("!"):
        return _result("not_checkable", [], "exclaims or commands")
    return _result("checkable", [], "states a fact without a figure, name or source")


def _facts(reading: Reading) -> list[str]:
    found = []
    if any(n.unit != "vague" for n in reading.numbers):
        found.append("a figure")
    if reading.dates or reading.relative_day:
        found.append("a date")
    if any(n.role not in _NAME_ROLES_SKIPPED for n in reading.names):
        found.append("a name")
    if reading.quotes:
        found.append("a quote")
    if reading.words & REPORTING_VERBS or _search("attribution", reading.text):
        found.append("an attribution")
    if _search("comparison", reading.text) or (
        _COMPARATIVE_HINT(reading.text) and _COMPARATIVE.search(reading.text)
    ):
        found.append("a comparison")
    return found


def _result(label: str, facts: list[str], why: str) -> Triage:
    score = min(100, _BASE[label] + sum(_WEIGHTS[f] for f in facts))
    if facts:
        listed = facts[0] if len(facts) == 1 else f"{', '.join(facts[:-1])} and {facts[-1]}"
        why = f"has {listed}"
    return Triage(label, score, why)


def _starts_with_cue(text: str) -> bool:
    return bool(_cue("call").match(_opening(text)))


def _opens_question(text: str) -> bool:
    return bool(_cue("question").match(_opening(text)))


def _opening(text: str) -> str:
    return text.lstrip("\"'„“»«(*- ")


def _search(kind: str, text: str) -> bool:
    """Whether ``text`` holds a cue of ``kind``, asked of the pattern only when the
    quick test of ``caseless_hint`` leaves it possible."""
    return _cue_hint(kind)(text) and _cue(kind).search(text) is not None


@cache
def _cue_hint(kind: str) -> Callable[[str], bool]:
    return caseless_hint(p.strip() for p in _phrases(kind))


def _phrases(kind: str) -> list[str]:
    return dict(labelled("triage.txt"))[kind].split("|")


@cache
def _cue(kind: str) -> re.Pattern[str]:
    phrases = _phrases(kind)
    alternation = "|".join(
        re.escape(p.strip()) for p in sorted(phrases, key=len, reverse=True) if p.strip()
    )
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
