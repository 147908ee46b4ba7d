"""The git merge and diff drivers, with real git in temporary repositories.

git runs with a fixed identity and no user or system configuration (HOME is a temporary folder).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from peaceplan.api import load
from peaceplan.io.load import load_text

PLAN = "plans/demo/draft.yaml"
DRAFT = """\
# A demo draft: points without titles, so that a number and its text are neighbouring lines.
plan: demo
version: draft
title: Demo framework
points:
  - number: "1"
    text: A ceasefire takes effect along the line of contact.
  - number: "2"
    text: Prisoners are exchanged all for all.
  - number: "3"
    text: Ukraine's armed forces are capped at 600,000 personnel.
  - number: "4"
    text: Elections are held within 100 days.
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PEACEPLAN_"))}
    return {
        **keep,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": "2025-11-25T10:00:00Z",
        "GIT_COMMITTER_DATE": "2025-11-25T10:00:00Z",
        "GIT_PAGER": "cat",
        "NO_COLOR": "1",
    }


def _run(cmd: list[str], cwd: Path, env: dict[str, str], check: bool = True):
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if check and out.returncode != 0:
        raise AssertionError(f"{cmd}: {out.returncode}\n{out.stdout}\n{out.stderr}")
    return out


def git(repo: Path, env: dict[str, str], *args: str, check: bool = True):
    return _run(["git", *args], repo, env, check)


def peaceplan(repo: Path, env: dict[str, str], *args: str, check: bool = True):
    return _run([sys.executable, "-m", "peaceplan", *args], repo, env, check)


@pytest.fixture
def repo(tmp_path: Path, env: dict[str, str]) -> Path:
    """A repository on branch main with one commit holding plans/demo/draft.yaml."""
    root = tmp_path / "repo"
    (root / "plans" / "demo").mkdir(parents=True)
    (root / PLAN).write_text(DRAFT, encoding="utf-8")
    git(root, env, "init", "-q", "-b", "main")
    git(root, env, "add", "-A")
    git(root, env, "commit", "-q", "-m", "base draft")
    return root


def _edit(repo: Path, env: dict[str, str], message: str, *edits: tuple[str, str]) -> None:
    path = repo / PLAN
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    git(repo, env, "commit", "-q", "-am", message)


def _renumbering_branch(repo: Path, env: dict[str, str]) -> None:
    """Branch `renumber`: a point inserted at the top, every other point renumbered."""
    git(repo, env, "checkout", "-q", "-b", "renumber")
    edits = [(f'number: "{n}"\n', f'number: "{n + 1}"\n') for n in (4, 3, 2, 1)]
    edits.append(("points:\n", 'points:\n  - number: "1"\n    text: Ukraine is sovereign.\n'))
    _edit(repo, env, "insert a point at the top", *edits)
    git(repo, env, "checkout", "-q", "main")


def _install(repo: Path, env: dict[str, str]) -> None:
    peaceplan(repo, env, "git", "install")
    git(repo, env, "add", ".gitattributes")
    git(repo, env, "commit", "-q", "-m", "peaceplan drivers")


def test_install_writes_attributes_and_config_idempotently(repo, env):
    first = peaceplan(repo, env, "git", "install")
    assert "merge.peaceplan.driver" in first.stdout
    attributes = (repo / ".gitattributes").read_text()
    assert "plans/**/*.yaml merge=peaceplan diff=peaceplan" in attributes.splitlines()
    driver = git(repo, env, "config", "merge.peaceplan.driver").stdout.strip()
    assert driver == f"{sys.executable} -m peaceplan git merge-driver %O %A %B %P"
    textconv = git(repo, env, "config", "diff.peaceplan.textconv").stdout.strip()
    assert textconv == f"{sys.executable} -m peaceplan git textconv"
    again = peaceplan(repo, env, "git", "install")
    assert again.stdout == "" and "already installed" in again.stderr
    assert (repo / ".gitattributes").read_text() == attributes
    attrs = git(repo, env, "check-attr", "merge", "diff", "--", PLAN).stdout
    assert f"{PLAN}: merge: peaceplan" in attrs and f"{PLAN}: diff: peaceplan" in attrs
    notes = git(repo, env, "check-attr", "merge", "--", "plans/demo/notes/draft.yaml").stdout
    assert "merge: unspecified" in notes  # annotation files keep git's own merge


