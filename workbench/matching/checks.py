"""Does the source passage support the facts its claim states? Each miss becomes a Flag."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from decimal import Decimal
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from workbench.matching.dates import conflicts, overlap, supports
from workbench.matching.facts import (
    CLAUSE_BREAK,
    NEAR,
    Negation,
    fold,
    language_of,
    normalise,
    same_word,
)
from workbench.matching.inflect import known
from workbench.matching.names import DETERMINERS, Name, is_role_word, plural_noun
from workbench.matching.numbers import Number
from workbench.matching.reading import Reading, read
from workbench.matching.types import Flag
from workbench.matching.wordlists import (
    DIRECTIONS,
    GIVEN_NAMES,
    MONTHS,
    NEGATORS,
    ORGANISATION_WORDS,
    RANGE_WORDS,
    TIME_UNITS,
)

QUOTE_RATIO = 90
# A claim and a passage this alike word for word (difflib ratio of their content words)
# differ by a substitution, not a rewording; a stretch of at most SWAP_WIDTH words (a
# role and a name of two: "Sprecher Jonas Kehl" for "Chef Ralf Ott").
SWAP_ALIKE = 0.7
SWAP_WIDTH = 3
# The shortest word negated by its prefix "un" that is compared with its plain form
# ("unfair", "unklar"; not "Union").
UN_WORD = 6
# How far a figure may lie beyond a "mehr als"/"bis zu" bound and still bear it out.
BOUND_SLACK = Decimal("0.25")
_ORDER = ["number", "date", "quote", "name", "negation", "direction"]
# An abbreviation of capitals that a passage may spell out ("EU", "HR", "NATO").
_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,6}")
# "GOP-controlled": a compound adjective, no word of a name.
_LOWER_PART = re.compile(r"-[a-zäöüß]")
_VALUE = re.compile(r"[\d.]*")
_NOT_PERSON = ("place", "name", "organisation", "agency", "acronym")
_OPPOSITE = {("over", "under"), ("under", "over")}
# Characters around a negator within which a word is what it denies.
NEGATION_REACH = 40
# Words that state a number only in a source: as a claim's number they mislead ("the
# second half of the year"), so they are never extracted.
_VAGUE = [
    (2, (None,), "beide"), (2, (None,), "both"), (50, ("%",), "hälfte"), (50, ("%",), "half"),
]  # fmt: skip


def check(claim: str, passage: str, language: str | None = None) -> list[Flag]:
    """Facts ``claim`` states that ``passage`` lacks or states differently.

    In: a claim (one sentence), the passage found as its evidence, and the article's
    language as a hint (each text's own function words overrule it, so a source in another
    language is read as such). Out: flags in the order number, date, quote, name,
    negation; details only the passage has are never flagged. When the two are in
    different languages only numbers and dates are compared."""
    c = read(claim, language_of(claim, language))
    return check_readings(c, read(passage, language_of(passage, language)))


def check_readings(
    c: Reading,
    p: Reading,
    page: frozenset[str] = frozenset(),
    sentences: tuple[Reading, ...] = (),
) -> list[Flag]:
    """``check`` on the readings of a claim and a passage; ``page`` holds the keys of
    the whole document the passage is from and ``sentences`` the passage's sentences
    when it has several (for a name swapped within the page)."""
    flags = _numbers(c, p) + _dates(c, p) + _ends_swapped(c, p)
    if c.language == p.language:  # a translation quotes, names and negates in other words
        flags += (
            _quotes(c, p)
            + _names(c, p, page)
            + _nationalities(c, p)
            + _swapped(c, sentences or (p,), page)
            + _between_same_words(c, p, page)
        )
        flags += _negations(c, p) + _directions(c, p) + _voice(c, p)
    unique: list[Flag] = []
    for flag in flags:
        if flag not in unique:
            unique.append(flag)
    return sorted(unique, key=lambda f: _ORDER.index(f.kind))


def _numbers(c: Reading, p: Reading) -> list[Flag]:
    flags = []
    # Each passage figure bears out one claim figure: "two inches" said once does not
    # also stand for the claim's second "two inches", which is "two feet" in disguise.
    # A figure takes first a passage figure that counts the same thing, so that "12
    # rebounds" and "won 12 of 13" do not both rest on the passage's "12 of 13".
    found = {n: [m for m in p.numbers if _supports(n, m)] for n in c.numbers}
    counted = {n: _counted(n, c) for n in c.numbers}
    theirs = {m: _counted(m, p) for m in p.numbers}
    used: set[Number] = set()
    unsupported, later = [], []
    for n in c.numbers:
        same = [m for m in found[n] if m not in used and theirs[m] == counted[n]]
        if same:
            used.add(same[0])
        elif found[n]:
            later.append(n)
        else:
            unsupported.append(n)
    for n in later:
        free = [m for m in found[n] if m not in used]
        if free or not _counted_otherwise(counted[n], found[n], theirs):
            used.add((free or found[n])[0])
        else:
            unsupported.append(n)
    unsupported.sort(key=lambda n: n.start)
    years = {d.year for d in p.dates if d.year}
    for n in unsupported:
        if n.unit is None and n.value in years:
            continue  # "2000 Teilnehmer" read as a year on one side
        if any(n.value == v and n.unit in units and p.mentions(w) for v, units, w in _VAGUE):
            continue  # "die beiden Minister" for "zwei", "half" for "50 percent"
        rival = _closest(n, [m for m in p.numbers if m not in used], c, p)
        if rival is None and (n.unit == "ordinal" or _in_words(n, p) or _glued(n, p)):
            # "the first", "the two", "ein Jahr" a rewording leaves out say little
            # ("Vorjahr", "one-year"), nor does "Terminal 3" written "T3"; another rank
            # or another count in words does.
            continue
        source = rival.text if rival else "not stated"
        flags.append(Flag("number", n.text, source, f"claim: {n.text}, source: {source}"))
    return flags


def _supports(claim: Number, source: Number) -> bool:
    if "vague" in (claim.qualifier, source.qualifier):
        return _same_order(claim, source)
    if claim.unit and source.unit and claim.unit != source.unit:
        return False
    if (claim.qualifier, source.qualifier) in _OPPOSITE:
        return False
    if claim.value == source.value:
        return True
    if claim.qualifier == source.qualifier and claim.qualifier in ("over", "under"):
        return False  # "mehr als 10.000" for "mehr als 11.000" misreports the figure
    if "about" in (claim.qualifier, source.qualifier):
        tolerance = max(_tolerance(n) for n in (claim, source) if n.qualifier == "about")
        return abs(claim.value - source.value) <= tolerance
    # "mehr als 10.000" is borne out by 11.000, not by 50.000; "bis zu 8.000" is not
    # stated by a page that says 5.000: the figure must stay near the bound.
    near = abs(claim.value - source.value) <= claim.value * BOUND_SLACK
    if claim.qualifier == "over":
        return near and source.value >= claim.value and source.qualifier != "under"
    if claim.qualifier == "under":
        return near and source.value <= claim.value and source.qualifier != "over"
    return False


def _same_order(a: Number, b: Number) -> bool:
    """A vague amount ("Tausende") and another amount are of one order: two vague ones
    name the same, a figure lies between the order and a thousand times it."""
    if a.qualifier == b.qualifier == "vague":
        return a.value == b.value
    vague, figure = (a, b) if a.qualifier == "vague" else (b, a)
    return vague.value <= figure.value < vague.value * 1000


def _tolerance(n: Number) -> Decimal:
    # "rund 30" is rounded to tens and "rund 1.200" to hundreds: allow half the last
    # written digit, but never under 5% nor over 10% of the value.
    exponent = n.value.normalize().as_tuple().exponent
    half = Decimal(5) * Decimal(10) ** (int(exponent) - 1)
    size = abs(n.value)
    return min(max(half, size * Decimal("0.05")), size * Decimal("0.10"))


def _closest(n: Number, numbers: list[Number], c: Reading, p: Reading) -> Number | None:
    """The source number the claim's most likely misstates, or None if none compares:
    the same figure with another magnitude or unit, digits transposed or one changed, a
    figure ten times off, another figure of the same thing counted ("90.870 Einreisen"
    for "9.087 Einreisen"), another figure with the same unit and magnitude word, or
    last one with the same unit (a sum of money in another magnitude)."""
    ranked = []
    counted = _counted(n, c)
    for m in numbers:
        if (n.unit == "ordinal") != (m.unit == "ordinal"):
            continue  # a rank ("seventh") is no rival to a count ("5")
        if "vague" in (n.qualifier, m.qualifier):
            if n.qualifier == m.qualifier == "vague":
                ranked.append((0, m.start, m))  # "millions" for "thousands"
            continue
        same_kind = n.unit == m.unit and n.scale == m.scale
        if _digits(n) == _digits(m) and (n.scale != m.scale or n.unit != m.unit):
            ranked.append((0, m.start, m))
        elif same_kind and _digits(n).rstrip("0") == _digits(m).rstrip("0"):
            ranked.append((0, m.start, m))  # "3,000" for "300"
        elif (n.unit is None or m.unit is None or n.unit == m.unit) and _similar(n, m):
            ranked.append((1, m.start, m))
        elif n.unit == m.unit and counted and counted == _counted(m, p):
            ranked.append((1, m.start, m))  # "300.000 Mitglieder" for "drei Millionen Mitglieder"
        elif same_kind and (n.unit or n.scale != 1):
            ranked.append((2, m.start, m))
        elif n.unit and n.unit == m.unit and n.unit not in TIME_UNITS:
            ranked.append((3, m.start, m))  # "2,2 Millionen Euro" for "216.900 Euro"
    return min(ranked, key=lambda r: r[:2])[2] if ranked else None


def _counted(n: Number, reading: Reading) -> str | None:
    """The key of the content word a figure counts: the first one within two words after
    it ("9.087 unerlaubte Einreisen": "unerlaubt"), None without one or where that word
    says which way the figure went ("3.400 weniger als", "12 more")."""
    after = [t for t in reading.tokens if t.start >= n.end][:2]
    word = next((t for t in after if t.content and t.kind == "word"), None)
    if word is None or fold(word.text) in DIRECTIONS or word.lemma.casefold() in DIRECTIONS:
        return None
    return word.key


def states(c: Reading, flag: Flag, other: Reading) -> bool:
    """Whether ``other`` states the claim's figure or date that ``flag`` found missing: a
    figure it bears out that counts the same thing (or where either counts nothing
    named), a date it bears out."""
    if flag.kind == "number":
        return any(
            _supports(n, m) and _same_thing(_counted(n, c), _counted(m, other))
            for n in c.numbers
            if n.text == flag.claim
            for m in other.numbers
        )
    if flag.kind == "date":
        return any(supports(d, s) for d in c.dates if d.text == flag.claim for s in other.dates)
    return False


def _same_thing(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _counted_otherwise(counted: str | None, found: list[Number], theirs: dict) -> bool:
    """Whether the passage gives the thing ``counted`` a figure other than the ``found``
    ones (which bear out other claim figures already); ``theirs`` is what each passage
    figure counts."""
    if counted is None:
        return False
    return any(m not in found and thing == counted for m, thing in theirs.items())


def _in_words(n: Number, p: Reading) -> bool:
    """Whether the figure is written in words without a unit ("zwei", "the two"), or
    with a unit of time that the passage has inside a word ("ein Jahr": "Vorjahr")."""
    if any(c.isdigit() for c in n.text):
        return False
    if n.unit in TIME_UNITS:
        unit_word = n.text.split()[-1].casefold()[:4]
        return unit_word in p.text.casefold()
    return n.unit is None


def _glued(n: Number, p: Reading) -> bool:
    """Whether the passage has the figure's digits glued to letters ("T3" for "Terminal
    3"), which the number reader leaves alone."""
    digits = _digits(n)
    return n.unit is None and bool(re.search(rf"[^\W\d_]-?{digits}(?!\d)", p.text))


