"""Key terms of a sentence, for a search that finds the page a claim came from."""

from __future__ import annotations

import re

STOP_WORDS = frozenset(
    """der die das den dem des ein eine einen einem eines einer und oder aber mit von zu zum zur
    für auf in im an am bei nach aus über unter vor durch gegen ohne um als wie dass sich ist sind
    war waren wird werden wurde wurden hat haben hatte nicht auch noch nur schon sehr mehr sie er es
    wir ihr ihre ihren seine seiner diese dieser dieses zudem sowie bereits etwa rund
    the a an and or but with of to for on in at by from as that this than into is are was were be
    been has have had not also only more it its they their he she we his her which who will
    would""".split()
)
_WORD = re.compile(r"[\wÄÖÜäöüß][\w.,%-]*[\w%]|\w", re.UNICODE)


def key_terms(sentence: str, limit: int = 8) -> list[str]:
    """The sentence's most telling words in order: numbers, names and long words,
    never stop words.

    >>> key_terms("Fast 1.200 Tage nach Beginn der russischen Invasion erhält die Ukraine Hilfe.")
    ['Fast', '1.200', 'Tage', 'Beginn', 'russischen', 'Invasion', 'Ukraine', 'Hilfe']
    """
    words = [w for w in _WORD.findall(sentence) if w.lower() not in STOP_WORDS]
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
