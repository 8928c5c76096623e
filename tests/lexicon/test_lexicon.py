"""The lexicon: data files that ship with the package and say where their entries come from."""

import pytest

from workbench import lexicon


def test_every_file_names_where_its_entries_come_from():
    files = lexicon.names()
    assert "noise.json" in files and "teasers.txt" in files
    for name in files:
        assert len(lexicon.source_of(name)) > 40, f"{name} does not say where it comes from"


def test_text_files_are_entries_without_comments_or_blank_lines():
    teasers = lexicon.load("teasers.txt")
    assert isinstance(teasers, tuple) and "Lesen Sie auch" in teasers
    assert not any(entry.startswith("#") or not entry.strip() for entry in teasers)


def test_json_files_are_parsed():
    assert isinstance(lexicon.load("noise.json")["tickers"], list)


def test_unknown_files_are_refused():
    with pytest.raises(FileNotFoundError):
        lexicon.load("no_such_list.txt")
    with pytest.raises(ValueError, match=".json or .txt"):
        lexicon.load("__init__.py")


def test_words_of_several_files_are_one_casefolded_set():
    stop_words = lexicon.words("stopwords_de.txt", "stopwords_en.txt")
    assert {"und", "the"} <= stop_words
    assert all(word == word.casefold() for word in stop_words)
