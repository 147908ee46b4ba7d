"""Certainty of notes and positions (reported, uncertain, inferred) from `note add` to `status`,
and positions recorded on a version winning over positions carried onto it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from notekit import notes_text, write_talks

from peaceplan.errors import UsageError
from peaceplan.notes import add_note, carry_notes, list_notes, read_notes, status
from peaceplan.notes.store import emit_annotation, parse_notes

D = dt.date
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def talks(tmp_path: Path) -> Path:
    return write_talks(tmp_path)


def _stances(data: dict) -> dict[tuple[str, str], dict]:
    return {(p["point"], party): s for p in data["positions"] for party, s in p["stances"].items()}


def test_carry_never_overrides_the_stances_recorded_on_the_target(run, scratch_plans) -> None:
    """Must show: after `note carry us-28 ua-20`, `status` of ua-20 is unchanged for the stances
    recorded on ua-20 (us-28 has Europe rejecting the 600,000 cap on the same day ua-20 records
    Europe proposing 800,000: the carried one must not win)."""
    code, out, err = run("status", "ukraine-2025", "--format", "json", plans=scratch_plans)
    assert code == 0, err
    before = _stances(json.loads(out))
    assert before[("armed-forces", "Europe")]["stance"] == "proposes"
    code, out, err = run("note", "carry", "us-28", "ua-20", plans=scratch_plans)
    assert code == 0, err
    assert out.splitlines()[-1].endswith("; 24 written")
    code, out, err = run("status", "ukraine-2025", "--format", "json", plans=scratch_plans)
    assert code == 0, err
    after = _stances(json.loads(out))
    for cell, stance in before.items():
        assert after[cell] == stance, cell
    # Carried positions only fill cells ua-20 leaves empty, and marked stale at that.
    new = {cell: s for cell, s in after.items() if cell not in before}
    assert new and all(s["carried"] and s["stale"] for s in new.values())
    assert json.loads(out)["convergence"][-1]["positions"] == 4  # stale ones are not counted


def test_own_position_wins_even_over_a_newer_carried_one(talks: Path) -> None:
    add_note("v3", "2", party="Beta", stance="reserves", date=D(2025, 3, 1), plans=talks)
    add_note("v2", "2", party="Beta", stance="rejects", date=D(2025, 3, 20), plans=talks)
    add_note("v2", "2", party="Alpha", stance="accepts", date=D(2025, 3, 20), plans=talks)
    carry_notes("v2", "v3", plans=talks)  # #2 is unchanged: the carried positions are current
    row = {r.key: r for r in status("talks", plans=talks).positions}["2"]
    alpha, beta = row.stances
    assert (beta.stance, beta.carried) == ("reserves", False)
    assert (alpha.stance, alpha.carried, alpha.stale) == ("accepts", True, False)


def test_note_add_with_certainty_through_the_cli(run, talks: Path) -> None:
    code, out, err = run(
        "note", "add", "v3", "2", "--party", "Alpha", "--stance", "accepts",
        "--certainty", "uncertain", "--certainty-note", "Said of the text as a whole.",
        plans=talks,
    )  # fmt: skip
    assert code == 0, err
    assert "certainty: uncertain\n  certainty_note: Said of the text as a whole.\n" in (
        notes_text(talks, "v3")
    )
    run("note", "add", "v3", "2", "--party", "Beta", "--stance", "accepts", plans=talks)
    run("note", "add", "v3", "3", "--party", "Beta", "--stance", "rejects",
        "--certainty", "inferred", plans=talks)  # fmt: skip
    assert "certainty:" not in notes_text(talks, "v3").split("n-0002")[1].split("n-0003")[0]

    code, out, _ = run("note", "list", "v3", plans=talks)
    lines = out.splitlines()
    assert lines[1].split()[:5] == ["n-0001", "#2", "Alpha", "accepts", "(uncertain)"]
    assert lines[2].split()[:4] == ["n-0002", "#2", "Beta", "accepts"]
    assert lines[3].split()[:5] == ["n-0003", "#3", "Beta", "rejects", "(inferred)"]
    code, out, _ = run("note", "list", "v3", "--format", "json", plans=talks)
    notes = json.loads(out)["notes"]
    assert [n["certainty"] for n in notes] == ["uncertain", "reported", "inferred"]
    assert notes[0]["certainty_note"] == "Said of the text as a whole."

    code, out, _ = run("status", "talks", plans=talks)
    lines = out.splitlines()
    assert lines[2].split() == ["#2", "accepts~", "accepts"]
    assert lines[3].split() == ["#3", "-", "rejects*"]
    assert "~ uncertain: sources conflict or are thin" in lines
    assert "* inferred: our reading, not a stated position" in lines
    conv = lines[lines.index("Convergence of talks") + 1 :]
    # v3: #2 is agreed only thanks to an uncertain position, #3 rejected only in an inferred one.
    assert conv[3].split()[:11] == [
        "v3",
        "2025-03-01",
        "5",
        "0",
        "1",
        "2",
        "2",
        "1",
        "(1~)",
        "1",
        "(1~)",
    ]
    assert "(n~): of which n rest on an uncertain or inferred position" in lines

    code, out, _ = run("status", "talks", "--format", "json", plans=talks)
    data = json.loads(out)
    alpha = data["positions"][0]["stances"]["Alpha"]
    assert (alpha["certainty"], alpha["certainty_note"]) == (
        "uncertain",
        "Said of the text as a whole.",
    )
    last = data["convergence"][-1]
    assert (last["uncertain"], last["agreed_uncertain"], last["rejected_uncertain"]) == (2, 1, 1)
    code, out, _ = run("status", "talks", "--format", "markdown", plans=talks)
    assert "| \\#2 |  | accepts\\~ | accepts |" in out  # escaped: ~ is strike-through there
    assert "| v3 | 2025-03-01 | 5 | 0 | 1 | 2 | 2 | 1 (1\\~) | 1 (1\\~) | Alpha and Beta |" in out


def test_a_reported_rejection_is_not_counted_as_uncertain(talks: Path) -> None:
    add_note("v3", "3", party="Alpha", stance="rejects", certainty="uncertain", plans=talks)
    add_note("v3", "3", party="Beta", stance="rejects", plans=talks)
    last = status("talks", plans=talks).convergence[-1]
    assert (last.rejected, last.rejected_uncertain, last.uncertain) == (1, 0, 1)


def test_bad_certainty_is_refused(run, talks: Path) -> None:
    code, _, err = run("note", "add", "v3", "2", "--body", "x", "--certainty", "maybe",
                       plans=talks)  # fmt: skip
    assert code == 2 and "'maybe' is not one of 'reported', 'uncertain', 'inferred'" in err
    code, _, err = run("note", "add", "v3", "2", "--body", "x", "--certainty-note", " ",
                       plans=talks)  # fmt: skip
    assert code == 2 and "--certainty-note is empty" in err
    # The Python API names its parameter; the CLI (above) translates it into the option.
    with pytest.raises(UsageError, match="`certainty=`: 'sure' is not one of"):
        add_note("v3", "2", "x", certainty="sure", plans=talks)
    assert not (talks / "talks" / "notes" / "v3.yaml").exists()


def test_certainty_round_trips_and_is_carried(talks: Path) -> None:
    note = add_note(
        "v2", "1", "Thin.", quote="thirty days", certainty="inferred",
        certainty_note="Our reading of the draft.", plans=talks,
    )  # fmt: skip
    (back,) = parse_notes(emit_annotation(note)).annotations
    assert back == note
    assert list(note.to_dict()) == ["id", "point", "kind", "quote", "body", "created",
                                    "certainty", "certainty_note"]  # fmt: skip
    (item,) = carry_notes("v2", "v3", plans=talks).items
    assert (item.target.certainty, item.target.certainty_note) == (
        "inferred",
        "Our reading of the draft.",
    )
    plain = add_note("v1", "1", "Plain.", plans=talks)
    assert plain.certainty == "reported" and "certainty" not in plain.to_dict()
    assert plain.to_json_dict()["certainty"] == "reported"


def test_bundled_notes_carry_their_doubts_in_the_field(run, plans_dir: Path) -> None:
    for path in sorted((plans_dir / "ukraine-2025" / "notes").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert "[uncertain]" not in text and "(inference)" not in text, path.name
    us28 = {
        n.id: n for n in read_notes(plans_dir / "ukraine-2025" / "notes" / "us-28.yaml").annotations
    }
    assert (us28["n-0003"].certainty, us28["n-0008"].certainty) == ("inferred", "uncertain")
    assert all(us28[i].certainty_note for i in ("n-0003", "n-0008", "n-0016", "n-0020"))
    kinds = {
        v: {n.certainty for n in list_notes(v, plans=plans_dir)}
        for v in ("us-28", "e3-counter", "ua-20")
    }
    assert kinds == {
        "us-28": {"reported", "uncertain", "inferred"},
        "e3-counter": {"reported", "uncertain"},
        "ua-20": {"reported", "uncertain", "inferred"},
    }
    code, out, _ = run("status", "ukraine-2025", "us-28", plans=plans_dir)
    rows = {ln.split()[0]: ln.split() for ln in out.splitlines() if ln.startswith("#")}
    assert rows["#7"][1:5] == ["reserves", "accepts~", "proposes", "rejects"]
    assert rows["#6"][1] == "rejects*"