def _digits(n: Number) -> str:
    return re.sub(r"\D", "", format((n.value / n.scale).normalize(), "f"))


def _similar(a: Number, b: Number) -> bool:
    x, y = _digits(a), _digits(b)
    if len(x) != len(y) or x == y:
        return False
    return sorted(x) == sorted(y) or sum(i != j for i, j in zip(x, y, strict=True)) == 1


def _dates(c: Reading, p: Reading) -> list[Flag]:
    flags = []
    values = {m.value for m in p.numbers if m.unit is None}
    # A passage date that bears out another of the claim's dates is no rival to this
    # one: "between 2008 and 2016" against a sentence of the page saying "by 2016" has
    # its 2008 unsaid there, not contradicted. Each claim date takes the passage date
    # that states most of it, so that the weekday beside a full date ("Friday, April 4")
    # still disputes the claim's "Saturday".
    borne: set = set()
    for e in c.dates:
        found = [s for s in p.dates if s not in borne and supports(e, s)]
        if found:
            borne.add(max(found, key=lambda s: overlap(e, s)))
    # The same date said again in part ("9. November 2021 ... im November") is borne too.
    borne |= {
        s
        for s in p.dates
        if s.fields.keys() != {"weekday"}
        and any(s.fields.items() <= b.fields.items() for b in borne)
    }
    for d in c.dates:
        if any(supports(d, s) for s in p.dates):
            continue
        if d.fields.keys() == {"year"} and d.year in values:
            continue
        others = [s for s in p.dates if s not in borne]
        rivals = sorted(others, key=lambda s: (not conflicts(d, s), -overlap(d, s), s.start))
        rival = rivals[0] if rivals and overlap(d, rivals[0]) else None
        if not (rival and conflicts(d, rival)):
            if d.fields.keys() == {"weekday"}:
                continue  # a weekday the source leaves out is too weak to flag
            if p.relative_day and d.fields.keys() & {"day", "weekday"}:
                continue  # "gestern" may well be that day: only the publication date tells
            if d.fields.keys() == {"month"} and _month_named(d.month, p):
                continue  # "a tense October vote": a month named without a cue word
        source = rival.text if rival else "not stated"
        flags.append(Flag("date", d.text, source, f"claim: {d.text}, source: {source}"))
    return flags


