"""Dates in German and English text, from a full date down to a year or a weekday."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from workbench.matching.numbers import is_quantity
from workbench.matching.wordlists import MONTHS, RELATIVE_DAYS, WEEKDAYS
from workbench.text.caseless import caseless_hint

_MONTH_OF = {name.lower(): n for n, names in MONTHS.items() for name in names}
_WEEKDAY_OF = {name: n for n, names in WEEKDAYS.items() for name in names}
# Capitalised only: English "may" and "march" are also verbs.
_ANY = "|".join(sorted(map(re.escape, (n for ns in MONTHS.values() for n in ns)), key=len)[::-1])
_FULL = "|".join(n for ns in MONTHS.values() for n in ns if not n.endswith("."))
M = rf"(?P<month>(?:{_ANY})(?!\w))"
Y = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)"
_PATTERNS = [
    re.compile(r"(?<![\d.])(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(r"(?<![\d.,])(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.\s?(?P<year>(?:1[89]|20)?\d\d)(?![\d.,]\d)"),
    re.compile(r"(?:am|vom|ab|den|zum)\s(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?!\d)"),
    re.compile(rf"(?<![\d.,])(?P<day>[0-3]?\d)\.\s?{M}(?:\s+{Y})?"),
    re.compile(rf"(?<![\d.,])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{M}(?:,?\s+{Y})?"),
    re.compile(rf"{M}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|[.,]\d)(?:,?\s+{Y})?"),
    re.compile(rf"{M}\s+{Y}"),
    re.compile(
        rf"(?:im|in|den|dem|vom|zum|Anfang|Mitte|Ende|seit|bis|since|until|early|mid|late|by|during)[\s-]"
        rf"(?P<month>{_FULL})(?!\w)"
    ),
    re.compile(r"(?<![\w.,/-])(?P<year>(?:1[89]|20)\d\d)(?![\w/-]|[.,]\d)"),
    re.compile(rf"(?P<weekday>{'|'.join(_WEEKDAY_OF)})\b"),
]  # fmt: skip


# The patterns above that begin with a digit and a look-behind refusing one before it
# can only match where a run of digits starts; trying them only there spares scanning
# every character (a look-behind first keeps re from skipping ahead on its own).
_AT_DIGITS = frozenset({0, 1, 3, 4, 8})
# These begin with a word and would begin with a word boundary, which keeps re from
# skipping ahead to the words' first letters just as a look-behind does: the boundary
# is checked on each match instead.
_AT_WORD_START = frozenset({2, 7, 9})
_DIGIT_RUN = re.compile(r"\d+")
# Every date pattern needs a digit, a month or a weekday: most sentences have none. Two
# searches, since re scans fast for a set of first characters, which one alternation
# of a digit and the names has not.
_HINT_DIGIT = re.compile(r"\d")
_HINT_NAME = re.compile(rf"{_ANY}|{'|'.join(_WEEKDAY_OF)}")
# The patterns above that need a month's or a weekday's name: where _HINT_NAME finds
# none, they are not tried (most figures in the news stand without one).
_NEED_NAME = frozenset({3, 4, 5, 6, 7, 9})
_JOIN = re.compile(r",?\s*(?:den\s+|the\s+)?")
_RELATIVE = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(RELATIVE_DAYS)))})\b", re.IGNORECASE)
_RELATIVE_HINT = caseless_hint(RELATIVE_DAYS)


@dataclass(frozen=True)
class Date:
    """A date as written; fields it does not state are None."""

    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    text: str
    start: int
    end: int

    @property
    def fields(self) -> dict[str, int]:
        """The fields stated, plus the weekday of a full date."""
        found = {
            k: v for k in ("year", "month", "day", "weekday") if (v := getattr(self, k)) is not None
        }
        if self.weekday is None and self.year and self.month and self.day:
            try:
                found["weekday"] = datetime.date(self.year, self.month, self.day).weekday()
            except ValueError:
                pass
        return found


def dates(text: str) -> list[Date]:
    """Every date in ``text``, the most specific reading of each stretch, in order."""
    named = _HINT_NAME.search(text) is not None
    if not (named or _HINT_DIGIT.search(text)):
        return []
    found: list[Date] = []
    taken = bytearray(len(text))  # characters of dates already found
    runs = [m.start() for m in _DIGIT_RUN.finditer(text)]
    for index, pattern in enumerate(_PATTERNS):
        if not named and index in _NEED_NAME:
            continue
        if index in _AT_DIGITS:
            found_here = (m for at in runs if (m := pattern.match(text, at)))
        else:
            found_here = pattern.finditer(text)
        for m in found_here:
            if index in _AT_WORD_START and _inside_word(text, m.start()):
                continue
            date = _date(m)
            if not date or taken.find(1, date.start, date.end) >= 0:
                continue
            if pattern is _PATTERNS[-2] and is_quantity(text, m.start(), m.end()):
                continue  # "2000 Teilnehmer" stays a number when it has a unit or qualifier
            found.append(date)
            taken[date.start : date.end] = b"\x01" * (date.end - date.start)
    return _with_weekdays(text, sorted(found, key=lambda d: d.start))


def _inside_word(text: str, at: int) -> bool:
    return at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_")


def _with_weekdays(text: str, found: list[Date]) -> list[Date]:
    """Joins "Mittwoch, 4. Juni" / "Wednesday, 4 June" into one date with its weekday."""
    joined: list[Date] = []
    for d in found:
        last = joined[-1] if joined else None
        gap = text[last.end : d.start] if last else ""
        if last and last.fields.keys() == {"weekday"} and d.day and _JOIN.fullmatch(gap):
            d = Date(
                d.year, d.month, d.day, last.weekday, text[last.start : d.end], last.start, d.end
            )
            joined.pop()
        joined.append(d)
    return joined


def relative_day(text: str) -> bool:
    """Whether ``text`` dates something relative to its publication ("gestern", "today"),
    which cannot be compared with a calendar date."""
    return _RELATIVE_HINT(text) and _RELATIVE.search(text) is not None


def _date(m: re.Match) -> Date | None:
    parts = m.groupdict()
    year = int(parts["year"]) if parts.get("year") else None
    if year is not None and year < 100:
        year += 2000 if year < 50 else 1900
    month = parts.get("month")
    if month:
        month = int(month) if month.isdigit() else _MONTH_OF[month.lower()]
    day = int(parts["day"]) if parts.get("day") else None
    weekday = _WEEKDAY_OF.get(parts.get("weekday") or "")
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    start = min(m.start(g) for g, v in parts.items() if v)
    end = max(m.end(g) for g, v in parts.items() if v)
    return Date(year, month or None, day, weekday, m.string[start:end], start, end)


def supports(claim: Date, source: Date) -> bool:
    """Whether ``source`` states ``claim``: every stated field agrees, and the claim's day
    and month are in the source; a missing year is implied by a matching day or month."""
    c, s = claim.fields, source.fields
    shared = c.keys() & s.keys()
    if not shared or any(c[k] != s[k] for k in shared):
        return False
    if s.keys() == {"weekday"}:
        return True  # "am Mittwoch" fits the claim's "4. Juni 2025" (a Wednesday)
    missing = c.keys() - s.keys() - {"weekday"}
    if s.keys() & {"month", "day"}:
        missing.discard("year")
    return not missing


def conflicts(claim: Date, source: Date) -> bool:
    """Whether the two dates state one field (day, month, year, weekday) differently."""
    c, s = claim.fields, source.fields
    return any(c[k] != s[k] for k in c.keys() & s.keys())


def overlap(claim: Date, source: Date) -> int:
    """How many fields the two dates both state, to pick the source date to show."""
    return len(claim.fields.keys() & source.fields.keys())
