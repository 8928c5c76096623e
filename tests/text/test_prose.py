"""Prose or not: encoded data, dumps and symbol runs are told apart from articles."""

import base64
import json
import random

import pytest

from workbench.text.prose import prose_problem

RANDOM = random.Random(7)
BLOB = bytes(RANDOM.getrandbits(8) for _ in range(3000))


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (base64.b64encode(BLOB).decode(), "without a space (the longest has 4,000)"),
        (base64.encodebytes(BLOB).decode(), "without a space (the longest has 76)"),
        ("\n".join(BLOB[i : i + 32].hex() for i in range(0, 960, 32)), "without a space"),
        (" ".join(f"{b:02x}" for b in BLOB[:400]), "of its 400 pieces are words"),
        (" ".join(str(RANDOM.randint(0, 9999)) for _ in range(200)), "0 of its 200 pieces"),
        (" ".join(RANDOM.choice("!?#$%&*+-=") * 3 for _ in range(100)), "0 of its 100 pieces"),
        (
            " ".join(base64.b32encode(BLOB[:500]).decode()[i : i + 5] for i in range(0, 800, 5)),
            "in no language",
        ),
        (json.dumps([{"id": i, "v": RANDOM.random()} for i in range(60)]), "in no language"),
        ("", "no words"),
    ],
)
def test_what_is_not_prose_says_why(text, why):
    assert why in (prose_problem(text) or "")


@pytest.mark.parametrize(
    "text",
    [
        "Titel\n\nEin Satz über die Lage am Montag.",
        "Die Donaudampfschifffahrtsgesellschaftskapitänsmütze kostet 12,50 Euro, sagte er.",
        "Laut https://example.org/" + "a" * 300 + " stieg die Zahl auf 12.",
        "Jahr Umsatz Gewinn\n2019 12,3 1,2\n2020 14,5 1,5\n2021 15,1 1,9\n" * 3
        + "Der Umsatz stieg in drei Jahren deutlich, teilte das Unternehmen am Montag mit.",
        "CDU 31,2 % SPD 25,7 % Grüne 14,1 % FDP 7,9 % AfD 10,3 % Linke 4,9 % " * 3
        + "Die Wahlbeteiligung lag bei 71 Prozent.",
        "COVID-19, 5G-Netz, d'Arc und H2O: Wörter mit Ziffern sind auch Wörter. " * 4,
    ],
)
def test_articles_read_as_prose(text):
    assert prose_problem(text) is None
