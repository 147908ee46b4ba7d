"""The one way peaceplan runs git: `run_git` (never through a shell), and `git_output` for a
command that must succeed. Every failure is a GitError (peaceplan.errors)."""

from __future__ import annotations

import os
import subprocess

from peaceplan.errors import GitError

# Environment for every git call: no optional index lock (peaceplan mostly reads), no pager, no
# prompts.
GIT_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"}


def run_git(
    *args: str, cwd: str | os.PathLike[str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run `git ARGS` in `cwd`, output captured as bytes, whatever its exit status; GitError when
    git is not installed or `cwd` is not a folder."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            env={**os.environ, **GIT_ENV},
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except NotADirectoryError:
        raise GitError(f"{cwd}: not a folder") from None


def git_output(*args: str, cwd: str | os.PathLike[str] | None = None) -> bytes:
    """The standard output of `git ARGS` in `cwd`; GitError with git's last line of complaint
    when it fails."""
    out = run_git(*args, cwd=cwd)
    if out.returncode != 0:
        raise GitError(f"git {args[0]}: {last_line(out.stderr) or f'exit {out.returncode}'}")
    return out.stdout


def last_line(stderr: bytes) -> str:
    """The last line git wrote to standard error ("" when none): the one that says why."""
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else ""
