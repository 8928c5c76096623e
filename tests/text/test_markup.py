"""Markup out of titles and headings: what a reader sees is text."""

import pytest

from workbench.text.markup import strip_markup


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hilfe <img src=x onerror=alert(1)> kommt", "Hilfe kommt"),
        ('<a href="https://example.org">Bund</a> zahlt', "Bund zahlt"),
        ("Hilfe<br>kommt<br/>heute", "Hilfe kommt heute"),
        ("<b>Bund</b>esliga", "Bundesliga"),
        ("Titel <script>alert(1)</script> <style>p{}</style>jetzt", "Titel jetzt"),
        ("Titel <!-- versteckt --> sichtbar", "Titel sichtbar"),
        ("<?xml version='1.0'?><!DOCTYPE html><title>T</title>", "T"),
        ("Preise < 5 Euro, 3 > 2 und a<b", "Preise < 5 Euro, 3 > 2 und a<b"),
        ("Tom &amp; Jerry", "Tom &amp; Jerry"),
        ("  viel   Raum\n", "viel Raum"),
    ],
)
def test_strip_markup(text, expected):
    assert strip_markup(text) == expected
