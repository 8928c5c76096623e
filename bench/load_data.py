"""Generated newsroom data for the load benchmark, bulk-loaded into PostgreSQL with COPY.

Articles in three languages, each a title and paragraphs whose sentences are its claims,
in every dashboard state (unchecked, in progress, has disputes, ready, checked); every
fiftieth article is a long one with 200 claims. Each article cites a few pages, each
page has a fetched snapshot, a quarter of the claims cite a page of their own with two
ranked matches in its snapshot, every decided claim has the review event of its
verdict, every claim has triage and claim memory's keys, and a quarter of the claims were
said in three other articles (their panels show them as seen before). Deterministic for
a given size.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import psycopg

from workbench.matching.reading import read
from workbench.matching.triage import triage

LONG_CLAIMS = 200
LONG_EVERY = 50
# Every fourth claim was said in three other articles before ("seen before" in its
# panel, both ways); the offsets are past any article's claims and never pair a claim
# twice (cid + back is never a multiple of ECHO_EVERY).
ECHO_EVERY = 4
ECHO_BACK = (401, 802, 1203)
SOURCES_PER_ARTICLE = 3
MATCHER_VERSION = "bench"
START = datetime(2026, 1, 1, 6, 0)

# Topic words: titles take one or two, so searching one finds a share of the articles.
TOPICS = {
    "de": [
        "Haushalt",
        "Klimaschutz",
        "Wohnungsbau",
        "Bundeswehr",
        "Pflegereform",
        "Nahverkehr",
        "Schulbau",
        "Energiepreise",
        "Hochwasser",
        "Rentenpaket",
        "Grundsteuer",
        "Krankenhaus",
    ],
    "en": [
        "budget",
        "housing",
        "railway",
        "hospital",
        "flooding",
        "pensions",
        "tariffs",
        "wildfire",
        "election",
        "vaccines",
        "broadband",
        "drought",
    ],
    "fr": [
        "budget",
        "logement",
        "retraites",
        "inondations",
        "hôpital",
        "élection",
        "sécheresse",
        "agriculture",
        "énergie",
        "transports",
    ],
}
SUBJECTS = {
    "de": [
        "Die Bundesregierung",
        "Der Stadtrat",
        "Das Statistische Bundesamt",
        "Die Opposition",
        "Der Bürgermeister",
        "Die Gewerkschaft",
        "Ein Sprecher der Polizei",
        "Der Verband",
    ],
    "en": [
        "The government",
        "The city council",
        "The statistics office",
        "The opposition",
        "The mayor",
        "The union",
        "A police spokesperson",
        "The association",
    ],
    "fr": [
        "Le gouvernement",
        "Le conseil municipal",
        "L'Insee",
        "L'opposition",
        "Le maire",
        "Le syndicat",
        "Un porte-parole de la police",
        "L'association",
    ],
}
VERBS = {
    "de": ["teilte am Montag mit", "bestätigte", "erklärte", "berichtete", "warnte"],
    "en": ["said on Monday", "confirmed", "announced", "reported", "warned"],
    "fr": ["a annoncé lundi", "a confirmé", "a déclaré", "a indiqué", "a averti"],
}
OBJECTS = {
    "de": [
        "dass die Kosten für {t} um {n} Prozent steigen",
        "dass rund {n}.{m:03d} Menschen vom {t} betroffen sind",
        "dass {n} Gemeinden Mittel für {t} erhalten",
        "dass die Zahl der Fälle seit {y} gestiegen ist",
    ],
    "en": [
        "that spending on {t} will rise by {n} percent",
        "that about {n},{m:03d} people are affected by the {t} plans",
        "that {n} towns will receive money for {t}",
        "that the number of cases has risen since {y}",
    ],
    "fr": [
        "que les dépenses pour {t} augmenteront de {n} pour cent",
        "qu'environ {n} {m:03d} personnes sont concernées par {t}",
        "que {n} communes recevront des fonds pour {t}",
        "que le nombre de cas a augmenté depuis {y}",
    ],
}
LANGUAGES = ["de"] * 6 + ["en"] * 3 + ["fr"]
# An article's planned state, and how often: the dashboard's filter finds each.
STATES = [
    ("unchecked", 35),
    ("in_progress", 30),
    ("has_disputes", 15),
    ("ready", 10),
    ("checked", 10),
]
DECIDED = ("verified", "unsupported")
REASON = "no_passage"
CHUNK = 500
# Clients decide claims of every tenth article (the long ones among them).
DECIDED_EVERY = 10


@dataclass
class Plan:
    """What was loaded, for the clients: who logs in and what they may touch."""

    articles: int
    claims: int
    long_articles: list[int] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    search_terms: list[str] = field(default_factory=list)
    # [claim id, version, status, of a long article] of the claims clients may decide.
    decidable: list[tuple[int, int, str, bool]] = field(default_factory=list)
    events: int = 0


def claim_counts(articles: int, claims: int) -> list[int]:
    """Claims per article: LONG_CLAIMS for every LONG_EVERY-th, the rest shared out so
    the total is exactly ``claims``."""
    long_ids = {i for i in range(1, articles + 1) if i % LONG_EVERY == 0}
    rest = claims - LONG_CLAIMS * len(long_ids)
    short = articles - len(long_ids)
    if rest < short:
        raise ValueError(f"{claims} claims are too few for {articles} articles")
    base, extra = divmod(rest, short)
    counts, n_short = [], 0
    for i in range(1, articles + 1):
        if i in long_ids:
            counts.append(LONG_CLAIMS)
        else:
            counts.append(base + (1 if n_short < extra else 0))
            n_short += 1
    return counts


def _sentence(rng: random.Random, lang: str, topic: str) -> str:
    obj = rng.choice(OBJECTS[lang]).format(
        t=topic, n=rng.randint(2, 980), m=rng.randint(0, 999), y=rng.randint(1990, 2025)
    )
    return f"{rng.choice(SUBJECTS[lang])} {rng.choice(VERBS[lang])}, {obj}."


def _state(rng: random.Random) -> str:
    return rng.choices([s for s, _ in STATES], weights=[w for _, w in STATES])[0]


def _statuses(rng: random.Random, state: str, n: int) -> list[str]:
    if state == "unchecked":
        return ["pending"] * n
    if state in ("ready", "checked"):
        return [rng.choice(DECIDED) for _ in range(n)]
    decided = max(1, n // 2)
    out = [rng.choice(DECIDED) for _ in range(decided)] + ["pending"] * (n - decided)
    if state == "has_disputes":
        out[0] = "disputed"
    return out


class Loader:
    """COPY rows into the tables of a migrated, empty database, counting them."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn
        self.rows: dict[str, int] = {}

    def copy(self, table: str, columns: tuple[str, ...], rows: Iterator[tuple]) -> None:
        with self.conn.cursor() as cur:
            with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                n = 0
                for row in rows:
                    copy.write_row(row)
                    n += 1
        self.rows[table] = self.rows.get(table, 0) + n


