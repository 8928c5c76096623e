"""URL normalisation and finding links and bare domains in text."""

import pytest

from workbench.text.urls import find_domains, find_urls, normalise_url, outlet_domain


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Example.ORG:443/a?utm_source=x&id=2#top", "https://example.org/a?id=2"),
        ("http://example.org:80", "http://example.org/"),
        ("http://example.org:8080/x", "http://example.org:8080/x"),
        ("https://example.org/p?fbclid=abc&ref=home", "https://example.org/p?ref=home"),
        ("https://example.org/p?gclid=1&utm_medium=social", "https://example.org/p"),
        ("https://bücher.example/x", "https://xn--bcher-kva.example/x"),
        ("https://example.org/p?", "https://example.org/p"),
        ("https://example.org/p?utm_source=x&&id=2", "https://example.org/p?id=2"),
    ],
)
def test_normalise_url(url, expected):
    assert normalise_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/p?x",
        "https://example.org/p?x&y=1",
        "https://example.org/p?a=b%20c&q=%C3%A4",
        "https://example.org/p?a=b+c&list=1,2;3",
        "https://example.org/suche?q=M%C3%BCller%26S%C3%B6hne",
    ],
)
def test_the_query_is_kept_as_cited(url):
    """The stored URL is the one the article cites: a bare key keeps no ``=``, and
    escapes are not re-encoded (only tracking parameters are dropped)."""
    assert normalise_url(url) == url


def test_a_tracking_parameter_goes_whatever_its_spelling_in_the_query():
    assert normalise_url("https://example.org/p?x&UTM_Source=a&utm%5Fmedium=b&fbclid") == (
        "https://example.org/p?x"
    )


def test_outlet_domain_drops_www_and_case():
    assert outlet_domain("www.BMVG.de") == "bmvg.de"
    assert outlet_domain("de.euronews.com") == "de.euronews.com"


def test_seed_source_line_yields_its_three_domains_and_nothing_else():
    line = 'Quellen\t<ul style="list-style-type: none">• www.tagesspiegel.de• www.bmvg.de• de.euronews.com'
    assert [d for _, _, d in find_domains(line)] == [
        "www.tagesspiegel.de",
        "www.bmvg.de",
        "de.euronews.com",
    ]


def test_abbreviations_and_file_names_are_not_domains():
    text = "z. B. in den U.S. laut report.pdf und e.V. sowie Nr.5 und 1.200 Tage"
    assert find_domains(text) == []


def test_urls_in_prose_stop_before_trailing_punctuation():
    text = "Siehe https://example.org/a?b=1). Und (https://example.com/x)."
    assert [u for _, _, u in find_urls(text)] == [
        "https://example.org/a?b=1",
        "https://example.com/x",
    ]
    start, end, url = find_urls(text)[0]
    assert text[start:end] == url
