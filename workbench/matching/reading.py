"""One reading of a sentence: ``read(text, language) -> Reading``, shared by the scorer,
the checks and the highlighter, so that no two parts of the matcher read a text apart."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
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
from workbench.matching.names import Name, names, sentence_initial, words
from workbench.matching.numbers import Number, numbers
from workbench.matching.wordlists import (
    AFTER_VERB,
    DIRECTIONS,
    NATIONALITIES,
    REPORTING_VERBS,
    SEPARABLE,
    STOP_WORDS,
)

# Words: letters (a hyphen or apostrophe splits them: "Nato-Gipfel" is two words, as a
# rewrite may write "Gipfel der Nato"); a soft hyphen or a line-end hyphenation is no split.
_WORD = re.compile(r"[^\W\d_](?:[\w\u00ad]|-[ \t]*\r?\n\s*(?=[a-zß-öø-ÿ]))*")
_INVISIBLE = re.compile(r"\u00ad|-[ \t]*\r?\n\s*")
# How far from "für"/"against" its verb may stand ("stimmten mit 322 zu 306 für").
AFTER_VERB_REACH = 6
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)\"“”„«»]|$)")
_NOT_CONTENT = STOP_WORDS | REPORTING_VERBS
_SEPARABLE_VERBS = frozenset(verb for verb, _ in SEPARABLE)
_NATIONALITY_HEADS = frozenset(word[:4] for word in NATIONALITIES)


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
    """A direction or polarity word ("stieg", "fell", "räumte ... ein"): ``sides`` are
    the (group, side) pairs of the lexicon's groups of opposed words it belongs to."""

    text: str
    start: int
    end: int
    sides: tuple[tuple[int, int], ...]

    @property
    def side(self) -> int:
        """Its side in its first group (0 is the first part of a directions.txt line)."""
        return self.sides[0][1]


