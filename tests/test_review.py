"""`peaceplan review` against real git repositories: which plan files changed, and the report."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import peaceplan
from peaceplan.reviewing.gitfiles import is_plan_path, parse_name_status
from peaceplan.reviewing.render import escape_data, escape_property, workflow_command

ROOT = Path(__file__).resolve().parent.parent
UA20 = "plans/ukraine-2025/ua-20.yaml"


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2025-12-24T12:00:00",
        "GIT_COMMITTER_DATE": "2025-12-24T12:00:00",
    }
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the bundled plans, one commit."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(ROOT / "plans", repo / "plans")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "analyst@example.org")
    git(repo, "config", "user.name", "Analyst")
    git(repo, "config", "commit.gpgsign", "false")
    commit_all(repo, "plans")
    return repo


def edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def cli(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command line, run for real inside the repository."""
    return subprocess.run(
        [sys.executable, "-m", "peaceplan", "review", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "PEACEPLAN_PLANS": ""},
    )


def test_review_of_a_commit_changing_a_figure_names_file_and_figure(repo: Path) -> None:
    edit(repo, UA20, "stay at 800,000 personnel", "stay at 850,000 personnel")
    commit_all(repo, "armed forces: 850,000")
    out = cli(repo, "HEAD~1", "HEAD")
    assert out.returncode == 1, out.stderr
    report = out.stdout
    assert UA20 in report
    # The figures table comes before the per-point details, and names both figures.
    figures = report.index("**Changed figures**")
    assert "| 800,000 personnel | 850,000 personnel |" in report[figures:]
    assert figures < report.index("<details>")
    assert "Size of the armed forces" in report
    assert "<del>800,000</del><ins>850,000</ins>" in report
    # The point links to its line in the new file.
    line = next(
        n
        for n, text in enumerate((repo / UA20).read_text().splitlines(), 1)
        if "armed-forces" in text
    )
    assert f"({UA20}#L{line})" in report
    assert out.stderr == ""


def test_no_plan_change_exits_0(repo: Path) -> None:
    (repo / "NOTES.txt").write_text("not a plan\n")
    edit(repo, "plans/README.md", "", "A line.\n")
    commit_all(repo, "docs only")
    out = cli(repo, "HEAD~1", "HEAD")
    assert out.returncode == 0, out.stderr
    assert "No plan file changed" in out.stdout


def test_comment_only_change_is_listed_but_exits_0(repo: Path) -> None:
    edit(repo, UA20, "plan: ukraine-2025\n", "plan: ukraine-2025  # a comment\n")
    commit_all(repo, "comment")
    out = cli(repo, "HEAD~1", "HEAD")
    assert out.returncode == 0, out.stderr
    assert UA20 in out.stdout
    assert "No point or metadata changed: comments only." in out.stdout
    # ... with its lines: the old one and the new one, which links to its line.
    assert "- \\- line 11: plan: ukraine-2025\n" in out.stdout
    assert f"- \\+ line 11: plan: ukraine-2025 \\# a comment ([view]({UA20}#L11))" in out.stdout


