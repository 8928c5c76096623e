"""Numbers in German and English text: value, magnitude word, unit and qualifier."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from text_to_num import text2num

from workbench.matching.inflect import lemma
from workbench.matching.names import sentence_initial
from workbench.matching.wordlists import FRACTIONS as _FRACTIONS
from workbench.matching.wordlists import (
    MAGNITUDES,
    MULTIPLES,
    ORDINALS,
    QUALIFIERS,
    TIME_UNITS,
    UNITS,
    VAGUE_AMOUNTS,
)
from workbench.text.caseless import caseless_hint


@dataclass(frozen=True)
class Number:
    """A quantity as written; ``value`` has ``scale`` (the magnitude word: 10**6 for
    "Millionen", 12 for "Dutzend", 1 without one) applied. ``unit`` is canonical
    ("%", "pp", "EUR", "day", "time", ...; fractions are percent); ``qualifier`` is
    "about", "over" or "under", or "vague" for an amount of an order only ("Tausende",
    "millions of": ``value`` and ``scale`` are the order)."""

    value: Decimal
    scale: Decimal
    unit: str | None
    qualifier: str | None
    text: str
    start: int
    end: int


def _alternation(words) -> str:
    """A regex alternative of ``words``, longest first, so "Millionen" wins over "Million"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT_OF = {spelling.lower(): symbol for spelling, symbol in UNITS.items()}
_UNIT_ALT = _alternation(UNITS)
UNIT = re.compile(rf"[^\S\n]*(?P<unit>{_UNIT_ALT})(?![^\W\d_])", re.IGNORECASE)
_GLUED_CLOCK = re.compile(r"(?P<half>[ap])m(?![^\W\d_])", re.IGNORECASE)
# "m", "mn" and "bn" are magnitudes only glued to an amount of money ("$5m", "€2bn").
_ATTACHED_ONLY = ("m",)
MAGNITUDE = re.compile(
    r"[^\S\n]*(?P<mag>"
    + _alternation(w for w in MAGNITUDES if w not in _ATTACHED_ONLY)
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_ATTACHED = re.compile(r"(?P<mag>bn|mn|m)(?![^\W\d_])")
_CURRENCY = re.compile(r"(?P<cur>US\$|\$|€|£)[^\S\n]?$")
_QUALIFIER = re.compile(
    r"(?:^|[\s(])(?P<q>"
    + _alternation(q for qs in QUALIFIERS.values() for q in qs)
    + r")[^\S\n]+$",
    re.IGNORECASE,
)
_QUALIFIER_OF = {q.lower(): kind for kind, qs in QUALIFIERS.items() for q in qs}
# The last word of each qualifier: a text that does not end in one has none (_qualifier).
_QUALIFIER_ENDS = frozenset(q.split()[-1] for q in _QUALIFIER_OF)
_LETTER = re.compile(r"[^\W\d_]")
_GERMAN_ORDINAL = re.compile(r"\.\s+[a-zäöüß]")
_FRACTION = re.compile(r"[\s-](?P<frac>[^\W\d_]+)")
# A word after an English fraction word that makes it a rank: not "of", nor a word of
# those that follow a share ("by a third in", "a third this year").
_NOUN_NEXT = re.compile(
    r"\s+(?!(?:of|in|on|at|to|for|from|by|and|or|this|last|since|than)\b)[^\W\d_]"
)
# What makes a year a decade: "s" ("2020s", "1990's") or German "er" ("1990er").
_DECADE = re.compile(r"(?:['’]?s|er(?:[- ]Jahren?)?)(?![^\W\d_])")
# Digits not glued to letters ("G7", "A380") nor following "letters-" ("COVID-19"; but
# "mid-2020s" is a year), and of a sane length (Decimal arithmetic stays exact).
DIGITS = re.compile(
    r"(?<![\w.,:])(?:(?<=mid-)|(?<![^\W\d_]-))"
    r"(?:(?P<h>\d{1,2}):(?P<min>\d{2})|(?P<num>\d{1,3}(?:[.,\u00a0\u202f ]\d{3}){1,4}"
    r"(?:[.,]\d{1,9})?|\d{1,15}(?:[.,]\d{1,9})?)(?!\d))"
)
_DIGIT_RUN = re.compile(r"\d+")
_COMPOUND = re.compile(r"-(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*)")
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)?")
_VAGUE = re.compile(rf"(?<![\w-])(?P<w>{_alternation(VAGUE_AMOUNTS)})(?![\w-])", re.IGNORECASE)
_VAGUE_HINT = caseless_hint(VAGUE_AMOUNTS)
# German nouns compounded with a unit ("Arbeitsstunden", "Lebensjahre"): the unit is the
# compound's head, so "10.000 Arbeitstage" and "10.000 Arbeitsstunden" differ.
_UNIT_HEADS = sorted(
    ((w.casefold(), symbol) for w, symbol in UNITS.items() if w.isalpha() and w[0].isupper()),
    key=lambda item: -len(item[0]),
)
# The first year of a season written "2020/21" or "2019-20", right before its second.
_SEASON = re.compile(r"(?<!\d)(?P<cc>1[89]|20)(?P<yy>\d\d)[/\u2013-]$")
_NEXT_WORD = re.compile(r"[^\S\n]+(?P<word>[^\W\d_]{5,})(?![\w-])")
_ARTICLES = frozenset("a an one ein eine einer einem einen eines".split())
_ORDINAL_ENDINGS = ("en", "er", "es", "em", "e")
# Number words that are mostly something else: "ein"/"one" are articles and pronouns,
# "null" a German word for nothing, "second" an ordinal or a unit of time.
_NOT_NUMBERS = frozenset("ein eins one null zero second".split())


