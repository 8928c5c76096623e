"""The checkable facts of a text: numbers, dates, quotes, names and negations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from os.path import commonprefix

from rapidfuzz import fuzz

from workbench.matching.dates import Date, dates, relative_day
from workbench.matching.names import STOPWORDS, Name, Word, names, words
from workbench.matching.numbers import Number, numbers
from workbench.text.language import detect_language

_QUOTE = re.compile(
    r"„(?P<a>[^„“”]+)[“”]|“(?P<b>[^“”„]+)”|«(?P<c>[^«»]+)»|»(?P<d>[^«»]+)«|‚(?P<e>[^‚‘]+)‘"
    r"|‘(?P<f>[^‘’]+?)’(?!\w)|\"(?P<g>[^\"]+)\""
)
NEGATORS = frozenset(
    """nicht kein keine keinen keinem keiner keines nie niemals nirgends nirgendwo nichts
    niemand weder not no never neither none nobody nothing nowhere cannot""".split()
)
# Words that deny a noun rather than the statement ("ohne Einigung", "without a deal") are
# not counted, since paraphrases trade them for "kein"/"no" freely; they only answer a
# negator on the other side. "noch"/"nor" merely pair with a negator.
_SOFT = frozenset(
    "ohne without kaum hardly barely fehlt fehlen fehlte mangels lacks lacking".split()
)
# "nicht nur"/"not only" and the like do not deny anything.
_NOT_NEGATING = frozenset("nur zuletzt only just least wonder wunder".split())
_DE = frozenset(
    """der die das und ist nicht ein eine einen mit von zu den im sich auf für dem des
    wird werden hat auch nach bei aus wie noch sie er es dass zum zur am um über sagte sind
    war""".split()
)
_EN = frozenset(
    """the and is are of to in that with for on was were be has have by from it a an not
    would will said this they he she his her who which as at after its their been""".split()
)
# A capital stands for its country and government in news ("Moskau" for "Russland").
_ALIASES = [
    frozenset(group.split())
    for group in (
        "russland russia moskau moscow kreml kremlin",
        "ukraine kiew kyiv kiev",
        "deutschland germany berlin bundesregierung",
        "usa amerika america washington",
        "großbritannien grossbritannien britain uk london",
        "frankreich france paris élysée",
        "china peking beijing",
    )
]
NEAR, CONTEXT = 2, 4


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


@dataclass(frozen=True)
class Facts:
    """What :func:`facts` finds in one text; ``words`` are its folded words (hyphenated
    compounds also split into their parts), for looking names and statements up;
    ``relative_day`` when it dates things as "heute", "gestern", "today"..."""

    text: str
    language: str
    numbers: tuple[Number, ...]
    dates: tuple[Date, ...]
    quotes: tuple[Quote, ...]
    names: tuple[Name, ...]
    negations: tuple[Negation, ...]
    words: frozenset[str]
    relative_day: bool = False

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


def fold(word: str) -> str:
    """A word compared loosely: casefolded, without a possessive "'s"."""
    return re.sub(r"['’]s$", "", word.casefold().replace("’", "'"))


def same_word(a: str, b: str) -> bool:
    """Whether two words are one word inflected or transliterated: "Selenskyjs" ~
    "Selenskyj", "Ukraine" ~ "Ukrainian", "Kiew" ~ "Kiewer"."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    shared = len(commonprefix([a, b]))
    if shared >= 4 and max(len(a), len(b)) - shared <= 3:
        return True
    return min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 85


def aliases(word: str) -> frozenset[str]:
    """The folded ``word`` and the names that stand for the same country ("kiew" ->
    "ukraine", "kyiv", ...)."""
    folded = fold(word)
    return frozenset({folded}.union(*(g for g in _ALIASES if folded in g)))


def language_of(text: str, hint: str | None = None) -> str:
    """ "de" or "en" for ``text``: by counting common function words; ``hint`` (e.g. the
    article's language) decides when they do not clearly, else the language identifier."""
    tokens = re.findall(r"[^\W\d_]+", text.lower())
    de, en = sum(t in _DE for t in tokens), sum(t in _EN for t in tokens)
    hint = hint[:2].lower() if hint and hint[:2].lower() in ("de", "en") else None
    if abs(de - en) >= 2 or (de != en and not hint):
        return "de" if de > en else "en"
    if hint:
        return hint
    default = "de" if re.search("[äöüß]", text) else "en"
    return "de" if detect_language(text, default) == "de" else "en"


def facts(text: str, language: str | None = None) -> Facts:
    """The facts of ``text`` read as ``language`` ("de" or "en"; anything else or None is
    guessed with :func:`language_of`).

    Years and dates are taken first, so their digits are not counted as numbers."""
    lang = language[:2].lower() if language else ""
    lang = lang if lang in ("de", "en") else language_of(text)
    found_dates = dates(text)
    skip = [(d.start, d.end) for d in found_dates]
    ws = words(text)
    folded = {fold(part) for w in ws for part in [w.text, *w.text.split("-")]}
    return Facts(
        text=text,
        language=lang,
        numbers=tuple(numbers(text, lang, skip)),
        dates=tuple(found_dates),
        quotes=tuple(quotes(text)),
        names=tuple(names(text, lang)),
        negations=tuple(negations(ws, text)),
        words=frozenset(folded),
        relative_day=relative_day(text),
    )


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
        near = _content(ws, i, NEAR)
        found.append(Negation(w.text, w.start, w.end, near, _content(ws, i, CONTEXT), soft))
    return found


def _content(ws: list[Word], i: int, reach: int) -> tuple[str, ...]:
    sentence = ws[i].sentence
    around = ws[max(0, i - reach) : i] + ws[i + 1 : i + 1 + reach]
    return tuple(
        fold(w.text)
        for w in around
        if w.sentence == sentence
        and len(w.text) > 2
        and w.text.lower() not in STOPWORDS
        and w.text.lower() not in NEGATORS | _SOFT
    )
