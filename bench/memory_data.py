"""Generated news claims for bench/memory.py: German and English sentences about
invented places, people, firms and figures, each statement in several wordings, with
planted pairs (a claim and, in another article, its rewording or a near copy).

Every name is made up from syllables here; no sentence comes from a real text."""

from __future__ import annotations

import random
from dataclasses import dataclass

PER_ARTICLE = 10
GERMAN_SHARE = 0.6

DE_FORMS = [
    [
        "{org} in {place} bewilligte am {wday} {n},{d} Millionen Euro für das {topic}.",
        "Für das {topic} hat {org} in {place} am {wday} {n},{d} Millionen Euro bewilligt.",
        "{n},{d} Millionen Euro gibt {org} in {place} für das {topic} frei,"
        " wie am {wday} bekannt wurde.",
    ],
    [
        "Nach Angaben von {org} sind in {place} rund {n}.{m:03d} Menschen vom {event} betroffen.",
        "Rund {n}.{m:03d} Menschen in {place} sind laut {org} vom {event} betroffen.",
        "Vom {event} in {place} sind nach Schätzung von {org} etwa {n}.{m:03d} Menschen betroffen.",
    ],
    [
        "Die Firma {firm} streicht in {place} {n} Stellen, wie {person} am {wday} bestätigte.",
        "{person} bestätigte am {wday}, dass {firm} in {place} {n} Arbeitsplätze abbaut.",
        "In {place} fallen bei {firm} {n} Stellen weg, das hat {person} am {wday} bestätigt.",
    ],
    [
        "Die Mieten in {place} sind im {month} um {n},{d} Prozent gestiegen, teilte {org} mit.",
        "Um {n},{d} Prozent stiegen die Mieten in {place} im {month}, so {org}.",
        "{org} meldet für {place} im {month} ein Plus der Mieten von {n},{d} Prozent.",
    ],
    [
        "{person} soll ab dem {day}. {month} {year} das {topic} in {place} leiten.",
        "Ab dem {day}. {month} {year} leitet {person} das {topic} in {place}.",
        "Die Leitung des {topic}s in {place} übernimmt {person} zum {day}. {month} {year}.",
    ],
    [
        "Die Polizei in {place} nahm am {wday} {n} Verdächtige wegen {crime} fest.",
        "Wegen {crime} wurden in {place} am {wday} {n} Verdächtige festgenommen.",
        "{n} Verdächtige hat die Polizei in {place} am {wday} wegen {crime} gefasst.",
    ],
]
EN_FORMS = [
    [
        "The {org} of {place} approved {n}.{d} million euros for the {topic} on {wday}.",
        "On {wday}, {place}'s {org} approved {n}.{d} million euros for the {topic}.",
        "{n}.{d} million euros will go to the {topic}, the {org} of {place} decided on {wday}.",
    ],
    [
        "About {n},{m:03d} people in {place} were affected by the {event}, the {org} said.",
        "The {event} affected some {n},{m:03d} people in {place}, according to the {org}.",
        "According to the {org}, around {n},{m:03d} residents of {place} were hit by the {event}.",
    ],
    [
        "{firm} will cut {n} jobs in {place}, {person} confirmed on {wday}.",
        "{person} confirmed on {wday} that {firm} is cutting {n} jobs at its {place} site.",
        "On {wday}, {person} said {firm} would eliminate {n} jobs in {place}.",
    ],
    [
        "Rents in {place} rose by {n}.{d} percent in {month}, the {org} reported.",
        "The {org} reported that rents in {place} went up {n}.{d} percent in {month}.",
        "In {month}, rents in {place} climbed {n}.{d} percent, according to the {org}.",
    ],
    [
        "{person} will take charge of the {topic} in {place} from {month} {day}, {year}.",
        "From {month} {day}, {year}, the {topic} in {place} will be led by {person}.",
        "{person} is to head {place}'s {topic} starting {month} {day}, {year}.",
    ],
    [
        "Police in {place} arrested {n} suspects over {crime} on {wday}.",
        "{n} suspects were arrested by police in {place} on {wday} in connection with {crime}.",
        "On {wday}, {place} police detained {n} suspects over alleged {crime}.",
    ],
]
# Near copies: the same wording with a few words added at the end.
DE_TAILS = [" Das teilte die Pressestelle mit.", " Weitere Details sind noch offen."]
EN_TAILS = [" Further details were not given.", " A spokesperson confirmed this."]

