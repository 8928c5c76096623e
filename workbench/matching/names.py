"""Words, sentence starts and names of people and places (conservative, German-aware)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from workbench.matching.gazetteer import is_place
from workbench.matching.inflect import known
from workbench.matching.wordlists import (
    AGENCIES,
    GIVEN_NAMES,
    MAGNITUDES,
    MONTH_AND_DAY_WORDS,
    ORGANISATION_WORDS,
    PLACE_WORDS,
    REPORTING_VERBS,
    STOP_WORDS,
    UNIT_WORDS,
    labelled,
    words_of,
)

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_OPENERS = "\"'„“”‚‘’«»([*"
_QUOTES_OPENING = '"„“‚‘«»'
_ABBREVIATIONS = words_of("abbreviations.txt")
STOPWORDS = STOP_WORDS | REPORTING_VERBS
DETERMINERS = words_of("determiners_de.txt")
_TITLES = dict(labelled("titles.txt"))
# German titles end compounds ("Verteidigungsminister"); English ones are whole words.
_TITLE_DE = re.compile(
    rf"^({'|'.join(_TITLES['de-whole'].split())})$|({'|'.join(_TITLES['de'].split())})"
    r"(?:in|innen|en|n|s|es|e|er|ern)?$"
)
_TITLE_EN = re.compile(rf"^({'|'.join(_TITLES['en'].split())})s?$")
_NOUNS_DE = dict(labelled("nouns_de.txt"))
_DE_NOUN_END = re.compile(
    rf"({'|'.join(_NOUNS_DE['endings'].split())})(?:en|n|s|e|er|ern|se|sen)?$"
)
_DE_COMMON = frozenset(_NOUNS_DE["nouns"].split())
_DE_PLACES = words_of("place_names_de.txt")
_DISTRICTS = words_of("districts_de.txt")
_PLACE_PREPOSITIONS = frozenset("in aus nach bei von".split())
# A preposition and an article in one word ("im Emsland"), and the articles that may
# stand between a preposition and a region ("in der Oberpfalz").
_PLACE_CONTRACTIONS = frozenset("im vom beim ins".split())
_ARTICLES = frozenset("der die das dem den".split())
# English adjectives of nationality and direction name no one; a paraphrase says
# "Russia's" or "Moscow" for "Russian" freely.
_EN_ADJECTIVE = re.compile(r"(ian|ean|ese|ish|ern)$")
# Function words only: a reporting verb capitalised mid-sentence is as often part of a
# name ("Consumer Reports", a country's "States") as a sign of title case.
_TITLE_CASE_WORDS = STOP_WORDS - {"the", "a", "an", "i", "may", "will", "can", "der", "die", "das"}
_EN_GENERIC = words_of("generic_capitals_en.txt")
# An inflected adjective before capitalised words makes them a noun phrase: "russische
# Streitkräfte Drohnenschwärme", "weitere Minister".
_DE_ADJECTIVE = re.compile(r"(isch|ig|lich|ell|al|iv|ar|er|neu|viel|einig|beid)(e|en|er|es|em)$")


MAGNITUDE_WORDS = frozenset(MAGNITUDES)


class Word(NamedTuple):
    """A word of a text; ``initial`` when it starts a sentence, ``after_number`` when
    digits stand between it and the word before. A named tuple: every word of every
    claim read is one, and a tuple is made in a third of a frozen dataclass's time."""

    text: str
    start: int
    end: int
    sentence: int
    initial: bool
    after_number: bool = False


@dataclass(frozen=True)
class Name:
    """A name as written; ``role`` is the title before it ("minister"), else "person",
    "place" or "name" (an English capitalised word)."""

    text: str
    tokens: tuple[str, ...]
    role: str
    start: int
    end: int


