"""Paths: names written in a plan file (version, plan, based_on) never become paths outside the
plans folder, and git revisions from the command line never reach git as options.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ESCAPES = ["../../etc/passwd", "/etc/passwd", "..", ".hidden", "-rf", "a/../../b", "x\\..\\y"]


def _plan(version: str = "v2", based_on: str = "v1") -> str:
    return (
        f"plan: talks\nversion: {version}\nbased_on:\n  - {json.dumps(based_on)}\n"
        "points:\n  - number: '1'\n    text: The parties agree.\n"
    )


@pytest.fixture
def talks(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    (plans / "talks").mkdir(parents=True)
    (plans / "talks" / "v1.yaml").write_text(
        "plan: talks\nversion: v1\npoints:\n  - number: '1'\n    text: The parties agree.\n"
    )
    (tmp_path / "secret.yaml").write_text(
        "plan: talks\nversion: secret\npoints:\n  - text: SECRET WORDING\n"
    )
    return plans


@pytest.mark.parametrize("name", ESCAPES)
def test_based_on_cannot_name_a_file_outside_the_plans_folder(run, talks: Path, name: str) -> None:
    path = talks / "talks" / "v2.yaml"
    path.write_text(_plan(based_on=name))
    code, out, err = run("validate", plans=talks)
    assert code == 2
    assert f"{path}:4:5: based_on: {name!r} is not a version name" in err.splitlines()
    # `diff v2` compares with the version v2 is based on: never a file outside plans/.
    code, out, err = run("diff", "v2", "--format", "json", plans=talks)
    assert code == 2 and out == "" and "SECRET" not in err
    assert err.startswith(f"{path}:4:5: based_on: {name!r} is not a version name")


@pytest.mark.parametrize("name", ESCAPES)
def test_a_version_or_plan_name_is_never_a_path(run, talks: Path, name: str) -> None:
    path = talks / "talks" / "v2.yaml"
    path.write_text(_plan(version=json.dumps(name)))
    code, _, err = run("validate", str(path), plans=talks)
    assert code == 2
    assert f"{path}:2:1: version: {name!r} is not a valid name (letters, digits, . _ -)" in err
    path.write_text(_plan().replace("plan: talks", f"plan: {json.dumps(name)}"))
    code, _, err = run("validate", str(path), plans=talks)
    assert code == 2 and "is not a valid name" in err


def test_notes_are_written_beside_the_plan_never_elsewhere(run, talks: Path) -> None:
    # A version is found among the plans folder's files, by name: `../secret` is no such name.
    before = sorted(p.relative_to(talks.parent) for p in talks.parent.rglob("*"))
    code, out, err = run("note", "add", "../secret", "1", "--body", "Who wrote this?", plans=talks)
    assert code == 2 and "no such version" in err
    code, out, err = run("note", "add", "talks/../../secret", "1", "--body", "x", plans=talks)
    assert code == 2
    assert sorted(p.relative_to(talks.parent) for p in talks.parent.rglob("*")) == before
    code, out, err = run("note", "add", "v1", "1", "--body", "Who wrote this?", plans=talks)
    assert code == 0, err
    assert (talks / "talks" / "notes" / "v1.yaml").is_file()


def _repo(tmp_path: Path, plans_dir: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(plans_dir, repo / "plans", ignore=shutil.ignore_patterns("notes"))
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "plans"], check=True)
    return repo


@pytest.mark.parametrize(
    "revs",
    [
        ("--output=PWNED", "HEAD"),
        ("HEAD", "--output=PWNED"),
        ("--upload-pack=touch PWNED", "HEAD"),
        ("-p", "HEAD"),
    ],
)
def test_review_revisions_cannot_smuggle_git_options(
    tmp_path: Path, plans_dir: Path, revs: tuple[str, str]
) -> None:
    repo = _repo(tmp_path, plans_dir)
    out = subprocess.run(
        [sys.executable, "-m", "peaceplan", "review", "--", *revs],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2
    assert "may not start with '-'" in out.stderr and "Traceback" not in out.stderr
    assert not list(repo.rglob("PWNED*"))
    assert not list(tmp_path.rglob("PWNED*"))


def test_a_symbolic_link_out_of_the_plans_folder_is_not_followed(run, talks: Path) -> None:
    # A pull request can commit links: plans/talks/v9.yaml -> ../../secret.yaml.
    (talks / "talks" / "v9.yaml").symlink_to(talks.parent / "secret.yaml")
    code, out, err = run("show", "v9", plans=talks)
    assert code == 2 and "SECRET" not in out + err
    assert "v9: no such version" in err
    code, out, err = run("validate", plans=talks)  # named as not read, never read
    assert code == 2 and "SECRET" not in out + err
    assert "v9.yaml:1:1: not read as a plan or notes file: a symbolic link leading out" in err
    # A link that stays inside the folder is an ordinary version.
    (talks / "talks" / "v1-copy.yaml").symlink_to(talks / "talks" / "v1.yaml")
    code, out, _ = run("show", "talks/v1-copy", "--format", "json", plans=talks)
    assert code == 0 and "The parties agree." in out


def test_notes_are_never_written_through_a_link_out_of_the_plans_folder(run, talks: Path) -> None:
    outside = talks.parent / "outside.yaml"
    (talks / "talks" / "notes").mkdir()
    (talks / "talks" / "notes" / "v1.yaml").symlink_to(outside)
    code, _, err = run("note", "add", "v1", "1", "--body", "Who pays?", plans=talks)
    assert code == 2 and "symbolic link leading out of" in err
    assert not outside.exists()


def test_review_of_the_work_tree_does_not_read_through_a_committed_link(
    tmp_path: Path, plans_dir: Path
) -> None:
    repo = _repo(tmp_path, plans_dir)
    (tmp_path / "secret.yaml").write_text(
        "plan: minsk\nversion: leak\npoints:\n  - text: SECRET WORDING\n"
    )
    (repo / "plans" / "minsk" / "leak.yaml").symlink_to(tmp_path / "secret.yaml")
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True)
    out = subprocess.run(
        [sys.executable, "-m", "peaceplan", "review", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "SECRET" not in out.stdout + out.stderr and "Traceback" not in out.stderr
    assert "plans/minsk/leak.yaml" in out.stdout + out.stderr
    assert "symbolic link leading out of the repository" in out.stdout + out.stderr


def test_a_lock_file_linked_out_of_the_plans_folder_is_not_followed(run, talks: Path) -> None:
    # plans/talks/notes/.v1.yaml.lock -> ../../outside.lock, dangling: opening it to create the
    # lock would create the file it names, anywhere.
    outside = talks.parent / "outside.lock"
    (talks / "talks" / "notes").mkdir()
    (talks / "talks" / "notes" / ".v1.yaml.lock").symlink_to(outside)
    code, _, err = run("note", "add", "v1", "1", "--body", "Who pays?", plans=talks)
    assert code == 2
    assert err.strip().endswith(
        ".v1.yaml.lock: the lock file is a symbolic link; not followed (remove it)"
    )
    assert not outside.exists()
    assert not (talks / "talks" / "notes" / "v1.yaml").exists()


def test_validate_of_a_folder_does_not_follow_links_out_of_it(run, talks: Path) -> None:
    (talks / "talks" / "v9.yaml").symlink_to(talks.parent / "secret.yaml")
    (talks.parent / "elsewhere").mkdir()
    (talks.parent / "elsewhere" / "leak.yaml").write_text("plan: [unclosed SECRET\n")
    (talks / "talks" / "more").symlink_to(talks.parent / "elsewhere")
    for folder in (talks, talks / "talks"):
        code, out, err = run("validate", str(folder), plans=talks)
        assert code == 0, err
        assert "SECRET" not in out + err and "leak" not in out + err
        assert err.strip() == "1 file OK"


@pytest.mark.parametrize("how", ["--plans", "found"])
def test_a_plans_folder_that_is_a_link_is_refused(run, talks: Path, tmp_path: Path, how) -> None:
    # A repository committing `plans -> /somewhere/else` would have every command read, and
    # note writes go, outside it. Refused with a message; the real folder, named, works.
    top = tmp_path / "checkout"
    top.mkdir()
    (top / "plans").symlink_to(talks)
    if how == "--plans":
        code, _, err = run("validate", plans=top / "plans")
    else:
        cwd = os.getcwd()
        os.chdir(top)
        try:
            code, _, err = run("show", "v1", plans=None)
        finally:
            os.chdir(cwd)
    assert code == 2
    assert err.strip() == (
        f"{top.resolve() / 'plans'}: the plans folder is a symbolic link (to {talks}); "
        "not followed: give the folder it points to with --plans"
    )
    code, _, err = run("validate", plans=talks)
    assert code == 0, err
