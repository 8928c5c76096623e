"""Key terms of a sentence, for a search that finds the page a claim came from."""

from __future__ import annotations

import re

from workbench import lexicon

_WORD = re.compile(r"[\wÄÖÜäöüß][\w.,%-]*[\w%]|\w", re.UNICODE)


def key_terms(sentence: str, limit: int = 8) -> list[str]:
    """The sentence's most telling words in order: numbers, names and long words,
    never stop words.

    >>> key_terms("Fast 1.200 Tage nach Beginn der russischen Invasion erhält die Ukraine Hilfe.")
    ['Fast', '1.200', 'Tage', 'Beginn', 'russischen', 'Invasion', 'Ukraine', 'Hilfe']
    """
    stop_words = lexicon.words("stopwords_de.txt", "stopwords_en.txt")
    words = [w for w in _WORD.findall(sentence) if w.casefold() not in stop_words]
    scored = sorted(
        range(len(words)),
        key=lambda i: (
            -(
                any(c.isdigit() for c in words[i]) * 3
                + words[i][0].isupper() * 2
                + (len(words[i]) > 6)
            ),
            i,
        ),
    )
    keep = sorted(scored[:limit])
    return [words[i] for i in keep]
