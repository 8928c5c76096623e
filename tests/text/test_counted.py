"""Counts in messages: one source, two claims."""

from workbench.text.counted import counted


def test_one_is_singular_and_every_other_count_plural():
    assert [counted(n, "source") for n in (0, 1, 2)] == ["0 sources", "1 source", "2 sources"]
