"""git integration: a merge driver and a diff (textconv) driver for plan files, and their install.

    peaceplan git install            # .gitattributes + this repository's git config
    git merge feature                # plan files now merge point by point

The merge driver is the three-way merge of peaceplan.merge: a conflict is left in the file as a
bracketed point with both sides' wordings (valid YAML, never `<<<<<<<` markers). The diff driver
renders a plan as one block of lines per point, so `git diff` and `git log -p` show points.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import attrs

from peaceplan.errors import GitError, PlanError, Problem
from peaceplan.io.git import git_output, run_git
from peaceplan.model import Plan

DRIVER = "peaceplan"
PATTERNS = ("plans/**/*.yaml", "plans/**/*.yml")
# Annotation files live beside the plans but are not plans: leave them to git's own merge.
EXCLUDE = ("plans/**/notes/**",)


def _git(*args: str, cwd: str | os.PathLike[str] | None = None, check: bool = True) -> str:
    """git's output, stripped; with `check` False, "" when the command fails."""
    if check:
        return git_output(*args, cwd=cwd).decode("utf-8", "replace").strip()
    out = run_git(*args, cwd=cwd)
    return out.stdout.decode("utf-8", "replace").strip() if out.returncode == 0 else ""


def command_prefix(command: str | None = None) -> str:
    """How git should run peaceplan: `command` as given, else this very interpreter's
    `python -m peaceplan` (absolute path, so it works from a virtualenv that is not on PATH)."""
    if command:
        return command
    return f"{shlex.quote(sys.executable)} -m peaceplan"


@attrs.frozen
class InstallReport:
    """What `install` changed (empty when everything was already in place)."""

    attributes: Path
    changes: tuple[str, ...]


def attribute_lines(patterns: tuple[str, ...] = PATTERNS) -> list[str]:
    """The .gitattributes lines routing plan files to the peaceplan drivers."""
    lines = [f"{p} merge={DRIVER} diff={DRIVER}" for p in patterns]
    return lines + [f"{p} !merge !diff" for p in EXCLUDE if patterns == PATTERNS]


def install(
    repo: str | os.PathLike[str] = ".",
    *,
    global_: bool = False,
    command: str | None = None,
    patterns: tuple[str, ...] = PATTERNS,
) -> InstallReport:
    """Write the attributes and the git config for the drivers (idempotent; reports changes).

    Per repository: `.gitattributes` at the top of the work tree and `.git/config`. With
    `global_`: the user's attributes file (core.attributesFile) and `~/.gitconfig`.
    """
    prefix = command_prefix(command)
    scope = "--global" if global_ else "--local"
    if global_:
        where = _git("config", "--global", "--path", "core.attributesFile", check=False)
        if where:
            attributes = Path(where).expanduser()
        else:
            xdg = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
            attributes = Path(xdg) / "git" / "attributes"
        cwd = None
    else:
        top = _git("rev-parse", "--show-toplevel", cwd=repo, check=False)
        if not top:
            raise GitError(f"{repo}: not inside a git work tree (or use --global)")
        attributes = Path(top) / ".gitattributes"
        cwd = top
    changes: list[str] = []
    config = {
        f"merge.{DRIVER}.name": "peaceplan: three-way merge of plan files, point by point",
        f"merge.{DRIVER}.driver": f"{prefix} git merge-driver %O %A %B %P",
        f"diff.{DRIVER}.textconv": f"{prefix} git textconv",
    }
    for key, value in config.items():
        if _git("config", scope, "--get", key, cwd=cwd, check=False) != value:
            _git("config", scope, key, value, cwd=cwd)
            changes.append(f"git config {scope} {key} {value!r}")
    old = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    present = {line.strip() for line in old.splitlines()}
    missing = [line for line in attribute_lines(patterns) if line not in present]
    if missing:
        from peaceplan.io.atomic import atomic_write

        attributes.parent.mkdir(parents=True, exist_ok=True)
        text = old + ("\n" if old and not old.endswith("\n") else "") + "\n".join(missing) + "\n"
        atomic_write(attributes, text)
        changes += [f"{attributes}: {line}" for line in missing]
    return InstallReport(attributes, tuple(changes))


