"""A count with its noun for messages people read: "1 source", "3 claims"."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, with an "s" unless ``n`` is 1 (the nouns used are regular).

    >>> counted(1, "source"), counted(2, "claim"), counted(0, "claim")
    ('1 source', '2 claims', '0 claims')
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"
