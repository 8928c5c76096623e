"""Matching speed: claim-passage pairs per second of the full matcher against difflib
on the same pairs, and the time to match one article against its sources.

    python bench/match_speed.py

Sentences are generated (German and English, deterministic) in the shape of news
text: subjects, reporting verbs, numbers, dates, places and names.
"""

from __future__ import annotations

import difflib
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.matching import encoder, inflect, numbers, reading, search, semantic  # noqa: E402
from workbench.matching.reading import read  # noqa: E402
from workbench.matching.score import score_readings  # noqa: E402
from workbench.matching.types import Document  # noqa: E402

DE = {
    "subjects": "Die Bundesregierung|Der Stadtrat von {place}|Das Verteidigungsministerium|"
    "Die Landesregierung|Ein Sprecher der Polizei in {place}|Die Europäische Kommission|"
    "Der Verband der Kommunen|Die Gewerkschaft Verdi|Das Statistische Bundesamt|Die NATO|"
    "{name}|Bürgermeisterin {name}|Der Generalstab in {place}|Die Feuerwehr in {place}|"
    "Das Gesundheitsamt|Die Deutsche Bahn|Der Bundesrechnungshof|Die Staatsanwaltschaft "
    "{place}|Das Umweltbundesamt|Die Opposition im Landtag|Der Deutsche Wetterdienst|"
    "Die Verbraucherzentrale|Außenminister {name}|Die Weltgesundheitsorganisation",
    "verbs": "kündigte am Montag an|teilte am Dienstag mit|berichtete|bestätigte|erklärte|"
    "warnte am Mittwoch|plant nach eigenen Angaben|hat beschlossen|meldete|räumte ein|"
    "betonte am Freitag|gab bekannt|schätzt|kritisierte scharf|forderte",
    "objects": "dass die Hilfen um {n} Prozent steigen sollen|dass rund {n}.{m:03d} Menschen "
    "von dem Hochwasser betroffen sind|dass die Kosten der Sanierung bei {n},{d} Millionen "
    "Euro liegen|dass die Arbeiten am Bahnhof bis zum {day}. {month} {year} abgeschlossen "
    "werden|dass {n} Gemeinden in {place} zusätzliche Fördermittel erhalten|dass die Zahl "
    "der Rettungseinsätze seit {year} deutlich gestiegen ist|dass {name} für die Planung "
    "der Brücke in {place} zuständig ist|dass {n} Soldaten nach {place} verlegt werden|dass "
    "der Haushalt {year} um {n},{d} Milliarden Euro wächst|dass die Ermittlungen gegen {n} "
    "Verdächtige eingestellt wurden|dass im {month} {year} mehr als {n} Millimeter Regen "
    "fielen|dass die Mieten in {place} um {n},{d} Prozent gestiegen sind|dass {n} Stellen "
    "in der Verwaltung gestrichen werden|dass die Impfquote bei {n} Prozent liegt|dass der "
    "Streik am {day}. {month} beginnt",
    "months": "Januar Februar März April Mai Juni Juli August September Oktober".split(),
    "and": "und",
    "contexts": "im Streit um das {topic}|nach dem Bericht zum {topic}|trotz Kritik am "
    "{topic}|mit Blick auf das {topic}|in der Debatte über das {topic}",
    "topics": [
        f"{a}{b}"
        for a in "Hochwasser Schul Klima Energie Verkehrs Wohnungs Kranken Renten Steuer Hafen "
        "Wasser Wald Kita Polizei Brücken Bahn Strom Gas Müll Digital Radweg Bau Flughafen "
        "Tourismus Kultur Sport Jugend Senioren Pflege Forschungs".split()
        for b in "gesetz programm projekt konzept budget gutachten abkommen verfahren paket "
        "register".split()
    ],
}
EN = {
    "subjects": "The federal government|The city council of {place}|The defence ministry|"
    "A police spokesperson in {place}|The European Commission|The association of "
    "municipalities|The Verdi union|The statistics office|NATO|{name}|Mayor {name}|The "
    "general staff in {place}|The fire brigade in {place}|The health authority|Deutsche "
    "Bahn|The federal audit office|Prosecutors in {place}|The environment agency|The "
    "opposition in the state parliament|The weather service|The consumer advice centre|"
    "Foreign minister {name}|The World Health Organization",
    "verbs": "announced on Monday|said on Tuesday|reported|confirmed|explained|warned on "
    "Wednesday|plans, according to its own statement,|has decided|stated|admitted|stressed "
    "on Friday|made public|estimates|sharply criticised|demanded",
    "objects": "that aid will rise by {n} percent|that about {n},{m:03d} people are affected "
    "by the flood|that renovation costs are {n}.{d} million euros|that work on the station "
    "will be finished by {month} {day}, {year}|that {n} municipalities in {place} receive "
    "extra funding|that the number of rescue operations has risen sharply since {year}|that "
    "{name} is in charge of planning the bridge in {place}|that {n} soldiers will move to "
    "{place}|that the {year} budget grows by {n}.{d} billion euros|that the investigation "
    "into {n} suspects was dropped|that more than {n} millimetres of rain fell in {month} "
    "{year}|that rents in {place} rose by {n}.{d} percent|that {n} administrative jobs will "
    "be cut|that the vaccination rate is {n} percent|that the strike begins on {month} {day}",
    "months": "January February March April May June July August September October".split(),
    "and": "and",
    "contexts": "in the dispute over the {topic}|after the report on the {topic}|despite "
    "criticism of the {topic}|with a view to the {topic}|in the debate on the {topic}",
    "topics": [
        f"{a} {b}"
        for a in "flood school climate energy transport housing hospital pension tax harbour "
        "water forest childcare police bridge rail power gas waste digital cycling building "
        "airport tourism culture sports youth senior nursing research".split()
        for b in "law programme project plan budget report agreement procedure package "
        "register".split()
    ],
}
PLACES = "Brüssel Kiew Kursk Sumy Pokrowsk Odessa Cherson Berlin Hamburg München Köln Wien "
PLACES += "Leipzig Dresden Bremen Hannover Stuttgart Mainz Kiel Erfurt Potsdam Rostock"
PLACES = PLACES.split()
NAMES = "Anna Müller|Boris Pistorius|John Healey|Mark Rutte|Rustem Umjerow|Oleh Apostol|"
NAMES += "Andrij Sybiha|Rafael Grossi|Robert Browdi|Eva Schmidt|Jonas Weber|Lena Fischer|"
NAMES += "Karl Braun|Maria Wagner|Tom Becker|Sara Hoffmann|Paul Schulz|Nina Koch|Ali Yilmaz"


