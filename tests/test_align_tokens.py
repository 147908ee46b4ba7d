"""The aligner's words: case- and punctuation-blind, thousands separators and possessives gone."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peaceplan.aligning.tokens import tokens


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Capped at 600,000 personnel.", ["capped", "at", "600000", "personnel"]),
        ("1,000,000 or 1000000", ["1000000", "or", "1000000"]),
        ("Points 1,2 and 3, 400", ["points", "1", "2", "and", "3", "400"]),
        ("12,3456 and 12,345.5", ["12", "3456", "and", "12345.5"]),
        ("Ukraine's ceasefire-line", ["ukraine", "ceasefire", "line"]),
        ("Ukraine’s ＵＮ", ["ukraine", "un"]),
    ],
)
def test_words_of_a_text(text, words):
    assert tokens(text) == words


_SEPARATOR = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # a comma between digit groups


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(["1", "23", "456", ",", ", ", "a", " ", "'s", "x"])).map("".join))
def test_only_commas_between_digit_groups_are_dropped(text):
    assert tokens(text) == tokens(_SEPARATOR.sub("", text).replace(",", " "))
