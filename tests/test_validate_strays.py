"""`peaceplan validate` of a whole plans folder names every YAML file it did not read as a
version or a notes file: a broken draft saved where no command looks must not pass unsaid."""

from __future__ import annotations

from pathlib import Path

BROKEN = "plan: minsk\nversion: minsk-3\npoints:\n  - text: [unclosed\n"


def test_validate_names_yaml_files_no_command_reads(run, scratch_plans: Path) -> None:
    (scratch_plans / "minsk" / "drafts").mkdir()
    (scratch_plans / "minsk" / "drafts" / "minsk-3.yaml").write_text(BROKEN, encoding="utf-8")
    (scratch_plans / "minsk" / "minsk-3 copy.yaml").write_text(BROKEN, encoding="utf-8")
    (scratch_plans / "minsk" / "minsk-4.YAML").write_text(BROKEN, encoding="utf-8")
    (scratch_plans / "stray.yml").write_text(BROKEN, encoding="utf-8")
    (scratch_plans / "минск").mkdir()
    (scratch_plans / "минск" / "v1.yaml").write_text(BROKEN, encoding="utf-8")
    (scratch_plans / "minsk" / ".draft.yaml").write_text(BROKEN, encoding="utf-8")
    code, _, err = run("validate", plans=scratch_plans)
    assert code == 2, err
    lines = err.splitlines()
    expect = {
        "minsk/drafts/minsk-3.yaml": "not one folder down",
        "minsk/minsk-3 copy.yaml": "'minsk-3 copy' is not a valid version name",
        "minsk/minsk-4.YAML": "ends in .yaml or .yml",
        "stray.yml": "not one folder down",
        "минск/v1.yaml": "'минск' is not a valid plan name",
    }
    for rel, why in expect.items():
        hit = [x for x in lines if x.startswith(f"{scratch_plans / rel}:1:1: not read")]
        assert len(hit) == 1 and why in hit[0], (rel, err)
    assert ".draft.yaml" not in err  # hidden files (a lock, a temporary file) are left out


def test_validate_of_a_clean_folder_says_nothing_more(run, scratch_plans: Path) -> None:
    code, _, err = run("validate", plans=scratch_plans)
    assert code == 0, err
    assert "not read" not in err
