"""Names of countries and of the first-level regions of the German-speaking countries, the
United Kingdom and the United States, in German and English, from ISO 3166 as the
``pycountry`` package ships it (with the iso-codes project's German translations).

German capitalises every noun, so a lone capitalised word is taken for a place only
after "in", "aus", "nach" (names.py); a word listed here is a place wherever it stands
("dem britischen Schottland"), so a claim that names another one is compared with it.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

# Whose regions are listed: those German and English news copy names most.
REGIONS_OF = ("DE", "AT", "CH", "GB", "US")


@cache
def places() -> frozenset[str]:
    """Folded one-word place names ("schottland", "tirol", "kanada")."""
    return _countries() | _regions()


@cache
def _countries() -> frozenset[str]:
    translated = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    found = set()
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                found.update((name, translated.gettext(name)))
    return _one_word(found)


@cache
def _regions() -> frozenset[str]:
    translated = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])
    found = set()
    for region in pycountry.subdivisions:
        if region.country_code in REGIONS_OF and region.parent_code is None:
            found.update((region.name, translated.gettext(region.name)))
    return _one_word(found)


def _one_word(found: set[str]) -> frozenset[str]:
    # "Wales [Cymru GB-CYM]": the name before its alternative in brackets.
    names = (name.partition(" [")[0] for name in found)
    return frozenset(name.casefold() for name in names if " " not in name)


# The shortest region and country names read at the end of a compound ("Südtirol",
# "Oberbayern", "Ostdeutschland"); shorter ones end common words ("Beschleuniger").
COMPOUND_REGION, COMPOUND_COUNTRY = 5, 6


@cache
def _endings() -> tuple[str, ...]:
    regions = (name for name in _regions() if len(name) >= COMPOUND_REGION)
    countries = (name for name in _countries() if len(name) >= COMPOUND_COUNTRY)
    return (*regions, *countries)


def is_place(word: str) -> bool:
    """Whether a German word names a listed place, or a part of one as a compound ending
    in it ("Oberbayern", "Nordhessen", "Südtirol")."""
    folded = word.casefold()
    return folded in places() or folded.endswith(_endings())
