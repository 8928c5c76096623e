"""Facts of a text that are not numbers or dates: quotes, negations, and how words and
names are compared (inflection, aliases of a country); the language of a text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from os.path import commonprefix

from rapidfuzz import fuzz

from workbench.matching.names import STOPWORDS, Word
from workbench.matching.wordlists import (
    NEGATORS,
    NOT_NEGATING,
    PLACE_GROUPS,
    SOFT_NEGATORS,
    STOP_WORDS_DE,
    STOP_WORDS_EN,
)
from workbench.text.language import detect_language

_QUOTE = re.compile(
    r"„(?P<a>[^„“”]+)[“”]|“(?P<b>[^“”„]+)”|«(?P<c>[^«»]+)»|»(?P<d>[^«»]+)«|‚(?P<e>[^‚‘]+)‘"
    r"|‘(?P<f>[^‘’]+?)’(?!\w)|\"(?P<g>[^\"]+)\""
)
# "noch"/"nor" merely pair with a negator; soft negators ("ohne", "without") deny a noun
# rather than the statement, since paraphrases trade them for "kein"/"no" freely.
_SOFT = SOFT_NEGATORS
_NOT_NEGATING = NOT_NEGATING
NEAR, CONTEXT = 2, 4
_POSSESSIVE = re.compile(r"'s$")


@dataclass(frozen=True)
class Quote:
    """A quoted phrase; ``norm`` is casefolded, without punctuation, spaces collapsed."""

    text: str
    norm: str
    start: int
    end: int


@dataclass(frozen=True)
class Negation:
    """A negating word with the content words ``near`` it (two words either side) and in
    its wider ``context`` (four), to tell which statement it denies. ``soft`` ones
    ("ohne", "without") are not counted; they only answer a negator in the other text."""

    text: str
    start: int
    end: int
    near: tuple[str, ...]
    context: tuple[str, ...]
    soft: bool = False


def fold(word: str) -> str:
    """A word compared loosely: casefolded, without a possessive "'s"."""
    folded = word.casefold()
    if "'" in folded or "’" in folded:
        return _POSSESSIVE.sub("", folded.replace("’", "'"))
    return folded


def same_word(a: str, b: str) -> bool:
    """Whether two words are one word inflected or transliterated: "Selenskyjs" ~
    "Selenskyj", "Ukraine" ~ "Ukrainian", "Kiew" ~ "Kiewer"."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    short, long = sorted((len(a), len(b)))
    if a[:4] == b[:4] and short >= 4 and long - len(commonprefix([a, b])) <= 3:
        return True
    # A ratio of 85 needs the shorter word to be at least 74 % of the longer one.
    return short >= 5 and short >= 0.74 * long and fuzz.ratio(a, b) >= 85


def aliases(word: str) -> frozenset[str]:
    """The folded ``word`` and the names that stand for the same country ("kiew" ->
    "ukraine", "kyiv", ...)."""
    folded = fold(word)
    return frozenset({folded}.union(*(g for g in PLACE_GROUPS if folded in g)))


def language_of(text: str, hint: str | None = None) -> str:
    """ "de" or "en" for ``text``: by counting common function words; ``hint`` (e.g. the
    article's language) decides when they do not clearly, else the language identifier."""
    tokens = re.findall(r"[^\W\d_]+", text.lower())
    de, en = sum(t in STOP_WORDS_DE for t in tokens), sum(t in STOP_WORDS_EN for t in tokens)
    hint = hint[:2].lower() if hint and hint[:2].lower() in ("de", "en") else None
    if abs(de - en) >= 2 or (de != en and not hint):
        return "de" if de > en else "en"
    if hint:
        return hint
    default = "de" if re.search("[äöüß]", text) else "en"
    return "de" if detect_language(text, default) == "de" else "en"


def normalise(text: str) -> str:
    """Text compared loosely: casefolded, punctuation dropped, whitespace collapsed."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold().replace("’", "'")).split())


def quotes(text: str) -> list[Quote]:
    """Phrases of two words or more between quotation marks of either language."""
    found = []
    for m in _QUOTE.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        norm = normalise(inner)
        if len(norm.split()) >= 2:
            start = m.start() + 1
            found.append(Quote(inner.strip(), norm, start, start + len(inner)))
    return found


_BOUND = re.compile(r"\s+(?:mehr|weniger|more|less|fewer)\s+(?:als|than)\s", re.IGNORECASE)


def negations(ws: list[Word], text: str) -> list[Negation]:
    """Negating words ("nicht", "kein", "never", "n't", ...) with the words around them."""
    found = []
    for i, w in enumerate(ws):
        low = w.text.lower().replace("’", "'")
        soft = low in _SOFT
        if low not in NEGATORS and not soft and not low.endswith("n't"):
            continue
        after = ws[i + 1] if i + 1 < len(ws) and ws[i + 1].sentence == w.sentence else None
        if after and after.text.lower() in _NOT_NEGATING:
            continue
        if low == "no" and re.match(r"\.\s*\d", text[w.end : w.end + 3]):
            continue  # "No. 10"
        if _BOUND.match(text, w.end):
            continue  # "nicht mehr als zehn", "no fewer than 30": a bound, read with the figure
        near = _content(ws, i, NEAR, text)
        found.append(Negation(w.text, w.start, w.end, near, _content(ws, i, CONTEXT), soft))
    return found


# What ends a clause inside a sentence for the checks: punctuation, brackets, dashes and
# quotation marks (a word past one is no near word of a negation, nor in a direction
# word's clause).
CLAUSE_BREAK = re.compile(r"[.;:!?,()\u2013\u2014\u201c\u201d\u201e\"«»]")


def _content(ws: list[Word], i: int, reach: int, text: str = "") -> tuple[str, ...]:
    """The content words within ``reach`` of word ``i`` in its sentence; given the
    ``text``, only those no clause break or quotation mark parts from it."""
    sentence = ws[i].sentence
    around = ws[max(0, i - reach) : i] + ws[i + 1 : i + 1 + reach]
    w0 = ws[i]
    return tuple(
        fold(w.text)
        for w in around
        if w.sentence == sentence
        and len(w.text) > 2
        and w.text.lower() not in STOPWORDS
        and w.text.lower() not in NEGATORS | _SOFT
        and not (text and CLAUSE_BREAK.search(text, min(w.end, w0.end), max(w.start, w0.start)))
    )


_FULL_NAME = re.compile(r"(?=\b([A-ZÄÖÜ][\w'’-]+)[^\S\n]+([A-ZÄÖÜ][\w'’-]+))")


def full_names(text: str) -> frozenset[str]:
    """Every pair of capitalised words written one after the other ("lebron james"),
    folded: a page that names a person in full lets its text call them by either."""
    return frozenset(f"{fold(a)} {fold(b)}" for a, b in _FULL_NAME.findall(text))