def sentence_initial(text: str, pos: int) -> bool:
    """Whether ``text[pos:]`` starts a sentence (or a dateline: "Brüssel - Fast ...")."""
    i = pos
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in _OPENERS):
        i -= 1
    if i == 0 or "\n" in text[i:pos] or text[i - 1] in "!?:;":
        return True
    if text[i - 1] == "," and any(q in text[i:pos] for q in _QUOTES_OPENING):
        return True  # a quotation opening after a comma: 'Olsen said, “We ...'
    if text[i - 1] in "-–—":
        return i >= 2 and text[i - 2].isspace() and i < pos
    if text[i - 1] == ".":
        before = _before_stop(text[max(0, i - 20) : i]).lstrip(_OPENERS)
        if len(before) == 1 and before.isupper():
            return False  # an initial: "Maria K. Olsen"
        before = before.lower()
        return not before[-1:].isdigit() and before not in _ABBREVIATIONS
    return False


def _before_stop(window: str) -> str:
    """The characters before the full stop that ends ``window`` back to a space, as
    ``re.search(r"(\\S*)\\.$", window)[1]`` finds them, without its tries at every start."""
    start = len(window) - 1
    while start > 0 and not window[start - 1].isspace():
        start -= 1
    return window[start:-1]


def words(text: str) -> list[Word]:
    """The words of ``text`` (hyphenated compounds kept whole) with sentence numbers."""
    found, sentence, end = [], 0, 0
    for m in _WORD.finditer(text):
        start = m.start()
        gap = text[end:start]
        if found and not gap.strip():
            # Only spaces since the last word, which ends in a letter: a new sentence
            # only at a line break, and no digits between (what sentence_initial and
            # the check below say, without their walk over the characters).
            initial, number = "\n" in gap, False
        else:
            initial = sentence_initial(text, start)
            number = any(map(str.isdigit, gap))
        sentence += initial
        end = m.end()
        found.append(Word(m.group(), start, end, sentence, initial, number))
    return found


def names(text: str, language: str, ws: list[Word] | None = None) -> list[Name]:
    """Names of people and places in ``text``: runs of capitalised words cut at titles,
    function words and (in German) words that look like common nouns. ``ws`` are the
    text's ``words`` when already known."""
    ws, found, i = words(text) if ws is None else ws, [], 0
    headlines = _headlines(ws) if language != "de" else set()
    while i < len(ws):
        j = i + 1
        if (known := _known_person(ws, i, language)) is not None:
            found.append(known)
            i += len(known.tokens)
            continue
        if ws[i].text[0].isupper() and ws[i].sentence not in headlines:
            while j < len(ws) and ws[j].text[0].isupper() and not ws[j].initial:
                if text[ws[j - 1].end : ws[j].start].strip():
                    break
                j += 1
            found += _run(ws, i, j, language)
        i = j
    return found + _acronyms(ws, found)


def _acronyms(ws: list[Word], found: list[Name]) -> list[Name]:
    """Words in capitals ("NBC", "CBRE") outside the names found: an organisation or a
    country by its initials, compared only with other such words; but one that the
    lexicon's places.txt names a country by ("USA", "UK") is a place, compared with
    places ("Kanada")."""
    taken = [(n.start, n.end) for n in found]
    return [
        Name(w.text, (w.text,), _acronym_role(w.text), w.start, w.end)
        for w in ws
        if 2 <= len(w.text) <= 6
        and w.text.isupper()
        and w.text.isalpha()
        and not any(s <= w.start < e for s, e in taken)
    ]


def _acronym_role(word: str) -> str:
    return "place" if word.casefold() in PLACE_WORDS else "acronym"


def _run(ws: list[Word], i: int, j: int, language: str) -> list[Name]:
    """The names in a run of capitalised words; a first name inside it starts a person
    ("Wirtschaftsministerin Martina Hoffung"), whatever the surname looks like."""
    found, start, k = [], i, i + 1
    while k < j:
        known = _known_person(ws, k, language)
        if known is None or k + len(known.tokens) > j:
            k += 1
            continue
        found += _names_in_run(ws, start, k, language)
        role = _title(ws[k - 1].text, language) or "person"
        found.append(Name(known.text, known.tokens, role, known.start, known.end))
        start = k = k + len(known.tokens)
    return found + (_names_in_run(ws, start, j, language) if start < j else [])