class Reading:
    """Everything the matcher needs of one text, read once. ``keys`` (content keys),
    ``content`` (content words for rapidfuzz) and ``gist`` (the content words as written,
    for the word vectors) are read at once; ``tokens`` (for highlighting), ``names``,
    ``quotes``, ``negations``, ``directions`` and ``words`` on first use, since only the
    passages shown or checked need them (and ``numbers`` and ``dates`` too, for a sentence
    read as part of its document)."""

    def __init__(
        self, text: str, language: str, facts: list[tuple[int, int, str, str]] | None = None
    ):
        self.text = text
        self.language = language
        if facts is None:
            found_dates = tuple(dates(text))
            skip = [(d.start, d.end) for d in found_dates]
            found_numbers = tuple(numbers(text, language, skip))
            facts = _facts(found_dates, found_numbers)
            self.__dict__.update(dates=found_dates, numbers=found_numbers)
        self._facts = facts
        # What _parts yields, walked inline: every snapshot sentence is read this way,
        # and the generator's tuples cost a quarter of reading a page.
        keys, content, gist = set(), [], []
        at = 0
        for s, e, key, kind in (*facts, (len(text), len(text), "", "")):
            for raw in _WORD.findall(text, at, s):
                word_key, _, is_content = _word(raw, language)
                if is_content:
                    keys.add(word_key)
                    content.append(raw.casefold())
                    gist.append(raw)
            if not kind:
                break
            keys.add(key)
            content.append(key)
            gist.append(key)
            if kind == "date" and len(key) == 10:
                keys.add(key[5:])  # "2025-06-04" also shares "06-04" with a claim
            at = max(at, e)
        self.keys = frozenset(keys)
        self.content = " ".join(content)
        # What the word vectors read: the content words as written (numbers and dates
        # in one form), so that two texts sharing only function words do not look alike.
        self.gist = " ".join(gist)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(Token(*part) for part in _parts(self.text, self.language, self._facts))

    @cached_property
    def dates(self) -> tuple[Date, ...]:
        return tuple(dates(self.text))

    @cached_property
    def numbers(self) -> tuple[Number, ...]:
        skip = [(d.start, d.end) for d in self.dates]
        return tuple(numbers(self.text, self.language, skip))

    @cached_property
    def relative_day(self) -> bool:
        """Whether the text dates things as "heute", "gestern", "today"..."""
        return relative_day(self.text)

    def __repr__(self) -> str:
        return f"Reading({self.text[:40]!r}, {self.language!r})"

    @cached_property
    def _words(self):
        return words(self.text)

    @cached_property
    def names(self) -> tuple[Name, ...]:
        return tuple(names(self.text, self.language, self._words))

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
        pieces = [w.text for w in self._words]
        pieces += [p for w in pieces if "-" in w for p in w.split("-")]
        return frozenset(map(fold, pieces))

    @cached_property
    def lemmas(self) -> frozenset[str]:
        """Casefolded lemmas of its words ("find" for "found", "geben" for "gab")."""
        return frozenset(t.lemma.casefold() for t in self.tokens if t.kind == "word")

    @cached_property
    def directions(self) -> tuple[Direction, ...]:
        return _directions(self.tokens, self.text, self.language)

    @cached_property
    def nationalities(self) -> tuple[tuple[str, int], ...]:
        """Adjectives of nationality ("polnischen", "Czech") with their country."""
        found = []
        for token in self.tokens:
            country = _nationality(token.text.casefold())
            if country is not None:
                found.append((token.text, country))
        return tuple(found)

    @property
    def negation_count(self) -> int:
        """How many negators the text has (soft ones left out)."""
        return sum(not n.soft for n in self.negations)

    def spells(self, acronym: str) -> bool:
        """Whether words of the text in a row begin with the letters of ``acronym``
        ("Europäischen Union" for "EU", "human resources" for "HR"), passing over
        function words between them ("Bank für Internationalen Zahlungsausgleich")."""
        initials = "".join(
            w.text[0] for w in self._words if w.text.casefold() not in STOP_WORDS
        ).casefold()
        return acronym.casefold() in initials

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
    guessed from the text's function words). Cached, so a claim is read once however
    many passages it meets; a snapshot's sentences are read with ``read_spans``.

    >>> [t.key for t in read("Am 4. Juni 2025 kamen 1.200 Menschen.", "de").tokens]
    ['2025-06-04', 'kam', '1200', 'mensch']
    """
    lang = language[:2].lower() if language else ""
    return Reading(text, lang if lang in ("de", "en") else language_of(text))


def read_spans(
    text: str, spans: tuple[tuple[int, int], ...], language: str | None
) -> tuple[Reading, ...]:
    """The readings of ``text[s:e]`` for each span, read in one pass over the whole text
    (a snapshot's sentences: one run of each pattern instead of one per sentence). A
    token crossing a span's end belongs to no span."""
    lang = language[:2].lower() if language else ""
    lang = lang if lang in ("de", "en") else language_of(text)
    found_dates = tuple(dates(text))
    found_numbers = tuple(numbers(text, lang, [(d.start, d.end) for d in found_dates]))
    facts = _facts(found_dates, found_numbers)
    starts = [f[0] for f in facts]
    out = []
    for s, e in spans:
        inside = [
            (fs - s, fe - s, key, kind)
            for fs, fe, key, kind in facts[bisect_left(starts, s) : bisect_left(starts, e)]
            if fe <= e
        ]
        out.append(Reading(text[s:e], lang, inside))
    return tuple(out)


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


def _facts(found_dates, found_numbers) -> list[tuple[int, int, str, str]]:
    """Dates and numbers as (start, end, key, kind), in order."""
    spans = [(d.start, d.end, date_key(d), "date") for d in found_dates]
    spans += [(n.start, n.end, number_key(n), "number") for n in found_numbers]
    spans.sort()
    return spans


def _parts(text: str, language: str, facts: list[tuple[int, int, str, str]]):
    """The fields of each token of ``text`` in order: the ``facts`` (dates and numbers)
    and the words between them."""
    at = 0
    for s, e, key, kind in facts:
        yield from _words_between(text, at, s, language)
        yield text[s:e], s, e, key, key, True, kind
        at = max(at, e)
    yield from _words_between(text, at, len(text), language)


def _words_between(text: str, start: int, end: int, language: str):
    for m in _WORD.finditer(text, start, end):
        raw = m.group()
        yield (raw, m.start(), m.end(), *_word(raw, language), "word")


@lru_cache(maxsize=131072)
def _word(raw: str, language: str) -> tuple[str, str, bool]:
    """A word's key (stem), lemma and whether it is a content word."""
    word = _INVISIBLE.sub("", raw) if ("\u00ad" in raw or "\n" in raw) else raw
    if not word.isascii():
        word = unicodedata.normalize("NFKC", word)
    low = word.casefold()
    base = lemma(word, language)
    content = len(low) > 1 and low not in _NOT_CONTENT and base not in _NOT_CONTENT
    return stem(word, language), base, content


def _nationality(word: str) -> int | None:
    if word[:4] not in _NATIONALITY_HEADS:
        return None
    if word in NATIONALITIES:
        return NATIONALITIES[word]
    for ending in ("en", "er", "es", "em", "e"):
        if word.endswith(ending) and word[: -len(ending)] in NATIONALITIES:
            return NATIONALITIES[word[: -len(ending)]]
    return None


def _directions(tokens: tuple[Token, ...], text: str, language: str) -> tuple[Direction, ...]:
    found = []
    for i, token in enumerate(tokens):
        if language == "en" and i and _in_name(tokens[i - 1], token, text):
            continue  # "Gibson Southern", "Gain Capital": a word of a name
        hit = DIRECTIONS.get(token.lemma) or DIRECTIONS.get(token.text.casefold())
        if hit is None and token.lemma.endswith("end"):
            hit = DIRECTIONS.get(token.lemma[:-1])  # "die sinkenden Zahlen": sinken
        if hit is None:
            hit = _comparative(token.text.casefold())  # "der ältere Weber": älter
        if hit is None:
            hit = _separable(tokens, i, text)
        if hit is None:
            hit = _after_verb(tokens, i)
        if hit is not None and not _names_a_time(hit, tokens, i) and not _bound(tokens, i):
            found.append(Direction(token.text, token.start, token.end, hit))
    return tuple(found)


def _after_verb(tokens: tuple[Token, ...], i: int) -> tuple[tuple[int, int], ...] | None:
    """The direction of a word that has one only beside its verbs ("stimmten mit 322 zu
    306 für", "voted against", "für den Austritt gestimmt"): one of them among the
    AFTER_VERB_REACH words on either side."""
    entry = AFTER_VERB.get(tokens[i].text.casefold())
    if entry is None:
        return None
    hit, verbs = entry
    near = tokens[max(0, i - AFTER_VERB_REACH) : i + AFTER_VERB_REACH + 1]
    return hit if any(t.lemma.casefold() in verbs for t in near) else None


def _bound(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether the word bounds a figure ("more than 15,000", "mehr als 100", "at least
    5,000"): the figure's qualifier, which the numbers compare, not a direction."""
    after = tokens[i + 1 : i + 3]
    if after and after[0].kind == "number" and i and tokens[i - 1].text.casefold() == "at":
        return True
    return (
        len(after) == 2
        and after[0].text.casefold() in ("than", "als")
        and after[1].kind == "number"
    )


# The groups of periods ("Monat | Jahr", "month | year").
_PERIODS = frozenset(group for word in ("jahr", "year") for group, _ in DIRECTIONS[word])


def _names_a_time(hit, tokens: tuple[Token, ...], i: int) -> bool:
    """Whether a period word names a time rather than a rate: a date follows it ("im
    Jahr 2024", "die Monate April bis März", "the month of May"), so it says when, not
    how often."""
    if any(group not in _PERIODS for group, _ in hit):
        return False
    after = [t for t in tokens[i + 1 : i + 3] if t.text.casefold() not in ("of", "von")]
    return bool(after) and after[0].kind == "date"


def _in_name(before: Token, token: Token, text: str) -> bool:
    """Whether an English capitalised word follows another inside a sentence, as the
    words of a name do."""
    return (
        token.text[:1].isupper()
        and before.text[:1].isupper()
        and before.kind == "word"
        and text[before.end : token.start].strip() == ""
        and not sentence_initial(text, before.start)
    )


def _comparative(word: str) -> tuple[tuple[int, int], ...] | None:
    """The direction of a German comparative with an adjective ending ("ältere",
    "größeren"), which the lemmatiser reads as its plain form ("alt")."""
    for ending in ("en", "em", "er", "es", "e"):
        if word.endswith(ending) and (hit := DIRECTIONS.get(word[: -len(ending)])):
            return hit
    return None


def _separable(tokens: tuple[Token, ...], i: int, text: str) -> tuple[tuple[int, int], ...] | None:
    """A German separable verb split in the clause: "legte ... zu", "gab ... nach"; the
    particle ends the clause (a punctuation mark or the text's end follows it)."""
    verb = tokens[i].lemma
    if verb not in _SEPARABLE_VERBS:
        return None
    for j in range(i + 1, min(i + 10, len(tokens))):
        hit = SEPARABLE.get((verb, tokens[j].text.casefold()))
        if hit is not None and _CLAUSE_END.match(text, tokens[j].end):
            return hit
    return None