def _ends_swapped(c: Reading, p: Reading) -> list[Flag]:
    """A span whose two ends the passage gives the other way round ("from Friday to
    Tuesday" for "from Tuesday to Friday", "von 7 auf 5" for "von 5 auf 7"): each end is
    borne out, but the fact runs the other way."""
    theirs = _spans_of(p)
    flags = []
    for (first, last), (kind, said) in _spans_of(c).items():
        if (last, first) in theirs and (first, last) not in theirs:
            source = theirs[(last, first)][1]
            flags.append(Flag(kind, said, source, f"claim: {said}, source: {source}"))
    return flags


def _spans_of(reading: Reading) -> dict[tuple[str, str], tuple[str, str]]:
    """The spans of two figures or dates joined by a word of RANGE_WORDS, by the keys of
    their ends: their kind and their text."""
    facts = [t for t in reading.tokens if t.kind in ("number", "date")]
    found = {}
    for a, b in itertools.pairwise(facts):
        ends = _end(a), _end(b)
        if ends[0] != ends[1] and reading.text[a.end : b.start].strip().casefold() in RANGE_WORDS:
            found[ends] = (a.kind, reading.text[a.start : b.end])
    return found


def _end(token) -> str:
    """A span's end compared: a date's key, a figure's value without its unit, which
    the span's two ends share ("von 5 auf 7 Prozent")."""
    return token.key if token.kind == "date" else _VALUE.match(token.key)[0]


def _month_named(month: int, p: Reading) -> bool:
    """Whether the passage writes the month's name, capitalised ("May", not "may")."""
    written = {part for w in p._words for part in w.text.split("-")}
    return any(name.rstrip(".") in written for name in MONTHS[month])