def parse_digits(digits: str) -> Decimal:
    """ "1.200" / "1,200" -> 1200, "1,5" / "1.5" -> 1.5, "1.234,5" -> 1234.5.

    One separator followed by exactly three digits groups thousands in both languages,
    so German and English forms of the same number compare equal."""
    s = re.sub(r"\s", "", digits)
    seps = [c for c in s if c in ".,"]
    if not seps:
        return Decimal(s)
    if len(set(seps)) == 2:
        decimal = seps[-1]
        s = s.replace("." if decimal == "," else ",", "").replace(decimal, ".")
        return Decimal(s)
    head, *groups = s.split(seps[0])
    if len(groups) > 1 or (len(groups[0]) == 3 and head != "0"):
        return Decimal(head + "".join(groups))
    return Decimal(f"{head}.{groups[0]}")


@lru_cache(maxsize=16384)
def word_value(word: str, language: str) -> int | None:
    """ "vier" -> 4, "fünfundzwanzig" -> 25, "twenty-one" -> 21 (by text2num); None for
    other words (and for "one"/"ein", which are mostly articles or pronouns)."""
    w = word.lower()
    if w in _NOT_NUMBERS or language == "en" and (not w.isascii() or w.endswith("s")):
        return None  # "hundreds", "thousands": a vague amount, not a figure
    try:
        value = text2num(w, "de" if language == "de" else "en")
    except ValueError:
        return None
    return value if isinstance(value, int) and value >= 2 else None


@lru_cache(maxsize=16384)
def ordinal(word: str, language: str) -> int | None:
    """ "dritten" -> 3, "fourth" -> 4; None for other words ("acht" is a cardinal)."""
    w = word.casefold()
    if language == "en":
        return ORDINALS.get(w) if w.isascii() else None
    for ending in _ORDINAL_ENDINGS:
        if w.endswith(ending) and (rank := ORDINALS.get(w[: -len(ending)])) is not None:
            return rank
    return None


