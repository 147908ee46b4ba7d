"""Bounded reports: the pull-request comment stays under GitHub's 65,536 characters whatever
changed (a thousand figures, hundreds of files), and a comment that cannot be posted fails the
step with a message.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs
import pytest
from test_review import commit_all, git

import peaceplan
from peaceplan.reviewing import ghactions
from peaceplan.reviewing.render import MAX_COMMENT, review_markdown


def figures_plan(version: str, figure: int, n: int = 1_000) -> str:
    points = "".join(
        f'  - id: p{i}\n    number: "{i}"\n    text: Troops in zone {i} are capped at '
        f"{figure + i:,} personnel.\n"
        for i in range(1, n + 1)
    )
    based = "based_on: [v1]\n" if version != "v1" else ""
    return f"plan: figs\nversion: {version}\n{based}points:\n{points}"


@pytest.fixture
def figures_repo(tmp_path: Path) -> Path:
    """A repository whose last commit changes the figure of each of 1,000 points."""
    repo = tmp_path / "repo"
    (repo / "plans" / "figs").mkdir(parents=True)
    plan = repo / "plans" / "figs" / "v2.yaml"
    plan.write_text(figures_plan("v2", 10_000), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "a@example.org")
    git(repo, "config", "user.name", "A")
    commit_all(repo, "v2")
    plan.write_text(figures_plan("v2", 20_000), encoding="utf-8")
    commit_all(repo, "every figure changes")
    return repo


def test_a_thousand_changed_figures_fit_in_one_comment(figures_repo: Path, monkeypatch) -> None:
    # A 1,000-point figure change made a 430,058-character comment: the figures table had a
    # row per figure whatever the limit. Now it shows its first rows and counts the others.
    monkeypatch.chdir(figures_repo)
    review = peaceplan.review("HEAD~1", "HEAD")
    text = review_markdown(review, link_base="https://github.com/o/r/blob/" + "0" * 40 + "/")
    assert len(text) <= MAX_COMMENT
    assert len(ghactions.comment_body(text)) <= ghactions.GITHUB_MAX
    assert "*... and 970 more changed figures.*" in text
    assert "more changed points not shown" in text
    assert text.count("<details>") == text.count("</details>") > 0
    # Without a limit (--max-length 0), every figure is listed.
    full = review_markdown(review, max_length=None)
    assert full.count("personnel |") >= 2_000 and "more changed figures" not in full


def test_hundreds_of_changed_files_fit_in_one_comment(figures_repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(figures_repo)
    review = peaceplan.review("HEAD~1", "HEAD")
    (one,) = review.files
    many = tuple(
        attrs.evolve(one, change=attrs.evolve(one.change, new_path=f"plans/figs/v{i:04d}.yaml"))
        for i in range(600)
    )
    text = review_markdown(attrs.evolve(review, files=many))
    assert len(text) <= MAX_COMMENT
    assert "*... and 500 more changed plan files.*" in text
    assert "more changed files not detailed (comment size limit)" in text


def test_a_report_too_long_for_github_is_cut_at_a_line() -> None:
    report = "\n".join(f"line {i} " + "x" * 90 for i in range(2_000))  # 200,000 characters
    body = ghactions.comment_body(report)
    assert len(body) <= ghactions.GITHUB_MAX
    assert body.startswith(ghactions.MARKER + "\nline 0 ")
    assert body.endswith("*... (cut: the report is longer than a GitHub comment can be)*\n")
    assert ghactions.comment_body("short") == ghactions.MARKER + "\nshort"


def test_a_comment_that_cannot_be_posted_fails_with_a_message(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    # No `gh` to post with (or a refusal from GitHub): said, and a non-zero exit.
    report = tmp_path / "review.md"
    report.write_text("### peaceplan review\n")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code = ghactions.main(["comment", "--repo", "o/r", "--pr", "7", "--report", str(report)])
    assert code == 1
    out = capsys.readouterr().out
    assert out.startswith("::error title=peaceplan::could not comment on the pull request")
    assert os.environ["PATH"] == str(empty)
