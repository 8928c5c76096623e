"""Inflection: a word's lemma (simplemma) and its overlap key (a Snowball stem of it)."""

from __future__ import annotations

from functools import lru_cache

import simplemma
import snowballstemmer

_STEMMERS = {"de": snowballstemmer.stemmer("german"), "en": snowballstemmer.stemmer("english")}


@lru_cache(maxsize=131072)
def lemma(word: str, language: str) -> str:
    """The casefolded dictionary form of ``word`` ("stieg" -> "steigen", "Ministern" ->
    "minister", "fell" -> "fall"); the word itself, casefolded, when unknown.

    >>> lemma("Häuser", "de"), lemma("strengthened", "en")
    ('haus', 'strengthen')
    """
    lang = language if language in _STEMMERS else "en"
    return simplemma.lemmatize(word, lang=lang).casefold()


@lru_cache(maxsize=131072)
def stem(word: str, language: str) -> str:
    """The key two inflected or derived forms share: the Snowball stem of the lemma
    ("Unterstützung" and "unterstützen" -> "unterstutz").

    >>> stem("Ministern", "de") == stem("Minister", "de")
    True
    """
    lang = language if language in _STEMMERS else "en"
    return _STEMMERS[lang].stemWord(lemma(word, lang))


@lru_cache(maxsize=65536)
def known(word: str, language: str) -> bool:
    """Whether simplemma's dictionary of ``language`` has ``word`` (in any case): a
    capitalised word it does not know is most likely a name ("Kidd").

    >>> known("However", "en"), known("Kidd", "en")
    (True, False)
    """
    lang = language if language in _STEMMERS else "en"
    return simplemma.is_known(word, lang=lang) or simplemma.is_known(word.lower(), lang=lang)
