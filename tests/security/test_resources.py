"""Resource attacks: a fetched page that is a gzip or deflate bomb, through every way a
page is fetched, stops at the size limit with a recorded reason and little memory; an
article pasted as one giant paragraph is imported in seconds, not hours."""

from __future__ import annotations

import gzip
import time
import tracemalloc
import zlib

import pytest
from api_client import api_client
from sqlalchemy import func, select

from workbench.extensions import db
from workbench.models import Article, Snapshot, Source

pytestmark = pytest.mark.security

LIMIT = 1_000_000
FORM = {"fmt": "auto", "language": "auto"}
EXPANDED = 40_000_000  # what the bombs expand to: forty times the limit
_ZEROS = b"\0" * EXPANDED
BOMBS = {
    "gzip": (gzip.compress(_ZEROS, compresslevel=9), {"Content-Encoding": "gzip"}),
    "deflate": (zlib.compress(_ZEROS, 9), {"Content-Encoding": "deflate"}),
    "gzip twice": (
        gzip.compress(gzip.compress(_ZEROS, compresslevel=9), compresslevel=9),
        {"Content-Encoding": "gzip, gzip"},
    ),
}
del _ZEROS
# Without the limit the bomb's bytes alone would take this much memory.
MEMORY_CAP = 16 * 1024 * 1024


@pytest.fixture
def bombs(app, httpserver, allow):
    app.config["FETCH_MAX_BYTES"] = LIMIT
    # The first failure is final, so its reason shows at once (a worker would try again
    # later, each time stopping at the limit).
    app.config["FETCH_JOB_RETRIES"] = 0
    base = allow(httpserver)
    for name, (data, headers) in BOMBS.items():
        assert len(data) < LIMIT // 10
        path = "/" + name.replace(" ", "-")
        httpserver.expect_request(path).respond_with_data(
            data, content_type="text/html; charset=utf-8", headers=headers
        )
    return {name: f"{base}/{name.replace(' ', '-')}" for name in BOMBS}


def _peak(call):
    """Run ``call`` and return (its result, the most memory Python held meanwhile)."""
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_bomb_stops_at_the_limit_whichever_way_it_is_fetched(
    app, attack, bombs, client, runner, make_user, make_article, session
):
    app.config["WTF_CSRF_ENABLED"] = False
    api = api_client(app, make_user, "reviewer", "api-rita")
    claim_id = (
        session.get(Article, make_article("Hilfen\n\nDie Regierung zahlte 5 Euro.").article_id)
        .claims[0]
        .id
    )
    session.remove()
    json = {"Accept": "application/json"}
    too_large = f"larger than {LIMIT} bytes"

    def articles():
        with app.app_context():
            return db.session.scalar(select(func.count(Article.id)))

    ways = {
        "import form": lambda url: client.post("/import", data={"url": url, **FORM}).get_data(
            as_text=True
        ),
        "import API": lambda url: api.post("/articles", json={"url": url}).get_json()["error"][
            "message"
        ],
        "import CLI": lambda url: runner.invoke(args=["import", url]).output,
        "add source form": lambda url: client.post(
            f"/claims/{claim_id}/sources", data={"url": url}, headers=json
        ).get_json()["panel"],
        "fetch again form": lambda url: client.post(
            f"/sources/{_source(app, url)}/fetch", follow_redirects=True
        ).get_data(as_text=True),
    }
    for way, fetch in ways.items():
        for name, url in bombs.items():
            marked = f"{url}?via={way.replace(' ', '-')}"
            before = articles()
            with attack("bomb", f"{way}: {name} bomb"):
                # Memory is traced on one way only: tracing makes every allocation slow,
                # and every way reads a page through the same fetcher.
                if way == "import API":
                    shown, peak = _peak(lambda fetch=fetch, marked=marked: fetch(marked))
                    assert peak < MEMORY_CAP, f"held {peak:,} bytes"
                else:
                    shown = fetch(marked)
                assert too_large in shown, "no refusal naming the limit"
                assert articles() == before, "an article was imported"
                assert not _stored_blobs(app), "the bomb was stored"


def _source(app, url: str) -> int:
    with app.app_context():
        source = Source(url=url, kind="page", title="")
        db.session.add(source)
        db.session.commit()
        source_id = source.id
        db.session.remove()
    return source_id


def _stored_blobs(app) -> list[int]:
    with app.app_context():
        sizes = db.session.scalars(select(Snapshot.size).where(Snapshot.size > LIMIT)).all()
        db.session.remove()
    return list(sizes)


# A paragraph of this many sentences without a line break: the segmenter's time grew with
# its square (a minute and more here); a window at a time it takes a second or two.
SENTENCES = 3_000
SECONDS = 30


def test_an_article_of_one_giant_paragraph_is_imported_in_seconds(app, attack, make_user):
    api = api_client(app, make_user, "reviewer", "api-rita")
    text = " ".join(
        f"Die Regierung zahlte am Montag {n} Millionen Euro an die Opfer." for n in range(SENTENCES)
    )
    with attack("resources", f"an article of one paragraph of {SENTENCES:,} sentences"):
        started = time.perf_counter()
        status = api.post("/articles", json={"text": text}).status_code
        took = time.perf_counter() - started
        assert status == 201, f"answered {status}"
        assert took < SECONDS, f"took {took:.0f} s"