def _known_person(ws: list[Word], i: int, language: str) -> Name | None:
    """A person the general rules miss: a common first name and the capitalised word
    after it ("Julia Berger" opening a German sentence, "Martin Hoffung" whose surname
    ends like a noun), or the one capitalised word after a German speech verb."""
    w = ws[i]
    if not w.text[0].isupper():
        return None
    nxt = ws[i + 1] if i + 1 < len(ws) else None
    if (
        w.text in GIVEN_NAMES
        and nxt is not None
        and nxt.sentence == w.sentence
        and nxt.text[0].isupper()
        and nxt.text.lower() not in STOPWORDS
    ):
        last = ws[i + 2] if i + 2 < len(ws) else None
        if _initial(nxt) and last and last.sentence == w.sentence and last.text[0].isupper():
            tokens = (w.text, nxt.text, last.text)  # "Maria K. Olsen"
            return Name(" ".join(tokens), tokens, "person", w.start, last.end)
        return Name(f"{w.text} {nxt.text}", (w.text, nxt.text), "person", w.start, nxt.end)
    before = ws[i - 1] if i > 0 else None
    if (
        language == "de"
        and before is not None
        and before.sentence == w.sentence
        and before.text.lower() in REPORTING_VERBS
        and w.text.lower() not in STOPWORDS
        and not (nxt is not None and nxt.sentence == w.sentence and nxt.text[0].isupper())
    ):
        return Name(w.text, (w.text,), "person", w.start, w.end)
    return None


def _initial(w: Word) -> bool:
    return len(w.text) == 1 and w.text.isupper()


def _headlines(ws: list[Word]) -> set[int]:
    """English sentences in title case ("Hope for New Support in Brussels"): a function
    word capitalised mid-sentence, or three capitals and no lowercase word but function
    words, give them away; their capitals name no one."""
    capitals: dict[int, int] = {}
    lower, found = set(), set()
    for w in ws:
        if w.text[0].isupper():
            capitals[w.sentence] = capitals.get(w.sentence, 0) + 1
            if not w.initial and not w.text.isupper() and w.text.lower() in _TITLE_CASE_WORDS:
                found.add(w.sentence)
        elif len(w.text) > 2 and w.text not in STOPWORDS:
            lower.add(w.sentence)
    return found | {s for s, n in capitals.items() if n >= 3 and s not in lower}


def _names_in_run(ws: list[Word], i: int, j: int, language: str) -> list[Name]:
    same_sentence = i > 0 and ws[i - 1].sentence == ws[i].sentence
    title = _title(ws[i - 1].text, language) if same_sentence else None
    found, first = [], i
    for k in range(i, j + 1):
        if k < j and not _generic(ws[k].text, language):
            continue
        segment = ws[first:k]
        while language == "de" and segment and plural_noun(segment[-1].text):
            segment.pop()  # "wo Russland Truppen stationiert": a name, then a noun
        before = ws[first - 1] if first > 0 else None
        earlier = ws[first - 2] if first > 1 else None
        if segment and _accept(segment, title, before, language, earlier):
            role = _role(segment, language, before, earlier)
            if title and role not in ("organisation", "agency"):
                role = title  # "Minister Weber"; but "State Department" stays a body
            tokens = tuple(w.text for w in segment)
            found.append(Name(" ".join(tokens), tokens, role, segment[0].start, segment[-1].end))
        title = _title(ws[k].text, language) if k < j else None
        first = k + 1
    return found


def _accept(
    segment: list[Word],
    title: str | None,
    before: Word | None,
    language: str,
    earlier: Word | None = None,
) -> bool:
    first = segment[0]
    if all(len(w.text) == 1 for w in segment):
        return False  # "U.S.", "A. B.": initials, no name of their own
    if title:
        return True
    if language == "de" and len(segment) == 1 and is_place(first.text):
        return True  # "dem britischen Schottland": a country or region wherever it stands
    if language == "de" and len(segment) == 1 and _district(first, before, earlier):
        return True
    if language != "de":
        # A sentence's first word is capitalised anyway: alone, it is a name only when
        # the dictionary does not know it ("Okonjo, who ...", not "Officials said ...").
        bare = re.split(r"['’]", first.text)[0]  # "There’s", "Okonjo's"
        return len(segment) > 1 or not first.initial or not known(bare, "en")
    if first.after_number:
        return False  # "50 Millionen Euro", "von 50 Mio. Euro": units, not names
    previous = before.text.lower() if before and before.sentence == first.sentence else ""
    if len(segment) > 1:
        return not (first.initial or previous in DETERMINERS or _DE_ADJECTIVE.search(previous))
    if previous in REPORTING_VERBS:
        return True  # "…“, sagte Meier": who speaks is a person
    if first.initial:
        return False
    return (previous in _PLACE_PREPOSITIONS and _place(first.text)) or not known(first.text, "de")