def load(
    url: str, articles: int, claims: int, password_hash: str, clients: int, seed: int = 11
) -> tuple[Plan, dict[str, int], float]:
    """Fill the database at ``url`` (a psycopg URL); returns the plan, rows per table
    and the seconds the load took (COPY and the closing ANALYZE)."""
    rng = random.Random(seed)
    plan = Plan(articles=articles, claims=claims)
    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        loader = Loader(conn)
        users = _users(clients)
        loader.copy(
            "users",
            ("id", "username", "password_hash", "role", "is_active", "created_at"),
            ((uid, name, password_hash, role, True, START) for uid, name, role in users),
        )
        reviewer_ids = [uid for uid, _, role in users if role == "reviewer"]
        editor_id = next(uid for uid, _, role in users if role == "editor")
        build = _Build(rng, plan, reviewer_ids, editor_id)
        counts = claim_counts(articles, claims)
        # In chunks, each table in the order of its references: memory stays small.
        for first in range(0, articles, CHUNK):
            build.clear()
            for index in range(first, min(first + CHUNK, articles)):
                build.article(index + 1, counts[index])
            for table, columns in TABLES:
                loader.copy(table, columns, iter(build.rows[table]))
        plan.languages = sorted(build.languages)
        plan.search_terms = sorted({t for terms in TOPICS.values() for t in terms})
        for table in (
            "users",
            "articles",
            "claims",
            "sources",
            "snapshots",
            "matches",
            "review_events",
        ):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    plan.events = loader.rows.get("review_events", 0)
    return plan, loader.rows, time.perf_counter() - started


def _users(clients: int) -> list[tuple[int, str, str]]:
    """One reviewer per client, plus colleagues who decided earlier verdicts."""
    users = [(i + 1, f"load{i + 1:02d}", "reviewer") for i in range(clients)]
    users += [(clients + 1 + i, f"desk{i + 1:02d}", "reviewer") for i in range(8)]
    users.append((clients + 9, "editor01", "editor"))
    return users


