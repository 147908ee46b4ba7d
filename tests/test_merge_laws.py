"""The laws of three-way merge on generated plans, and on the bundled ones.

merge(b, x, x) == x, merge(b, b, x) == x, merge(b, x, b) == x, and merge(b, o, t) carries every
change of o and of t that does not overlap: edits, retitles, deletions, insertions in place.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mergekit import revise

from benchmarks.generate import make_pair
from peaceplan.api import resolve
from peaceplan.merging import merge_plans

SETTINGS = settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
sizes = st.sampled_from([20, 45, 120, 300])
seeds = st.integers(0, 10**6)


@SETTINGS
@given(sizes, seeds, st.booleans())
def test_identity_laws_on_generated_revisions(n, seed, ids):
    base, x, _ = make_pair(n, seed, ids=ids)
    for ours, theirs in ((x, x), (base, x), (x, base)):
        result = merge_plans(base, ours, theirs)
        assert result.clean
        assert result.plan.points == x.points


@SETTINGS
@given(sizes, seeds, st.booleans(), st.floats(0.05, 0.4))
def test_non_overlapping_changes_of_both_sides_are_all_carried(n, seed, ids, share):
    base, _, _ = make_pair(n, seed, ids=ids)
    ours = revise(base, seed, share, tag="o")
    theirs = revise(base, seed + 1, share, avoid=ours.touched, tag="t")
    result = merge_plans(base, ours.plan, theirs.plan)
    assert result.clean, [str(c) for c in result.conflicts]
    top = [p.text for p in result.plan.points]
    texts = {fp.point.text for fp in result.plan.flat()}
    titles = {fp.point.title for fp in result.plan.flat()}
    inserted = {text for side in (ours, theirs) for _, text in side.inserted}
    for side in (ours, theirs):
        assert set(side.edited.values()) <= texts
        assert set(side.retitled.values()) <= titles
        assert not {base.get(k).text for k in side.deleted} & texts
        for anchor, text in side.inserted:
            at = top.index(text)
            if anchor is None:  # inserted at the top: only other insertions come before it
                assert set(top[:at]) <= inserted
            else:  # right after its neighbour, or after the other side's insertions there
                before = side.edited.get(anchor, base.get(anchor).text)
                assert top.index(before) < at
                assert set(top[top.index(before) + 1 : at]) <= inserted
    # Untouched base points keep their wording and their relative order.
    untouched = [p.text for p in base.points if p.text in texts]
    assert [t for t in top if t in set(untouched)] == untouched


@pytest.mark.parametrize(("base", "side"), [("geneva-19", "ua-20"), ("us-28", "ua-20")])
def test_identity_laws_on_the_bundled_plans(plans_dir, base, side):
    b, x = resolve(base, plans_dir), resolve(side, plans_dir)
    for ours, theirs in ((x, x), (b, x), (x, b)):
        result = merge_plans(b, ours, theirs)
        assert result.clean
        assert result.plan.top_points() == x.top_points()


@pytest.mark.parametrize("side", ["e3-counter", "geneva-19"])
def test_a_partial_side_deletes_only_what_it_dropped(plans_dir, side):
    """A partial version lists only what was reported: merged with its base (on either side, or
    both), it gives the base with its changes, every unreported point kept as the base has it,
    only the points its `dropped` names deleted; the three ways give the same plan."""
    from peaceplan.aligning import align

    b, x = resolve("us-28", plans_dir), resolve(side, plans_dir)
    results = [merge_plans(b, o, t) for o, t in ((x, x), (b, x), (x, b))]
    assert all(r.clean for r in results)
    merged = results[0].plan
    assert all(r.plan.documents == merged.documents for r in results)
    assert all(r.plan.points == merged.points for r in results)
    texts = {fp.point.text for fp in merged.flat()}
    assert {fp.point.text for fp in x.flat()} <= texts  # everything the side says
    alignment = align(b, x)
    for key in alignment.unmatched_old:  # what the side does not show
        point = b.get(key)
        assert (point.text in texts) == (key not in x.dropped), key
    assert set(x.dropped) <= set(alignment.unmatched_old)


def test_a_move_on_one_side_and_edits_on_the_other_combine():
    from peaceplan.model import Plan, Point

    def plan(version, texts):
        points = tuple(Point(text=t, number=str(i + 1)) for i, t in enumerate(texts))
        return Plan(plan="p", version=version, points=points)

    texts = [
        "Ceasefire along the line of contact within 24 hours.",
        "Prisoners are exchanged all for all.",
        "Elections are held within 100 days of signing.",
        "Sanctions are lifted in stages after verification.",
        "The IAEA operates the Zaporizhzhia plant.",
    ]
    moved = [texts[i] for i in (0, 3, 1, 2, 4)]  # ours moves the sanctions point up
    edited = list(texts)  # theirs rewords the point ours moved, and another
    edited[3] = edited[3].replace("in stages", "at once")
    edited[1] = edited[1].replace("all for all", "in stages")
    result = merge_plans(plan("b", texts), plan("o", moved), plan("t", edited))
    assert result.clean
    assert [(p.number, p.text) for p in result.plan.points] == [
        ("1", texts[0]),
        ("2", "Sanctions are lifted at once after verification."),
        ("3", "Prisoners are exchanged in stages."),
        ("4", texts[2]),
        ("5", texts[4]),
    ]