def _quotes(c: Reading, p: Reading) -> list[Flag]:
    if not c.quotes:
        return []
    flags = []
    spans = [
        (t, m.start(), m.end())
        for m in re.finditer(r"\w+", p.text)
        for t in normalise(m[0]).split()
    ]
    tokens = [t for t, _, _ in spans]
    for q in c.quotes:
        size = len(q.norm.split())
        best, start, end = 0.0, 0, 0
        for width in range(max(1, size - 1), size + 2):
            for i in range(max(0, len(tokens) - width + 1)):
                window = " ".join(tokens[i : i + width])
                score = fuzz.ratio(q.norm, window)
                if _keys(window) != _keys(q.norm) or not _words_kept(q.norm, window):
                    # "nicht" -> "niemals", "3" -> "4", "Erfolg" -> "Fehler":
                    # a quotation is verbatim, so one changed word is a changed quote.
                    score = min(score, QUOTE_RATIO - 1)
                if score > best:
                    best, start, end = score, spans[i][1], spans[i + width - 1][2]
        if best >= QUOTE_RATIO:
            continue
        source = p.text[start:end] if best >= 60 else "not stated"
        hint = f" (closest: „{source}“)" if best >= 60 else ""
        message = f"claim quotes „{q.text}“, the source does not{hint}"
        flags.append(Flag("quote", q.text, source, message))
    return flags


def _words_kept(quote: str, window: str) -> bool:
    """Every word of four or more letters of the quote is in the window (inflected
    forms count: a rewritten article may decline a quoted noun)."""
    found = window.split()
    return all(
        any(same_word(word, other) for other in found) for word in quote.split() if len(word) >= 4
    )


def _keys(norm: str) -> list[str]:
    return [t for t in norm.split() if t.isdigit() or t in NEGATORS]


def _names(c: Reading, p: Reading, page: frozenset[str] = frozenset()) -> list[Flag]:
    """Names of the claim the passage lacks; each is paired only with a passage name of
    the same kind (a person with a person, an organisation with an organisation), and
    a news agency, which only says who reported, with none."""
    flags: list[Flag] = []
    # A passage that names nobody may still speak of the claim's person by a role
    # ("der Minister"); one without any role word cannot say what that person did.
    roles = any(is_role_word(w, p.language) for w in p.words)
    rivals = [m for m in p.names if m.role != "agency" and not _named(m, c)]
    for n in c.names:
        if n.role == "agency":
            continue
        if _named(n, p):
            if (m := _other_bearer(n, c, p)) is not None:
                flags.append(Flag("name", n.text, m.text, f"claim: {n.text}, source: {m.text}"))
            continue
        person = _kind(n) == "person"
        if not p.names and (roles or not person or (len(n.tokens) == 1 and _body(p))):
            continue  # a one-word name may be the body the passage speaks of by its kind
        same = [
            m for m in rivals if _comparable(m, n) and not _one_person(n.tokens, m.tokens, page)
        ]
        if not same and not person:
            continue  # a place, an organisation, a lone capital: flagged only when swapped
        source = same[0].text if same else "not stated"
        flags.append(Flag("name", n.text, source, f"claim: {n.text}, source: {source}"))
    return flags


def _other_bearer(n: Name, c: Reading, p: Reading) -> Name | None:
    """A passage name that shares a telling word with the claim's name ``n`` while each
    has one the other text never says: "Okafor Bello" for "Amaka Okafor",
    "Acme's Falcon" for "Acme's Condor" (a name swapped while a word of it stayed).
    A first name one side leaves out is no swap ("Mark Olund" for "Olund")."""
    if len(n.tokens) < 2 or not _unsaid(n.tokens, p):
        return None
    own = {_bare(t) for t in n.tokens if _telling(t, p.language)}
    for m in p.names:
        shared = own & {_bare(t) for t in m.tokens}
        if m.role != "agency" and shared and _unsaid(m.tokens, c):
            return m
    return None


def _unsaid(tokens: Sequence[str], other: Reading) -> bool:
    """Whether a telling word of a name, not a first name, is one ``other`` never says."""
    return any(
        _telling(t, other.language) and t not in GIVEN_NAMES and not other.mentions(_bare(t))
        for t in tokens
    )


def _bare(token: str) -> str:
    """A name's word folded, without its possessive ending ("NASA's": "nasa")."""
    return re.sub(r"['’]s$", "", fold(token))


def _telling(token: str, language: str) -> bool:
    """Whether a word of a name tells one bearer from another: not an initial, a title
    or role ("Minister") or the kind of an organisation ("Bank", "AG")."""
    folded = fold(token)
    return (
        len(token) > 1
        and token[0].isupper()
        and not _LOWER_PART.search(token)
        and folded not in ORGANISATION_WORDS
        and not is_role_word(folded, language)
    )


def _one_person(a: Sequence[str], b: Sequence[str], page: frozenset[str]) -> bool:
    """Whether two one-word names are the first name and surname of one person the page
    names in full ("James" and "LeBron" on a page that says "LeBron James")."""
    if len(a) != 1 or len(b) != 1:
        return False
    x, y = fold(a[0]), fold(b[0])
    return f"{x} {y}" in page or f"{y} {x}" in page


def _plural_nouns(tokens: list, language: str) -> bool:
    """Whether every word is a German plural or inflected noun ("Menschen" for
    "Personen", "Ziegen" for "Tiere": the dictionary reads each as another form of a
    noun): words for what is counted or spoken of, not names."""
    return language == "de" and all(
        plural_noun(t.text) or t.lemma.casefold() != t.text.casefold() for t in tokens
    )


