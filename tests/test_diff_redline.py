"""Word-level redline: reads naturally, and reproduces both texts exactly."""

from __future__ import annotations

import itertools

from diffkit import show
from hypothesis import given, settings
from hypothesis import strategies as st

from peaceplan.diffing.model import Segment
from peaceplan.diffing.redline import changed_words, new_text, old_text, redline, tokenize


def test_changed_figure_is_one_word_replacement():
    old = "Ukraine's armed forces are capped at 600,000 personnel."
    new = "Ukraine's armed forces are capped at 800,000 personnel."
    assert redline(old, new) == (
        Segment("equal", "Ukraine's armed forces are capped at "),
        Segment("delete", "600,000"),
        Segment("insert", "800,000"),
        Segment("equal", " personnel."),
    )


def test_rewritten_phrase_is_one_block_not_a_word_salad():
    d = redline(
        "The line of contact becomes the line of separation.",
        "The line of contact is frozen without recognition.",
    )
    assert show(d) == (
        "The line of contact [-becomes the line of separation-]{+is frozen without recognition+}."
    )


def test_spaces_between_replaced_words_are_absorbed():
    assert show(redline("a quick brown fox", "the slow red dog")) == (
        "[-a quick brown fox-]{+the slow red dog+}"
    )


def test_punctuation_is_its_own_token():
    assert show(redline("troops withdraw, then talks", "troops withdraw; then talks")) == (
        "troops withdraw[-,-]{+;+} then talks"
    )


def test_identical_and_empty_texts():
    assert redline("same text", "same text") == (Segment("equal", "same text"),)
    assert redline("", "") == ()
    assert redline("", "new") == (Segment("insert", "new"),)
    assert redline("old", "") == (Segment("delete", "old"),)


def test_tokens_rebuild_the_text():
    text = "Ukraine's 600,000 troops — in 2027; U.S.-led\n\tcease-fire."
    assert "".join(tokenize(text)) == text
    assert "600,000" in tokenize(text)
    assert "Ukraine's" in tokenize(text)


def test_changed_words_counts_deleted_and_inserted_words():
    assert changed_words(redline("capped at 600,000 personnel", "capped at 800,000 troops")) == 4


def test_huge_texts_stay_exact():
    old = " ".join(f"w{i % 97}" for i in range(30_000))
    new = " ".join(f"w{(i * 7) % 89}" for i in range(30_000))
    d = redline(old, new)
    assert old_text(d) == old and new_text(d) == new


_words = st.sampled_from(
    ["the", "line", "600,000", "troops", ",", ".", " ", "  ", "\n", "é", "a-b"]
)
_texts = st.lists(_words, max_size=40).map("".join) | st.text(max_size=60)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(_texts, _texts)
def test_redline_reproduces_both_texts(old, new):
    d = redline(old, new)
    assert old_text(d) == old
    assert new_text(d) == new
    assert all(s.text and s.op in ("equal", "delete", "insert") for s in d)
    # Adjacent ops are merged: never two segments of the same op in a row, and a replaced run
    # is a delete then an insert.
    for a, b in itertools.pairwise(d):
        assert a.op != b.op
        assert (a.op, b.op) != ("insert", "delete")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", " c", ".", " "]), max_size=40),
    st.lists(st.sampled_from(["a", "b", " c", ".", " "]), max_size=40),
)
def test_the_compiled_matcher_gives_difflibs_opcodes(a, b):
    # Redlines and text merges use cydifflib where it is installed: it must align exactly as
    # difflib would, or a redline would differ from one machine to another.
    import difflib

    from peaceplan.seq import opcodes

    assert opcodes(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def test_the_compiled_matcher_is_installed_with_peaceplan():
    # A dependency where it has wheels (CPython 3.10-3.13): three times faster redlines.
    import platform
    import sys

    from peaceplan.seq import _sequence_matcher

    wheels = platform.python_implementation() == "CPython" and sys.version_info < (3, 14)
    expected = "cydifflib" if wheels else "difflib"
    assert _sequence_matcher().__module__.split(".")[0] == expected


@settings(max_examples=400, derandomize=True, deadline=None)
@given(_texts, _texts, _texts, _texts)
def test_splitting_only_the_changed_middle_gives_the_same_redline(head, a, b, tail):
    # redline() keeps the opening and closing both texts share as one unit each and splits
    # only the text between: the redline must be the one the whole texts split into units give.
    from peaceplan.diffing.redline import _UNIT, _segments, _units

    old, new = head + a + tail, head + b + tail
    assert _segments(*_units(old, new)) == _segments(_UNIT.findall(old), _UNIT.findall(new))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    st.lists(st.sampled_from(["a", " b", "."]), min_size=1, max_size=30),
    st.lists(st.sampled_from(["x", " y", ","]), min_size=1, max_size=30),
)
def test_token_lists_with_nothing_in_common_are_the_one_replace_difflib_gives(a, b):
    # _opcodes skips the matcher when the changed middles share no token: difflib's answer then
    # is always one replace of the whole, so the shortcut changes nothing.
    import difflib

    from peaceplan.diffing.redline import _opcodes

    expected = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    assert expected == [("replace", 0, len(a), 0, len(b))]
    assert _opcodes(a, b) == expected
