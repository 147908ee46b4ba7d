"""build_diff: one change per group of corresponding points, in the new document's order."""

from __future__ import annotations

import pytest
from diffkit import alignment, numbered, plan, pt, show
from hypothesis import given, settings
from hypothesis import strategies as st

from peaceplan.aligning.model import Alignment, Match
from peaceplan.diffing.build import build_diff
from peaceplan.diffing.model import KINDS, FieldChange, Figure
from peaceplan.model import Plan, Point


def test_every_kind_of_change():
    old = numbered(
        "a",
        [
            "Ukraine's sovereignty is confirmed.",
            "Armed forces are capped at 600,000 personnel.",
            "Elections within 100 days.",
            "Grain exports continue. The Dnipro stays open.",
            "Sanctions are lifted in stages.",
            "Frozen assets are unfrozen.",
        ],
    )
    new = numbered(
        "b",
        [
            "Ukraine's sovereignty is confirmed.",
            "Armed forces are capped at 800,000 personnel.",
            "Grain exports continue.",
            "The Dnipro stays open.",
            "Sanctions and frozen assets are handled in stages.",
            "A joint commission oversees the deal.",
        ],
    )
    d = build_diff(
        alignment(
            old,
            new,
            [
                (["1"], ["1"]),
                (["2"], ["2"]),
                (["4"], ["3", "4"]),
                (["5", "6"], ["5"]),
            ],
        )
    )
    assert [(c.kind, c.old, c.new) for c in d.changes] == [
        ("unchanged", ("1",), ("1",)),
        ("modified", ("2",), ("2",)),
        ("removed", ("3",), ()),
        ("split", ("4",), ("3", "4")),
        ("merged", ("5", "6"), ("5",)),
        ("added", (), ("6",)),
    ]
    modified = d.changes[1]
    assert modified.figures == (Figure("600,000 personnel", "800,000 personnel"),)
    assert show(modified.text) == "Armed forces are capped at [-600,000-]{+800,000+} personnel."
    assert modified.similarity == 0.9 and modified.method == "content"
    assert d.changes[0].method == "exact" and d.changes[0].similarity == 1.0
    removed = d.changes[2]
    assert removed.figures == (Figure("100 days", None),)
    assert show(removed.text) == "[-Elections within 100 days.-]"
    split = d.changes[3]
    # A split's redline compares the old text with the new texts joined.
    assert show(split.text) == "Grain exports continue. The Dnipro stays open."
    assert split.renumbered and split.old_numbers == ("4",) and split.new_numbers == ("3", "4")
    assert d.summary() == {
        "unchanged": 1,
        "modified": 1,
        "added": 1,
        "removed": 1,
        "split": 1,
        "merged": 1,
        "moved": 0,
    }
    assert d.changed


def test_no_change_at_all():
    old = numbered("a", ["One.", "Two."])
    d = build_diff(alignment(old, old, [(["1"], ["1"]), (["2"], ["2"])]))
    assert [c.kind for c in d.changes] == ["unchanged", "unchanged"]
    assert not d.changed
    assert d.changes[0].text[0].text == "One."


def test_title_change_alone_makes_a_point_modified():
    old = plan("a", [pt("1", "Text.", title="Old title", topics=["b", "a"])])
    new = plan("b", [pt("1", "Text.", title="New title", topics=["a", "b"])])
    (c,) = build_diff(alignment(old, new, [(["1"], ["1"])])).changes
    assert c.kind == "modified"
    assert c.fields == (FieldChange("title", "Old title", "New title"),)


def test_removed_points_follow_their_old_predecessor():
    old = numbered("a", ["Alpha.", "Bravo.", "Charlie.", "Delta.", "Echo.", "Foxtrot."])
    new = numbered("b", ["Echo.", "Alpha.", "Golf."])
    d = build_diff(alignment(old, new, [(["1"], ["2"]), (["5"], ["1"])]))
    assert [(c.kind, c.old or c.new) for c in d.changes] == [
        ("unchanged", ("5",)),  # Echo, now first
        ("removed", ("6",)),  # Foxtrot followed Echo
        ("unchanged", ("1",)),  # Alpha
        ("removed", ("2",)),  # Bravo, Charlie, Delta followed Alpha, in their old order
        ("removed", ("3",)),
        ("removed", ("4",)),
        ("added", ("3",)),
    ]


def test_removed_first_point_comes_first():
    old = numbered("a", ["Alpha.", "Bravo."])
    new = plan("b", [pt("1", "Bravo.")])
    d = build_diff(alignment(old, new, [(["2"], ["1"])]))
    assert [c.kind for c in d.changes] == ["removed", "unchanged"]
    assert d.changes[1].renumbered


