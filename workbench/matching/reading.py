"""One reading of a sentence: ``read(text, language) -> Reading``, shared by the scorer,
the checks and the highlighter, so that no two parts of the matcher read a text apart."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache

from workbench.matching.dates import Date, dates, relative_day
from workbench.matching.facts import (
    Negation,
    Quote,
    aliases,
    fold,
    language_of,
    negations,
    quotes,
    same_word,
)
from workbench.matching.inflect import lemma, stem
from workbench.matching.names import Name, names, words
from workbench.matching.numbers import Number, numbers
from workbench.matching.wordlists import DIRECTIONS, REPORTING_VERBS, SEPARABLE, STOP_WORDS

# Words: letters (a hyphen or apostrophe splits them: "Nato-Gipfel" is two words, as a
# rewrite may write "Gipfel der Nato"); a soft hyphen or a line-end hyphenation is no split.
_WORD = re.compile(r"[^\W\d_](?:[\w\u00ad]|-[ \t]*\r?\n\s*(?=[a-zß-öø-ÿ]))*")
_INVISIBLE = re.compile(r"\u00ad|-[ \t]*\r?\n\s*")
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)\"“”„«»]|$)")
_NOT_CONTENT = STOP_WORDS | REPORTING_VERBS


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or date of the text, with its offsets in it. ``key`` is what two
    texts share when they say the same: a word's stem ("minist"), a number's value and
    unit ("1500000EUR", "30%"), a date in ISO form ("2025-06-04")."""

    text: str
    start: int
    end: int
    key: str
    lemma: str
    content: bool
    kind: str = "word"  # or "number", "date"


@dataclass(frozen=True, slots=True)
class Direction:
    """A direction or polarity word ("stieg", "fell", "räumte ... ein"): ``pair`` and
    ``side`` index the opposed pair of the lexicon it belongs to."""

    text: str
    start: int
    end: int
    pair: int
    side: int


class Reading:
    """Everything the matcher needs of one text, read once. ``tokens``, ``keys``
    (content keys), ``content`` (content words for rapidfuzz), ``gist`` (the content words
    as written, for the word vectors), ``numbers`` and ``dates``
    are read at once; ``names``, ``quotes``, ``negations``, ``directions`` and
    ``words`` on first use, since only the passages the checks look at need them."""

    def __init__(self, text: str, language: str):
        self.text = text
        self.language = language
        self.dates: tuple[Date, ...] = tuple(dates(text))
        skip = [(d.start, d.end) for d in self.dates]
        self.numbers: tuple[Number, ...] = tuple(numbers(text, language, skip))
        self.tokens: tuple[Token, ...] = _tokens(text, language, self.dates, self.numbers)
        self.keys = frozenset(t.key for t in self.tokens if t.content) | _partial_dates(self.dates)
        self.content = " ".join(
            t.key if t.key[0].isdigit() else t.text.casefold() for t in self.tokens if t.content
        )
        # What the word vectors read: the content words as written (numbers and dates
        # in one form), so that two texts sharing only function words do not look alike.
        self.gist = " ".join(
            t.text if t.kind == "word" else t.key for t in self.tokens if t.content
        )
        self.relative_day = relative_day(text)

    def __repr__(self) -> str:
        return f"Reading({self.text[:40]!r}, {self.language!r})"

    @cached_property
    def _words(self):
        return words(self.text)

    @cached_property
    def names(self) -> tuple[Name, ...]:
        return tuple(names(self.text, self.language))

    @cached_property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(quotes(self.text))

    @cached_property
    def negations(self) -> tuple[Negation, ...]:
        return tuple(negations(self._words, self.text))

    @cached_property
    def words(self) -> frozenset[str]:
        """Folded words, hyphenated compounds also split into their parts, for looking
        names and statements up."""
        return frozenset(fold(p) for w in self._words for p in [w.text, *w.text.split("-")])

    @cached_property
    def directions(self) -> tuple[Direction, ...]:
        return _directions(self.tokens, self.text)

    @property
    def negation_count(self) -> int:
        """How many negators the text has (soft ones left out)."""
        return sum(not n.soft for n in self.negations)

    def mentions(self, word: str) -> bool:
        """Whether ``word`` occurs in the text, inflected, inside a compound ("Korea" in
        "Nordkoreas") or as a name for the same country ("Moskau" for "Russland")."""
        for folded in aliases(word):
            if folded in self.words:
                return True
            inside = len(folded) >= 5
            if any(same_word(folded, w) or (inside and folded in w) for w in self.words):
                return True
        return False