def _swapped(c: Reading, sentences: tuple[Reading, ...], page: frozenset[str]) -> list[Flag]:
    """A capitalised word of the page put in place of another one in a sentence that
    is otherwise one of the passage's ("Brandt urged ..." as "Okafor urged ..."):
    where the claim and that sentence align word for word but for a stretch of at most
    SWAP_WIDTH words, and there the claim has a capitalised word that the sentence lacks
    and the page has (even in the passage's next sentence), and the sentence has
    another capitalised word the claim lacks."""
    if not page:
        return []
    own = [t for t in c.tokens if t.content]
    flags = []
    for p in sentences:
        other = [t for t in p.tokens if t.content]
        keys = [t.key for t in other]
        matcher = SequenceMatcher(None, [t.key for t in own], keys, autojunk=False)
        if matcher.ratio() < SWAP_ALIKE:
            continue
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "replace" or _wider(own[i1:i2], c) or _wider(other[j1:j2], p):
                continue
            theirs = [t for t in other[j1:j2] if _capitalised(t) and t.key not in c.keys]
            ours = [
                t
                for t in own[i1:i2]
                if _capitalised(t)
                and t.key not in keys
                and (t.key in page or _new_name(t, c, theirs, p))
            ]
            if (
                ours
                and theirs
                and not _described(theirs[0], p)
                and not _one_person([t.text for t in ours], [t.text for t in theirs], page)
                and not _plural_nouns(ours + theirs, p.language)
                and not _spelled_out(ours, p)
                and not _spelled_out(theirs, c)
            ):
                claim = c.text[ours[0].start : ours[-1].end]
                source = p.text[theirs[0].start : theirs[-1].end]
                flags.append(Flag("name", claim, source, f"claim: {claim}, source: {source}"))
    return flags


def _wider(tokens: Sequence, reading: Reading) -> bool:
    """Whether the tokens lie in more than SWAP_WIDTH words of ``reading``: a hyphenated
    compound, which the tokens split ("Linken-Fraktionschef"), is one word. No more
    tokens than that never do, so only a longer stretch is looked up among the words."""
    if len(tokens) <= SWAP_WIDTH:
        return False
    words = {w.start for t in tokens for w in reading._words if w.start <= t.start < w.end}
    return len(words) > SWAP_WIDTH


def _between_same_words(c: Reading, p: Reading, page: frozenset[str]) -> list[Flag]:
    """A name put in place of another between the same words ("a deal with Brightstone
    to" for "an agreement with RTQ to"), where the rest of the sentence is reworded too
    much for ``_swapped``: the word before each is the same, and the word after or the
    one before that. Both are names (found by the name reader, or words the dictionary
    does not know), the claim's is one the passage lacks and the page has (the
    passage's may stand elsewhere in the claim: "by Sudland and" for "by Norland and" in a
    claim that names the Norland Strait)."""
    theirs = _slots(p)
    flags = []
    for (before, after, earlier), token in _slots(c, p).items():
        if token.key not in page and not _in_names(token, c):
            continue
        for (b, a, e), other in theirs.items():
            if b == before and (a == after or e == earlier):
                if (
                    _spelled_out([token], p)
                    or _spelled_out([other], c)
                    or _one_person([token.text], [other.text], page)
                ):
                    continue
                message = f"claim: {token.text}, source: {other.text}"
                flags.append(Flag("name", token.text, other.text, message))
                break
    return flags


def _slots(own: Reading, other: Reading | None = None) -> dict:
    """The one-word names of ``own`` (found by the name reader, or words the dictionary
    does not know), those ``other`` lacks if given, by the words around them (the word
    before, the word after, the word before that)."""
    words = [w.text.casefold() for w in own._words]
    tokens = {t.start: t for t in own.tokens}
    found = {}
    for i, w in enumerate(own._words):
        if w.initial or not w.text[:1].isupper() or i < 2 or i + 1 >= len(words):
            continue
        token = tokens.get(w.start)
        if token is None or (other and (token.key in other.keys or other.mentions(w.text))):
            continue
        name = next((n for n in own.names if n.start <= token.start < n.end), None)
        if name is not None and (len(name.tokens) > 1 or name.role == "agency"):
            continue  # a word of a longer name: the other checks compare it whole
        if _telling(w.text, own.language) and (name is not None or not known(w.text, own.language)):
            found[(words[i - 1], words[i + 1], words[i - 2])] = token
    return found


def _body(p: Reading) -> bool:
    """Whether a German passage speaks of a body by its kind after an article ("das
    Unternehmen", "der Konzern")."""
    return any(
        t.text.casefold() in ORGANISATION_WORDS and _after_determiner(t, p)
        for t in p.tokens
        if t.kind == "word"
    )


def _new_name(token, c: Reading, theirs, p: Reading) -> bool:
    """Whether a capitalised claim word the page never writes stands, in names on both
    sides, where the sentence has a name of its own ("a town north of Belton" for
    "... of Harwick"), and neither abbreviates the other ("Calif" for "California")."""
    if not _in_names(token, c) or not any(_in_names(t, p) for t in theirs):
        return False
    folded = fold(token.text)
    return not any(
        folded.startswith(fold(t.text)) or fold(t.text).startswith(folded) for t in theirs
    )