def test_sub_points_are_changes_with_depth_and_change_the_parent_list():
    old = plan(
        "a",
        [pt("6", "Guarantees.", id="g", points=[pt("a", "US backstop."), pt("b", "EU role.")])],
    )
    new = plan(
        "b",
        [
            pt("5", "Guarantees.", id="g", points=[pt("a", "US backstop."), pt("b", "UK role.")]),
        ],
    )
    # Sub-points without an id are keyed by their full number ("6.a" in the old, "5.a" in the new).
    d = build_diff(alignment(old, new, [(["g"], ["g"]), (["6.a"], ["5.a"])], method="id"))
    assert [(c.kind, c.depth, c.old, c.new) for c in d.changes] == [
        ("modified", 0, ("g",), ("g",)),
        ("unchanged", 1, ("6.a",), ("5.a",)),
        ("removed", 1, ("6.b",), ()),
        ("added", 1, (), ("5.b",)),
    ]
    parent = d.changes[0]
    assert parent.renumbered and parent.old_numbers == ("6",) and parent.new_numbers == ("5",)
    assert parent.fields == (FieldChange("points", ["6.a", "6.b"], ["5.a", "5.b"]),)


def test_renumbered_sub_points_do_not_change_the_parent_list():
    old = plan("a", [pt("6", "P.", points=[pt("a", "X."), pt("b", "Y.")])])
    new = plan("b", [pt("5", "P.", points=[pt("a", "X."), pt("b", "Y.")])])
    d = build_diff(alignment(old, new, [(["6"], ["5"]), (["6.a"], ["5.a"]), (["6.b"], ["5.b"])]))
    assert [c.kind for c in d.changes] == ["unchanged"] * 3
    assert [c.renumbered for c in d.changes] == [True, False, False]


def test_an_alignment_that_misses_or_repeats_a_point_is_refused():
    old = numbered("a", ["One.", "Two."])
    new = numbered("b", ["One."])
    missing = Alignment(old, new, (Match(("1",), ("1",), "exact", 1.0),), (), ())
    with pytest.raises(ValueError, match="exactly once"):
        build_diff(missing)
    twice = Alignment(old, new, (Match(("1",), ("1",), "exact", 1.0),), ("1", "2"), ())
    with pytest.raises(ValueError, match="exactly once"):
        build_diff(twice)


# --- every point exactly once, whatever the alignment ----------------------------------------

_WORDS = st.sampled_from(["ceasefire", "troops", "600,000", "personnel", "100 days", "the", "."])
_TEXT = st.lists(_WORDS, min_size=0, max_size=6).map(" ".join)


@st.composite
def _plans(draw, version: str) -> Plan:
    tops = []
    for i in range(draw(st.integers(0, 6))):
        subs = [
            Point(text=draw(_TEXT), number=chr(ord("a") + j))
            for j in range(draw(st.integers(0, 3)))
        ]
        ident = f"id{i}" if draw(st.booleans()) else None
        tops.append(Point(text=draw(_TEXT), number=str(i + 1), id=ident, points=tuple(subs)))
    return Plan(plan="t", version=version, points=tuple(tops))


@st.composite
def _alignments(draw) -> Alignment:
    old, new = draw(_plans("a")), draw(_plans("b"))
    rnd = draw(st.randoms(use_true_random=False))
    olds, news = list(old.keys()), list(new.keys())
    rnd.shuffle(olds)
    rnd.shuffle(news)
    matches = []
    while olds and news and rnd.random() < 0.8:
        n_old, n_new = rnd.choice([(1, 1), (1, 1), (1, 2), (2, 1)])
        if len(olds) < n_old or len(news) < n_new:
            break
        o = sorted((olds.pop() for _ in range(n_old)), key=lambda k: old.locate(k).index)
        n = sorted((news.pop() for _ in range(n_new)), key=lambda k: new.locate(k).index)
        matches.append(Match(tuple(o), tuple(n), "content", rnd.random()))
    matches.sort(key=lambda m: new.locate(m.new[0]).index)
    return Alignment(
        old=old,
        new=new,
        matches=tuple(matches),
        unmatched_old=tuple(fp.key for fp in old.flat() if fp.key in olds),
        unmatched_new=tuple(fp.key for fp in new.flat() if fp.key in news),
    )


@settings(max_examples=200, derandomize=True, deadline=None)
@given(_alignments())
def test_every_point_appears_in_exactly_one_change(a):
    d = build_diff(a)
    olds = [k for c in d.changes for k in c.old]
    news = [k for c in d.changes for k in c.new]
    assert sorted(olds) == sorted(a.old.keys())
    assert sorted(news) == sorted(a.new.keys())
    assert all(c.kind in KINDS for c in d.changes)
    assert sum(v for k, v in d.summary().items() if k != "moved") == len(d.changes)
    # New reading order, removed points right after the change holding their old predecessor.
    firsts = [a.new.locate(c.new[0]).index for c in d.changes if c.new]
    assert firsts == sorted(firsts)
    position = {k: i for i, c in enumerate(d.changes) for k in c.old}
    for i, c in enumerate(d.changes):
        if c.kind == "removed":
            idx = a.old.locate(c.old[0]).index
            if idx == 0:
                assert all(x.kind == "removed" for x in d.changes[:i])
            else:
                assert position[a.old.flat()[idx - 1].key] < i
        else:
            assert c.depth == a.new.locate(c.new[0]).depth