def _span_of_time(text: str, end: int) -> bool:
    """Whether a unit of time follows ("einer Woche", "a month")."""
    u = UNIT.match(text, end)
    return bool(u) and _UNIT_OF[u["unit"].lower()] in TIME_UNITS


def is_quantity(text: str, start: int, end: int) -> bool:
    """Whether the digits at ``text[start:end]`` carry a qualifier, currency, magnitude or
    unit, i.e. read as an amount rather than a year."""
    before = text[max(0, start - 30) : start]
    after = MAGNITUDE.match(text, end) or UNIT.match(text, end)
    return bool(after or _qualifier(before) or _CURRENCY.search(before))


def _qualifier(before: str) -> re.Match | None:
    """``_QUALIFIER.search(before)``, tried only when ``before`` ends in spaces after the
    last word of a qualifier: the search tries every character of the text."""
    if not before or before[-1] == "\n" or not before[-1].isspace():
        return None
    words = before.split()
    if not words or words[-1].rsplit("(", 1)[-1].lower() not in _QUALIFIER_ENDS:
        return None
    return _QUALIFIER.search(before)


def numbers(text: str, language: str, skip: list[tuple[int, int]] = ()) -> list[Number]:
    """Every quantity in ``text`` outside the ``skip`` spans (dates), in order."""
    found: list[Number] = []
    taken = bytearray(len(text))
    for start, end in skip:
        taken[start:end] = b"\x01" * (end - start)
    for m in _digits(text):
        if m["h"]:
            value = int(m["h"]) + Decimal(m["min"]) / 60
            _keep(_finish(text, m.start(), m.end(), value, language, "time"), found, taken)
        else:
            value = _season_year(text, m.start(), m["num"]) or parse_digits(m["num"])
            _keep(_finish(text, m.start(), m.end(), value, language), found, taken)
    for m in _number_words(text, language):
        reading = _number_word(m.group(), language)
        if reading is None:
            continue
        kind, value, length = reading
        word, end = m.group()[:length], m.start() + length
        if kind == "ordinal":
            _keep(
                Number(Decimal(value), Decimal(1), "ordinal", None, word, m.start(), end),
                found,
                taken,
            )
            continue
        if kind == "article":
            if not (MAGNITUDE.match(text, end) or _fraction(text, end) or _span_of_time(text, end)):
                continue
            value = 1  # "eine Million", "ein Drittel", "binnen einer Woche"
        if word[0].isupper() and not sentence_initial(text, m.start()):
            continue  # "Acht", "Big Four": capitalised mid-sentence, a noun or a name
        _keep(_finish(text, m.start(), end, Decimal(value), language), found, taken)
    for m in _VAGUE.finditer(text) if _VAGUE_HINT(text) else ():
        order = VAGUE_AMOUNTS[m["w"].casefold()]
        _keep(Number(order, order, None, "vague", m["w"], m.start(), m.end()), found, taken)
    return sorted(found, key=lambda n: n.start)


def _season_year(text: str, start: int, digits: str) -> Decimal | None:
    """The year a season's second half stands for: "21" in "2020/21" is 2021."""
    if len(digits) != 2:
        return None
    before = _SEASON.search(text, max(0, start - 5), start)
    if before and int(digits) == (int(before["yy"]) + 1) % 100:
        return Decimal(int(before["cc"]) * 100 + int(digits) + (100 if digits == "00" else 0))
    return None


def _number_words(text: str, language: str):
    """The words of ``text`` that read as numbers, as ``_WORD`` would match them. One
    ``findall`` (no match objects) gives the text's distinct words; a pattern of those
    that are numbers then finds them, so the other words are never visited in Python."""
    found = frozenset(w for w in set(_WORD.findall(text)) if _number_word(w, language))
    return _words_pattern(found).finditer(text) if found else ()


