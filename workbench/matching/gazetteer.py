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
    found: set[str] = set()
    countries = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    regions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                found.update((name, countries.gettext(name)))
    for region in pycountry.subdivisions:
        if region.country_code in REGIONS_OF and region.parent_code is None:
            found.update((region.name, regions.gettext(region.name)))
    # "Wales [Cymru GB-CYM]": the name before its alternative in brackets.
    names = (name.partition(" [")[0] for name in found)
    return frozenset(name.casefold() for name in names if " " not in name)