def sentence(rng: random.Random, lang: dict) -> str:
    def pick(key: str) -> str:
        return rng.choice(lang[key].split("|"))

    values = dict(
        n=rng.randint(2, 980), m=rng.randint(0, 999), d=rng.randint(1, 9),
        day=rng.randint(1, 28), month=rng.choice(lang["months"]), year=rng.randint(1990, 2026),
        place=rng.choice(PLACES), name=rng.choice(NAMES.split("|")),
    )  # fmt: skip
    verb = pick("verbs")
    if rng.random() < 0.7:
        verb += " " + pick("contexts").replace("{topic}", rng.choice(lang["topics"]))
    return f"{pick('subjects')} {verb}, {pick('objects')}.".format(**values)


def claim_from(rng: random.Random, sentences: list[str], lang: dict) -> str:
    """A claim an article would make: a sentence reworded, two merged, or a new one."""
    kind = rng.random()
    if kind < 0.5:
        subject_verb, _, rest = rng.choice(sentences).partition(", ")
        return f"{rest[:-1].capitalize()}, {subject_verb.lower()}."  # clauses swapped
    if kind < 0.75:
        i = rng.randrange(len(sentences) - 1)
        second = sentences[i + 1]
        return f"{sentences[i][:-1]} {lang['and']} {second[0].lower()}{second[1:]}"
    return sentence(rng, lang)