def _district(word: Word, before: Word | None, earlier: Word | None) -> bool:
    """Whether a German word is a district or government region after a preposition of
    place, with or without an article between ("in der Prignitz", "in Oberfranken")."""
    if word.text.casefold() not in _DISTRICTS or before is None:
        return False
    if before.sentence != word.sentence:
        return False
    previous = before.text.lower()
    if previous in _PLACE_PREPOSITIONS or previous in _PLACE_CONTRACTIONS:
        return True
    return (
        previous in _ARTICLES
        and earlier is not None
        and earlier.sentence == word.sentence
        and earlier.text.lower() in _PLACE_PREPOSITIONS
    )


def _role(
    segment: list[Word], language: str, before: Word | None = None, earlier: Word | None = None
) -> str:
    folded = [w.text.casefold() for w in segment]
    if any(w in AGENCIES for w in folded):
        return "agency"
    if any(w in ORGANISATION_WORDS for w in folded):
        return "organisation"
    if language == "de":
        if before is not None and before.text.lower() in REPORTING_VERBS:
            return "person"
        if len(segment) > 1:
            return "person"
        word = segment[0].text
        previous = before.text.lower() if before is not None else ""
        if is_place(word) or (previous in _PLACE_PREPOSITIONS and _place(word)):
            return "place"
        if _district(segment[0], before, earlier):
            return "place"
        return "name"  # a word the dictionary does not know: a person's or a place's name
    if len(segment) > 1 and (segment[0].text in GIVEN_NAMES or _title_before(before)):
        return "person"
    # Capitalised words in English name products, teams and places as often as people.
    return "name"


def _title_before(before: Word | None) -> bool:
    return before is not None and _title(before.text, "en") is not None


def is_role_word(folded: str, language: str) -> bool:
    """Whether a (case-folded) word names a role a person holds ("minister",
    "Richterin"): a passage with one may speak of a named person by it."""
    pattern = _TITLE_DE if language == "de" else _TITLE_EN
    return bool(pattern.search(folded.rpartition("-")[2]))


@lru_cache(maxsize=65536)
def _title(word: str, language: str) -> str | None:
    pattern = _TITLE_DE if language == "de" else _TITLE_EN
    m = pattern.search(word.lower().rpartition("-")[2])
    return (m[1] or m[2]) if m and (language != "de" or word[0].isupper()) else None


@lru_cache(maxsize=65536)
def _generic(word: str, language: str) -> bool:
    last = word.lower().rpartition("-")[2]
    if last in ORGANISATION_WORDS:
        return False  # "AG", "GmbH", "Bank": part of an organisation's name
    if word.isupper() and len(word) > 1 or last in STOPWORDS or last in MONTH_AND_DAY_WORDS:
        return True
    if last in UNIT_WORDS or last in MAGNITUDE_WORDS:
        return True  # "Kilowattstunde", "Millionen": a measure, no name
    if last in _DE_PLACES or last in _DISTRICTS:
        return False
    if _title(word, language):
        return True
    if language != "de":
        return last in _EN_GENERIC or bool(_EN_ADJECTIVE.search(last))
    return last in _DE_COMMON or bool(_DE_NOUN_END.search(last))


def plural_noun(word: str) -> bool:
    """Whether a German word looks like a plural noun ("Personen", "Bürgern")."""
    w = word.lower()
    if not w.endswith(("en", "ern")) or w.endswith("ien"):
        return False
    return w not in _DE_PLACES and w not in _DISTRICTS and not is_place(w)


def _place(word: str) -> bool:
    w = word.lower()
    if w in _DE_PLACES or w.endswith("ien"):
        return True
    return not w.endswith(("en", "ern", "e", "er"))
