"""A Review: every plan file changed between two git revisions, each diffed against its old self.

Built by `build_review` (git reads at the edge, then pure diffing); rendered by
peaceplan.reviewing.render as Markdown for a pull-request comment, JSON, or GitHub annotations.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import attrs

from peaceplan.errors import PeaceplanError, PlanError, Problem
from peaceplan.lineage import split_ref
from peaceplan.reviewing.gitfiles import (
    FileChange,
    changes_under,
    exists_at,
    is_notes_path,
    merge_base,
    read_blob,
    resolve_commit,
    split_changes,
    toplevel,
)

if TYPE_CHECKING:
    from peaceplan.diffing.model import PlanDiff
    from peaceplan.model import Plan


@attrs.frozen
class LineEdit:
    """One raw line of a plan file added (`+`, numbered in the new file) or removed (`-`,
    numbered in the old file): how comment and layout edits, which no diff of the plans sees,
    are shown with their lines."""

    op: str
    line: int
    text: str

    @property
    def comment(self) -> bool:
        """True for a comment line, or a line with a trailing comment (`text: ...  # note`)."""
        stripped = self.text.strip()
        return stripped.startswith("#") or " #" in stripped

    @property
    def uncommented(self) -> str:
        """The line without its comment and surrounding blanks ("" for a comment line)."""
        stripped = self.text.strip()
        if stripped.startswith("#"):
            return ""
        cut = stripped.find(" #")
        return stripped[:cut].rstrip() if cut >= 0 else stripped


def line_edits(old: str, new: str) -> tuple[LineEdit, ...]:
    """The raw lines removed from `old` and added in `new`, in file order (difflib's script)."""
    from peaceplan.seq import opcodes

    a, b = old.splitlines(), new.splitlines()
    out: list[LineEdit] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            continue
        out += [LineEdit("-", i + 1, a[i]) for i in range(i1, i2)]
        out += [LineEdit("+", j + 1, b[j]) for j in range(j1, j2)]
    return tuple(out)


@attrs.frozen
class FileReview:
    """One changed plan file: its old and new versions and what changed between them.

    `diff` is None for a removed file and for an added file with no `based_on` parent to
    compare with; `compared_with` names that parent's path when an added file was diffed
    against it. `error` holds the problem when one side could not be read as a plan.
    """

    change: FileChange
    old: Plan | None = None
    new: Plan | None = None
    diff: PlanDiff | None = None
    compared_with: str | None = None
    error: str | None = None
    # The raw lines that differ, for a file modified or renamed in place (not an added one).
    edits: tuple[LineEdit, ...] = ()
    # Why the old side could not be read when the new one can: a PR repairing a broken file
    # is reviewed (the new version shown, not compared), not refused.
    base_error: str | None = None

    @property
    def path(self) -> str:
        """The file's path in the head revision (its old path when it was removed)."""
        return self.change.path

    @property
    def changed(self) -> bool:
        """True when a reader of the plan would see a difference (not only comments or layout)."""
        if self.change.status != "modified":
            return True
        return self.error is not None or self.diff is None or self.diff.changed

    @property
    def text_only(self) -> str | None:
        """What changed when no point and no metadata did: `comments`, `layout` (spacing,
        quoting, key order...) or `comments and layout`; None when the plans differ."""
        if self.changed or not self.edits:
            return None
        # With the comments taken out, do the lines removed and added say the same?
        gone = sorted(t for e in self.edits if e.op == "-" and (t := e.uncommented))
        came = sorted(t for e in self.edits if e.op == "+" and (t := e.uncommented))
        commented = any(e.comment for e in self.edits)
        if gone == came:
            return "comments" if commented else "layout"
        return "comments and layout" if commented else "layout"

    @property
    def comment_edits(self) -> tuple[LineEdit, ...]:
        """The comment lines added or removed (an `# [uncertain]` note, say)."""
        return tuple(e for e in self.edits if e.comment)


@attrs.frozen
class OtherFile:
    """A file under the plans folder that changed but is not a plan file: `notes` (a version's
    notes: positions, statuses...) or `other` (a README, a file in a subfolder...). Listed,
    not diffed, so that no change in the folder passes unsaid."""

    change: FileChange
    kind: str

    @property
    def path(self) -> str:
        """The file's path in the head revision (its old path when it was removed)."""
        return self.change.path


@attrs.frozen
class Review:
    """The plan files changed from `base` to `head` (None: the work tree), in path order.

    `base` / `head` are the revisions as given; `base_commit` / `head_commit` the commit ids
    compared (with `merge_base`, `base_commit` is the common ancestor).
    """

    base: str
    head: str | None
    base_commit: str
    head_commit: str | None
    files: tuple[FileReview, ...] = ()
    merge_base: bool = False
    # The other files changed under the plans folder, in path order.
    others: tuple[OtherFile, ...] = ()

    @property
    def changed(self) -> bool:
        """True when any plan file changed in a way a reader would see, or any notes file."""
        return any(f.changed for f in self.files) or any(o.kind == "notes" for o in self.others)

    @property
    def errors(self) -> tuple[FileReview, ...]:
        """The files that could not be read as plans."""
        return tuple(f for f in self.files if f.error is not None)

    def to_json_dict(self, **kwargs: Any) -> dict[str, Any]:
        """The review as the `peaceplan.review/1` JSON object (see docs/review.md)."""
        from peaceplan.reviewing.render import review_dict

        return review_dict(self, **kwargs)

    def to_markdown(self, **kwargs: Any) -> str:
        """The review as Markdown for a pull-request comment (see review_markdown)."""
        from peaceplan.reviewing.render import review_markdown

        return review_markdown(self, **kwargs)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()


def build_review(
    base: str,
    head: str | None = None,
    repo: str | os.PathLike[str] = ".",
    *,
    plans: str | os.PathLike[str] | None = None,
    use_merge_base: bool = False,
) -> Review:
    """Diff every plan file that changed from `base` to `head` (default: the work tree).

    `plans` is the plans folder (relative to `repo`, default: the nearest `plans/` at or above
    `repo`, else `plans` at the repo top). With `use_merge_base`, compare from the common
    ancestor of `base` and `head`, as a pull request does.
    """
    top = toplevel(repo)
    base_commit = resolve_commit(top, base)
    head_commit = resolve_commit(top, head) if head is not None else None
    if use_merge_base:
        base_commit = merge_base(top, base_commit, head_commit or resolve_commit(top, "HEAD"))
    plans_rel = _plans_relative(top, Path(repo), plans)
    changes, rest = split_changes(
        changes_under(top, base_commit, head_commit, plans_rel), plans_rel
    )
    files = tuple(_review_file(top, base_commit, head_commit, c, plans_rel) for c in changes)
    others = tuple(
        OtherFile(c, "notes" if is_notes_path(c.path, plans_rel) else "other") for c in rest
    )
    return Review(base, head, base_commit, head_commit, files, use_merge_base, others)


def _plans_relative(top: Path, repo: Path, plans: str | os.PathLike[str] | None) -> str:
    """The plans folder as a POSIX path relative to the repo top."""
    if plans is None:
        from peaceplan.library import find_plans_dir

        found = find_plans_dir(repo)
        folder = found if found is not None else top / "plans"
    else:
        folder = Path(plans) if Path(plans).is_absolute() else repo / plans
    resolved = folder.resolve()
    try:
        rel = resolved.relative_to(top.resolve())
    except ValueError:
        # The nearest plans/ may sit above the repository; the repo's own plans/ is meant then.
        if plans is None:
            return "plans"
        raise PeaceplanError(
            f"{folder}: plans folder is outside the git repository {top}"
        ) from None
    return rel.as_posix() if rel.parts else "."


def _load(top: Path, commit: str | None, path: str) -> Plan:
    return _load_raw(top, commit, path)[0]


def _load_raw(top: Path, commit: str | None, path: str) -> tuple[Plan, str]:
    """The plan at `path` in `commit` (None: the work tree), and its text as read."""
    from peaceplan.io.load import load_text, read_bytes

    if commit is None:
        from peaceplan.library import inside

        if not inside(top / path, top.resolve()):  # a committed link must not read outside
            raise PlanError(
                [Problem(path, None, None, "a symbolic link leading out of the repository")]
            )
        raw, label = read_bytes(top / path), str(top / path)
    else:
        raw, label = read_blob(top, commit, path), f"{commit[:12]}:{path}"
    return load_text(raw, label), raw.decode("utf-8", "replace")


def _review_file(
    top: Path, base: str, head: str | None, change: FileChange, plans: str
) -> FileReview:
    from peaceplan.diffing import diff_plans

    old = new = None
    old_text = new_text = ""
    base_error = None
    try:
        if change.old_path is not None:
            old, old_text = _load_raw(top, base, change.old_path)
    except PeaceplanError as exc:
        base_error = "; ".join(exc.lines())
    try:
        if change.new_path is not None:
            new, new_text = _load_raw(top, head, change.new_path)
    except PeaceplanError as exc:  # the head's problem is the one the pull request must fix
        return FileReview(change, old, new, error="; ".join(exc.lines()))
    if base_error is not None:
        return FileReview(change, None, new, base_error=base_error)
    if old is not None and new is not None:
        edits = line_edits(old_text, new_text)
        return FileReview(change, old, new, diff_plans(old, new), edits=edits)
    if new is not None:  # added: compare with the version it says it is based on, if present
        parent_path = _parent_path(new, change.new_path or "", plans, top, head)
        if parent_path is not None:
            try:
                parent = _load(top, head, parent_path)
            except PeaceplanError:
                parent = None
            if parent is not None:
                return FileReview(change, parent, new, diff_plans(parent, new), parent_path)
    return FileReview(change, old, new)


def _parent_path(new: Plan, path: str, plans: str, top: Path, head: str | None) -> str | None:
    if not new.based_on:
        return None
    from peaceplan.io.spec import NAME_RE

    plan_name, version = split_ref(new.based_on[0])
    if not NAME_RE.match(version) or (plan_name and not NAME_RE.match(plan_name)):
        return None  # never let a name reach the file system unchecked
    folder = PurePosixPath(path).parent
    if plan_name:
        folder = PurePosixPath(plans) / plan_name if plans != "." else PurePosixPath(plan_name)
    for suffix in (".yaml", ".yml"):
        candidate = (folder / f"{version}{suffix}").as_posix()
        if candidate != path and exists_at(top, head, candidate):
            return candidate
    return None
