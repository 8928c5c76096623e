"""Numbers in German and English text: value, magnitude word, unit and qualifier."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from workbench.matching.names import sentence_initial


@dataclass(frozen=True)
class Number:
    """A quantity as written; ``value`` has ``scale`` (the magnitude word: 10**6 for
    "Millionen", 12 for "Dutzend", 1 without one) applied. ``unit`` is canonical
    ("%", "pp", "EUR", "day", "time", ...; fractions are percent); ``qualifier`` is
    "about", "over" or "under"."""

    value: Decimal
    scale: Decimal
    unit: str | None
    qualifier: str | None
    text: str
    start: int
    end: int


_UNITS = {
    "%": "%|Prozent|percent|per cent|pct",
    "pp": "Prozentpunkte|Prozentpunkten|Prozentpunkt|percentage points|percentage point",
    "bp": "Basispunkte|Basispunkten|basis points",
    "EUR": "Euro|euros|€|EUR",
    "USD": "US-Dollar|Dollar|dollars|USD|\\$",
    "GBP": "Pfund|pounds|£|GBP",
    "RUB": "Rubel|roubles|rubles",
    "day": "Tage|Tagen|Tag|days|day",
    "week": "Wochen|Woche|weeks|week",
    "month": "Monate|Monaten|Monat|months|month",
    "year": "Jahre|Jahren|Jahr|years|year",
    "hour": "Stunden|Stunde|hours|hour",
    "minute": "Minuten|minutes",
    "km": "Kilometer|Kilometern|km|kilometres|kilometers",
    "mile": "Meilen|miles",
    "metre": "Meter|Metern|metres|meters",
    "t": "Tonnen|tonnes|tons",
    "kg": "Kilogramm|kg",
    "degree": "Grad|degrees|°C|°",
    "time": "Uhr|o'clock|a\\.m\\.|p\\.m\\.",
}
_UNIT_OF = {s.lower().replace("\\", ""): u for u, ss in _UNITS.items() for s in ss.split("|")}
_UNIT_ALT = "|".join(sorted((s for ss in _UNITS.values() for s in ss.split("|")), key=len)[::-1])
UNIT = re.compile(rf"[^\S\n]*(?P<unit>{_UNIT_ALT})(?![^\W\d_])", re.IGNORECASE)

_SCALES = {
    "hundert": 10**2, "hundred": 10**2, "tausend": 10**3, "thousand": 10**3, "tsd.": 10**3,
    "tsd": 10**3, "million": 10**6, "millionen": 10**6, "mio.": 10**6, "mio": 10**6,
    "mn": 10**6, "m": 10**6, "milliarde": 10**9, "milliarden": 10**9, "mrd.": 10**9,
    "mrd": 10**9, "bn": 10**9, "billionen": 10**12, "trillion": 10**12, "trillionen": 10**18,
    "dutzend": 12, "dozen": 12,
}  # fmt: skip
MAGNITUDE = re.compile(
    r"[^\S\n]*(?P<mag>Tausend|thousand|Tsd\.?|hundred|Millionen|Million|Mio\.?|mn|Milliarden"
    r"|Milliarde|Mrd\.?|bn|billion|Billionen|Trillionen|trillion|Dutzend|dozen)(?![^\W\d_])",
    re.IGNORECASE,
)
_ATTACHED = re.compile(r"(?P<mag>bn|mn|m)(?![^\W\d_])")
_CURRENCY = re.compile(r"(?P<cur>US\$|\$|€|£)[^\S\n]?$")
_QUALIFIERS = {
    "about": "rund|etwa|ca\\.|circa|zirka|ungefähr|annähernd|fast|beinahe|nahezu|knapp|gut|"
    "about|around|roughly|approximately|approx\\.|nearly|almost|some|an estimated|"
    "estimated|close to|just under|just over|more or less",
    "over": "mehr als|über|mindestens|wenigstens|more than|over|at least|upwards of|in excess of",
    "under": "weniger als|unter|höchstens|bis zu|maximal|less than|fewer than|under|up to|"
    "at most|no more than",
}
_QUALIFIER = re.compile(
    r"(?:^|[\s(])(?P<q>"
    + "|".join(sorted((q for qs in _QUALIFIERS.values() for q in qs.split("|")), key=len)[::-1])
    + r")[^\S\n]+$",
    re.IGNORECASE,
)
_QUALIFIER_OF = {q.replace("\\", ""): k for k, qs in _QUALIFIERS.items() for q in qs.split("|")}
_FRACTIONS = {
    "drittel": 3, "viertel": 4, "fünftel": 5, "zehntel": 10, "third": 3, "thirds": 3,
    "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip
_FRACTION = re.compile(r"[\s-](?P<frac>[^\W\d_]+)")
# Digits not glued to letters ("G7", "A380") nor following "letters-" ("COVID-19"), and
# of a sane length (Decimal arithmetic stays exact).
DIGITS = re.compile(
    r"(?<![\w.,:])(?<![^\W\d_]-)"
    r"(?:(?P<h>\d{1,2}):(?P<min>\d{2})|(?P<num>\d{1,3}(?:[.,\u00a0\u202f ]\d{3}){1,4}"
    r"(?:[.,]\d{1,9})?|\d{1,15}(?:[.,]\d{1,9})?)(?!\d))"
)
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)?")
_ARTICLES = frozenset("a an one ein eine einer einem einen eines".split())
_SMALL_DE = "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn"
_SMALL_EN = "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
NUMBER_WORDS_DE = {w: i for i, w in enumerate(_SMALL_DE.split(), 2)} | {
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20,
    "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
    "neunzig": 90,
}  # fmt: skip
NUMBER_WORDS_EN = {w: i for i, w in enumerate(_SMALL_EN.split(), 2)} | {
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip


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


def word_value(word: str, language: str) -> int | None:
    """ "vier" -> 4, "fünfundzwanzig" -> 25, "twenty-one" -> 21; None for other words (and
    for "one"/"ein", which are mostly articles or pronouns)."""
    w = word.lower()
    if language == "en":
        if "-" in w:
            tens, _, unit = w.partition("-")
            t, u = NUMBER_WORDS_EN.get(tens), {"one": 1}.get(unit, NUMBER_WORDS_EN.get(unit))
            return t + u if t and u and t % 10 == 0 and t >= 20 and u < 10 else None
        return NUMBER_WORDS_EN.get(w)
    return _german(w) if w not in ("ein", "eins") else None


def _german(w: str) -> int | None:
    for word, factor in (("tausend", 1000), ("hundert", 100)):
        if word in w:
            left, _, right = w.partition(word)
            high = _german_small(left) if left else 1
            low = _german(right) if right else 0
            return high * factor + low if high and low is not None else None
    return _german_small(w)


def _german_small(w: str) -> int | None:
    if w in NUMBER_WORDS_DE:
        return NUMBER_WORDS_DE[w]
    unit, _, tens = w.partition("und")
    u = 1 if unit == "ein" else NUMBER_WORDS_DE.get(unit)
    t = NUMBER_WORDS_DE.get(tens)
    return u + t if u and t and u < 10 and t >= 20 and t % 10 == 0 else None


def is_quantity(text: str, start: int, end: int) -> bool:
    """Whether the digits at ``text[start:end]`` carry a qualifier, currency, magnitude or
    unit, i.e. read as an amount rather than a year."""
    before = text[max(0, start - 30) : start]
    after = MAGNITUDE.match(text, end) or UNIT.match(text, end)
    return bool(after or _QUALIFIER.search(before) or _CURRENCY.search(before))


def numbers(text: str, language: str, skip: list[tuple[int, int]] = ()) -> list[Number]:
    """Every quantity in ``text`` outside the ``skip`` spans (dates), in order."""
    found: list[Number] = []
    taken = list(skip)
    for m in DIGITS.finditer(text):
        if m["h"]:
            value = int(m["h"]) + Decimal(m["min"]) / 60
            _keep(_finish(text, m.start(), m.end(), value, language, "time"), found, taken)
        else:
            value = parse_digits(m["num"])
            _keep(_finish(text, m.start(), m.end(), value, language), found, taken)
    for m in _WORD.finditer(text):
        word, end = m.group(), m.end()
        if word[0].isupper() and not sentence_initial(text, m.start()):
            continue  # "Acht", "Big Four": capitalised mid-sentence, a noun or a name
        value = word_value(word, language)
        if value is None:
            word = word.partition("-")[0]
            end = m.start() + len(word)
            value = word_value(word, language)
            if word.lower() in _ARTICLES and (MAGNITUDE.match(text, end) or _fraction(text, end)):
                value = 1
        if value is not None:
            _keep(_finish(text, m.start(), end, Decimal(value), language), found, taken)
    return sorted(found, key=lambda n: n.start)


def _keep(number: Number | None, found: list[Number], taken: list[tuple[int, int]]) -> None:
    if number and not any(number.start < e and s < number.end for s, e in taken):
        found.append(number)
        taken.append((number.start, number.end))


def _fraction(text: str, end: int) -> tuple[int, int] | None:
    m = _FRACTION.match(text, end)
    if m and m["frac"].lower() in _FRACTIONS:
        return _FRACTIONS[m["frac"].lower()], m.end()
    return None


def _finish(text, start, end, base, language, unit=None) -> Number | None:
    offset = max(0, start - 30)
    currency = _CURRENCY.search(text[offset:start])
    mag = (_ATTACHED.match(text, end) if currency else None) or MAGNITUDE.match(text, end)
    frac = None if mag else _fraction(text, end)
    if not (mag or frac) and re.match(r"[^\W\d_]|-[^\W\d_]", text[end : end + 2]):
        return None  # "30-jährige", "19er", "5m": part of a word
    if language == "de" and re.match(r"\.\s+[a-zäöüß]", text[end : end + 3]):
        if base == int(base) < 1000:
            return None  # German ordinal: "der 3. größte"
    scale = Decimal(1)
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
    elif u := UNIT.match(text, end):
        written, end = _UNIT_OF[u["unit"].lower()], u.end()
        if written == "time" and unit != "time":
            # "7.30 Uhr" is half past seven; values are hours so that "7 Uhr" equals "7".
            base = int(base) + (base - int(base)) * 100 / 60 + (12 if u["unit"] == "p.m." else 0)
        unit = written
    if unit == "time":
        base = base.quantize(Decimal("0.000001"))
    q = _QUALIFIER.search(text[max(0, start - 30) : start])
    qualifier = _QUALIFIER_OF.get(q["q"].lower()) if q else "about" if frac else None
    return Number(base * scale, scale, unit, qualifier, text[start:end], start, end)


def _scale(word: str, language: str) -> Decimal:
    w = word.lower()
    if w == "billion":  # German "Billion" is 10**12, English "billion" 10**9
        return Decimal(10**12 if language == "de" else 10**9)
    return Decimal(_SCALES[w])
