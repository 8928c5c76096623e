"""Login throttling that no spelling, address header or guess order gets around, and
``next`` that never leaves the site wherever a redirect or a back link takes it: the
login page, sign-off, the source forms and the source page's back link (the login form
itself: tests/web/test_auth.py, with its CSRF token)."""

from __future__ import annotations

from urllib.parse import urlsplit

import lxml.html
import pytest
from conftest import PASSWORD

from workbench.models import Source
from workbench.services.users import MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS

pytestmark = pytest.mark.security

WRONG = "not the password at all"


def _log_in(test_client, username: str, password: str, address: str = "192.0.2.7", **headers):
    return test_client.post(
        "/login",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
        headers=headers,
    )


def _alert(response) -> str:
    """The login form's message (the rest differs only by the name typed)."""
    return lxml.html.document_fromstring(response.data).xpath("string(//*[@role='alert'])")


@pytest.fixture
def form_app(app):
    app.config["WTF_CSRF_ENABLED"] = False  # tests/web/test_auth.py logs in with the token
    return app


def test_an_account_stays_throttled_whatever_the_spelling(form_app, attack, make_user):
    make_user("reviewer", "rita")
    guesser = form_app.test_client()
    for _ in range(MAX_FAILURES_PER_ACCOUNT):
        assert _log_in(guesser, "rita", WRONG).status_code == 401
    for name in ("rita", " rita", "rita ", "\trita\n"):
        with attack(
            "throttle", f"the right password as {name!r} after {MAX_FAILURES_PER_ACCOUNT} failures"
        ):
            response = _log_in(form_app.test_client(), name, PASSWORD, address="198.51.100.9")
            assert response.status_code == 429, response.status_code
    for name in ("RITA", "Rita", "rita\u200b"):
        with attack("throttle", f"another spelling {name!r} is no way into rita's account"):
            other = form_app.test_client()
            assert _log_in(other, name, PASSWORD, address="198.51.100.9").status_code in (401, 429)
            assert other.get("/").status_code == 302
    with attack("throttle", "a throttled answer does not tell a right password from a wrong one"):
        right = _log_in(form_app.test_client(), "rita", PASSWORD)
        wrong = _log_in(form_app.test_client(), "rita", WRONG)
        assert _alert(right) and (right.status_code, _alert(right)) == (
            wrong.status_code,
            _alert(wrong),
        )


def test_an_address_is_throttled_across_accounts_and_forwarded_headers(form_app, attack, make_user):
    make_user("reviewer", "rita")
    guesser = form_app.test_client()
    for n in range(MAX_FAILURES_PER_ADDRESS):
        # A new account name each time, and a new address claimed in X-Forwarded-For:
        # no proxy is configured, so the header must not count.
        forwarded = {"X-Forwarded-For": f"203.0.113.{n}", "X-Real-IP": f"203.0.113.{n}"}
        answer = _log_in(guesser, f"nobody{n}", WRONG, address="192.0.2.99", **forwarded)
        assert answer.status_code == 401
    with attack("throttle", "the right password of another account from the same address"):
        assert _log_in(guesser, "rita", PASSWORD, address="192.0.2.99").status_code == 429
    with attack("throttle", "a forged X-Forwarded-For from the same address"):
        forged = {"X-Forwarded-For": "198.51.100.200"}
        response = _log_in(form_app.test_client(), "rita", PASSWORD, address="192.0.2.99", **forged)
        assert response.status_code == 429
    with attack("throttle", "an unknown name answers as a wrong password does"):
        unknown = _log_in(form_app.test_client(), "nobody-at-all", WRONG, address="192.0.2.5")
        wrong = _log_in(form_app.test_client(), "rita", WRONG, address="192.0.2.6")
        assert _alert(wrong) and (unknown.status_code, _alert(unknown)) == (
            wrong.status_code,
            _alert(wrong),
        )
    # Rita from her own address is not locked out by someone else's guessing.
    assert _log_in(form_app.test_client(), "rita", PASSWORD, address="192.0.2.6").status_code == 302


# Where a redirect must never go (each is refused and the dashboard or the form's page
# is used instead).
ELSEWHERE = [
    "https://evil.example/",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "http:/evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "%2F%2Fevil.example",
    "/%09/evil.example",
]


def _on_site(location: str | None) -> bool:
    """A path of this site as every browser reads it (backslashes count as slashes)."""
    if location is None:
        return True
    if any(ord(c) < 32 for c in location) or "\\" in location:
        return False
    parts = urlsplit(location)
    return (
        not parts.scheme
        and not parts.netloc
        and location.startswith("/")
        and not location.startswith("//")
    )


def _back_links(html: bytes) -> list[str]:
    """Where the source page's way back points: its back link and the forms' ``next``."""
    root = lxml.html.document_fromstring(html)
    links = [a.get("href") for a in root.xpath("//a") if "Back to" in a.text_content()]
    return links + root.xpath("//input[@name='next']/@value")


def test_next_never_leaves_the_site(form_app, attack, login, make_article, demo_text, session):
    article_id = make_article(demo_text).article_id
    # An outlet: its forms answer at once (nothing to fetch, an empty upload or paste
    # refused), and every answer, refusals included, redirects to ``next``.
    source = Source(url="outlet.example", kind="outlet", title="")
    session.add(source)
    session.commit()
    source_id = source.id
    session.remove()
    editor = form_app.test_client()
    login(editor, "editor", "ed")
    for target in ELSEWHERE:
        with attack("open-redirect", f"login page when logged in, next={target!r}"):
            response = editor.get("/login", query_string={"next": target})
            assert response.status_code == 302 and _on_site(response.location), response.location
        with attack("open-redirect", f"sign-off next={target!r}"):
            response = editor.post(f"/articles/{article_id}/sign-off", data={"next": target})
            assert response.status_code == 302 and _on_site(response.location), response.location
        for action in ("fetch", "paste", "upload"):
            with attack("open-redirect", f"source {action} next={target!r}"):
                response = editor.post(f"/sources/{source_id}/{action}", data={"next": target})
                assert response.status_code == 302 and _on_site(response.location), (
                    response.status_code,
                    response.location,
                )
        with attack("open-redirect", f"source page back link next={target!r}"):
            page = editor.get(f"/sources/{source_id}", query_string={"next": target})
            assert page.status_code == 200
            assert all(_on_site(link) for link in _back_links(page.data)), _back_links(page.data)