ARTICLE_COLUMNS = (
    "id",
    "title",
    "dek",
    "body",
    "body_sha256",
    "original",
    "input_format",
    "language",
    "origin_url",
    "publisher",
    "published_at",
    "imported_at",
    "imported_by_id",
    "signed_off_by_id",
    "signed_off_at",
    "layout",
)
CLAIM_COLUMNS = (
    "id",
    "article_id",
    "position",
    "text",
    "start_offset",
    "end_offset",
    "kind",
    "triage",
    "triage_score",
    "triage_reason",
    "status",
    "note",
    "updated_by_id",
    "updated_at",
    "version",
    "reason",
    "evidence",
    "assigned_to_id",
    "suggestion",
    "suggestion_reason",
    "is_source_changed",
)
SOURCE_COLUMNS = (
    "id",
    "url",
    "kind",
    "title",
    "created_at",
    "fetch_requested_at",
    "fetch_started_at",
)
SNAPSHOT_COLUMNS = (
    "id",
    "source_id",
    "state",
    "origin",
    "requested_url",
    "final_url",
    "http_status",
    "content_type",
    "headers",
    "sha256",
    "size",
    "text",
    "passages",
    "title",
    "published",
    "language",
    "error",
    "fetched_at",
    "created_by_id",
)
MATCH_COLUMNS = (
    "id",
    "claim_id",
    "snapshot_id",
    "rank",
    "score",
    "passage",
    "passage_start",
    "passage_end",
    "span_start",
    "span_end",
    "highlights",
    "flags",
    "anchor",
    "matcher_version",
    "created_at",
)
EVENT_COLUMNS = (
    "id",
    "article_id",
    "claim_id",
    "user_id",
    "action",
    "from_status",
    "to_status",
    "note",
    "reason",
    "evidence",
    "detail",
    "created_at",
)


TABLES = (
    ("articles", ARTICLE_COLUMNS),
    ("claims", CLAIM_COLUMNS),
    ("claim_keys", ("language", "key", "claim_id")),
    ("claim_echoes", ("claim_id", "other_id", "similarity")),
    ("sources", SOURCE_COLUMNS),
    ("snapshots", SNAPSHOT_COLUMNS),
    ("article_sources", ("article_id", "source_id", "origin", "label")),
    ("claim_sources", ("claim_id", "source_id", "origin", "label")),
    ("matches", MATCH_COLUMNS),
    ("review_events", EVENT_COLUMNS),
)