@lru_cache(maxsize=65536)
def read(text: str, language: str | None = None) -> Reading:
    """The reading of ``text`` as ``language`` ("de" or "en"; anything else or None is
    guessed from the text's function words). Cached: a snapshot's sentences are read
    once per process, however many claims meet them.

    >>> [t.key for t in read("Am 4. Juni 2025 kamen 1.200 Menschen.", "de").tokens]
    ['2025-06-04', 'kam', '1200', 'mensch']
    """
    return Reading(text, language_of(text, language))


def number_key(n: Number) -> str:
    """ "1500000EUR", "30%", "33-jährig": the value without trailing zeros, then the unit."""
    value = n.value.normalize() if n.value else Decimal(0)
    digits = format(value, "f")
    return digits + (n.unit or "")


def date_key(d: Date) -> str:
    """ "2025-06-04", "2025-06", "06-04", "2025", or "wd2" for a lone weekday."""
    if d.year is None and d.month is None:
        return f"wd{d.weekday}"
    parts = [f"{d.year}"] if d.year else []
    if d.month:
        parts.append(f"{d.month:02d}")
        if d.day:
            parts.append(f"{d.day:02d}")
    elif d.day:
        parts.append(f"{d.day:02d}")
    return "-".join(parts)


def _partial_dates(found: tuple[Date, ...]) -> frozenset[str]:
    """A full date also shares "06-04" with a claim that leaves the year out."""
    return frozenset(f"{d.month:02d}-{d.day:02d}" for d in found if d.year and d.month and d.day)


def _tokens(
    text: str, language: str, found_dates: tuple[Date, ...], found_numbers: tuple[Number, ...]
) -> tuple[Token, ...]:
    spans = [(d.start, d.end, date_key(d), "date") for d in found_dates]
    spans += [(n.start, n.end, number_key(n), "number") for n in found_numbers]
    spans.sort()
    out: list[Token] = []
    at = 0
    for start, end, key, kind in spans:
        out.extend(_words_between(text, at, start, language))
        out.append(Token(text[start:end], start, end, key, key, True, kind))
        at = max(at, end)
    out.extend(_words_between(text, at, len(text), language))
    return tuple(out)


def _words_between(text: str, start: int, end: int, language: str) -> list[Token]:
    out = []
    for m in _WORD.finditer(text, start, end):
        raw = m.group()
        word = _INVISIBLE.sub("", raw) if ("\u00ad" in raw or "\n" in raw) else raw
        word = unicodedata.normalize("NFKC", word)
        low = word.casefold()
        base = lemma(word, language)
        content = len(low) > 1 and low not in _NOT_CONTENT and base not in _NOT_CONTENT
        out.append(Token(raw, m.start(), m.end(), stem(word, language), base, content))
    return out


def _directions(tokens: tuple[Token, ...], text: str) -> tuple[Direction, ...]:
    found = []
    for i, token in enumerate(tokens):
        hit = DIRECTIONS.get(token.lemma) or DIRECTIONS.get(token.text.casefold())
        if hit is None and token.lemma.endswith("end"):
            hit = DIRECTIONS.get(token.lemma[:-1])  # "die sinkenden Zahlen": sinken
        if hit is None:
            hit = _separable(tokens, i, text)
        if hit is not None:
            found.append(Direction(token.text, token.start, token.end, *hit))
    return tuple(found)


def _separable(tokens: tuple[Token, ...], i: int, text: str) -> tuple[int, int] | None:
    """A German separable verb split in the clause: "legte ... zu", "gab ... nach"; the
    particle ends the clause (a punctuation mark or the text's end follows it)."""
    verb = tokens[i].lemma
    for j in range(i + 1, min(i + 10, len(tokens))):
        hit = SEPARABLE.get((verb, tokens[j].text.casefold()))
        if hit is not None and _CLAUSE_END.match(text, tokens[j].end):
            return hit
    return None