def _read_side(path: str, label: str) -> tuple[Plan | None, str, list[Problem]]:
    """One side of a merge: (plan, text, problems); an empty file is (None, "", [])."""
    from peaceplan.io.load import check_text

    raw = Path(path).read_bytes()
    if not raw.strip():
        return None, "", []
    plan, problems = check_text(raw, label)
    return plan, raw.decode("utf-8-sig", "replace"), problems


@attrs.frozen
class DriverResult:
    """What the merge driver did: the merged text written to the ours file, and the merge."""

    text: str
    clean: bool
    lines: tuple[str, ...]  # conflicts and notes, one line each, for standard error


def merge_files(
    base: str,
    ours: str,
    theirs: str,
    name: str | None = None,
    labels: tuple[str, str] | None = None,
) -> DriverResult:
    """Merge three plan files as git's merge driver does; the result is NOT written.

    Raises PlanError (every problem, named `side:NAME:line:col`) when a side is not a plan.
    """
    from peaceplan.merging.plan3 import merge_plans

    name = name or ours
    sides = [_read_side(p, f"{side}:{name}") for p, side in ((base, "base"), (ours, "ours"))]
    sides.append(_read_side(theirs, f"theirs:{name}"))
    problems = [p for _, _, found in sides for p in found]
    if problems:
        raise PlanError(problems)
    (b, base_text, _), (o, ours_text, _), (t, theirs_text, _) = sides
    if o is None or t is None:
        raise PlanError([Problem(name, None, None, "one side of the merge is empty")])
    if b is None:  # added on both branches: merge against an empty version
        b = Plan(plan=o.plan, version=o.version)
    if labels is None:
        labels = ("ours", "theirs") if o.version == t.version else (o.version, t.version)
    texts = (base_text or None, ours_text, theirs_text)
    result = merge_plans(b, o, t, new_version=False, labels=labels, texts=texts)
    text = result.text(ours_text)  # ours' file edited: its layout, and both sides' comments
    lines = [f"{name}: {c}" for c in result.conflicts]
    lines += [f"{name}: note: {n}" for n in result.notes]
    return DriverResult(text, result.clean, tuple(lines))


def branch_labels(cwd: str | os.PathLike[str] | None = None) -> tuple[str, str] | None:
    """The names of the two branches being merged, when git says: HEAD's branch, and the
    `GITHEAD_<sha>` variable `git merge` sets to name the other; None otherwise."""
    named = [v for k, v in os.environ.items() if k.startswith("GITHEAD_") and v]
    if len(named) != 1:
        return None
    ours = _git("symbolic-ref", "-q", "--short", "HEAD", cwd=cwd, check=False)
    if ours and ours != named[0]:
        return ours, named[0]
    return None


def merge_driver(base: str, ours: str, theirs: str, name: str | None = None) -> DriverResult:
    """git's merge driver: merge, then write the result over the ours file (%A) atomically."""
    from peaceplan.io.atomic import atomic_write

    result = merge_files(base, ours, theirs, name, labels=branch_labels())
    atomic_write(ours, result.text)
    return result


def textconv(path: str | os.PathLike[str]) -> str:
    """git's textconv: the plan as point-by-point lines, its comments each under what it is
    about; a file that is not a plan as it is."""
    from peaceplan.io.comments import read_comments
    from peaceplan.io.load import check_text
    from peaceplan.render.outline import plan_outline

    raw = Path(path).read_bytes()
    plan, problems = check_text(raw, str(path))
    if plan is None or problems:
        return raw.decode("utf-8", "replace")
    return plan_outline(plan, read_comments(raw.decode("utf-8", "replace"), plan))