def test_a_pr_that_marks_a_draft_agreed_is_a_change(repo: Path, tmp_path: Path) -> None:
    edit(repo, UA20, "\nstatus: draft\n", "\nstatus: agreed\n")
    edit(repo, UA20, "\ndate: 2025-12-23\n", "\ndate: 2025-12-24\n")
    commit_all(repo, "ua-20 agreed")
    out = cli(repo, "HEAD~1", "HEAD")
    assert out.returncode == 1, out.stderr
    report = out.stdout
    assert "| modified, metadata |" in report  # the summary row says what kind of change
    metadata = report.index("**Metadata**")
    assert report.index('- date: "2025-12-23" -&gt; "2025-12-24"') > metadata
    assert report.index('- status: "draft" -&gt; "agreed"') > metadata
    assert "No point" not in report
    data = json.loads(cli(repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    (entry,) = data["files"]
    assert data["changed"] is True and entry["changed"] is True and entry["text_only"] is None
    assert entry["diff"]["metadata"] == [
        {"field": "date", "old": "2025-12-23", "new": "2025-12-24"},
        {"field": "status", "old": "draft", "new": "agreed"},
    ]
    # GitHub annotations: one notice on the file for the metadata.
    out = cli(repo, "HEAD~1", "HEAD", "--annotations", "github", "-o", str(tmp_path / "c.md"))
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        f"::notice file={UA20},title=peaceplan%3A metadata::"
        'date: "2025-12-23" -> "2025-12-24"%0Astatus: "draft" -> "agreed"'
    ]


def test_an_added_uncertain_comment_shows_with_its_line(repo: Path, tmp_path: Path) -> None:
    note = "        # [uncertain] one outlet gives 850,000.\n"
    topics = '        topics: [military, "pax:SsrArm"]\n'
    edit(repo, UA20, topics, topics + note)
    commit_all(repo, "a doubt")
    line = (repo / UA20).read_text(encoding="utf-8").splitlines().index(note.rstrip("\n")) + 1
    out = cli(repo, "HEAD~1", "HEAD")
    assert out.returncode == 0, out.stderr  # the plans do not differ: nothing a reader parses
    report = out.stdout
    assert "| modified (comments only) |" in report
    assert "No point or metadata changed: comments only." in report
    assert f"- \\+ line {line}: \\# \\[uncertain\\] one outlet gives 850,000." in report
    assert f"({UA20}#L{line})" in report
    data = json.loads(cli(repo, "HEAD~1", "HEAD", "--format", "json").stdout)
    (entry,) = data["files"]
    assert entry["text_only"] == "comments" and entry["changed"] is False
    assert entry["line_edits"] == [
        {"op": "+", "line": line, "text": note.rstrip("\n"), "comment": True}
    ]
    # Beside a point change too, the comment is listed with its line.
    edit(repo, UA20, "stay at 800,000 personnel", "stay at 850,000 personnel")
    edit(repo, UA20, note, note + "        # [uncertain] a second doubt.\n")
    commit_all(repo, "figure and a second doubt")
    out = cli(repo, "HEAD~1", "HEAD", "--annotations", "github", "-o", str(tmp_path / "c.md"))
    assert out.returncode == 1
    report = (tmp_path / "c.md").read_text(encoding="utf-8")
    assert "**Comments changed**" in report
    assert f"- \\+ line {line + 1}: \\# \\[uncertain\\] a second doubt." in report
    assert (
        f"::notice file={UA20},line={line + 1},title=peaceplan%3A comment::"
        "# [uncertain] a second doubt."
    ) in out.stdout.splitlines()


def test_added_removed_and_renamed_files_are_found(repo: Path) -> None:
    plans = repo / "plans"
    # Added: a new draft based on ua-20, compared with it.
    text = (plans / "ukraine-2025/ua-20.yaml").read_text()
    text = text.replace("version: ua-20", "version: ua-21").replace(
        "based_on: [geneva-19]", "based_on: [ua-20]"
    )
    text = text.replace("stay at 800,000 personnel", "stay at 700,000 personnel")
    (plans / "ukraine-2025/ua-21.yaml").write_text(text)
    # Removed: minsk-1. Renamed: minsk-2 moves to a new folder (with its plan field).
    git(repo, "rm", "-q", "plans/minsk/minsk-1.yaml")
    (plans / "minsk-archive").mkdir()
    git(repo, "mv", "plans/minsk/minsk-2.yaml", "plans/minsk-archive/minsk-2.yaml")
    edit(repo, "plans/minsk-archive/minsk-2.yaml", "plan: minsk\n", "plan: minsk-archive\n")
    # Not plans: annotations and a README.
    (plans / "ukraine-2025/notes").mkdir(exist_ok=True)
    (plans / "ukraine-2025/notes/ua-20.yaml").write_text("[]\n")
    commit_all(repo, "reorganise")

    review = peaceplan.review("HEAD~1", "HEAD", repo=repo)
    by_path = {f.path: f for f in review.files}
    assert set(by_path) == {
        "plans/minsk-archive/minsk-2.yaml",
        "plans/minsk/minsk-1.yaml",
        "plans/ukraine-2025/ua-21.yaml",
    }
    added = by_path["plans/ukraine-2025/ua-21.yaml"]
    assert added.change.status == "added"
    assert added.compared_with == UA20
    assert [(f.old, f.new) for c in added.diff.changes for f in c.figures] == [
        ("800,000 personnel", "700,000 personnel")
    ]
    removed = by_path["plans/minsk/minsk-1.yaml"]
    assert removed.change.status == "removed" and removed.diff is None
    assert removed.old.version == "minsk-1"
    renamed = by_path["plans/minsk-archive/minsk-2.yaml"]
    assert renamed.change.status == "renamed"
    assert renamed.change.old_path == "plans/minsk/minsk-2.yaml"
    assert not renamed.diff.changed  # same points; only the folder and plan name changed
    assert review.changed

    report = review.to_markdown()
    assert "renamed" in report and "removed" in report and "based on" in report


def test_work_tree_is_the_default_head_and_includes_untracked_files(repo: Path) -> None:
    edit(repo, UA20, "stay at 800,000 personnel", "stay at 900,000 personnel")
    new = repo / "plans/minsk/minsk-3.yaml"
    new.write_text(
        "plan: minsk\nversion: minsk-3\npoints:\n  - number: '1'\n    text: Ceasefire.\n"
    )
    out = cli(repo, "HEAD")
    assert out.returncode == 1, out.stderr
    assert "the work tree" in out.stdout
    assert "900,000 personnel" in out.stdout
    assert "plans/minsk/minsk-3.yaml" in out.stdout
    assert "New version minsk/minsk-3: 1 point" in out.stdout


@pytest.mark.parametrize(
    "rev", ["--output=/tmp/pwned", "-p", "--exec=touch /tmp/x", "no-such-branch", "HEAD:plans"]
)
def test_bad_revisions_are_refused_in_one_line(repo: Path, rev: str) -> None:
    out = cli(repo, "--", rev, "HEAD")  # after "--", click passes it on as an argument
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert out.stdout == ""
    assert not Path("/tmp/pwned").exists()
    with pytest.raises(peaceplan.PeaceplanError):
        peaceplan.review(rev, "HEAD", repo=repo)


def test_outside_a_repository_is_trouble(tmp_path: Path) -> None:
    out = cli(tmp_path, "HEAD~1", "HEAD")
    assert out.returncode == 2
    assert "not inside a git work tree" in out.stderr


def test_json_report(repo: Path) -> None:
    edit(repo, UA20, "stay at 800,000 personnel", "stay at 850,000 personnel")
    commit_all(repo, "figure")
    out = cli(repo, "HEAD~1", "HEAD", "--format", "json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["format"] == "peaceplan.review/1"
    assert data["base"]["rev"] == "HEAD~1" and len(data["base"]["commit"]) == 40
    assert data["changed"] is True
    (entry,) = data["files"]
    assert entry["path"] == UA20 and entry["status"] == "modified"
    assert entry["diff"]["format"] == "peaceplan.diff/1"
    (change,) = [c for c in entry["diff"]["changes"] if c["kind"] != "unchanged"]
    assert change["figures"] == [{"old": "800,000 personnel", "new": "850,000 personnel"}]
    assert (
        "armed-forces" in (repo / UA20).read_text().splitlines()[entry["lines"]["armed-forces"] - 1]
    )


def test_github_annotations_flag_the_changed_line(repo: Path, tmp_path: Path) -> None:
    edit(repo, UA20, "stay at 800,000 personnel", "stay at 850,000 personnel")
    commit_all(repo, "figure")
    report = tmp_path / "comment.md"
    out = cli(repo, "HEAD~1", "HEAD", "--annotations", "github", "-o", str(report))
    assert out.returncode == 1
    # With -o the report goes to the file and only workflow commands to standard output.
    assert "850,000 personnel" in report.read_text()
    (line,) = out.stdout.splitlines()
    assert line.startswith(f"::notice file={UA20},line=")
    number = int(line.split("line=")[1].split(",")[0])
    assert "armed-forces" in (repo / UA20).read_text().splitlines()[number - 1]
    assert "title=peaceplan%3A #4 Size of the armed forces (modified)::" in line
    assert line.endswith("[-800,000-]{+850,000+} personnel in peacetime.")
    assert "%0A" in line  # figures, then the redline, on separate lines of the message


def test_workflow_command_escaping_follows_github() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = workflow_command("notice", "x\n::error::boom", file="p,q.yaml", line=3, title="t:1")
    assert line == "::notice file=p%2Cq.yaml,line=3,title=t%3A1::x%0A::error::boom"
    assert "\n" not in line


def test_hostile_point_text_stays_text_in_the_comment(repo: Path) -> None:
    hostile = "<script>alert(1)</script> @octocat [x](javascript:alert(1)) </details> ::error::x"
    edit(repo, UA20, "stay at 800,000 personnel in peacetime.", f"'{hostile}'")
    commit_all(repo, "hostile")
    out = cli(repo, "HEAD~1", "HEAD", "--annotations", "github")
    assert out.returncode == 1
    notices = [line for line in out.stdout.splitlines() if line.startswith("::")]
    text = out.stdout[: out.stdout.index("\n::")]  # the Markdown report, before the commands
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "&lt;/details&gt;" in text
    assert text.count("</details>") == text.count("<details>") == 1  # only our own tags
    assert "@octocat" not in text and "@\u2060octocat" in text
    assert "[x](javascript:" not in text and "\\[x\\](javascript:" in text
    # Workflow commands carry the text raw but on one line: only our own command can start it.
    assert notices and all(line.startswith("::notice ") for line in notices)


def test_unreadable_plan_is_reported_and_exits_2(repo: Path) -> None:
    edit(repo, UA20, "title: 20-point framework", "titel: 20-point framework")
    commit_all(repo, "typo")
    out = cli(repo, "HEAD~1", "HEAD")
    assert out.returncode == 2
    assert "Could not read this file as a plan" in out.stdout
    assert "unknown key 'titel'" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_pr_fixing_a_plan_unreadable_at_base_is_reviewed_not_refused(repo: Path) -> None:
    # main holds a broken file; the pull request repairs it. Exit 2 would fail the action's
    # review step, with no comment, on the very PR that fixes main.
    edit(repo, UA20, "title: 20-point framework", "titel: 20-point framework")
    commit_all(repo, "typo on main")
    edit(repo, UA20, "titel: 20-point framework", "title: 20-point framework")
    commit_all(repo, "fix the typo")
    out = cli(repo, "HEAD~1", "HEAD", "--annotations", "github")
    assert out.returncode == 1, out.stderr
    report = out.stdout[: out.stdout.index("\n::")]
    assert "Could not read this file as a plan" not in report
    assert "unreadable at the base" in report  # in the summary table
    assert "⚠ The old version could not be read as a plan" in report
    assert "unknown key 'titel'" in report and "ukraine-2025/ua-20" in report
    assert re.search(r"^::warning file=plans/ukraine-2025/ua-20.yaml,.*titel", out.stdout, re.M)
    data = peaceplan.review("HEAD~1", "HEAD", repo=repo).to_json_dict()
    (f,) = data["files"]
    assert f["error"] is None and "unknown key 'titel'" in f["base_error"]
    assert f["new"]["version"] == "ua-20" and f["diff"] is None and f["changed"] is True
    # Deleting a file that was broken on main is a plain removal too, said as such.
    git(repo, "checkout", "-q", "HEAD~1")
    git(repo, "rm", "-q", UA20)
    commit_all(repo, "drop the broken file")
    out = cli(repo, "HEAD~1", "HEAD")
    assert out.returncode == 1, out.stderr
    assert "| removed ⚠ unreadable at the base |" in out.stdout
    assert "unknown key 'titel'" in out.stdout


def test_other_files_changed_in_the_plans_folder_are_listed_not_dropped(repo: Path) -> None:
    # A PR changing only a party's stance in a notes file, or adding a draft in a subfolder
    # (which no command reads), must not be reviewed as "No plan file changed", exit 0.
    notes = "plans/ukraine-2025/notes/us-28.yaml"
    edit(repo, notes, "stance: rejects", "stance: accepts")
    (repo / "plans/minsk/drafts").mkdir()
    (repo / "plans/minsk/drafts/minsk-3.yaml").write_text("plan: minsk\n", encoding="utf-8")
    commit_all(repo, "notes and a stray draft")
    out = cli(repo, "HEAD~1", "HEAD")
    assert out.returncode == 1, out.stderr
    assert "No plan file changed" in out.stdout
    assert "**Other files changed in the plans folder**" in out.stdout
    assert f"- {notes}: notes, modified" in out.stdout
    assert "- plans/minsk/drafts/minsk-3.yaml: not a plan file, added" in out.stdout
    data = peaceplan.review("HEAD~1", "HEAD", repo=repo).to_json_dict()
    assert data["changed"] is True and data["files"] == []
    assert [(o["path"], o["kind"]) for o in data["other_files"]] == [
        ("plans/minsk/drafts/minsk-3.yaml", "other"),
        (notes, "notes"),
    ]
    # Beside a plan change, the list follows the summary table.
    edit(repo, UA20, "stay at 800,000 personnel", "stay at 850,000 personnel")
    (repo / "plans/minsk/README.md").write_text("About Minsk.\n", encoding="utf-8")
    commit_all(repo, "figure and readme")
    out = cli(repo, "HEAD~1", "HEAD")
    assert out.returncode == 1, out.stderr
    assert "- plans/minsk/README.md: not a plan file, added" in out.stdout
    where = [out.stdout.index(x) for x in ("| file |", "**Other files", "####")]
    assert where == sorted(where)


def test_merge_base_compares_from_the_branch_point(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "proposal")
    edit(repo, UA20, "stay at 800,000 personnel", "stay at 850,000 personnel")
    commit_all(repo, "proposal")
    git(repo, "checkout", "-q", "main")
    edit(repo, "plans/minsk/minsk-1.yaml", "version: minsk-1\n", "version: minsk-1\n# later\n")
    commit_all(repo, "main moves on")
    edit(repo, "plans/minsk/minsk-2.yaml", "version: minsk-2\n", "version: minsk-2\ntitle: X\n")
    commit_all(repo, "main moves on again")
    direct = peaceplan.review("main", "proposal", repo=repo)
    assert {f.path for f in direct.files} == {
        UA20,
        "plans/minsk/minsk-1.yaml",
        "plans/minsk/minsk-2.yaml",
    }
    pr = peaceplan.review("main", "proposal", repo=repo, merge_base=True)
    assert [f.path for f in pr.files] == [UA20]
    assert "merge base" in pr.to_markdown()


def test_long_reviews_stay_under_the_comment_limit(repo: Path) -> None:
    # Replace ua-20 by the 28-point text: dozens of changed points.
    us = (repo / "plans/ukraine-2025/us-28.yaml").read_text()
    us = us.replace("version: us-28", "version: ua-20")
    (repo / UA20).write_text(us)
    commit_all(repo, "big change")
    full = cli(repo, "HEAD~1", "HEAD", "--max-length", "0").stdout
    short = cli(repo, "HEAD~1", "HEAD", "--max-length", "12000").stdout
    assert len(full) > 12000
    assert len(short) <= 12000
    assert "more changed points not shown" in short
    assert short.count("<details>") == short.count("</details>") > 0


def test_parse_name_status_and_plan_paths() -> None:
    out = b"M\0plans/a/x.yaml\0R087\0plans/a/y.yaml\0plans/b/y.yaml\0"
    out += b"D\0plans/a/z.yml\0A\0n \xc3\xa9.yaml\0"
    changes = parse_name_status(out)
    assert [(c.status, c.old_path, c.new_path, c.similarity) for c in changes] == [
        ("modified", "plans/a/x.yaml", "plans/a/x.yaml", None),
        ("renamed", "plans/a/y.yaml", "plans/b/y.yaml", 87),
        ("removed", "plans/a/z.yml", None, None),
        ("added", None, "n é.yaml", None),
    ]
    assert is_plan_path("plans/a/x.yaml", "plans")
    assert not is_plan_path("plans/a/notes/x.yaml", "plans")
    assert not is_plan_path("plans/README.md", "plans")
    assert not is_plan_path("other/a/x.yaml", "plans")
    assert is_plan_path("a/x.yaml", ".")
