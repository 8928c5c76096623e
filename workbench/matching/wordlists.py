"""The lexicon's word lists as the matcher reads them, parsed once (see workbench/lexicon/)."""

from __future__ import annotations

from decimal import Decimal

from workbench.lexicon import load


def words_of(name: str) -> frozenset[str]:
    """Every word of a lexicon file, casefolded."""
    return frozenset(w.casefold() for line in load(name) for w in line.split())


def labelled(name: str) -> list[tuple[str, str]]:
    """``label: rest`` lines as (label, rest) pairs."""
    return [tuple(part.strip() for part in line.split(":", 1)) for line in load(name)]


STOP_WORDS_DE = words_of("stopwords_de.txt")
STOP_WORDS_EN = words_of("stopwords_en.txt")
STOP_WORDS = STOP_WORDS_DE | STOP_WORDS_EN
REPORTING_VERBS = words_of("reporting_verbs.txt")
GIVEN_NAMES = frozenset(w for line in load("given_names.txt") for w in line.split())
_ORGANISATIONS = dict(labelled("organisations.txt"))
ORGANISATION_WORDS = frozenset(w.casefold() for w in _ORGANISATIONS["organisation"].split())
AGENCIES = frozenset(w.casefold() for w in _ORGANISATIONS["agency"].split())
PLACE_GROUPS = [frozenset(line.casefold().split()) for line in load("places.txt")]
PLACE_WORDS = frozenset().union(*PLACE_GROUPS)

_NEGATORS = dict(labelled("negators.txt"))
NEGATORS = frozenset(_NEGATORS["hard"].split())
SOFT_NEGATORS = frozenset(_NEGATORS["soft"].split())
NOT_NEGATING = frozenset(_NEGATORS["not-negating"].split())

MONTHS: dict[int, tuple[str, ...]] = {}
WEEKDAYS: dict[int, tuple[str, ...]] = {}
for _label, _names in labelled("months.txt"):
    _kind, _number = _label.split()
    (MONTHS if _kind == "month" else WEEKDAYS)[int(_number)] = tuple(_names.split())
MONTH_AND_DAY_WORDS = frozenset(
    n.casefold().rstrip(".") for names in (*MONTHS.values(), *WEEKDAYS.values()) for n in names
)

QUALIFIERS: dict[str, tuple[str, ...]] = {
    kind: tuple(p.strip() for p in phrases.split("|"))
    for kind, phrases in labelled("qualifiers.txt")
}

UNITS: dict[str, str] = {}  # spelling -> symbol
MAGNITUDES: dict[str, Decimal] = {}  # word (casefolded) -> factor
VAGUE_AMOUNTS: dict[str, Decimal] = {}  # "tausende", "millions" (casefolded) -> order
DIMENSIONS: dict[str, str] = {}  # symbol -> what it measures
for _label, _rest in labelled("units.txt"):
    _kind, _value = _label.split()
    if _kind == "unit":
        for _spelling in _rest.split("|"):
            UNITS[_spelling.strip()] = _value
    elif _kind == "magnitude":
        for _word in _rest.split():
            MAGNITUDES[_word.casefold()] = Decimal(_value)
    elif _kind == "vague":
        for _word in _rest.split():
            VAGUE_AMOUNTS[_word.casefold()] = Decimal(_value)
    else:
        for _symbol in _rest.split():
            DIMENSIONS[_symbol] = _value
# Units of time ("day", "hour", "second"): units.txt's "duration" dimension.
TIME_UNITS = frozenset(symbol for symbol, kind in DIMENSIONS.items() if kind == "duration")

# Direction words: lemma -> its (group, side) pairs, and German separable verbs (verb
# lemma, particle) -> the same; side 0 is the first part of a directions.txt line. A word
# may stand in several groups ("bestätigen" against "bestreiten" and against "bezweifeln").
DIRECTIONS: dict[str, tuple[tuple[int, int], ...]] = {}
SEPARABLE: dict[tuple[str, str], tuple[tuple[int, int], ...]] = {}
# Words that are direction words only near one of their verbs ("verbs: up | down" lines of
# directions.txt): word -> (its (group, side) pairs, the verbs' lemmas).
AFTER_VERB: dict[str, tuple[tuple[tuple[int, int], ...], frozenset[str]]] = {}
for _pair, _line in enumerate(load("directions.txt")):
    if ":" in _line:
        _verbs, _, _line = _line.partition(":")
        for _side, _half in enumerate(_line.split("|")):
            for _entry in _half.split():
                AFTER_VERB[_entry.casefold()] = (((_pair, _side),), frozenset(_verbs.split()))
        continue
    for _side, _half in enumerate(_line.split("|")):
        for _entry in _half.split():
            _verb, _, _particle = _entry.casefold().partition("+")
            _table, _key = (SEPARABLE, (_verb, _particle)) if _particle else (DIRECTIONS, _verb)
            if (_pair, _side) not in _table.get(_key, ()):
                _table[_key] = (*_table.get(_key, ()), (_pair, _side))

UNIT_WORDS = frozenset(spelling.casefold() for spelling in UNITS if spelling.isalpha())

# Ordinal words -> value ("dritt" is a German stem, inflected "dritte", "dritten").
ORDINALS: dict[str, int] = {
    word: int(value) for value, words in labelled("ordinals.txt") for word in words.split()
}
# Adjectives of nationality -> the country's line number (German stems and English words).
NATIONALITIES: dict[str, int] = {
    word.strip().casefold(): country
    for country, line in enumerate(load("nationalities.txt"))
    for word in line.split("|")
}

RELATIVE_DAYS = words_of("relative_days.txt")
RANGE_WORDS = frozenset(line.casefold() for line in load("range_words.txt"))
# How many times, in one word -> the count ("twice" -> 2).
MULTIPLES: dict[str, int] = {
    word: int(n) for n, words in labelled("multiples.txt") for word in words.split()
}
# Fractions in words -> denominator ("Drittel" -> 3).
FRACTIONS: dict[str, int] = {
    word: int(n) for n, words in labelled("fractions.txt") for word in words.split()
}