def document(key: int, sentences: list[str], language: str) -> Document:
    text, spans = "", []
    for i, s in enumerate(sentences):
        text += "\n\n" if i % 5 == 0 and i else " " if i else ""
        spans.append((len(text), len(text) + len(s)))
        text += s
    return Document(key, text, tuple(spans), language)


def corpus(seed: int, sources: int, size: int, claims: int):
    rng = random.Random(seed)
    docs, pool = [], []
    for key in range(sources):
        lang, code = (DE, "de") if key % 2 == 0 else (EN, "en")
        sentences = [sentence(rng, lang) for _ in range(size)]
        docs.append(document(key, sentences, code))
        pool.append((sentences, lang))
    texts = []
    for _ in range(claims):
        sentences, lang = pool[0] if sources == 1 else rng.choice(pool)
        texts.append(claim_from(rng, sentences, lang))
    return docs, texts


def clear_caches(*, keep_sources: bool = False) -> None:
    """Forget every reading, lemma and prepared document (not the models: a worker loads
    them once), so each run reads its sources from scratch; with ``keep_sources`` the
    sources' sentence readings and the encoder's passage vectors stay."""
    if not keep_sources:
        search._prepare.cache_clear()
        encoder.encoder().forget()
    for cached in (
        search._matcher,
        reading.read,
        reading._word,
        inflect.lemma,
        inflect.stem,
        numbers.word_value,
        numbers._number_word,
    ):
        cached.cache_clear()


class TimedCheck:
    """checks.check_readings, timing itself, so its share of the matcher's time can be
    printed."""

    def __init__(self) -> None:
        self.check = search._default_checker()
        self.seconds = 0.0
        self.calls = 0

    def __call__(self, claim, passage, page, sentences) -> list:
        started = time.perf_counter()
        try:
            return self.check(claim, passage, page, sentences)
        finally:
            self.seconds += time.perf_counter() - started
            self.calls += 1