def _in_names(token, reading: Reading) -> bool:
    return any(n.start <= token.start and token.end <= n.end for n in reading.names)


def _spelled_out(tokens, other: Reading) -> bool:
    """Whether ``tokens`` are one acronym that ``other`` writes out ("EU" for
    "Europäischen Union")."""
    return (
        len(tokens) == 1
        and bool(_ACRONYM.fullmatch(tokens[0].text))
        and other.spells(tokens[0].text)
    )


def _described(theirs, p: Reading) -> bool:
    """Whether a German passage speaks of the claim's name by what it is: a kind of
    organisation or a role after an article ("das Unternehmen", "der Minister") where
    the claim names it, a reference, not another name."""
    if p.language != "de" or not _after_determiner(theirs, p):
        return False
    folded = theirs.text.casefold()
    return folded in ORGANISATION_WORDS or is_role_word(folded, "de")


def _after_determiner(token, reading: Reading) -> bool:
    at = reading.tokens.index(token)
    return at > 0 and reading.tokens[at - 1].text.casefold() in DETERMINERS


def _capitalised(token) -> bool:
    return token.kind == "word" and token.text[:1].isupper()


def _comparable(a: Name, b: Name) -> bool:
    """Whether two names may stand for each other: the same kind, or a person and a name
    of two words or more whose kind the lexicon does not know ("Timothy Morrison")."""
    kinds = {_kind(a), _kind(b)}
    if len(kinds) == 1:
        return True
    unknown = a if _kind(a) == "name" else b
    return kinds == {"name", "person"} and len(unknown.tokens) > 1


def _kind(name: Name) -> str:
    """A name's role with every title folded into "person"."""
    return name.role if name.role in _NOT_PERSON else "person"


def _named(name: Name, other: Reading) -> bool:
    """Whether ``other`` has any word of the name, or its initials ("IAEA"); for a
    person of two names or more, the surname ("Stefan Weber" is not named by a text
    that speaks of "Stefan Braun"); for an organisation, a word other than its legal
    form or kind ("Commerzbank AG" is not named by "Deutsche Bank AG")."""
    initials = "".join(t[0] for t in name.tokens)
    if len(initials) > 2 and initials.casefold() in other.words:
        return True
    if len(name.tokens) == 1 and _ACRONYM.fullmatch(name.text) and other.spells(name.text):
        return True
    if _kind(name) == "person" and len(name.tokens) > 1:
        return other.mentions(name.tokens[-1])
    # "AG", "Bank" name no organisation in particular.
    telling = [t for t in name.tokens if t.casefold() not in ORGANISATION_WORDS] or name.tokens
    return any(other.mentions(t) or _parts_mentioned(t, other) for t in telling)


def _parts_mentioned(token: str, other: Reading) -> bool:
    """Whether ``other`` says every part of a hyphenated word on its own ("Vorstand der
    BA" for "BA-Vorstand")."""
    parts = [part for part in token.split("-") if part]
    return len(parts) > 1 and all(other.mentions(part) for part in parts)


def _negations(c: Reading, p: Reading) -> list[Flag]:
    flags = []
    for n in c.negations:
        if not n.soft and _unmatched(n, c, p):
            message = f"claim: negated ({n.text}), source: not negated"
            flags.append(Flag("negation", n.text, "not negated", message))
    for n in p.negations:
        if not n.soft and _unmatched(n, p, c):
            message = f"claim: not negated, source: negated ({n.text})"
            flags.append(Flag("negation", "not negated", n.text, message))
    for word, base in _un_words(c, p):
        message = f"claim: negated ({word}), source: not negated ({base})"
        flags.append(Flag("negation", word, base, message))
    for word, base in _un_words(p, c):
        message = f"claim: not negated ({base}), source: negated ({word})"
        flags.append(Flag("negation", base, word, message))
    return flags


def _un_words(own: Reading, other: Reading) -> list[tuple[str, str]]:
    """Words ``own`` negates by the prefix "un" whose plain form ``other`` says instead,
    not negated there ("unrealistisch" for "realistisch", "unlikely" for "likely"; but
    "unklar" is "nicht klar")."""
    denied = {w for n in other.negations if not n.soft for w in n.near}
    return [
        (lemma, lemma[2:])
        for lemma in sorted(own.lemmas)
        if lemma.startswith("un")
        and len(lemma) >= UN_WORD
        and lemma[2:] in other.lemmas
        and lemma not in other.lemmas
        and lemma[2:] not in denied
    ]


def _unmatched(n: Negation, own: Reading, other: Reading) -> bool:
    """Whether the other text states what ``n`` denies (a word near it and another in its
    context occur there) without a negator of its own around those words. Where ``n``
    pairs with a soft one ("not ... without"), the count around those words must agree
    in parity instead: "only ... with" says the same, "... without" alone does not."""
    if not n.context:
        return False  # nothing around it says what it denies
    shared = [
        w
        for w in n.context
        if other.mentions(w) or _lemma_of(w, own) in other.lemmas or _split_verb(w, other)
    ]
    # A short clause ("gilt das für Mieter nicht") has one content word to go by.
    if len(shared) < min(2, len(n.context)) or (n.near and not any(w in shared for w in n.near)):
        return False
    if _denies_other(n, own, shared) or _also_plain(n, own, shared):
        return False
    here = [m for m in own.negations if _around(m, shared)]
    there = [m for m in other.negations if _around(m, shared)]
    if any(m.soft for m in here):
        return len(here) % 2 != len(there) % 2
    return not there


