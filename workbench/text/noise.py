"""Real-page noise that is neither claim nor passage, as the lexicon describes it: teasers,
credits, graphics and photo lines, link-only headlines; datelines before a first sentence;
instrument codes in wire copy that must not end a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from workbench import lexicon
from workbench.text.document import Block

TEASER = "teaser"
CREDIT = "credit"
GRAPHIC = "graphic"
CAPTION = "caption"
BOILERPLATE = "boilerplate"
# A block whose links cover this share of its text, with no full stop, is a headline
# pointing elsewhere (related articles, galleries), not a statement.
LINKED_SHARE = 0.9
# An author box is a role and a desk ("Redakteurin im Ressort Politik."); a sentence that
# starts the same way is longer.
MAX_AUTHOR_BOX_WORDS = 6
_TERMINAL = tuple('.!?…"“”»')


@dataclass(frozen=True)
class _Patterns:
    openers: tuple[tuple[str, re.Pattern[str]], ...]
    credit_ending: re.Pattern[str]
    longest_credit_ending: int
    caption: re.Pattern[str]
    author_box: re.Pattern[str]
    agency_credit: re.Pattern[str]
    tickers: re.Pattern[str]
    dateline: re.Pattern[str]
    place: re.Pattern[str]
    not_places: frozenset[str]


def _labels(entries: list[str] | tuple[str, ...]) -> str:
    """One alternation of labels matched at a block's start: whole words, a trailing ":"
    required where the label has one."""
    parts = []
    for label in sorted(entries, key=len, reverse=True):
        escaped = re.escape(label)
        parts.append(escaped + (r"(?!\w)" if label[-1].isalnum() else ""))
    return "|".join(parts)


@cache
def _patterns() -> _Patterns:
    noise = lexicon.load("noise.json")
    opener = r"^[\W_]*?(?:{})"
    openers = (
        (TEASER, lexicon.load("teasers.txt")),
        (CREDIT, lexicon.load("credits.txt")),
        (GRAPHIC, [label + sep for label in noise["graphics"] for sep in (":", "-", " -", " –")]),
        (BOILERPLATE, noise["boilerplate"]),
    )
    agencies = "|".join(re.escape(a) for a in sorted(noise["agencies"], key=len, reverse=True))
    endings = "|".join(re.escape(e) for e in noise["credit_endings"])
    return _Patterns(
        openers=tuple((kind, re.compile(opener.format(_labels(e)), re.I)) for kind, e in openers),
        credit_ending=re.compile(rf"(?:{endings})\W*$", re.I),
        longest_credit_ending=max(map(len, noise["credit_endings"])),
        caption=re.compile(noise["photo_credit"]),
        author_box=re.compile(
            rf"^(?:{_labels(noise['author_roles'])})\s+(?:{_labels(noise['author_links'])})\s"
        ),
        tickers=re.compile("|".join(noise["tickers"])),
        dateline=re.compile(noise["dateline"].replace("{agencies}", agencies)),
        agency_credit=re.compile(noise["agency_credit"].replace("{agencies}", agencies)),
        place=re.compile(noise["dateline_places"]),
        not_places=frozenset(noise["not_places"]),
    )


@lru_cache(maxsize=1024)
def noise_kind(text: str) -> str | None:
    """What kind of noise a block's text is, or None for text that may hold claims.

    >>> noise_kind("Lesen Sie auch: Neue Brücke für die Altstadt")
    'teaser'
    >>> noise_kind("(Reporting by Jane Doe; Editing by John Roe)")
    'credit'
    """
    patterns = _patterns()
    for kind, pattern in patterns.openers:
        if pattern.match(text):
            return kind
    if _ends_with_credit(patterns, text) or patterns.agency_credit.match(text.strip()):
        return CREDIT
    if patterns.caption.search(text):
        return CAPTION
    if len(text.split()) <= MAX_AUTHOR_BOX_WORDS and patterns.author_box.match(text):
        return CREDIT
    return None


def _ends_with_credit(patterns: _Patterns, text: str) -> bool:
    """``credit_ending.search(text)``, begun where a match can begin: an ending ends
    where the text's last run of non-word characters starts, or inside it."""
    tail = len(text)
    while tail and not (text[tail - 1].isalnum() or text[tail - 1] == "_"):
        tail -= 1
    start = max(0, tail - patterns.longest_credit_ending)
    return bool(patterns.credit_ending.search(text, start))


def is_linked_headline(block: Block) -> bool:
    """A block that is all link and no sentence: a pointer to another page."""
    text = block.text.strip()
    linked = sum(link.end - link.start for link in block.links)
    return bool(text) and linked >= LINKED_SHARE * len(text) and not text.endswith(_TERMINAL)


def noise_blocks(blocks: list[Block]) -> dict[int, str]:
    """Noise among a page's blocks: index -> kind. Besides ``noise_kind`` and linked
    headlines, the blocks that follow a bare teaser label ("Mehr zum Thema") while they
    are mostly link text are teasers too."""
    found: dict[int, str] = {}
    in_teasers = False
    for index, block in enumerate(blocks):
        kind = noise_kind(block.text)
        if kind is None and (is_linked_headline(block) or (in_teasers and _mostly_links(block))):
            kind = TEASER
        if kind is not None:
            found[index] = kind
        in_teasers = kind == TEASER and (in_teasers or len(block.text.split()) <= 8)
    return found


def _mostly_links(block: Block) -> bool:
    return sum(link.end - link.start for link in block.links) * 2 >= len(block.text)


def mask_tickers(text: str) -> str:
    """``text`` with the punctuation of instrument codes (".DJI", "<.N225>", "CLc1",
    "XAU=") replaced by "_", same length, so that a sentence splitter does not end a
    sentence inside them.

    >>> mask_tickers("The Dow Jones Industrial Average .DJI rose.")
    'The Dow Jones Industrial Average _DJI rose.'
    """

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\w\s]", "_", match[0])

    return _patterns().tickers.sub(blank, text)


def dateline_end(text: str) -> int:
    """Where the claim starts after a dateline glued to it ("BERLIN (dpa) - …",
    "WASHINGTON (Reuters) -", "Hamburg (dpa/lno) –"), 0 when there is none.

    >>> dateline_end("BERLIN (dpa) - Die Regierung will sparen.")
    15
    """
    patterns = _patterns()
    if match := patterns.dateline.match(text):
        return match.end()
    match = patterns.place.match(text)
    if match and text.split(None, 1)[0].rstrip(",") not in patterns.not_places:
        return match.end()
    return 0
