"""Generated German articles in the seed's shape, for benchmarks: deterministic, unique."""

from __future__ import annotations

import random

SUBJECTS = [
    "Die Bundesregierung",
    "Der Stadtrat",
    "Das Verteidigungsministerium",
    "Die Landesregierung",
    "Ein Sprecher der Polizei",
    "Die Europäische Kommission",
    "Der Verband",
    "Die Gewerkschaft",
    "Das Statistische Bundesamt",
    "Die Opposition im Landtag",
    "Der Bürgermeister",
    "Die NATO",
]
VERBS = [
    "kündigte am Montag an",
    "teilte am Dienstag mit",
    "berichtete",
    "bestätigte",
    "erklärte",
    "warnte am Mittwoch",
    "plant nach eigenen Angaben",
    "hat beschlossen",
]
OBJECTS = [
    "dass die Hilfen um {n} Prozent steigen sollen",
    "dass rund {n}.{m:03d} Menschen betroffen sind",
    "dass die Kosten bei {n},{d} Millionen Euro liegen",
    "dass die Arbeiten bis zum {day}. {month} {year} abgeschlossen werden",
    "dass {n} Gemeinden zusätzliche Mittel erhalten",
    "dass die Zahl der Einsätze seit {year} deutlich gestiegen ist",
    "dass Dr. Müller u. a. für die Planung zuständig ist",
]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September"]
HEADINGS = [
    "Reaktionen aus der Politik",
    "Kritik von Verbänden",
    "Wie es weitergeht",
    "Hintergrund",
]
OUTLETS = [
    ("Tagesspiegel", "www.tagesspiegel.de"),
    ("BMVG", "www.bmvg.de"),
    ("Euronews", "de.euronews.com"),
    ("NDR", "www.ndr.de"),
    ("ZDF", "www.zdf.de"),
    ("Spiegel", "www.spiegel.de"),
]


def _sentence(rng: random.Random) -> str:
    obj = rng.choice(OBJECTS).format(
        n=rng.randint(2, 980),
        m=rng.randint(0, 999),
        d=rng.randint(1, 9),
        day=rng.randint(1, 28),
        month=rng.choice(MONTHS),
        year=rng.randint(1990, 2026),
    )
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)}, {obj}."


def generate(count: int, sentences: int = 40, seed: int = 7) -> list[str]:
    """``count`` distinct plain-text articles of about ``sentences`` sentences each."""
    rng = random.Random(seed)
    articles = []
    for index in range(count):
        body = [_sentence(rng) for _ in range(sentences)]
        paragraphs = [" ".join(body[i : i + 4]) for i in range(1, sentences, 4)]
        cut = paragraphs[1].rsplit(" ", 3)
        paragraphs[1] = f"{cut[0]}\n\n{' '.join(cut[1:])}"
        paragraphs.insert(3, rng.choice(HEADINGS))
        outlets = rng.sample(OUTLETS, 3)
        names = ", ".join(f"**{name}**" for name, _ in outlets[:-1]) + f" und **{outlets[-1][0]}**"
        articles.append(
            f"\n\nMeldung Nr. {index}: {rng.choice(SUBJECTS)} in der Kritik!\n\n{body[0]}\n\n\n"
            + "\n\n".join(paragraphs)
            + f"\n\nFür weitere Informationen besuchen Sie die Seiten von {names}.\n\n"
            + "Details\t\nVorfall\tSonstiges\nOrt\tBerlin, Deutschland\nQuellen\t"
            + '<ul style="list-style-type: none">'
            + "".join(f"• {domain}" for _, domain in outlets)
            + "\n\nBesuchen Sie uns auf: n-ag.net"
        )
    return articles
