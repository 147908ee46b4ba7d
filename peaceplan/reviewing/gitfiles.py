"""Which plan files changed between two git revisions, read with git's own plumbing.

Revisions are checked with `git rev-parse --verify --end-of-options` and only the resulting
commit ids reach later git commands, so a revision can never smuggle in an option.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

import attrs

from peaceplan.errors import PeaceplanError

PLAN_SUFFIXES = (".yaml", ".yml")
STATUSES = ("added", "removed", "modified", "renamed")

# Environment for every git call: no optional index lock (a review only reads), no pager, no
# prompts, and no help from the user's configuration in choosing what to print.
_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"}


class GitError(PeaceplanError):
    """git is missing, the folder is not a repository, or a revision names no commit."""


@attrs.frozen
class FileChange:
    """One plan file that differs between the two revisions (paths relative to the repo top).

    `status` is `added`, `removed`, `modified` or `renamed`; `similarity` is git's rename
    score (0-100) for renames, else None.
    """

    status: str
    old_path: str | None
    new_path: str | None
    similarity: int | None = None

    @property
    def path(self) -> str:
        """The path a reader looks for: the new one, or the old one for a removed file."""
        return self.new_path or self.old_path or ""


def git(repo: str | os.PathLike[str], *args: str) -> bytes:
    """Run `git ARGS` in `repo` and return its standard output; raise GitError on failure."""
    try:
        out = subprocess.run(
            ["git", *args],
            cwd=repo,
            capture_output=True,
            check=False,
            env={**os.environ, **_ENV},
        )
    except FileNotFoundError:
        raise GitError("git is not installed (peaceplan review needs it)") from None
    except NotADirectoryError:
        raise GitError(f"{repo}: not a folder") from None
    if out.returncode != 0:
        lines = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {lines[-1] if lines else f'exit {out.returncode}'}")
    return out.stdout


def toplevel(repo: str | os.PathLike[str]) -> Path:
    """The top folder of the git work tree that contains `repo`."""
    if not Path(repo).is_dir():
        raise GitError(f"{repo}: no such folder")
    try:
        out = git(repo, "rev-parse", "--show-toplevel")
    except GitError:
        raise GitError(f"{repo}: not inside a git work tree") from None
    return Path(out.decode("utf-8", "surrogateescape").strip())


def resolve_commit(repo: str | os.PathLike[str], rev: str) -> str:
    """The full commit id `rev` names (branch, tag, HEAD~1, id...); refuses option-like names."""
    if not rev or rev.startswith("-") or any(ch in rev for ch in "\0\n\r"):
        raise GitError(f"{rev!r}: not a usable git revision (may not start with '-')")
    try:
        out = git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(f"{rev}: no such commit in {repo}") from None
    return out.decode("ascii").strip()


def merge_base(repo: str | os.PathLike[str], a: str, b: str) -> str:
    """The best common ancestor of two commit ids (what a pull request is compared against)."""
    try:
        return git(repo, "merge-base", a, b).decode("ascii").strip()
    except GitError:
        raise GitError(f"{a[:12]} and {b[:12]} have no common ancestor") from None


def is_plan_path(path: str, plans: str) -> bool:
    """True for `<plans>/<plan>/<version>.yaml` (annotation folders and READMEs are not plans)."""
    p = PurePosixPath(path)
    try:
        rel = p.relative_to(plans) if plans not in ("", ".") else p
    except ValueError:
        return False
    return len(rel.parts) == 2 and rel.suffix in PLAN_SUFFIXES


def changed_files(
    repo: str | os.PathLike[str], base: str, head: str | None, plans: str = "plans"
) -> tuple[FileChange, ...]:
    """Plan files under `plans` (relative to the repo top) that differ from commit `base` to
    commit `head`, or to the work tree when `head` is None (untracked new files included).

    `base` and `head` must be commit ids (see resolve_commit); `repo` is the repo top.
    """
    spec = plans if plans not in ("", ".") else "."
    args = ["-c", "core.quotePath=false", "diff", "--name-status", "-z", "-M", "--no-color"]
    args += ["--no-ext-diff", "--no-relative", base]
    if head is not None:
        args.append(head)
    out = git(repo, *args, "--", f":(top,literal){spec}")
    changes = list(parse_name_status(out))
    if head is None:
        untracked = git(
            repo,
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            "--full-name",
            "--",
            f":(top,literal){spec}",
        )
        changes += [
            FileChange("added", None, p)
            for p in untracked.decode("utf-8", "surrogateescape").split("\0")
            if p
        ]
    keep = [
        c for c in changes if any(is_plan_path(p, plans) for p in (c.old_path, c.new_path) if p)
    ]
    return tuple(sorted(keep, key=lambda c: c.path))


def parse_name_status(out: bytes) -> list[FileChange]:
    """Parse `git diff --name-status -z` output into FileChanges."""
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    changes: list[FileChange] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        code = status[:1]
        if code in "RC":
            old, new = fields[i + 1], fields[i + 2]
            score = int(status[1:]) if status[1:].isdigit() else None
            if code == "R":
                changes.append(FileChange("renamed", old, new, score))
            else:  # a copy: the old file is still there, so the new one is new
                changes.append(FileChange("added", None, new))
            i += 3
            continue
        path = fields[i + 1]
        if code == "A":
            changes.append(FileChange("added", None, path))
        elif code == "D":
            changes.append(FileChange("removed", path, None))
        else:  # M (modified), T (type change), U (unmerged), X (unknown)
            changes.append(FileChange("modified", path, path))
        i += 2
    return changes


def read_blob(repo: str | os.PathLike[str], commit: str, path: str) -> bytes:
    """The content of `path` (relative to the repo top) at `commit`."""
    return git(repo, "cat-file", "blob", f"{commit}:{path}")


def exists_at(repo: str | os.PathLike[str], commit: str | None, path: str) -> bool:
    """True when `path` is a file at `commit` (or in the work tree when `commit` is None)."""
    if commit is None:
        return (Path(repo) / path).is_file()
    try:
        git(repo, "cat-file", "-e", f"{commit}:{path}")
    except GitError:
        return False
    return True
