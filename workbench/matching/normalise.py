"""One normaliser for claims and sources: case, quotes, hyphenation, numbers, dates."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from workbench.text.terms import STOP_WORDS

_MONTHS = {
    1: "januar jänner january jan",
    2: "februar february febr feb",
    3: "märz maerz march mär mrz mar",
    4: "april apr",
    5: "mai may",
    6: "juni june jun",
    7: "juli july jul",
    8: "august aug",
    9: "september sept sep",
    10: "oktober october okt oct",
    11: "november nov",
    12: "dezember december dez dec",
}
_MONTH_NUMBER = {name: number for number, names in _MONTHS.items() for name in names.split()}
_MONTH = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
# Short forms ("mar", "may", "jun") are ordinary words too, so a bare day and month
# counts as a date only with a full month name.
_FULL_MONTH = "|".join(
    sorted((n for n in _MONTH_NUMBER if len(n) > 4 or n in ("mai", "juni", "juli", "june", "july")),
           key=len, reverse=True)
)  # fmt: skip
_ORD = r"(?:\.|st|nd|rd|th)?"

_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_WRAP_LOWER = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[a-zß-öø-ÿ])")
_WRAP_OTHER = re.compile(r"-[ \t]*\r?\n\s*(?=\w)")
_THIN_SPACE = re.compile(r"(?<=[0-9])[\u2009\u202f](?=[0-9]{3}\b)")
_SPECIAL = re.compile("[\u00ad\u200b\u2060\ufeff\u2009\u202f]")
_DIGIT = re.compile("[0-9]")
_URL = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)\S*")
_PUNCT = str.maketrans(
    {c: '"' for c in "„“”«»‟″"} | {c: "'" for c in "‚‘’‹›‛′`´"} | {c: "-" for c in "‐‑‒–—―−"}
)
_TYPOGRAPHIC = re.compile("[„“”«»‟″‚‘’‹›‛′`´‐‑‒–—―−]")
_DATE_HINT = re.compile(rf"\b(?=[jfmasond])(?:{_MONTH})\b|[0-9]\.[0-9]{{1,2}}\.[0-9]")
_DMY = re.compile(
    rf"(?<![\w.,-])([0-9]{{1,2}}){_ORD} ?(?:of )?({_MONTH})\b\.?,? ([0-9]{{4}})\b(?![.,-]?[0-9])"
)
_MDY = re.compile(
    rf"\b({_MONTH})\b\.? ([0-9]{{1,2}})(?:st|nd|rd|th)?,? ([0-9]{{4}})\b(?![.,-]?[0-9])"
)
_MY = re.compile(rf"\b({_MONTH})\b\.? ([0-9]{{4}})\b(?![.,-]?[0-9])")
_DM = re.compile(rf"(?<![\w.,-])([0-9]{{1,2}}){_ORD} ?({_FULL_MONTH})\b")
_MD = re.compile(rf"\b({_FULL_MONTH}) ([0-9]{{1,2}})(?:st|nd|rd|th)?\b(?![.,-]?[0-9])")
_NUMERIC_DATE = re.compile(r"(?<![\w.,-])([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\b(?![.,][0-9])")
_NUMBER = re.compile(r"(?<![\w.,])[0-9]+(?:[.,][0-9]+)+(?!\w|[.,][0-9])")
_PERCENT = re.compile(r"(?<=[0-9]) ?(?:%|prozent\b|percent\b|per cent\b)")
_TOKEN = re.compile(r"[0-9]+(?:[.:/-][0-9]+)*(?: ?%)?|[^\W_]+")
_SEP = re.compile(r"[.,]")
_ISO_DATE = re.compile(r"[0-9]{4}-([0-9]{2}-[0-9]{2})")
# Dates, numbers with units and words as they stand in the original text, so that
# offsets of a normalised token can be found again (see search.Matcher.highlight).
RAW_TOKEN = re.compile(
    rf"[0-9]{{1,2}}{_ORD}\s*(?:of\s+)?(?:{_MONTH})\b\.?,?\s+[0-9]{{4}}\b"
    rf"|(?=[jfmasond])(?:{_MONTH})\b\.?\s+[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+[0-9]{{4}}\b"
    rf"|(?=[jfmasond])(?:{_MONTH})\b\.?\s+[0-9]{{4}}\b"
    rf"|[0-9]{{1,2}}{_ORD}\s*(?:{_FULL_MONTH})\b"
    rf"|(?=[jfmasond])(?:{_FULL_MONTH})\s+[0-9]{{1,2}}(?:st|nd|rd|th)?\b(?![.,-]?[0-9])"
    r"|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}\b"
    r"|[0-9]+(?:[.,\u2009\u202f][0-9]+)*(?:\s?(?:%|prozent\b|percent\b|per\s+cent\b))?"
    r"|[^\W_](?:(?:[\w\u00ad]|-[ \t]*\r?\n\s*(?=(?-i:[a-zß-öø-ÿ])))*[^\W_])?",
    re.IGNORECASE,
)

# Attribution ("berichtet {url}", "said") tells who, not what.
_ATTRIBUTION = "berichtet berichtete meldet meldete sagte sagt zufolge according said says"
STOP = frozenset(w.casefold() for w in STOP_WORDS) | frozenset(
    """bis so man was wenn dann da doch ja hier dort damit dabei sein sei seien kann können soll
    sollen muss müssen ihm ihn ihnen uns ob weil denn habe hätte würde worden jedoch seit beim vom
    ins nun alle allen alles einer eines einem jetzt laut dieses diesem denen dessen deren welche
    i you our your there these those them what when where how can could should must do does did
    so if about after before up out than then such some any other just""".split()
    + _ATTRIBUTION.split()
)
# One suffix only, longest first: "ministers", "ministern" and "minister" all lose
# theirs and meet at "minist"; stripping twice would take "minister" on to "minis".
_SUFFIXES = "ings ers ern ten ing te en em er es ed e n s t".split()


def _number(match: re.Match[str], language: str | None) -> str:
    raw = match.group()
    last = max(raw.rfind("."), raw.rfind(","))
    separators = {c for c in raw if c in ".,"}
    groups = _SEP.split(raw)
    if len(separators) == 2:
        whole, fraction = _SEP.sub("", raw[:last]), raw[last + 1 :]
    elif raw.count(raw[last]) > 1:
        if any(len(g) != 3 for g in groups[1:]):
            return raw  # "1.2.3": a version or list, not a number
        whole, fraction = "".join(groups), ""
    else:
        decimal_here = (raw[last] == ",") if language == "de" else (raw[last] == ".")
        thousands = len(groups[1]) == 3 and 1 <= len(groups[0]) <= 3 and groups[0][0] != "0"
        if thousands and (language is None or not decimal_here):
            whole, fraction = "".join(groups), ""
        else:
            whole, fraction = groups[0], groups[1]
    fraction = fraction.rstrip("0")
    if len(fraction) == 3:
        # "1,234" (de decimal) must not read as a thousands group when normalised again.
        fraction += "0"
    return f"{whole}.{fraction}" if fraction else whole


def _date(m: re.Match[str], year: int | None, month: int, day: int | None) -> str:
    """ISO-like "2025-06-04", "2025-06" or "06-04"; the match itself if no real date."""
    y = m[year] if year else ""
    number = int(m[month]) if m[month].isdigit() else _MONTH_NUMBER[m[month]]
    d = int(m[day]) if day else 1
    if not (1 <= d <= 31 and 1 <= number <= 12):
        return m.group()
    iso = f"{number:02d}" + (f"-{d:02d}" if day else "")
    return f"{y}-{iso}" if y else iso


def normalise(text: str, language: str | None = None) -> str:
    """``text`` in the one form claims and sources are compared in.

    ``language`` ("de", "en" or None) decides "1,200" and "1.200": None takes a
    separator before exactly three digits as a thousands separator.

    >>> normalise("Am 4. Juni 2025 kamen „1.200“ Leute – 30 Prozent mehr.", "de")
    'am 2025-06-04 kamen "1200" leute - 30 % mehr.'
    """
    if _SPECIAL.search(text):
        text = _INVISIBLE.sub("", _THIN_SPACE.sub("", text))
    if "\n" in text:
        text = _WRAP_OTHER.sub("-", _WRAP_LOWER.sub("", text))
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    if "://" in text or "www." in text:
        text = _URL.sub(" ", text)  # a cited address is no part of what a claim states
    if _TYPOGRAPHIC.search(text):
        text = text.translate(_PUNCT)
    text = " ".join(text.split())
    if not _DIGIT.search(text):
        return text
    # Percent, then numbers, then dates: each may create the next one's pattern ("0.0%",
    # "juni 2.025"), so that a second pass changes nothing.
    text = _PERCENT.sub(" %", text)
    text = _NUMBER.sub(lambda m: _number(m, language), text)
    if not _DATE_HINT.search(text):
        return text
    text = _NUMERIC_DATE.sub(lambda m: _date(m, 3, 2, 1), text)
    text = _DMY.sub(lambda m: _date(m, 3, 2, 1), text)
    text = _MDY.sub(lambda m: _date(m, 3, 1, 2), text)
    text = _MY.sub(lambda m: _date(m, 2, 1, None), text)
    # Without a year the token is "06-04", which keys() also derives from a full date.
    text = _DM.sub(lambda m: _date(m, None, 2, 1), text)
    text = _MD.sub(lambda m: _date(m, None, 1, 2), text)
    return _PERCENT.sub(" %", text)  # again: a date may now stand before a "%"


def content_tokens(normalised: str) -> list[str]:
    """Words of a normalised text without stop words; numbers, dates and "30%" kept.

    >>> content_tokens("die nato plant 30 % mehr am 2025-06-04")
    ['nato', 'plant', '30%', '2025-06-04']
    """
    return [
        t.replace(" ", "")
        for t in _TOKEN.findall(normalised)
        if t not in STOP and (len(t) > 1 or t.isdigit())
    ]


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A crude German/English stem ("ministern", "ministers" -> "minist"), for overlap."""
    if token[0].isdigit():
        return token
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)]
    return token


def keys(tokens: list[str]) -> frozenset[str]:
    """The overlap keys of content tokens: stems, and "06-04" beside a full date."""
    out = {stem(t) for t in tokens}
    out.update(m[1] for t in tokens if t[0].isdigit() and (m := _ISO_DATE.fullmatch(t)))
    return frozenset(out)
