"""Which plan files changed between two git revisions, read with git's own plumbing.

Revisions are checked with `git rev-parse --verify --end-of-options` and only the resulting
commit ids reach later git commands, so a revision can never smuggle in an option.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import attrs

from peaceplan.errors import GitError
from peaceplan.io.git import git_output

__all__ = ["FileChange", "GitError", "changed_files", "changes_under", "split_changes"]

PLAN_SUFFIXES = (".yaml", ".yml")
STATUSES = ("added", "removed", "modified", "renamed")


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
    """The standard output of `git ARGS` in `repo` (peaceplan.io.git); GitError on failure."""
    return git_output(*args, cwd=repo)


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


def _below(path: str, plans: str) -> tuple[str, ...] | None:
    """The parts of `path` below the plans folder, or None when it is not under it."""
    p = PurePosixPath(path)
    try:
        return (p.relative_to(plans) if plans not in ("", ".") else p).parts
    except ValueError:
        return None


def is_plan_path(path: str, plans: str) -> bool:
    """True for `<plans>/<plan>/<version>.yaml` (annotation folders and READMEs are not plans)."""
    rel = _below(path, plans)
    return rel is not None and len(rel) == 2 and PurePosixPath(rel[1]).suffix in PLAN_SUFFIXES


def is_notes_path(path: str, plans: str) -> bool:
    """True for `<plans>/<plan>/notes/<version>.yaml`, the notes (positions...) of a version."""
    rel = _below(path, plans)
    return (
        rel is not None
        and len(rel) == 3
        and rel[1] == "notes"
        and PurePosixPath(rel[2]).suffix in PLAN_SUFFIXES
    )


def changed_files(
    repo: str | os.PathLike[str], base: str, head: str | None, plans: str = "plans"
) -> tuple[FileChange, ...]:
    """Plan files under `plans` (relative to the repo top) that differ from commit `base` to
    commit `head`, or to the work tree when `head` is None (untracked new files included).

    `base` and `head` must be commit ids (see resolve_commit); `repo` is the repo top.
    """
    return split_changes(changes_under(repo, base, head, plans), plans)[0]


def split_changes(
    changes: tuple[FileChange, ...], plans: str
) -> tuple[tuple[FileChange, ...], tuple[FileChange, ...]]:
    """The plan files among `changes`, and the other files (notes, READMEs...), each sorted."""
    keep = [
        c for c in changes if any(is_plan_path(p, plans) for p in (c.old_path, c.new_path) if p)
    ]
    others = [c for c in changes if c not in keep]
    return tuple(sorted(keep, key=lambda c: c.path)), tuple(sorted(others, key=lambda c: c.path))


def changes_under(
    repo: str | os.PathLike[str], base: str, head: str | None, plans: str = "plans"
) -> tuple[FileChange, ...]:
    """Every file under `plans` that differs from `base` to `head` (None: the work tree)."""
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
    return tuple(changes)


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
