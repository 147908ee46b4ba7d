"""Moves by minimal displacement, and renumbering said once per run."""

from __future__ import annotations

import itertools

from diffkit import alignment, by_text, numbered, plan, pt

from peaceplan.diffing.build import build_diff
from peaceplan.diffing.model import RenumberRun
from peaceplan.seq import longest_increasing

TEXTS = [f"Point about subject {i}." for i in range(1, 29)]


def test_longest_increasing_subsequence():
    assert longest_increasing([]) == set()
    assert longest_increasing([1, 2, 3, 4, 5, 6, 7, 8, 9, 0]) == set(range(9))
    assert longest_increasing([9, 0, 1, 2, 3, 4, 5, 6, 7, 8]) == set(range(1, 10))
    values = [3, 1, 4, 1, 5, 9, 2, 6]
    keep = sorted(longest_increasing(values))
    assert len(keep) == 4
    assert all(values[a] < values[b] for a, b in itertools.pairwise(keep))


def test_one_point_moved_from_1_to_10_marks_only_it():
    old = numbered("a", TEXTS[:10])
    new = numbered("b", TEXTS[1:10] + TEXTS[:1])
    d = build_diff(by_text(old, new))
    moved = [c for c in d.changes if c.moved]
    assert [(c.old, c.new) for c in moved] == [(("1",), ("10",))]
    assert d.summary()["moved"] == 1
    # The nine it jumped over are renumbered -1, said once.
    assert d.renumbered_runs == (
        RenumberRun("2", "10", "1", "9", -1, 9, tuple(map(str, range(2, 11))), tuple("123456789")),
    )


def test_last_point_moved_to_front_marks_only_it():
    old = numbered("a", TEXTS[:10])
    new = numbered("b", TEXTS[9:10] + TEXTS[:9])
    d = build_diff(by_text(old, new))
    assert [c.old for c in d.changes if c.moved] == [("10",)]


def test_insertion_and_deletion_do_not_move_anything():
    old = numbered("a", TEXTS[:10])
    new = numbered("b", [*TEXTS[:2], "A brand new point.", *TEXTS[2:6], *TEXTS[7:10]])
    d = build_diff(by_text(old, new))
    assert not any(c.moved for c in d.changes)
    assert d.summary()["added"] == 1 and d.summary()["removed"] == 1


def test_insertion_at_3_of_28_is_one_renumbering_run():
    old = numbered("a", TEXTS)
    new = numbered("b", [*TEXTS[:2], "A new third point.", *TEXTS[2:]])
    d = build_diff(by_text(old, new))
    assert len(d.renumbered_runs) == 1
    run = d.renumbered_runs[0]
    assert (run.old_first, run.old_last, run.new_first, run.new_last) == ("3", "28", "4", "29")
    assert (run.offset, run.count) == (1, 26)
    renumbered = [c for c in d.changes if c.renumbered]
    assert len(renumbered) == 26
    assert all(d.run_of(c) is run for c in renumbered)
    assert all(c.kind == "unchanged" and not c.moved for c in renumbered)


def test_two_insertions_make_two_runs():
    old = numbered("a", TEXTS[:10])
    new = numbered("b", [*TEXTS[:2], "New A.", *TEXTS[2:6], "New B.", *TEXTS[6:10]])
    d = build_diff(by_text(old, new))
    assert [(r.old_first, r.old_last, r.offset) for r in d.renumbered_runs] == [
        ("3", "6", 1),
        ("7", "10", 2),
    ]


def test_deletion_shifts_later_points_down():
    old = numbered("a", TEXTS[:10])
    new = numbered("b", TEXTS[:4] + TEXTS[5:10])
    d = build_diff(by_text(old, new))
    assert [(r.old_first, r.old_last, r.new_first, r.offset) for r in d.renumbered_runs] == [
        ("6", "10", "5", -1)
    ]


def test_point_moved_to_another_parent_is_moved():
    old = plan(
        "a",
        [
            pt("1", "Ceasefire.", points=[pt("a", "Monitored by the OSCE.")]),
            pt("2", "Prisoner exchange."),
        ],
    )
    new = plan(
        "b",
        [
            pt("1", "Ceasefire."),
            pt("2", "Prisoner exchange.", points=[pt("a", "Monitored by the OSCE.")]),
        ],
    )
    d = build_diff(by_text(old, new))
    moved = [c for c in d.changes if c.moved]
    assert [(c.old, c.new) for c in moved] == [(("1.a",), ("2.a",))]
    assert not moved[0].renumbered  # its own label "a" did not change


def test_sub_points_move_within_their_parent():
    subs = [pt(x, f"Sub-point {x}.") for x in "abcd"]
    old = plan("a", [pt("1", "Parent.", points=subs)])
    new = plan("b", [pt("1", "Parent.", points=[subs[3], subs[0], subs[1], subs[2]])])
    d = build_diff(by_text(old, new))
    assert [c.old for c in d.changes if c.moved] == [("1.d",)]


def test_split_counts_as_one_item_for_moves():
    old = numbered("a", ["One. Two.", "Three.", "Four."])
    new = numbered("b", ["One.", "Two.", "Three.", "Four."])
    d = build_diff(alignment(old, new, [(["1"], ["1", "2"]), (["2"], ["3"]), (["3"], ["4"])]))
    assert [c.kind for c in d.changes] == ["split", "unchanged", "unchanged"]
    assert not any(c.moved for c in d.changes)
    assert [(r.old_first, r.old_last, r.offset) for r in d.renumbered_runs] == [("2", "3", 1)]
