"""Carrying annotations to another version: every outcome (kept, moved, fuzzy, changed,
ambiguous, orphaned), origins recorded, nothing duplicated on a second run, and the real 28 -> 20
case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from notekit import notes_text, write_talks

from peaceplan.notes import NoteWarning, add_note, carry_notes, list_notes, read_notes


@pytest.fixture
def talks(tmp_path: Path) -> Path:
    return write_talks(tmp_path)


def _by_source(report) -> dict[str, object]:
    return {item.source.id: item for item in report.items}


def test_each_outcome_through_the_alignment(talks: Path) -> None:
    a = add_note("v1", "1", "Ceasefire first.", plans=talks)  # renumbered 1 -> 2
    b = add_note("v1", "3", "Too slow.", quote="thirty days", plans=talks)  # moved to the top
    c = add_note("v1", "2", "Weapons and monitors.", plans=talks)  # split into 3 + 4
    d = add_note("v1", "2", "Distance.", quote="fifty kilometres", plans=talks)  # only in 3
    with pytest.warns(NoteWarning, match="occurs 2 times"):
        e = add_note("v1", "2", "Which?", quote="withdraw", plans=talks)  # in 3 and 4
    f = add_note("v1", "5", "Who pays?", party="Beta", stance="rejects", plans=talks)  # dropped
    g = add_note("v1", "4", "Special law.", quote="special law", plans=talks)  # merged into 5
    report = carry_notes("v1", "v2", plans=talks)
    items = _by_source(report)

    assert items[a.id].outcome == "moved"
    assert (items[a.id].target.point, items[a.id].placement.reason) == ("2", "renumbered 1 -> 2")
    assert items[b.id].outcome == "moved" and items[b.id].target.point == "1"
    assert items[b.id].target.quote == "thirty days"

    assert items[c.id].outcome == "ambiguous"
    assert items[c.id].target.point is None
    assert items[c.id].placement.candidates == ("3", "4")
    assert "split into 3, 4" in items[c.id].placement.reason
    assert items[d.id].outcome == "moved" and items[d.id].target.point == "3"
    assert items[e.id].outcome == "ambiguous"
    assert items[e.id].placement.candidates == ("3", "4")

    assert items[f.id].outcome == "orphaned"
    assert items[f.id].target.point is None
    assert "point 5 was removed in v2" in items[f.id].placement.reason
    assert items[g.id].outcome == "moved" and items[g.id].target.point == "5"
    assert "merged with 6" in items[g.id].placement.reason

    assert report.counts() == {
        "kept": 0,
        "moved": 4,
        "fuzzy": 0,
        "changed": 0,
        "ambiguous": 2,
        "orphaned": 1,
    }
    # Nothing dropped: every source note is in the target file, placed or not.
    carried = list_notes("v2", plans=talks)
    assert len(carried) == 7
    assert {n.carried_from.id for n in carried} == {a.id, b.id, c.id, d.id, e.id, f.id, g.id}


def test_kept_fuzzy_and_changed(talks: Path) -> None:
    same = add_note("v2", "2", "Unchanged.", quote="complete ceasefire", plans=talks)
    figure = add_note(
        "v2", "1", "Beta wants longer.", quote="within thirty days", party="Beta",
        stance="rejects", plans=talks,
    )  # fmt: skip
    reworded = add_note(
        "v2", "5", "Sequence matters.",
        quote="border control returns to the government after the elections", plans=talks,
    )  # fmt: skip
    report = carry_notes("v2", "v3", plans=talks)
    items = _by_source(report)
    kept = items[same.id]
    assert (kept.outcome, kept.target.point, kept.placement.score) == ("kept", "2", 1.0)
    assert kept.target.carried_from.wording == "same"

    # Thirty days became sixty: the note is placed on the point but never passed off as saying
    # the same thing; it keeps the old quote beside the new one.
    changed = items[figure.id]
    assert (changed.outcome, changed.target.point) == ("changed", "1")
    assert changed.target.quote == "within sixty days"  # re-anchored on the new words
    assert 0.8 <= changed.placement.score < 1
    assert changed.placement.reason == (
        "quote 'within thirty days' is now 'within sixty days' (figure changed)"
    )
    origin = changed.target.carried_from
    assert (origin.version, origin.id, origin.point, origin.outcome) == (
        "v2",
        figure.id,
        "1",
        "changed",
    )
    assert origin.quote == "within thirty days"
    assert origin.wording == "changed"
    assert (changed.target.party, changed.target.stance) == ("Beta", "rejects")

    # Reworded with no figure involved: fuzzy, with its score.
    fuzzy = items[reworded.id]
    assert (fuzzy.outcome, fuzzy.target.point) == ("fuzzy", "5")
    assert fuzzy.target.quote == "border control returns to the government afterwards"
    assert "found as 'border control returns to the government afterwards'" in (
        fuzzy.placement.reason
    )
    assert report.counts()["changed"] == 1 and report.counts()["fuzzy"] == 1


@pytest.mark.parametrize(
    ("quote", "new", "outcome"),
    [
        ("600,000", "600\u202f000", "kept"),  # the same figure, another thousands separator
        ("600,000", "800,000", "changed"),
        (
            "forces withdraw from the line within 30 days",
            "forces withdraw from the line within thirty days",
            "fuzzy",
        ),
        (
            "forces withdraw from the line within 30 days",
            "forces withdraw from the line within 60 days",
            "changed",
        ),
        ("50:50", "50/50", "fuzzy"),
        (
            "forces are limited to 600,000 personnel",
            "forces are limited to agreed personnel",
            "changed",
        ),
    ],
)
def test_a_quote_whose_figure_changed_is_never_fuzzy(
    tmp_path: Path, quote: str, new: str, outcome: str
) -> None:
    plans = tmp_path / "plans"
    (plans / "t").mkdir(parents=True)
    text = "The armed {}, as the two delegations agreed."
    for version, words, based in (("a", quote, ""), ("b", new, "based_on: [a]\n")):
        (plans / "t" / f"{version}.yaml").write_text(
            f"plan: t\nversion: {version}\n{based}points:\n"
            f"  - number: '1'\n    text: {json.dumps(text.format(words))}\n",
            encoding="utf-8",
        )
    add_note("a", "1", "About the figure.", quote=quote, plans=plans)
    (item,) = carry_notes("a", "b", plans=plans).items
    assert item.outcome == outcome, item.placement.reason
    assert item.target.point == "1"
    if outcome == "changed":
        assert item.target.carried_from.quote == quote


def test_quote_gone_from_the_point_is_orphaned_not_moved_to_look_alikes(talks: Path) -> None:
    add_note("v2", "5", "Who drafts it?", quote="special law agreed with the regions", plans=talks)
    (item,) = carry_notes("v2", "v3", plans=talks).items
    # v3 #5 moved that wording into an option: still found exactly there.
    assert (item.outcome, item.target.point) == ("kept", "5")
    add_note("v1", "5", "Fund.", quote="international fund", plans=talks)
    report = carry_notes("v1", "v2", plans=talks)
    assert [i.outcome for i in report.items] == ["orphaned"]
    assert report.items[0].placement.candidates == ()


def test_running_carry_twice_adds_nothing(run, talks: Path) -> None:
    add_note("v1", "1", "One.", plans=talks)
    add_note("v1", "5", "Two.", plans=talks)
    code, out, err = run("note", "carry", "v1", "v2", plans=talks)
    assert code == 0, err
    assert out.splitlines()[0] == "talks/v1 -> talks/v2"
    assert out.splitlines()[-1] == "2 notes: 1 moved, 1 orphaned; 2 written"
    first = notes_text(talks, "v2")
    code, out, _ = run("note", "carry", "v1", "v2", plans=talks)
    assert code == 0
    assert out.splitlines()[-1] == "2 notes: 1 moved, 1 orphaned; 0 written"
    assert "already carried as n-0001" in out
    assert notes_text(talks, "v2") == first
    # A note added later to the source is carried on the next run, alone.
    add_note("v1", "3", "Three.", plans=talks)
    report = carry_notes("v1", "v2", plans=talks)
    assert [n.body for n in report.written] == ["Three."]
    assert len(list_notes("v2", plans=talks)) == 3


def test_dry_run_writes_nothing_and_json_lists_every_note(run, talks: Path) -> None:
    add_note("v1", "2", "Split.", plans=talks)
    code, out, _ = run("note", "carry", "v1", "v2", "--dry-run", "--format", "json", plans=talks)
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "peaceplan.carry/1"
    assert (data["from"], data["to"], data["dry_run"]) == ("talks/v1", "talks/v2", True)
    assert data["summary"]["ambiguous"] == 1
    (row,) = data["notes"]
    assert (row["outcome"], row["to_point"], row["candidates"]) == ("ambiguous", None, "3, 4")
    assert not (talks / "talks" / "notes" / "v2.yaml").exists()


def test_carried_unplaced_notes_keep_their_content_and_carry_on(talks: Path) -> None:
    add_note("v1", "5", "Who pays?", tag="pax:IntFu", plans=talks)
    carry_notes("v1", "v2", plans=talks)
    (orphan,) = read_notes(talks / "talks" / "notes" / "v2.yaml").annotations
    assert orphan.point is None and orphan.tag == "pax:IntFu" and orphan.body == "Who pays?"
    # Carried again from v2, it stays orphaned and says why; nothing is lost.
    (item,) = carry_notes("v2", "v3", plans=talks).items
    assert item.outcome == "orphaned" and item.target.body == "Who pays?"
    assert item.target.carried_from.version == "v2"


def test_carry_onto_the_same_version_is_refused(run, talks: Path) -> None:
    code, _, err = run("note", "carry", "v1", "v1", plans=talks)
    assert code == 2 and "carrying notes onto the same version" in err


def test_records_and_frame(talks: Path) -> None:
    add_note("v1", "1", "One.", plans=talks)
    report = carry_notes("v1", "v2", plans=talks)
    (row,) = report.to_records()
    assert row["from_point"] == "1" and row["to_point"] == "2" and row["new_id"] == "n-0001"
    frame = report.to_frame()
    assert list(frame["outcome"]) == ["moved"]


# -- the real drafts ---------------------------------------------------------------------------


def test_600000_note_on_us28_lands_on_the_800000_point_of_ua20(run, scratch_plans: Path) -> None:
    """Must show: the armed-forces note quoting "600,000" carried to ua-20, where the point says
    800,000: placed, but as `changed` (never kept or fuzzy), with the old and the new quote."""
    notes = scratch_plans / "ukraine-2025" / "notes"
    for f in notes.glob("*.yaml"):  # start from no notes on the target versions
        f.unlink()
    code, out, err = run(
        "note", "add", "us-28", "6", "--quote", "600,000", "--party", "Ukraine",
        "--stance", "rejects", "--body", "Kyiv asks for more.", plans=scratch_plans,
    )  # fmt: skip
    assert code == 0, err
    # A note on the point dropped after the 28 (us-28 #3, no NATO enlargement).
    code, _, err = run("note", "add", "us-28", "3", "--body", "Europe objects.",
                       plans=scratch_plans)  # fmt: skip
    assert code == 0, err
    code, out, err = run("note", "carry", "us-28", "ua-20", "--format", "json",
                         plans=scratch_plans)  # fmt: skip
    assert code == 0, err
    rows = {r["from_point"]: r for r in json.loads(out)["notes"]}
    army = rows["armed-forces"]
    assert army["outcome"] == "changed"
    assert army["to_point"] == "armed-forces"
    assert (army["quote"], army["new_quote"]) == ("600,000", "800,000")
    assert "quote '600,000' is now '800,000' (figure changed)" in army["reason"]
    dropped = rows["3"]
    assert (dropped["outcome"], dropped["to_point"]) == ("orphaned", None)

    carried = {n.carried_from.point: n for n in list_notes("ua-20", plans=scratch_plans)}
    landed = carried["armed-forces"]
    assert landed.point == "armed-forces"
    assert "800,000" in (scratch_plans / "ukraine-2025" / "ua-20.yaml").read_text()
    assert landed.quote == "800,000" and landed.carried_from.quote == "600,000"
    assert landed.carried_from.outcome == "changed"
    code, out, _ = run("note", "list", "ua-20", "--point", "4", plans=scratch_plans)
    assert "[changed from us-28, was «600,000»] «800,000» Kyiv asks for" in out
