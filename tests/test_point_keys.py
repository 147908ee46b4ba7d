"""Points of a package's documents with neither id nor number are keyed by document and place
(`bilateral-guarantees#2`): inserting a point elsewhere leaves their keys, and their notes, alone;
old whole-version place keys (`#26`) are answered with the stable key."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import peaceplan
from peaceplan.model import Document, Plan, Point
from peaceplan.notes import NoteWarning, add_note

SIDE_KEYS = [
    "trilateral-guarantees#1",
    "bilateral-guarantees#1",
    "bilateral-guarantees#2",
    "prosperity-roadmap#1",
]


def test_side_document_points_of_ua20_are_keyed_by_document(plans_dir: Path) -> None:
    plan = peaceplan.load(plans_dir / "ukraine-2025" / "ua-20.yaml")
    side = [fp for fp in plan.flat() if fp.document != "framework"]
    assert [fp.key for fp in side] == SIDE_KEYS
    assert plan.get("bilateral-guarantees#2").text.startswith("The bilateral guarantees")


def test_keys_count_within_their_document_and_plain_plans_are_unchanged() -> None:
    doc = Document("annex", (Point("A."), Point("B.", points=(Point("B1."),)), Point("C.")))
    main = Document("main", (Point("One.", number="1"), Point("Loose.")))
    plan = Plan("p", "v", documents=(main, doc))
    assert plan.keys() == ("1", "main#2", "annex#1", "annex#2", "annex#3", "annex#4")
    plain = Plan("p", "v", points=(Point("One.", number="1"), Point("Loose.")))
    assert plain.keys() == ("1", "#2")


def test_inserting_a_point_keeps_side_document_notes_on_their_point(run, scratch_plans) -> None:
    code, _, err = run(
        "note", "add", "ua-20", "bilateral-guarantees#2", "--body", "Kyiv wants Congress to vote.",
        plans=scratch_plans,
    )  # fmt: skip
    assert code == 0, err
    path = scratch_plans / "ukraine-2025" / "ua-20.yaml"
    text = path.read_text(encoding="utf-8")
    # A new point early in the framework (and one more sub-point): every later point of the
    # version moves one place down.
    anchor = "      - id: armed-forces\n"
    new = "      - number: '2a'\n        text: A new point inserted by the drafters.\n"
    path.write_text(text.replace(anchor, new + anchor, 1), encoding="utf-8")
    code, _, err = run("validate", plans=scratch_plans)
    assert code == 0, err
    code, out, _ = run("note", "list", "ua-20", plans=scratch_plans)
    (line,) = [ln for ln in out.splitlines() if "Congress" in ln]
    assert line.split()[1] == "bilateral-guarantees#2" and "(missing)" not in line
    plan = peaceplan.load(path)
    assert plan.get("bilateral-guarantees#2").text.startswith("The bilateral guarantees")


def test_old_place_key_is_answered_with_the_stable_key(run, plans_dir: Path) -> None:
    code, _, err = run("note", "add", "ua-20", "#26", "--body", "x", plans=plans_dir)
    assert code == 2
    assert err == (
        "ukraine-2025/ua-20: no point '#26'; a point of a package's document with neither id nor "
        "number is keyed by its document and place: did you mean 'bilateral-guarantees#2'?\n"
    )
    code, _, err = run("log", "ukraine-2025", "--point", "ua-20:#24", plans=plans_dir)
    assert code == 2 and "did you mean 'trilateral-guarantees#1'?" in err


def test_a_note_on_a_place_keyed_point_suggests_an_id(scratch_plans: Path) -> None:
    with pytest.warns(NoteWarning, match=r"point #4: named only by its place in the version; "
                      r"give it an `id:` in geneva-19\.yaml"):  # fmt: skip
        add_note("geneva-19", "#4", "Bracketed.", plans=scratch_plans)
    with warnings.catch_warnings():
        warnings.simplefilter("error", NoteWarning)
        add_note("ua-20", "prosperity-roadmap#1", "Vision to 2040.", plans=scratch_plans)


def test_merge_names_a_conflict_on_a_side_document_point_by_its_stable_key() -> None:
    def version(name: str, annex: str) -> Plan:
        main = Document("main", (Point("One.", number="1"), Point("Two.", number="2")))
        side = Document("annex", (Point("Keep."), Point(annex)))
        return Plan("p", name, documents=(main, side))

    base = version("base", "The fund holds 100 billion.")
    ours = version("ours", "The fund holds 200 billion.")
    theirs = version("theirs", "The fund holds 300 billion.")
    result = peaceplan.merge(base, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.key == "annex#2"
    assert result.plan.locate(conflict.key).point.conflict