_SYL = "ka lo mer tan bri sel vor du gan hel rim tor pa wen fal sten ber mo li dra nus kel".split()
_DE_END = "ingen bach au feld dorf hausen stedt heim burg rode".split()
_EN_END = "ton ford bridge field wick borough ham stead mouth ley".split()
_GIVEN = "Anke Jonas Mirela Tobias Ines Karl Selma Utz Greta Ole Hanna Piet Lina Bruno".split()
_GIVEN_EN = "Alice Owen Maya Reid Nora Felix Ruth Silas Ivy Grant June Elliot Tess Rowan".split()
_DE_ORG = [
    "der Landkreis",
    "die Stadtverwaltung",
    "der Stadtrat",
    "das Landratsamt",
    "der Zweckverband",
    "die Kreisverwaltung",
    "der Gemeinderat",
    "die Bezirksregierung",
]
_EN_ORG = [
    "council",
    "county board",
    "planning office",
    "city authority",
    "district office",
    "housing agency",
    "regional assembly",
    "town board",
]
_DE_TOPIC = [
    a + b
    for a in (
        "Schul Klima Energie Verkehrs Wohnungs Kranken Hafen Wasser Wald Kita Brücken"
        " Radweg Sport Jugend Pflege"
    ).split()
    for b in "projekt programm zentrum konzept netz amt werk".split()
]
_EN_TOPIC = [
    f"{a} {b}"
    for a in (
        "school climate energy transport housing hospital harbour water forest childcare"
        " bridge cycling sports youth care"
    ).split()
    for b in "project programme centre plan network office scheme".split()
]
_DE_EVENT = "Hochwasser|Stromausfall|Sturm|Hagelschlag|Waldbrand|Erdrutsch|Wasserrohrbruch".split(
    "|"
)
_EN_EVENT = "flood|power cut|storm|hailstorm|wildfire|landslide|water main break".split("|")
_DE_CRIME = "Betrugs|Diebstahls|Einbruchs|Brandstiftung|Geldwäsche|Erpressung".split("|")
_EN_CRIME = "fraud|theft|burglary|arson|money laundering|extortion".split("|")
_DE_WDAY = "Montag Dienstag Mittwoch Donnerstag Freitag Samstag".split()
_EN_WDAY = "Monday Tuesday Wednesday Thursday Friday Saturday".split()
_DE_MONTH = (
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
)
_EN_MONTH = (
    "January February March April May June July August September October November December".split()
)


@dataclass
class Claims:
    texts: list[str]
    languages: list[str]  # of each claim (all claims of an article share it)
    pairs: list[tuple[int, int]]  # (claim, its planted partner in another article)


def _name(rng: random.Random, endings: list[str]) -> str:
    return "".join(rng.choice(_SYL) for _ in range(rng.randint(1, 2))).capitalize() + rng.choice(
        endings
    )


def _facts(rng: random.Random, german: bool) -> dict:
    endings = _DE_END if german else _EN_END
    surname = "".join(rng.choice(_SYL) for _ in range(2)).capitalize() + rng.choice(
        ["er", "mann", "s", "ow", "i"]
    )
    return {
        "place": _name(rng, endings),
        "person": f"{rng.choice(_GIVEN if german else _GIVEN_EN)} {surname}",
        "firm": _name(rng, ["tec", "werke", "bau", "tronic", "logistik"])
        if german
        else _name(rng, [" Systems", " Foods", " Logistics", " Motors", " Labs"]),
        "org": rng.choice(_DE_ORG if german else _EN_ORG),
        "topic": rng.choice(_DE_TOPIC if german else _EN_TOPIC),
        "event": rng.choice(_DE_EVENT if german else _EN_EVENT),
        "crime": rng.choice(_DE_CRIME if german else _EN_CRIME),
        "wday": rng.choice(_DE_WDAY if german else _EN_WDAY),
        "month": rng.choice(_DE_MONTH if german else _EN_MONTH),
        "day": rng.randint(1, 28),
        "year": rng.randint(2019, 2027),
        "n": rng.randint(2, 950),
        "d": rng.randint(1, 9),
        "m": rng.randint(0, 999),
    }


def _sentence(form: str, facts: dict) -> str:
    text = form.format(**facts)
    return text[0].upper() + text[1:]


def generate(n: int, pairs: int, seed: int = 7) -> Claims:
    """``n`` claims (a multiple of ten: articles of ten) with ``pairs`` planted pairs,
    half rewordings and half near copies, each across two articles of one language."""
    rng = random.Random(seed)
    articles = n // PER_ARTICLE
    languages = ["de" if rng.random() < GERMAN_SHARE else "en" for _ in range(articles)]
    texts: list[str] = []
    made: list[tuple[int, int, dict]] = []  # kind, form, facts of each claim
    for a in range(articles):
        german = languages[a] == "de"
        forms = DE_FORMS if german else EN_FORMS
        for _ in range(PER_ARTICLE):
            kind, facts = rng.randrange(len(forms)), _facts(rng, german)
            form = rng.randrange(len(forms[kind]))
            made.append((kind, form, facts))
            texts.append(_sentence(forms[kind][form], facts))
    planted: list[tuple[int, int]] = []
    used: set[int] = set()
    while len(planted) < pairs:
        first, second = rng.randrange(len(texts)), rng.randrange(len(texts))
        a, b = first // PER_ARTICLE, second // PER_ARTICLE
        if a == b or languages[a] != languages[b] or {first, second} & used:
            continue
        used |= {first, second}
        german = languages[a] == "de"
        forms = DE_FORMS if german else EN_FORMS
        kind, form, facts = made[first]
        if len(planted) % 2:
            other = (form + 1 + rng.randrange(len(forms[kind]) - 1)) % len(forms[kind])
            texts[second] = _sentence(forms[kind][other], facts)
        else:
            texts[second] = texts[first] + rng.choice(DE_TAILS if german else EN_TAILS)
        planted.append((first, second))
    return Claims(texts, [languages[i // PER_ARTICLE] for i in range(len(texts))], planted)