class _Build:
    """The rows of one chunk of articles, table by table; ids run on across chunks."""

    def __init__(self, rng, plan, reviewer_ids, editor_id) -> None:
        self.rng, self.plan = rng, plan
        self.reviewer_ids, self.editor_id = reviewer_ids, editor_id
        self.rows: dict[str, list[tuple]] = {}
        self.claim_id = self.source_id = self.match_id = self.event_id = 0
        self.languages: set[str] = set()
        self.language = ""

    def clear(self) -> None:
        self.rows = {table: [] for table, _ in TABLES}

    def article(self, aid: int, n: int) -> None:
        rng = self.rng
        lang = rng.choice(LANGUAGES)
        self.languages.add(lang)
        self.language = lang
        topics = rng.sample(TOPICS[lang], 2)
        title = f"{topics[0].capitalize()}: {_sentence(rng, lang, topics[1])[:-1]}"
        imported_at = START + timedelta(minutes=37 * aid)
        pieces, layout, offset = [], [], 0

        def add(text: str, kind: str) -> int:
            nonlocal offset
            if pieces:
                pieces.append("\n\n")
                offset += 2
            start = offset
            pieces.append(text)
            offset += len(text)
            layout.append([start, offset, kind])
            return start

        add(title, "title")
        sentences = [_sentence(rng, lang, rng.choice(topics)) for _ in range(n)]
        spans = []
        for p in range(0, n, 5):
            group = sentences[p : p + 5]
            start = add(" ".join(group), "paragraph")
            for s in group:
                spans.append((start, start + len(s)))
                start += len(s) + 1
        body = "".join(pieces)
        state = _state(rng)
        statuses = _statuses(rng, state, n)
        signed = state == "checked"
        self.rows["articles"].append(
            (
                aid,
                title,
                "",
                body,
                hashlib.sha256(body.encode()).hexdigest(),
                body,
                "text",
                lang,
                None,
                None,
                None,
                imported_at,
                self.editor_id,
                self.editor_id if signed else None,
                imported_at + timedelta(days=2) if signed else None,
                json.dumps(layout),
            )
        )
        if aid % LONG_EVERY == 0:
            self.plan.long_articles.append(aid)
        sources = self._sources(aid, lang, topics, imported_at)
        for position, (text, (start, end), status) in enumerate(
            zip(sentences, spans, statuses, strict=True)
        ):
            self._claim(aid, position, text, start, end, status, sources, imported_at)
        if signed:
            self._event(
                aid, None, self.editor_id, "sign_off", "", "", imported_at + timedelta(days=2)
            )

    def _sources(self, aid, lang, topics, at) -> list[tuple[int, int, str]]:
        """The article's cited pages, each with one fetched snapshot: (source, snapshot, text)."""
        out = []
        for k in range(SOURCES_PER_ARTICLE):
            self.source_id += 1
            sid = self.source_id
            topic = topics[k % 2]
            url = f"https://news{k}.example.org/{lang}/{aid}/{topic.lower()}"
            self.rows["sources"].append((sid, url, "page", f"{topic} ({aid})", at, None, None))
            text = " ".join(_sentence(self.rng, lang, topic) for _ in range(8))
            self.rows["snapshots"].append(
                (
                    sid,
                    sid,
                    "fetched",
                    "fetch",
                    url,
                    url,
                    200,
                    "text/html",
                    "{}",
                    hashlib.sha256(text.encode()).hexdigest(),
                    len(text.encode()),
                    text,
                    "[]",
                    f"{topic} ({aid})",
                    None,
                    lang,
                    "",
                    at + timedelta(minutes=5),
                    None,
                )
            )
            self.rows["article_sources"].append((aid, sid, "source_list", ""))
            out.append((sid, sid, text))
        return out

    def _claim(self, aid, position, text, start, end, status, sources, at) -> None:
        rng = self.rng
        self.claim_id += 1
        cid = self.claim_id
        kind = "not_claim" if status == "pending" and rng.random() < 0.02 else "statement"
        decided = status != "pending"
        user = rng.choice(self.reviewer_ids) if decided else None
        when = at + timedelta(hours=1 + position % 20) if decided else None
        note = "Checked against the cited page." if status in ("verified", "disputed") else ""
        reason = REASON if status == "unsupported" else ""
        suggestion = ""
        if position % 4 == 0:
            sid, snap, snap_text = sources[position % len(sources)]
            self.rows["claim_sources"].append((cid, sid, "inline", ""))
            suggestion = "verified" if status == "verified" else "needs_source"
            for rank in range(2):
                cut = rank * (len(snap_text) // 2)
                passage = snap_text[cut : cut + 160]
                self.match_id += 1
                self.rows["matches"].append(
                    (
                        self.match_id,
                        cid,
                        snap,
                        rank,
                        82.0 - 20 * rank,
                        passage,
                        cut,
                        cut + len(passage),
                        cut,
                        cut + min(60, len(passage)),
                        "[]",
                        "[]",
                        "{}",
                        MATCHER_VERSION,
                        at + timedelta(minutes=6),
                    )
                )
        version = 2 if decided else 1
        # Triage and claim memory's keys from the workbench's own reading, as an import
        # stores them, so the review panel's "seen before" looks up real postings.
        reading = read(text, self.language)
        found = triage(reading)
        self.rows["claim_keys"].extend((self.language, key, cid) for key in sorted(reading.keys))
        if cid % ECHO_EVERY == 0:
            # Said before in other articles (ids this far back are in other articles).
            for back in ECHO_BACK:
                if cid > back:
                    self.rows["claim_echoes"].append((cid, cid - back, 80.0))
                    self.rows["claim_echoes"].append((cid - back, cid, 80.0))
        self.rows["claims"].append(
            (
                cid,
                aid,
                position,
                text,
                start,
                end,
                kind,
                found.label,
                found.score,
                found.reason,
                status,
                note,
                user,
                when,
                version,
                reason,
                "{}",
                None,
                suggestion,
                "",
                False,
            )
        )
        if decided:
            self._event(aid, cid, user, "status", "pending", status, when, note=note, reason=reason)
        if kind == "statement" and aid % DECIDED_EVERY == 0:
            self.plan.decidable.append((cid, version, status, aid % LONG_EVERY == 0))

    def _event(
        self, aid, cid, user, action, from_status, to_status, when, *, note="", reason=""
    ) -> None:
        self.event_id += 1
        self.rows["review_events"].append(
            (
                self.event_id,
                aid,
                cid,
                user,
                action,
                from_status,
                to_status,
                note,
                reason,
                "{}",
                "",
                when,
            )
        )
