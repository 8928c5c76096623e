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
    """Whether simplemma's dictionary of ``language`` has ``word`` (in any case; in
    German also as a compound, hyphenated or feminine form of a word it has): a
    capitalised word it does not know is most likely a name ("Okonjo", "Halvek").

    >>> known("However", "en"), known("Okonjo", "en"), known("Halvek", "de")
    (True, False, False)
    >>> known("Verkehrsbehörde", "de"), known("Klimaschützerin", "de"), known("Klima-Deal", "de")
    (True, True, True)
    """
    lang = language if language in _STEMMERS else "en"
    if simplemma.is_known(word, lang=lang) or simplemma.is_known(word.lower(), lang=lang):
        return True
    if lang != "de":
        return False
    if "-" in word:
        return known(word.rpartition("-")[2], "de")  # "Klima-Deal"
    # A feminine form the dictionary lacks ("Klimaschützerin" of "Klimaschützer"); a
    # compound ends in a noun of five letters or more it has ("Verkehrsbehörde").
    stem = word.removesuffix("innen") if word.endswith("innen") else word.removesuffix("in")
    if stem != word and any(simplemma.is_known(stem + e, lang="de") for e in ("", "e")):
        return True
    return any(
        simplemma.is_known(word[i:].capitalize(), lang="de") for i in range(2, len(word) - 4)
    )
