"""The bundled real drafts align as a careful reader would, with every point id removed.

Copies of the bundled plans, with each point's `id` stripped, are written to a temporary folder
and aligned by the real aligner (from Python, and through `peaceplan diff --format json`): what a
user who diffs two drafts from different sources gets. Issue 20's cases: splits on real structure
(us-28 #12 -> ua-20 #8 + #9, minsk-1 #1 -> #1 + #2 and #9 -> #4 + #12), a lead-in known by its
sub-points (us-28 #21 -> ua-20 #14), and no false pair through the parties' names (geneva-19's
NATO bracket is not ua-20's free trade with the United States). The gold mappings of
benchmarks/gold give no pair outside what they allow.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import attrs
import pytest

import peaceplan
from peaceplan.aligning import EVIDENCE, Alignment, align
from peaceplan.aligning.tokens import STOP_STEMS, _synonym_table, stems, tokens
from peaceplan.model import Point

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ (the gold mappings) is not installed
    sys.path.insert(0, str(ROOT))

from benchmarks.real_pairs import golds, load_gold, pairs_of  # noqa: E402

BUNDLED = {
    "us-28": ROOT / "plans" / "ukraine-2025" / "us-28.yaml",
    "ua-20": ROOT / "plans" / "ukraine-2025" / "ua-20.yaml",
    "e3-counter": ROOT / "plans" / "ukraine-2025" / "e3-counter.yaml",
    "geneva-19": ROOT / "plans" / "ukraine-2025" / "geneva-19.yaml",
    "minsk-1": ROOT / "plans" / "minsk" / "minsk-1.yaml",
    "minsk-2": ROOT / "plans" / "minsk" / "minsk-2.yaml",
}


def _no_ids(p: Point) -> Point:
    return attrs.evolve(p, id=None, points=tuple(_no_ids(c) for c in p.points))


@pytest.fixture(scope="module")
def stripped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each bundled version saved again without any point id, in a temporary folder."""
    folder = tmp_path_factory.mktemp("no-ids")
    out = {}
    for name, path in BUNDLED.items():
        plan = peaceplan.load(path)
        if plan.documents:
            docs = tuple(
                attrs.evolve(d, points=tuple(map(_no_ids, d.points))) for d in plan.documents
            )
            plan = attrs.evolve(plan, documents=docs)
        else:
            plan = attrs.evolve(plan, points=tuple(map(_no_ids, plan.points)))
        out[name] = folder / f"{name}.yaml"
        peaceplan.save(plan, out[name])
    return out


def aligned(stripped: dict[str, Path], old: str, new: str) -> Alignment:
    a, b = peaceplan.load(stripped[old]), peaceplan.load(stripped[new])
    assert not any(fp.point.id for plan in (a, b) for fp in plan.flat())  # really stripped
    return align(a, b)


def match_of(alignment: Alignment, old_key: str):
    found = [m for m in alignment.matches if old_key in m.old]
    assert len(found) == 1, f"{old_key} in {len(found)} matches"
    return found[0]


def test_the_recovery_package_splits_into_the_development_package_and_the_funds(stripped):
    m = match_of(aligned(stripped, "us-28", "ua-20"), "12")
    assert (m.old, m.new, m.kind) == (("12",), ("8", "9"), "split")
    assert "neighbours" in m.evidence  # #9 found as the neighbour of #8


def test_a_match_on_thin_wording_says_it_is_weak(stripped):
    """us-28 #28 and ua-20 #20 (Ceasefire) share little more than "ceasefire": title, topics
    and place make the match, which is shown as likely, not certain."""
    a = aligned(stripped, "us-28", "ua-20")
    ceasefire = match_of(a, "28")
    assert ceasefire.new == ("20",) and ceasefire.weak
    assert {"title", "topics", "place"} <= set(ceasefire.evidence)
    assert not match_of(a, "11").weak  # European Union: said much alike


def test_a_lead_in_whose_sub_points_match_is_matched(stripped):
    """us-28 #21 "Territory" only introduces 21.a-d; ua-20 #14 "Territory" says it all."""
    a = aligned(stripped, "us-28", "ua-20")
    m = match_of(a, "21")
    assert m.new == ("14",)
    assert {"21.a", "21.b"} <= set(m.old)  # recognition and the line of contact, folded in
    assert {"sub-points", "place", "title"} <= set(m.evidence)


def test_the_minsk_ceasefire_and_elections_splits_are_found(stripped):
    a = aligned(stripped, "minsk-1", "minsk-2")
    ceasefire = match_of(a, "1")
    assert (ceasefire.new, ceasefire.kind) == (("1", "2"), "split")  # + heavy-weapons pull-back
    elections = match_of(a, "9")
    assert (elections.new, elections.kind) == (("4", "12"), "split")  # dialogue + the elections
    assert match_of(a, "8").new == ("7",)  # humanitarian situation -> humanitarian access


