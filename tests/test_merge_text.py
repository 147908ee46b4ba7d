"""Word-by-word three-way merge of one wording (peaceplan.merging.text3)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from peaceplan.merging.text3 import merge3, merge_text, tokenize

BASE = "Ukraine's armed forces are capped at 600,000 personnel in peacetime."


def test_tokens_join_back_to_the_text_and_keep_figures_whole():
    tokens = tokenize(BASE)
    assert "".join(tokens) == BASE
    assert "600,000" in tokens
    assert "Ukraine's" in tokens


@settings(max_examples=60, derandomize=True)
@given(st.text())
def test_tokenize_loses_nothing(text):
    assert "".join(tokenize(text)) == text


def test_one_side_changed_is_taken():
    ours = BASE.replace("600,000", "800,000")
    assert merge_text(BASE, ours, BASE).text == ours
    assert merge_text(BASE, BASE, ours).text == ours


def test_same_change_on_both_sides_is_taken_once():
    ours = BASE.replace("600,000", "800,000")
    assert merge_text(BASE, ours, ours).text == ours


def test_edits_to_different_words_combine():
    ours = BASE.replace("600,000", "800,000")
    theirs = BASE.replace("in peacetime", "at all times")
    merged = merge_text(BASE, ours, theirs)
    assert not merged.conflict
    assert merged.text == "Ukraine's armed forces are capped at 800,000 personnel at all times."


def test_neighbouring_words_edited_by_each_side_combine():
    merged = merge_text("a b c d", "a B c d", "a b C d")
    assert merged.text == "a B C d"


def test_overlapping_edits_conflict_and_keep_both_wordings():
    ours = BASE.replace("600,000", "800,000")
    theirs = BASE.replace("600,000", "700,000")
    merged = merge_text(BASE, ours, theirs)
    assert merged.conflict
    assert merged.text is None
    assert "800,000" in merged.ours and "700,000" in merged.theirs


def test_insertions_at_the_same_place_conflict_unless_identical():
    assert merge_text("a b", "a x b", "a y b").conflict
    assert merge_text("a b", "a x b", "a x b").text == "a x b"


def test_a_deletion_and_an_edit_elsewhere_combine():
    merged = merge_text("one two three four five", "one three four five", "one two three four 5")
    assert merged.text == "one three four 5"


def test_merge3_reports_agreed_and_conflicting_chunks_in_order():
    chunks = merge3(list("abcde"), list("aXcde"), list("aYcdZ"))
    assert [c.conflict for c in chunks] == [False, True, False, False]
    assert "".join(t for c in chunks for t in c.ours) == "aXcdZ"
    assert "".join(t for c in chunks for t in c.theirs) == "aYcdZ"
