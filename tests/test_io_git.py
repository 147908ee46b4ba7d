"""The one git runner: a failing command is a GitError naming the command and git's reason."""

from __future__ import annotations

from pathlib import Path

import pytest

import peaceplan
from peaceplan.io.git import git_output, run_git


def test_a_failing_command_is_a_git_error(tmp_path: Path) -> None:
    assert run_git("rev-parse", "--show-toplevel", cwd=tmp_path).returncode != 0
    with pytest.raises(peaceplan.GitError, match=r"^git rev-parse: "):
        git_output("rev-parse", "--show-toplevel", cwd=tmp_path)


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(peaceplan.GitError, match="not a folder"):
        run_git("status", cwd=tmp_path / "f")


def test_git_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(peaceplan.GitError, match="git is not installed"):
        run_git("--version")