def test_nothing_pairs_with_free_trade_unless_it_is_about_trade(stripped):
    a = aligned(stripped, "geneva-19", "ua-20")
    free_trade = a.new.get("10")
    assert free_trade is not None and free_trade.title == "Free trade with the United States"
    for m in a.matches:
        if "10" in m.new:
            assert all("trade" in a.old.get(k).text.casefold() for k in m.old), m
    assert "#4" in a.unmatched_old  # NATO, Russia and the United States: not in the 20 points


def test_the_cli_reports_the_splits_on_the_stripped_copies(run, stripped):
    code, out, _ = run("diff", str(stripped["us-28"]), str(stripped["ua-20"]), "--format", "json")
    assert code == 1
    changes = json.loads(out)["changes"]
    splits = {(tuple(c["old"]), tuple(c["new"])) for c in changes if c["kind"] == "split"}
    assert (("12",), ("8", "9")) in splits
    added = {k for c in changes if c["kind"] == "added" for k in c["new"]}
    assert "9" not in added and "14" not in added
    code, out, _ = run(
        "diff", str(stripped["minsk-1"]), str(stripped["minsk-2"]), "--format", "json"
    )
    splits = {(tuple(c["old"]), tuple(c["new"])) for c in json.loads(out)["changes"]}
    assert {(("1",), ("1", "2")), (("9",), ("4", "12"))} <= splits


@pytest.mark.parametrize("gold", golds(), ids=lambda g: g.name)
@pytest.mark.parametrize("ids", [True, False], ids=["ids", "no-ids"])
def test_no_pair_outside_the_gold_mapping(gold, ids, stripped):
    """Precision first: every pair made is a reported (sure) or plausible (possible) one."""
    if ids:
        alignment = align(peaceplan.load(gold.old), peaceplan.load(gold.new))
    else:
        alignment = aligned(stripped, gold.old.stem, gold.new.stem)
    false = pairs_of(alignment) - gold.sure - gold.possible
    assert not false


def test_every_match_says_what_it_rests_on():
    plans = str(ROOT / "plans")
    for old, new in [("us-28", "ua-20"), ("minsk-1", "minsk-2"), ("us-28", "e3-counter")]:
        a = peaceplan.align(old, new, plans=plans)
        for m in a.matches:
            assert m.evidence and set(m.evidence) <= set(EVIDENCE)
            if m.method in ("id", "exact"):
                assert m.evidence[0] == m.method and not m.weak
            else:
                assert "wording" in m.evidence


def test_words_are_compared_by_stem_and_synonym():
    """Content evidence reads word forms and the reviewed synonyms as one word."""
    same = [
        ("Heavy weapons are withdrawn", "Both sides pull back a heavy weapon"),
        ("The Alliance decides", "NATO decides"),
        ("Early elections", "An early vote"),
        ("Rebuilding of the cities", "Reconstruction of a city"),
        ("Decentralised power", "Decentralisation of power"),
        ("Russian law", "Russia's legislation"),
    ]
    for a, b in same:
        content_a = set(stems(tokens(a))) - STOP_STEMS
        content_b = set(stems(tokens(b))) - STOP_STEMS - {"side", "both"}
        assert content_a == content_b, (a, b)
    assert stems(tokens("pull-back")) == stems(tokens("withdrawal")) == ["withdraw"]


def test_the_synonyms_table_is_read_as_stems_and_refuses_long_variants():
    words, pairs = _synonym_table("# a comment\nelection: vote, ballot  # why\nwithdraw: pull back")
    assert words["vote"] == words["ballot"] == words["elect"] == "elect"
    assert pairs[("pull", "back")] == "withdraw"
    with pytest.raises(ValueError, match="at most two words a variant: one two three"):
        _synonym_table("x: one two three")


def test_a_bad_gold_file_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "old: plans/minsk/minsk-1.yaml\nnew: plans/minsk/minsk-2.yaml\n"
        "pairs:\n  - {old: ['1'], new: ['99'], sure: true, source: made up}\n"
    )
    with pytest.raises(ValueError, match="no such point: 1 -> 99"):
        load_gold(bad)
    bad.write_text(
        "old: plans/minsk/minsk-1.yaml\nnew: plans/minsk/minsk-2.yaml\n"
        "pairs:\n  - {old: ['1'], new: ['1'], sure: true}\n"
    )
    with pytest.raises(ValueError, match="without a source"):
        load_gold(bad)
