"""Whether text reads as prose: words of some language with spaces between them.

Import asks before it looks for sentences, so encoded data (a base64 blob, a hex dump)
is refused with its reason instead of becoming an untitled article with one giant
"claim" (and the sentence splitter never spends minutes on a run without spaces).
"""

from __future__ import annotations

import re

from workbench.text.language import detect_language
from workbench.text.urls import URL_RE

# Longer than the words newsrooms write (German compounds run to about 40 letters),
# shorter than a line of MIME base64 (76).
LONG_TOKEN = 45
# Less than this in long runs is a long word or two, not data.
MIN_DATA_CHARS = 200
# Below this many tokens the share of words says little; such text has no sentence to
# check anyway, which import says on its own.
MIN_TOKENS = 20
# Prose is mostly words, and an article with a table of figures still about half; a hex
# dump has about one letters-only pair in eight.
MIN_WORD_SHARE = 0.3
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
# Punctuation around a word: neither a letter nor a digit to _LETTER and _DIGIT.
_PUNCTUATION = ".,;:!?()\"'„“”«»"


def prose_problem(text: str) -> str | None:
    """Why ``text`` is not prose, or None when it reads as prose.

    In: the text of an article's blocks. Out: a reason fit to follow "it is not an
    article:", e.g. "most of it is runs of characters without a space ...".

    >>> prose_problem("Der Bund zahlt am Montag 50 Millionen Euro an die Länder.") is None
    True
    """
    tokens = URL_RE.sub(" ", text).split()
    if not tokens:
        return "it has no words"
    long = [len(token) for token in tokens if len(token) > LONG_TOKEN]
    if sum(long) >= MIN_DATA_CHARS and 2 * sum(long) > sum(map(len, tokens)):
        return (
            f"most of it is runs of characters without a space (the longest has "
            f"{max(long):,}), like encoded data, not sentences"
        )
    if len(tokens) >= MIN_TOKENS:
        words = sum(map(_is_word, tokens))
        if words < MIN_WORD_SHARE * len(tokens):
            return f"only {words:,} of its {len(tokens):,} pieces are words"
        if detect_language(" ".join(tokens), default="") == "zxx":
            return "its words are in no language (they read as data)"
    return None


def _is_word(token: str) -> bool:
    """Mostly letters: "Länder", "COVID-19", "5G-Netz", "d'Arc"; not "4f", "0x1f", "42"."""
    if token.strip(_PUNCTUATION).isalpha():
        return True  # letters only, as most words are, besides punctuation that counts for nothing
    letters = len(_LETTER.findall(token))
    return letters > 0 and letters > len(_DIGIT.findall(token))