def _denies_other(n: Negation, own: Reading, shared: list[str]) -> bool:
    """Whether the words right after ``n`` are ones the other text does not say ("where
    recreational use isn't allowed"): it denies those, not the words both texts share
    ("have not yet detected" denies "detected")."""
    after = [fold(w.text) for w in own._words if w.start >= n.end][:NEAR]
    following = [w for w in after if w in n.near]
    return bool(following) and not any(w in shared for w in following)


def _also_plain(n: Negation, own: Reading, shared: list[str]) -> bool:
    """Whether ``own`` also says the words next to ``n`` away from any negator ("binnen
    24 Stunden gelöscht, nicht offensichtlich rechtswidrige innerhalb einer Woche"):
    it states the thing both ways, so the other text may take either."""
    near = [w for w in n.near if w in shared] or shared[:1]
    places = {word: [w.start for w in own._words if fold(w.text) == word] for word in near}
    # The word it denies is the shared one next to it ("didn't change"), not another of
    # the clause ("cannabis use ... didn't change" with "cannabis use" said elsewhere),
    # nor one a comma parts from it ("binnen drei Tagen, nicht dringende Anträge").
    in_clause = [word for word in near if any(_same_clause(own.text, at, n) for at in places[word])]
    denied = min(
        in_clause or near,
        key=lambda word: min((abs(at - n.start) for at in places[word]), default=0),
    )
    negators = [m.start for m in own.negations]
    return any(all(abs(at - m) > NEGATION_REACH for m in negators) for at in places[denied])


def _same_clause(text: str, at: int, n: Negation) -> bool:
    """Whether no clause break stands between the word at ``at`` and the negator."""
    return not CLAUSE_BREAK.search(text, min(at, n.start), max(at, n.end))


# German separable verb particles: "eingreifen" is written "griff ... ein".
_PARTICLES = ("zurück", "ein", "aus", "auf", "an", "ab", "mit", "nach", "vor", "zu", "weg")


def _split_verb(word: str, other: Reading) -> bool:
    """Whether a German ``other`` has the separable verb ``word`` split in two ("griff
    die Feuerwehr ein" for "eingreifen"): the particle as a word and the rest's lemma."""
    if other.language != "de":
        return False
    folded = word.casefold()
    for particle in _PARTICLES:
        if folded.startswith(particle) and len(folded) > len(particle) + 3:
            rest = folded[len(particle) :]
            if particle in other.words and rest in other.lemmas:
                return True
    return False


def _lemma_of(word: str, reading: Reading) -> str:
    return next((t.lemma.casefold() for t in reading.tokens if t.text == word), word.casefold())


def _around(n: Negation, words: list[str]) -> bool:
    return any(same_word(w, v) for v in n.context for w in words)


def _directions(c: Reading, p: Reading) -> list[Flag]:
    """A direction the claim states that the passage states the other way round ("stieg"
    where it says "sank", "admitted" for "denied"), when the passage does not also say
    the claim's way somewhere."""
    flags = []
    said = {side for d in p.directions for side in d.sides}
    own = {side for d in c.directions for side in d.sides}
    for d in c.directions:
        groups = {group for group, _ in d.sides}
        if _negated(d, c):
            continue  # "did not rise" may well be the passage's "fell"
        if any(side in said for side in d.sides):
            other = _turned_at_fact(d, c, p, groups)
        elif any(g == group and t != side for g, t in own for group, side in d.sides):
            # The claim says both ways ("earlier that night ... was later fired"): each of
            # its words bears out one passage word, and only one left over disputes.
            other = _left_over(d, c, p, groups)
        else:
            other = next(
                (o for o in p.directions if any(group in groups for group, _ in o.sides)), None
            )
        if other is not None and _negated(other, p):
            other = None  # "where recreational use isn't allowed" for "that ban it"
        if other is not None:
            message = f"claim: {d.text}, source: {other.text}"
            flags.append(Flag("direction", d.text, other.text, message))
    return flags


def _left_over(d, c: Reading, p: Reading, groups: set[int]):
    """The passage's words the other way round from the claim's ``d`` that the claim's
    own words of that way ("more respect ... fewer than half") do not bear out: the
    first of them, or None."""
    turned = [
        o
        for o in p.directions
        if any(group in groups for group, _ in o.sides)
        and not any(side in d.sides for side in o.sides)
        and not _negated(o, p)
    ]
    sides = {side for o in turned for side in o.sides}
    mine = sum(1 for e in c.directions if e is not d and any(side in sides for side in e.sides))
    return turned[mine] if len(turned) > mine else None


def _negated(d, reading: Reading) -> bool:
    """Whether a hard negator stands within NEGATION_REACH characters of direction word
    ``d`` in its clause ("isn't allowed", "stieg nicht")."""
    return any(
        not n.soft
        and min(abs(n.start - d.end), abs(d.start - n.end)) <= NEGATION_REACH
        and not CLAUSE_BREAK.search(reading.text, min(n.end, d.end), max(n.start, d.start))
        for n in reading.negations
    )


_BE = frozenset("is are was were be been being".split())
_AUXILIARIES = frozenset("has have had and".split())
_ARTICLES = frozenset("the a an his her its their our".split())
_BEFORE_VERB = _BE | _AUXILIARIES


