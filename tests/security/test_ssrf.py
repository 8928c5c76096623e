"""SSRF: every spelling of an address on the server's own network, through every entry
point that takes a URL (import, add source and pin in the form, the CLI and the API;
fetching a snapshot again). A local server stands where the address points: it must
see no request, nothing may connect anywhere, and the user is told why."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import pytest
from api_client import api_client
from pytest_httpserver import HTTPServer
from sqlalchemy import func, select

from workbench.extensions import db
from workbench.models import Article, Snapshot, Source
from workbench.text.urls import normalise_url

pytestmark = pytest.mark.security

# Each spelling with the reason its refusal must name ({port} is the inside server's,
# so a guard that let one through would reach it). tests/sources/test_guard.py tries
# many more spellings against the guard itself.
SPELLINGS = {
    "http://127.0.0.1:{port}/secret": "loopback",
    "http://127.1:{port}/secret": "loopback",
    "http://0x7f000001:{port}/secret": "loopback",
    "http://2130706433:{port}/secret": "loopback",
    "http://127.0.0.1.:{port}/secret": "loopback",
    "http://user:pw@127.0.0.1:{port}/secret": "loopback",
    "http://[::1]:{port}/secret": "loopback",
    "http://[::ffff:127.0.0.1]:{port}/secret": "loopback",
    "http://localhost:{port}/secret": "loopback",
    "http://localhost.:{port}/secret": "loopback",
    "http://loopback.test:{port}/secret": "resolves to a loopback",
    # urllib3 cannot even parse it; the stored (IDNA-folded) form is 127.0.0.1.
    "http://１２７.０.０.１:{port}/secret": "loopback|not a valid IDNA label",
    "http://0.0.0.0:{port}/secret": "unspecified",
    "http://169.254.169.254/latest/meta-data/": "link-local",
    "http://metadata.test/computeMetadata/v1/": "resolves to a link-local",
    "http://10.0.0.1/": "private",
    "http://172.16.0.1/": "private",
    "http://192.168.0.1/": "private",
    "http://private.test/": "resolves to a private",
    "http://100.64.0.1/": "shared",
    "http://[fd00::1]/": "private",
    "http://[fe80::1%25eth0]/": "link-local",
}
# Where a page on an allowed server redirects to (each through the fetcher's hops).
REDIRECTS = {
    "http://127.0.0.1:{port}/secret": "loopback",
    "http://loopback.test:{port}/secret": "loopback",
    "http://169.254.169.254/latest/meta-data/": "link-local",
    "http://10.0.0.1/admin": "private",
}
REFUSAL = r"(refusing to fetch \S+: it [^.]*?({reason}))"
UNPARSABLE = r"|(fetching \S+ failed: Failed to parse: .*({reason}))"


@dataclass
class Attempt:
    """What one entry point showed for one URL: the words the user saw."""

    shown: str
    stored_article: bool = False
    # False when the address did not even become a source (nothing to fetch or refuse).
    cited: bool = True


@pytest.fixture(scope="session")
def _outside_server():
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def outside(_outside_server, allow):
    """An allow-listed server, the public page whose redirects are tried."""
    _outside_server.clear()
    allow(_outside_server)
    yield _outside_server
    _outside_server.clear()


@pytest.fixture
def inside(httpserver):
    """The server the forbidden addresses point at (never allow-listed)."""
    httpserver.expect_request("/secret").respond_with_data("the intranet's secret")
    return httpserver


@pytest.fixture
def entries(app, client, runner, make_user, make_article, session):
    """Every way a URL comes in, each returning what the user was shown."""
    app.config["WTF_CSRF_ENABLED"] = False
    api = api_client(app, make_user, "reviewer", "api-rita")
    made = make_article(
        "Ein Artikel.\n\n"
        + " ".join(f"Die Regierung plant einen Fonds von {n} Millionen Euro." for n in range(8))
    )
    article_id = made.article_id
    claim_ids = itertools.cycle([c.id for c in session.get(Article, article_id).claims])
    session.remove()
    json = {"Accept": "application/json"}

    def articles() -> int:
        with app.app_context():
            return db.session.scalar(select(func.count(Article.id)))

    def import_form(url):
        before = articles()
        response = client.post("/import", data={"url": url, "fmt": "auto", "language": "auto"})
        assert response.status_code == 422, f"answered {response.status_code}, no refusal"
        return Attempt(response.get_data(as_text=True), articles() != before)

    def import_cli(url):
        before = articles()
        result = runner.invoke(args=["import", url])
        assert result.exit_code == 1, f"exit status {result.exit_code}: {result.output[-200:]}"
        return Attempt(result.output, articles() != before)

    def import_api(url):
        before = articles()
        response = api.post("/articles", json={"url": url})
        assert response.status_code == 422, response.get_json()
        assert response.get_json()["error"]["code"] in ("unsafe_url", "fetch_failed")
        return Attempt(response.get_json()["error"]["message"], articles() != before)

    def import_text_form(url):
        # The page an article cites is fetched on import (FETCH_ON_IMPORT).
        app.config["FETCH_ON_IMPORT"] = True
        text = f"# Hilfen\n\nDie Regierung plant neue Hilfen ([Quelle]({url})).\n"
        data = {"text": text, "fmt": "markdown", "language": "de"}
        response = client.post("/import", data=data, follow_redirects=True)
        app.config["FETCH_ON_IMPORT"] = False
        assert response.status_code == 200, response.status_code
        marker = re.search(r"via=[\d-]+", url).group(0)
        with app.app_context():
            cited = db.session.scalar(select(Source.id).where(Source.url.endswith(marker)))
        return Attempt(response.get_data(as_text=True), cited=cited is not None)

    def add_source_form(url):
        claim_id = next(claim_ids)
        response = client.post(f"/claims/{claim_id}/sources", data={"url": url}, headers=json)
        body = response.get_json()
        return Attempt(body.get("message") or body.get("error", ""))

    def add_source_cli(url):
        claim_id = next(claim_ids)
        result = runner.invoke(args=["source", "add", str(claim_id), url])
        return Attempt(result.output)

    def add_source_api(url):
        claim_id = next(claim_ids)
        response = api.post(f"/claims/{claim_id}/sources", json={"url": url})
        body = response.get_json()
        if response.status_code == 202:  # a redirect is only seen when fetched
            return Attempt(body["source"]["refused"] or "")
        assert response.status_code == 422, body
        return Attempt(body["error"]["message"])

    def pin_form(url):
        response = client.post(f"/articles/{article_id}/sources", data={"url": url}, headers=json)
        body = response.get_json()
        return Attempt(body.get("message") or body.get("error", ""))

    def fetch_again_form(url):
        source_id = _stored_source(app, url)
        response = client.post(f"/sources/{source_id}/fetch", follow_redirects=True)
        assert response.status_code == 200
        return Attempt(response.get_data(as_text=True))

    def fetch_again_cli(url):
        source_id = _stored_source(app, url, refused_before=True)
        result = runner.invoke(args=["fetch", "--again", "--source", str(source_id), "--wait"])
        assert result.exception is None, repr(result.exception)
        return Attempt(result.output)

    return {
        "import form": import_form,
        "import CLI": import_cli,
        "import API": import_api,
        "import text citing it": import_text_form,
        "add source form": add_source_form,
        "add source CLI": add_source_cli,
        "add source API": add_source_api,
        "pin form": pin_form,
        "fetch again form": fetch_again_form,
        "fetch again CLI": fetch_again_cli,
    }


def _stored_source(app, url: str, refused_before: bool = False) -> int:
    """A page source with this URL, as an article citing it would have stored it
    (and, for ``fetch --again``, a refused earlier try)."""
    with app.app_context():
        session = db.session
        key = normalise_url(url)
        source = session.scalar(select(Source).where(Source.url == key))
        if source is None:
            source = Source(url=key, kind="page", title="")
            session.add(source)
            session.flush()
        if refused_before:
            session.add(
                Snapshot(source_id=source.id, state="refused", origin="fetch", requested_url=key)
            )
        session.commit()
        source_id = source.id
        session.remove()
    return source_id


def _gist(attempt: Attempt) -> str:
    """The end of what was shown, as one line (a page: its text, not its markup)."""
    text = re.sub(r"<[^>]+>", " ", attempt.shown)
    return " ".join(text.split())[-160:]


def _marked(url: str, number: str) -> str:
    """The URL with ``via=N`` in its query, so each entry point meets a source of its own."""
    base, hash_mark, fragment = url.partition("#")
    return f"{base}{'&' if '?' in base else '?'}via={number}{hash_mark}{fragment}"


def _try_all(attack, entries, wire, inside, urls: dict[str, str], kind: str, allowed=()) -> None:
    for entry, (name, enter) in enumerate(entries.items()):
        for number, (url, reason) in enumerate(urls.items()):
            with attack(kind, f"{name}: {url}"):
                wire.clear()
                attempt = enter(_marked(url, f"{entry}-{number}"))
                assert not attempt.stored_article, "an article was imported"
                if inside.log:
                    raise AssertionError("the inside server was asked")
                if stray := [a for a in wire.connects if a not in allowed]:
                    raise AssertionError(f"connected to {stray}")
                refused = re.search((REFUSAL + UNPARSABLE).format(reason=reason), attempt.shown)
                if attempt.cited and not refused:
                    raise AssertionError(f"no refusal naming {reason!r} shown: {_gist(attempt)}")


def test_no_spelling_of_the_servers_own_network_is_fetched_from_any_entry_point(
    attack, entries, wire, inside
):
    urls = {url.format(port=inside.port): reason for url, reason in SPELLINGS.items()}
    _try_all(attack, entries, wire, inside, urls, "ssrf")


def test_a_redirect_to_the_servers_own_network_is_not_followed(
    attack, entries, wire, inside, outside
):
    urls = {}
    for number, (target, reason) in enumerate(REDIRECTS.items()):
        outside.expect_request(f"/jump-{number}").respond_with_data(
            "", 302, headers={"Location": target.format(port=inside.port)}
        )
        urls[outside.url_for(f"/jump-{number}")] = reason
    allowed = [("127.0.0.1", outside.port)]
    _try_all(attack, entries, wire, inside, urls, "ssrf-redirect", allowed)
    # The allowed page itself was asked (that is how its redirect was seen); only that.
    assert {request.path for request, _ in outside.log} <= {f"/jump-{n}" for n in range(99)}