@lru_cache(maxsize=1024)
def _words_pattern(words: frozenset[str]) -> re.Pattern:
    """``words`` where ``_WORD`` would match each whole: not after a letter, digit or
    hyphen, not before a letter, and a word without a hyphen not before "-letters"."""
    plain = _alternation(w for w in words if "-" not in w)
    hyphened = _alternation(w for w in words if "-" in w)
    alternatives = [f"(?:{plain})(?![^\\W\\d_]|-[^\\W\\d_])"] if plain else []
    alternatives += [f"(?:{hyphened})(?![^\\W\\d_])"] if hyphened else []
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})")


def _digits(text: str):
    """``DIGITS.finditer(text)``, tried only where a run of digits starts: its
    look-behind refuses a digit before, and a pattern opening with a look-behind is
    otherwise tried at every character."""
    at = 0
    for run in _DIGIT_RUN.finditer(text):
        if run.start() >= at and (m := DIGITS.match(text, run.start())):
            at = m.end()
            yield m


def _unit_first(word: str) -> str | None:
    """The unit a German compound starts with ("Stundenwoche": hour), of four letters
    or more."""
    folded = word.casefold()
    return next((s for head, s in _UNIT_HEADS if len(head) >= 4 and folded.startswith(head)), None)


def _compound_unit(text: str, end: int) -> tuple[str, int] | None:
    """The unit that heads the German compound after ``end`` ("Arbeitsstunden": hour)."""
    m = _NEXT_WORD.match(text, end)
    if not m or not m["word"][0].isupper():
        return None
    symbol = _head_unit(m["word"].casefold())
    return (symbol, m.end()) if symbol else None


@lru_cache(maxsize=16384)
def _head_unit(word: str) -> str | None:
    """The unit a casefolded German compound ends in, with more than two letters before
    it; read once per word, since figures precede the same nouns again and again."""
    return next(
        (
            symbol
            for head, symbol in _UNIT_HEADS
            if word.endswith(head) and len(word) > len(head) + 2
        ),
        None,
    )


@lru_cache(maxsize=65536)
def _number_word(word: str, language: str) -> tuple[str, int, int] | None:
    """What a word says as a number, read once per word: ``("ordinal", rank, length)``,
    ``("cardinal", value, length)`` (``length`` of the part that is the number, as
    "zwei" of "zwei-stufig"), ``("article", 1, length)`` for "ein"/"one", which counts
    only before a magnitude, a fraction or a span of time; None for any other word."""
    if (rank := ordinal(word, language)) is not None:
        return "ordinal", rank, len(word)
    value = word_value(word, language) or MULTIPLES.get(word.lower())
    if value is None and "-" in word:
        word = word.partition("-")[0]
        value = word_value(word, language)
    if value is None and language == "de" and word.lower().endswith("mal") and len(word) > 5:
        value = word_value(word[:-3], language)  # "zweimal", "dreimal": two, three times
    if value is not None:
        return "cardinal", value, len(word)
    if word.lower() in _ARTICLES:
        return "article", 1, len(word)
    return None


def _keep(number: Number | None, found: list[Number], taken: bytearray) -> None:
    """Keep ``number`` unless it overlaps one kept before; ``taken`` marks their characters."""
    if number and taken.find(1, number.start, number.end) < 0:
        found.append(number)
        taken[number.start : number.end] = b"\x01" * (number.end - number.start)


def _fraction(text: str, end: int) -> tuple[int, int] | None:
    m = _FRACTION.match(text, end)
    if m and m["frac"].lower() in _FRACTIONS:
        if ordinal(m["frac"], "en") is not None and _NOUN_NEXT.match(text, m.end()):
            return None  # "a third period": a rank before its noun, not a share
        return _FRACTIONS[m["frac"].lower()], m.end()
    return None


def _decade(text: str, end: int, base: Decimal) -> tuple[Decimal, int] | None:
    """The decade a year with "s" or "er" glued on names ("the 2020s", "mid-1990s", "die
    1990er-Jahre", "die 80er Jahre", two digits read as the 1900s) and where it ends."""
    m = _DECADE.match(text, end)
    if not m or base != int(base) or int(base) % 10:
        return None
    year = int(base)
    if 10 <= year <= 90:
        year += 1900
    return (Decimal(year), m.end()) if 1000 <= year <= 2990 else None


