"""`peaceplan validate` checks notes files too: every problem located, against the version they
annotate (the points they name must exist), exit status 2."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import peaceplan

NOTES = "ukraine-2025/notes"


def _write_notes(plans: Path, version: str, text: str) -> Path:
    path = plans / NOTES / f"{version}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _problems(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if ": " in ln and not ln.endswith(" files")]


def test_bundled_notes_validate(run, plans_dir: Path) -> None:
    code, _, err = run("validate", str(plans_dir), plans=plans_dir)
    assert code == 0, err
    # 6 plan files and the 4 notes files beside the ukraine-2025 versions.
    assert err.strip() == "10 files OK"


def test_misspelt_stance_fails_validate_located(run, scratch_plans: Path) -> None:
    """Must show: a notes file with `stance: acepts` fails validate (exit 2, located)."""
    path = scratch_plans / NOTES / "ua-20.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("  stance: accepts") + 1
    path.write_text(text.replace("  stance: accepts", "  stance: acepts", 1), encoding="utf-8")
    code, _, err = run("validate", plans=scratch_plans)
    assert code == 2
    assert (
        f"{path}:{line}:3: notes[0].stance: 'acepts' is not one of accepts, rejects, reserves, "
        "proposes; did you mean 'accepts'?"
    ) in err.splitlines()
    assert err.splitlines()[-1] == "1 problem in 10 files"


def test_every_kind_of_notes_problem_is_reported_with_its_place(run, scratch_plans: Path) -> None:
    path = _write_notes(
        scratch_plans,
        "ua-20",
        """\
        - id: n-0001
          point: armed-forces
          kind: positon
          party: Ukraine
        - id: n-0002
          point: "12"
          body: Keyed by its id, not its number.
        - id: n-0003
          point: nato-membership
          body: Not in the 20 points.
        - id: n-0004
          point: armed-forces
          quote: "600,000"
          body: The figure is 800,000 in this version.
        - id: n-0005
          point: znpp
          body: A date that is not one.
          created: 2025-02-30
        - id: n-0006
          point: znpp
          body: Stated when?
          date: 23 December
          sorce: https://example.org
        - id: n-0007
          point: znpp
          kind: position
          party: Ukraine
          stance: proposes
          certainty: unsure
        """,
    )
    code, _, err = run("validate", str(path), plans=scratch_plans)
    assert code == 2
    got = _problems(err)
    assert got == [
        f"{path}:3:3: notes[0].kind: 'positon' is not one of note, position, tag, status; "
        "did you mean 'position'?",
        f"{path}:6:3: notes[1].point: no point '12' in ukraine-2025/ua-20; point 12 is keyed by "
        "its id: did you mean 'znpp'?",
        f"{path}:9:3: notes[2].point: no point 'nato-membership' in ukraine-2025/ua-20",
        f"{path}:18:12: invalid date '2025-02-30'",
        f"{path}:22:3: notes[5].date: expected a date (YYYY-MM-DD), got a string",
        f"{path}:23:3: notes[5]: unknown key 'sorce' (did you mean 'source'?)",
        f"{path}:29:3: notes[6].certainty: 'unsure' is not one of reported, uncertain, inferred",
    ]
    assert err.splitlines()[-1] == "7 problems in 1 file"


def test_a_quote_the_point_no_longer_holds_is_flagged_not_refused(run, scratch_plans) -> None:
    """Editing a figure the notes quote is an ordinary change: validate passes, and `note list`
    says the quote is gone."""
    path = scratch_plans / "ukraine-2025" / "ua-20.yaml"
    path.write_text(path.read_text("utf-8").replace("800,000", "850,000"), encoding="utf-8")
    code, _, err = run("validate", plans=scratch_plans)
    assert code == 0, err
    code, out, _ = run("note", "list", "ua-20", "--point", "4", plans=scratch_plans)
    (line,) = [ln for ln in out.splitlines() if ln.startswith("n-0001")]
    assert "[quote no longer in the point] «800,000»" in line
    (line,) = [ln for ln in out.splitlines() if ln.startswith("n-0004")]
    assert "quote no longer" not in line  # a status, no quote


def test_old_place_key_of_a_side_document_point_suggests_its_stable_key(
    run, scratch_plans: Path
) -> None:
    # Before side-document points were keyed by document, the 25th point of ua-20 (the first of
    # the bilateral guarantees) was "#25".
    path = _write_notes(
        scratch_plans,
        "ua-20",
        """\
        - id: n-0001
          point: "#25"
          body: The US military's role.
        """,
    )
    code, _, err = run("validate", plans=scratch_plans)
    assert code == 2
    assert _problems(err) == [
        f"{path}:2:3: notes[0].point: no point '#25' in ukraine-2025/ua-20; a point of a "
        "package's document with neither id nor number is keyed by its document and place: "
        "did you mean 'bilateral-guarantees#1'?"
    ]


def test_folders_and_notes_paths_are_checked(run, scratch_plans: Path) -> None:
    _write_notes(scratch_plans, "us-28", "- id: n-1\n  point: znpp\n  body: fine\n  kind: tagg\n")
    folder = scratch_plans / "ukraine-2025"
    for target in (
        folder,
        folder / "notes",
        folder / "notes" / "us-28.yaml",
        folder / "us-28.yaml",
    ):
        code, _, err = run("validate", str(target), plans=scratch_plans)
        assert code == 2, target
        assert "notes[0].kind: 'tagg' is not one of" in err, target
    # The plan file alone: itself and its notes.
    assert err.splitlines()[-1] == "1 problem in 2 files"


def test_a_notes_file_without_its_version(run, scratch_plans: Path) -> None:
    path = _write_notes(scratch_plans, "us-29", "- id: n-1\n  point: '6'\n  body: Which draft?\n")
    code, _, err = run("validate", plans=scratch_plans)
    assert code == 2
    assert _problems(err) == [
        f"{path}:1:1: no version 'us-29' to annotate: "
        f"{scratch_plans / 'ukraine-2025' / 'us-29.yaml'} is missing"
    ]


def test_notes_of_a_broken_version_are_still_read(run, scratch_plans: Path) -> None:
    plan = scratch_plans / "ukraine-2025" / "us-28.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("title:", "titel:", 1), "utf-8")
    notes = _write_notes(scratch_plans, "us-28", "- id: n-1\n  point: '6'\n  stance: maybe\n")
    code, _, err = run("validate", str(notes), plans=scratch_plans)
    assert code == 2
    got = _problems(err)
    assert any("notes[0].stance: 'maybe' is not one of" in p for p in got)
    assert (
        got[-1]
        == f"{notes}:1:1: points not checked: {plan} has problems (peaceplan validate {plan})"
    )


def test_validate_paths_from_python(scratch_plans: Path) -> None:
    assert peaceplan.validate_paths(plans=scratch_plans).ok
    _write_notes(scratch_plans, "geneva-19", "- id: n-1\n  point: '#9'\n  body: Gone.\n")
    report = peaceplan.validate_paths(plans=scratch_plans)
    (problem,) = report.problems
    assert (problem.line, problem.column) == (2, 3)
    assert problem.message == "notes[0].point: no point '#9' in ukraine-2025/geneva-19"


def test_validate_paths_takes_one_path_as_one_path(scratch_plans: Path) -> None:
    # A single path string is a path, not a list of one-letter paths ("p", "l", "a"...).
    folder = scratch_plans / "minsk"
    for paths in (str(folder), folder, [str(folder)]):
        report = peaceplan.validate_paths(paths, plans=scratch_plans)
        assert report.ok and report.files == 2, report.problems


@pytest.mark.parametrize("version", ["us-28", "e3-counter", "geneva-19", "ua-20"])
def test_read_notes_against_their_version(plans_dir: Path, version: str) -> None:
    from peaceplan.notes import read_notes

    plan = peaceplan.load(plans_dir / "ukraine-2025" / f"{version}.yaml")
    assert read_notes(plans_dir / NOTES / f"{version}.yaml", plan=plan).annotations