class TimedEncoder:
    """The sentence encoder's seconds inside a run, so its share can be printed."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __enter__(self) -> TimedEncoder:
        model = encoder.encoder()
        read_many = model.cosines_many

        def timed(requests):
            started = time.perf_counter()
            try:
                return read_many(requests)
            finally:
                self.seconds += time.perf_counter() - started

        model.cosines_many = timed
        return self

    def __exit__(self, *exc) -> None:
        del encoder.encoder().cosines_many


def run_matcher(
    docs: list[Document], claims: list[str], *, keep_sources: bool = False
) -> tuple[float, float, TimedCheck, float]:
    """Seconds to build a Matcher and to match every claim, the checker, and the
    encoder's seconds. Caches are cleared first; with ``keep_sources`` the sources'
    sentence readings stay, as a worker keeps them per snapshot (every claim and passage
    is still read anew)."""
    prepared = search._prepare.cache_info().currsize
    clear_caches(keep_sources=keep_sources)
    assert not keep_sources or search._prepare.cache_info().currsize == prepared
    checker = TimedCheck()
    started = time.perf_counter()
    matcher = search.Matcher(docs, "de", checker=checker)
    built = time.perf_counter()
    with TimedEncoder() as timed:
        matcher.match_many(claims, top=3)  # as the worker matches an article's claims
    return built - started, time.perf_counter() - built, checker, timed.seconds


def pairs_per_second() -> bool:
    docs, claims = corpus(seed=1, sources=1, size=300, claims=200)
    passages = [docs[0].text[s:e] for s, e in docs[0].sentences]
    pairs = len(claims) * len(passages)
    run_matcher(docs, claims[:20])  # warms numpy and the lexicon's caches, as a worker has
    build, match, checker, encoding = run_matcher(docs, claims)
    full = pairs / (build + match)
    without = pairs / (build + match - checker.seconds)
    clear_caches()
    started = time.perf_counter()
    readings = [read(p, "de") for p in passages]
    for claim in claims:
        score_readings(read(claim, "de"), readings)
    brute = pairs / (time.perf_counter() - started)
    sample = [(c, p) for c in claims[:20] for p in passages]
    started = time.perf_counter()
    for a, b in sample:
        difflib.SequenceMatcher(None, a, b).ratio()
    base = len(sample) / (time.perf_counter() - started)

    def verdict(rate: float) -> str:
        ok = "OK" if rate >= 50 * base else "MISSED"
        return f"{rate:10,.0f} pairs/s = {rate / base:4.0f}x difflib (target >= 50x): {ok}"

    print(f"(a) {len(claims)} claims x {len(passages)} passages = {pairs:,} pairs")
    print(f"    difflib ratio, timed on a sample of {len(sample):,} pairs: {base:10,.0f} pairs/s")
    print(f"    score_readings on every pair (no prefilter), reading: {brute:10,.0f} pairs/s")
    print("    matcher without checks (read, prefilter, score, rank, highlights):")
    print(f"        {verdict(without)}")
    per_call = checker.seconds / max(checker.calls, 1) * 1000
    print(f"    full matcher, with the checks on the {checker.calls} passages that get flags:")
    print(f"        {verdict(full)}; checks take {checker.seconds * 1000:.0f} of")
    rest = pairs / (build + match - encoding) / base
    print(f"        {(build + match) * 1000:.0f} ms, {per_call:.2f} ms a call; the sentence")
    print(f"        encoder {encoding * 1000:.0f} ms of them (the rest alone: {rest:.0f}x difflib)")
    return full >= 50 * base


def article_time() -> bool:
    docs, claims = corpus(seed=2, sources=5, size=300, claims=40)

    def median_of_5(keep_sources: bool) -> tuple[float, ...]:
        runs = []
        for _ in range(5):
            build, match, checker, encoding = run_matcher(docs, claims, keep_sources=keep_sources)
            runs.append(
                (build * 1000, match * 1000, checker.seconds * 1000, checker.calls, encoding * 1000)
            )
        return tuple(statistics.median(r[i] for r in runs) for i in range(5))

    print(f"(b) article: {len(claims)} claims x {len(docs)} sources x 300 sentences, median of 5")
    build, match, checks, calls, encoding = median_of_5(keep_sources=False)
    total = build + match
    verdict = "OK" if total < 200 else "MISSED"
    print(
        f"    sources never read before: build {build:.0f} ms (reading 1,500 sentences) + match"
        f" {match:.0f} ms (of which checks {checks:.0f} ms, {calls:.0f} calls, the sentence"
        f" encoder {encoding:.0f} ms) = {total:.0f} ms (target < 200 ms): {verdict}"
    )
    warm = median_of_5(keep_sources=True)
    print(
        f"    sources read before (readings kept per snapshot, as a worker does): build"
        f" {warm[0]:.0f} ms + match {warm[1]:.0f} ms = {warm[0] + warm[1]:.0f} ms"
    )
    return total < 200


def rss_mb() -> float:
    """This process's resident memory, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def model_memory() -> None:
    before = rss_mb()
    started = time.perf_counter()
    model = semantic.model()
    seconds = time.perf_counter() - started
    print(
        f"word-vector model: {model.table.shape[0]:,} tokens x {model.table.shape[1]} dims,"
        f" {model.nbytes / 2**20:.1f} MiB of vectors; loading took {seconds * 1000:.0f} ms and"
        f" {rss_mb() - before:.0f} MiB of resident memory (process {rss_mb():.0f} MiB);"
        " loaded once per process"
    )
    before = rss_mb()
    started = time.perf_counter()
    encoder.encoder().cosines("Warm.", ["Warm."])
    seconds = time.perf_counter() - started
    print(
        f"sentence encoder: loading and a first sentence took {seconds * 1000:.0f} ms and"
        f" {rss_mb() - before:.0f} MiB of resident memory (process {rss_mb():.0f} MiB);"
        " loaded once per process"
    )


def main() -> int:
    print(f"{os.cpu_count()} cores; the first Matcher of the run, warming numpy, is not timed")
    model_memory()
    missed = [name for name, ok in (("(a)", pairs_per_second()), ("(b)", article_time())) if not ok]
    if missed:
        print(f"MISSED: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
