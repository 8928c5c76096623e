"""robots.txt rules as RFC 9309 reads them: agent groups, wildcards, longest match, errors."""

import pytest

from workbench.errors import FetchFailed
from workbench.sources.robots import RobotsCache

AGENT = "workbench-factcheck/0.1 (+https://example.org/about)"
RULES = """
User-agent: *
Disallow: /private
Allow: /private/press
Disallow: /*.pdf$

User-agent: workbench-factcheck
Disallow: /archive/
"""


def loader(status, text="", calls=None):
    def load(url):
        if calls is not None:
            calls.append(url)
        return status, text

    return load


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/news/story", True),
        ("/archive/2019/story", False),
        ("/private/page", True),
        ("/report.pdf", True),
    ],
)
def test_our_own_group_replaces_the_wildcard_group(path, allowed):
    cache = RobotsCache()
    url = "https://news.example.org" + path
    if allowed:
        cache.check(url, AGENT, loader(200, RULES))
    else:
        with pytest.raises(FetchFailed, match="disallows fetching"):
            cache.check(url, AGENT, loader(200, RULES))


@pytest.mark.parametrize(
    ("path", "allowed"),
    [("/private/page", False), ("/private/press/release", True), ("/files/report.pdf", False)],
)
def test_longest_match_and_wildcards_for_other_agents(path, allowed):
    cache = RobotsCache()
    url = "https://news.example.org" + path
    if allowed:
        cache.check(url, "otherbot/1.0", loader(200, RULES))
    else:
        with pytest.raises(FetchFailed, match="disallows fetching"):
            cache.check(url, "otherbot/1.0", loader(200, RULES))


def test_robots_txt_is_loaded_once_per_site():
    calls = []
    cache = RobotsCache()
    for path in ("/a", "/b", "/c"):
        cache.check("https://news.example.org" + path, AGENT, loader(200, RULES, calls))
    assert len(calls) == 1 and calls[0].endswith("/robots.txt")


def test_missing_robots_txt_allows_and_server_error_forbids():
    RobotsCache().check("https://a.example.org/x", AGENT, loader(404))
    with pytest.raises(FetchFailed, match="answered with status 503"):
        RobotsCache().check("https://b.example.org/x", AGENT, loader(503))