def _finish(text, start, end, base, language, unit=None) -> Number | None:
    offset = max(0, start - 30)
    currency = _CURRENCY.search(text[offset:start])
    mag = (_ATTACHED.match(text, end) if currency else None) or MAGNITUDE.match(text, end)
    frac = None if mag else _fraction(text, end)
    compound = None if (mag or frac) else _COMPOUND.match(text, end)
    scale = Decimal(1)
    if compound:
        # "33-jährige", "20-fache", "300-mile": the number is the word's fact, so the
        # word is its unit ("33-jährige" is 33 years, as "33 Jahre alt"; "20-fache" has
        # the unit "-fach") and "30-jährige" differs from "33-jährige".
        parts = compound["word"].split("-")
        if parts[0].lower() in MAGNITUDES and len(parts) > 1:
            scale = _scale(parts.pop(0), language)  # "4.5-billion-year"
        word = "-".join(parts)
        written = _UNIT_OF.get(word.lower()) or _UNIT_OF.get(lemma(word, language))
        written = written or _UNIT_OF.get(parts[0].lower())  # "300-mile-long"
        written = written or _unit_first(parts[0])  # "40-Stundenwoche"
        unit, end = written or "-" + lemma(word, language), compound.end()
    elif not (mag or frac) and (clock := _GLUED_CLOCK.match(text, end)):
        # "6am", "11.30pm": the hour with its half of the day glued on, read as "p.m." is
        base, unit, end = _hours(base, clock["half"] in "pP"), "time", clock.end()
    elif not (mag or frac) and (decade := _decade(text, end, base)):
        (base, end), unit = decade, "decade"
    elif not (mag or frac) and _LETTER.match(text, end, end + 1):
        return None  # "19er", "5m": part of a word
    if language == "de" and _GERMAN_ORDINAL.match(text, end, end + 3):
        if base == int(base) < 1000:
            return None  # German ordinal: "der 3. größte"
    if currency:
        unit, start = (
            _UNIT_OF.get(currency["cur"].lower().replace("us$", "$")),
            offset + currency.start(),
        )
    if mag:
        scale, end = _scale(mag["mag"], language), mag.end()
    if frac:  # a share: "ein Drittel" compares with "rund 33 Prozent"
        (denominator, end), unit = frac, "%"
        base = (base * 100 / denominator).quantize(Decimal("0.0001"))
    elif not compound and unit != "decade" and (u := UNIT.match(text, end)):
        written, end = _UNIT_OF[u["unit"].lower()], u.end()
        if written == "time" and unit != "time":
            # "7.30 Uhr" is half past seven; values are hours so that "7 Uhr" equals "7".
            base = _hours(base, u["unit"] == "p.m.")
        unit = written
    elif (
        not compound
        and unit != "decade"
        and language == "de"
        and (headed := _compound_unit(text, end))
    ):
        unit, end = headed
    if unit == "time":
        base = base.quantize(Decimal("0.000001"))
    q = _qualifier(text[max(0, start - 30) : start])
    qualifier = _QUALIFIER_OF.get(q["q"].lower()) if q else "about" if frac else None
    return Number(base * scale, scale, unit, qualifier, text[start:end], start, end)


def _hours(clock: Decimal, afternoon: bool) -> Decimal:
    """Hours of a clock time written "7.30" (half past seven), 12 more after noon."""
    return int(clock) + (clock - int(clock)) * 100 / 60 + (12 if afternoon else 0)


def _scale(word: str, language: str) -> Decimal:
    w = word.lower()
    if w == "billion":  # German "Billion" is 10**12, English "billion" 10**9
        return Decimal(10**12 if language == "de" else 10**9)
    return MAGNITUDES[w]