def _voice(c: Reading, p: Reading) -> list[Flag]:
    """An English verb that one text has in the passive and the other in the active,
    after the same word ("the Falcons outscored Brixton" for "the Falcons were
    outscored"): who did it to whom is turned round. A rewording that changes the voice
    also changes the word before the verb ("Parliament passed" for "was passed by")."""
    if c.language != "en" or p.language != "en":
        return []
    flags = []
    for own, other, side in ((c, p, "passive"), (p, c, "active")):
        active = set(_uses(other, passive=False))
        for verb, before in _uses(own, passive=True):
            if (verb, before) in active:
                claim, source = side, "active" if side == "passive" else "passive"
                message = f"claim: {verb} ({claim}), source: {verb} ({source})"
                flags.append(Flag("direction", f"{verb} ({claim})", f"{verb} ({source})", message))
    return flags


def _uses(reading: Reading, passive: bool) -> list[tuple[str, str]]:
    """``(word, the content word before it)`` for each word used in the passive (right
    after a form of "be") or in the active (not after one, and followed by its object,
    a content word); the word before skips forms of "be", auxiliaries and "and"."""
    words = [t for t in reading.tokens if t.kind == "word"]
    found = []
    for i, token in enumerate(words[1:], 1):
        if not token.content or (words[i - 1].text.casefold() in _BE) != passive:
            continue
        if not passive and not _object_after(words, i):
            continue
        j = i - 1
        while j >= 0 and words[j].text.casefold() in _BEFORE_VERB:
            j -= 1
        if j >= 0 and words[j].content:
            found.append((token.text.casefold(), words[j].key))
    return found


def _object_after(words: list, i: int) -> bool:
    """Whether a content word follows word ``i``, straight or after an article or a
    possessive ("criticised the council")."""
    k = i + 1
    if k < len(words) and words[k].text.casefold() in _ARTICLES:
        k += 1
    return k < len(words) and words[k].content


def _turned_at_fact(d, c: Reading, p: Reading, groups: set[int]):
    """The passage's direction word for the figure or date ``d`` governs in the claim,
    when it is the other way round: a passage may say both ways of several figures (a
    loss this year, a profit the year before), so the word that goes with the claim's
    figure decides."""
    fact = _governed_fact(d, c)
    if fact is None:
        return _turned_in_clause(d, c, p, groups)
    turned = None
    for o in p.directions:
        if not any(group in groups for group, _ in o.sides) or _governed_fact(o, p) != fact:
            continue
        if any(side in d.sides for side in o.sides):
            return None
        turned = turned or o
    return turned


def _turned_in_clause(d, c: Reading, p: Reading, groups: set[int]):
    """The passage's direction word whose clause shares the most words with the clause
    of the claim's ``d``, when it is the other way round ("Während der Umsatz ...
    schrumpft, wächst das Streaming": the claim's "der Umsatz wächst" is turned round).
    None on a tie or when no clause shares a word."""
    own = _clause_keys(d, c)
    scored = []
    for o in p.directions:
        if any(group in groups for group, _ in o.sides):
            scored.append((len(own & _clause_keys(o, p)), o))
    scored.sort(key=lambda pair: -pair[0])
    if (
        not scored
        or scored[0][0] < CLAUSE_SHARED
        or (len(scored) > 1 and scored[1][0] == scored[0][0])
    ):
        return None
    best = scored[0][1]
    return None if any(side in d.sides for side in best.sides) else best


def _clause_keys(d, reading: Reading) -> frozenset[str]:
    """The content keys of the clause around direction word ``d`` (between punctuation
    marks), the direction words left out."""
    text = reading.text
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(text)]
    start = max((b for b in breaks if b < d.start), default=-1)
    end = min((b for b in breaks if b >= d.end), default=len(text))
    skip = {(o.start, o.end) for o in reading.directions}
    return frozenset(
        t.key
        for t in reading.tokens
        if start < t.start and t.end <= end and t.content and (t.start, t.end) not in skip
    )


_GOVERN_REACH = 4
# Words a claim's clause and a passage's clause must share before a direction word of
# theirs is taken to speak of the same thing.
CLAUSE_SHARED = 2


def _governed_fact(d, reading: Reading) -> str | None:
    """The key of the figure or date a direction word goes with: the first within a few
    words after it in its clause ("Verlust von 190 Millionen", "rose 2 percent"), else
    the last within a few words before it ("2 percent lower")."""
    tokens = reading.tokens
    at = next((i for i, t in enumerate(tokens) if t.start == d.start), None)
    if at is None:
        return None
    for step in (1, -1):
        i = at
        for _ in range(_GOVERN_REACH):
            j = i + step
            if not 0 <= j < len(tokens):
                break
            a, b = sorted((tokens[i], tokens[j]), key=lambda t: t.start)
            if CLAUSE_BREAK.search(reading.text, a.end, b.start):
                break
            if tokens[j].kind != "word":
                return tokens[j].key
            i = j
    return None


def _nationalities(c: Reading, p: Reading) -> list[Flag]:
    """A nationality the claim gives where the passage gives another one and not the
    claim's ("tschechischen Grenzschutz" for "polnischen")."""
    said = {country for _, country in p.nationalities}
    flags = []
    for text, country in c.nationalities:
        if country in said:
            continue
        other = next((t for t, k in p.nationalities if k != country), None)
        if other is not None:
            flags.append(Flag("name", text, other, f"claim: {text}, source: {other}"))
    return flags
