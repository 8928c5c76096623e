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
    ],
)
def test_normalise_url(url, expected):
    assert normalise_url(url) == expected


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