def test_install_keeps_existing_attributes_and_global_goes_to_the_user(repo, env, tmp_path):
    (repo / ".gitattributes").write_text("*.png binary")  # no final newline
    peaceplan(repo, env, "git", "install", "--command", "peaceplan")
    lines = (repo / ".gitattributes").read_text().splitlines()
    assert lines[0] == "*.png binary" and len(lines) == 4
    assert git(repo, env, "config", "diff.peaceplan.textconv").stdout.strip() == (
        "peaceplan git textconv"
    )
    peaceplan(tmp_path, env, "git", "install", "--global")
    home = Path(env["HOME"])
    assert "merge-driver %O %A %B %P" in (home / ".gitconfig").read_text()
    assert "merge=peaceplan" in (home / ".config" / "git" / "attributes").read_text()


def test_install_outside_a_repository_is_an_error(tmp_path, env):
    out = peaceplan(tmp_path, env, "git", "install", check=False)
    assert out.returncode == 2
    assert "not inside a git work tree" in out.stderr and "Traceback" not in out.stderr


def test_renumbered_branch_merges_cleanly_where_plain_git_conflicts(repo, env):
    _renumbering_branch(repo, env)
    _edit(repo, env, "raise the cap", ("600,000", "800,000"))
    plain = git(repo, env, "merge", "renumber", "-m", "merge", check=False)
    assert plain.returncode == 1 and "CONFLICT" in plain.stdout
    assert "<<<<<<<" in (repo / PLAN).read_text()  # what git alone does to a plan
    git(repo, env, "merge", "--abort")

    _install(repo, env)
    merged = git(repo, env, "merge", "renumber", "-m", "merge", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    plan = load(repo / PLAN)
    assert [(p.number, p.text) for p in plan.points] == [
        ("1", "Ukraine is sovereign."),
        ("2", "A ceasefire takes effect along the line of contact."),
        ("3", "Prisoners are exchanged all for all."),
        ("4", "Ukraine's armed forces are capped at 800,000 personnel."),
        ("5", "Elections are held within 100 days."),
    ]
    assert (repo / PLAN).read_text().startswith("# A demo draft")  # comments kept
    assert git(repo, env, "status", "--porcelain").stdout == ""


def test_true_conflict_leaves_valid_yaml_with_options_then_resolve(repo, env):
    _install(repo, env)
    git(repo, env, "checkout", "-q", "-b", "kyiv")
    _edit(repo, env, "no cap", ("600,000", "900,000"))
    git(repo, env, "checkout", "-q", "main")
    _edit(repo, env, "lower cap", ("600,000", "500,000"), ("100 days", "90 days"))
    out = git(repo, env, "merge", "kyiv", "-m", "merge", check=False)
    assert out.returncode == 1
    assert "point 3: text changed differently on both sides" in out.stderr
    text = (repo / PLAN).read_text()
    assert "<<<<<<<" not in text and "=======" not in text
    plan = load_text(text, PLAN)  # valid YAML, a valid plan
    point = plan.get("3")
    assert point.conflict
    assert point.text == "Ukraine's armed forces are capped at 600,000 personnel."
    assert [(o.by, o.text[-21:]) for o in point.options] == [
        ("main", "at 500,000 personnel."),
        ("kyiv", "at 900,000 personnel."),
    ]
    assert plan.get("4").text == "Elections are held within 90 days."
    assert "UU" in git(repo, env, "status", "--porcelain").stdout

    check = peaceplan(repo, env, "validate", "--no-conflicts", PLAN, check=False)
    assert check.returncode == 2 and f"{PLAN}:" in check.stderr and "point 3" in check.stderr
    peaceplan(repo, env, "resolve", PLAN, "3", "--take", "kyiv")
    assert peaceplan(repo, env, "validate", "--no-conflicts", PLAN).returncode == 0
    assert (
        load(repo / PLAN).get("3").text == "Ukraine's armed forces are capped at 900,000 personnel."
    )
    git(repo, env, "add", PLAN)
    git(repo, env, "commit", "-q", "-m", "merge kyiv")


def test_unparseable_side_stops_the_driver_and_leaves_ours(repo, env):
    _install(repo, env)
    git(repo, env, "checkout", "-q", "-b", "broken")
    _edit(repo, env, "break it", ("    text: Prisoners", "    text: [Prisoners"))
    git(repo, env, "checkout", "-q", "main")
    _edit(repo, env, "edit", ("100 days", "90 days"))
    ours = (repo / PLAN).read_text()
    out = git(repo, env, "merge", "broken", "-m", "merge", check=False)
    assert out.returncode != 0
    assert f"theirs:{PLAN}:10:11: YAML syntax error" in out.stderr
    assert (repo / PLAN).read_text() == ours


def test_driver_command_exit_codes_and_untouched_file_on_bad_input(tmp_path, env):
    base, ours, theirs = (tmp_path / n for n in ("base.yaml", "ours.yaml", "theirs.yaml"))
    base.write_text(DRAFT)
    ours.write_text(DRAFT.replace("100 days", "90 days"))
    theirs.write_text(DRAFT.replace("all for all", "in stages"))
    args = ["git", "merge-driver", str(base), str(ours), str(theirs), PLAN]
    assert peaceplan(tmp_path, env, *args).returncode == 0
    merged = load(ours)
    assert merged.get("4").text.endswith("90 days.") and "in stages" in merged.get("2").text

    theirs.write_text("plan: demo\nversion: draft\npoints: {\n")
    before = ours.read_bytes()
    bad = peaceplan(tmp_path, env, *args, check=False)
    assert bad.returncode == 2
    assert bad.stderr.startswith(f"theirs:{PLAN}:") and "Traceback" not in bad.stderr
    assert ours.read_bytes() == before

    base.write_text("")  # the file was added on both branches
    theirs.write_text(DRAFT.replace("version: draft", "version: draft"))
    assert peaceplan(tmp_path, env, *args).returncode == 0


def test_git_diff_and_log_show_points_not_yaml(repo, env):
    _install(repo, env)
    _edit(repo, env, "shorter", ("100 days", "90 days"))
    diff = git(repo, env, "diff", "HEAD~1", "--", PLAN).stdout
    assert "-  Elections are held within 100 days." in diff
    assert "+  Elections are held within 90 days." in diff
    assert "text:" not in diff
    log = git(repo, env, "log", "-p", "-1", "--", PLAN).stdout
    assert "+  Elections are held within 90 days." in log
    raw = git(repo, env, "diff", "--no-textconv", "HEAD~1", "--", PLAN).stdout
    assert "+    text: Elections are held within 90 days." in raw


def test_git_diff_shows_a_comment_change_and_a_field_conflict(repo, env):
    # A new `# [uncertain]` note, or a merge's plan-level conflict, is a change: through the
    # diff driver, `git diff` must not come out empty.
    _install(repo, env)
    _edit(repo, env, "doubt", ('  - number: "4"\n', '  - number: "4"  # [uncertain] 90?\n'))
    diff = git(repo, env, "diff", "HEAD~1", "--", PLAN).stdout
    assert "+  # [uncertain] 90?" in diff
    _edit(repo, env, "note", ("# A demo draft", "# A draft"))
    diff = git(repo, env, "diff", "HEAD~1", "--", PLAN).stdout
    assert "-# A demo draft" in diff and "+# A draft" in diff
    conflict = "conflicts:\n  - field: title\n    base: Demo framework\n    options:\n"
    conflict += "      - {by: main, value: Framework}\n      - {by: kyiv, value: Plan}\n"
    _edit(repo, env, "merged", ("points:\n", conflict + "points:\n"))
    diff = git(repo, env, "diff", "HEAD~1", "--", PLAN).stdout
    assert "+CONFLICT: title: 'Demo framework' until resolved" in diff
    assert "+  option 1 (main): 'Framework'" in diff and "+  option 2 (kyiv): 'Plan'" in diff


def test_textconv_of_a_file_that_is_not_a_plan_prints_it_as_it_is(tmp_path, env):
    broken = tmp_path / "x.yaml"
    broken.write_text("plan: [\n")
    assert peaceplan(tmp_path, env, "git", "textconv", str(broken)).stdout == "plan: [\n"
