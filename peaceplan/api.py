"""The Python API: the same operations as the command line, on names, paths or Plan objects."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from peaceplan.errors import UsageError
from peaceplan.model import Plan, PlanLike

if TYPE_CHECKING:
    from collections.abc import Iterable

    from peaceplan.aligning.model import Alignment
    from peaceplan.diffing.model import PlanDiff
    from peaceplan.io.yamlread import Limits
    from peaceplan.library import Library, ValidationReport
    from peaceplan.merging.result import MergeResult


def load(
    spec: str | os.PathLike[str],
    *,
    plans: str | os.PathLike[str] | None = None,
    lines: bool = True,
    limits: Limits | None = None,
) -> Plan:
    """Load and check one plan: a file path, or a version name looked up in the plans folder
    as the command line does (`ua-20`, `ukraine-2025/ua-20`, `REV:path`).

    Raises PlanError listing every problem of the file, or ResolveError (both PeaceplanError)
    naming the close matches of an unknown version. `lines=False` reads a large plain file up
    to 4x faster, as `peaceplan diff` does, but its points carry no line numbers (`line` None).
    `limits` caps what is read (a `peaceplan.io.yamlread.Limits`); None, the default: the
    limits in force when called (`current_limits()`, from $PEACEPLAN_LIMITS).
    """
    from peaceplan.io.load import load_file

    if isinstance(spec, os.PathLike) or os.path.isfile(spec):
        return load_file(spec, lines=lines, limits=limits)
    from peaceplan.library import Library

    return Library.open(plans, limits=limits).resolve(os.fspath(spec), lines=lines)


def save(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write `plan` to `path` atomically, keeping an existing file's comments and layout."""
    from peaceplan.io.save import save as _save

    _save(plan, path)


def resolve(
    spec: PlanLike, plans: str | os.PathLike[str] | None = None, limits: Limits | None = None
) -> Plan:
    """A Plan from a Plan, a version name (`us-28`, `ukraine-2025/us-28`), a path or `REV:path`."""
    return _resolve_all([spec], plans, limits)[0]


def _resolve_all(
    specs: Iterable[PlanLike], plans: str | os.PathLike[str] | None, limits: Limits | None
) -> list[Plan]:
    """Plans from `specs` (see `resolve`), the plans folder opened once, and only if needed."""
    from peaceplan.library import Library

    library: Library | None = None
    out = []
    for spec in specs:
        if not isinstance(spec, Plan):
            library = library or Library.open(plans, limits=limits)
            spec = library.resolve(os.fspath(spec))
        out.append(spec)
    return out


def align(old: PlanLike, new: PlanLike, *, plans: str | None = None) -> Alignment:
    """Which points of `old` correspond to which of `new` (ids, then content)."""
    from peaceplan.aligning import align as _align

    return _align(resolve(old, plans), resolve(new, plans))


def diff(
    old: PlanLike,
    new: PlanLike | None = None,
    *,
    plans: str | None = None,
    budget: int | None = None,
    limits: Limits | None = None,
    jobs: int = 1,
) -> PlanDiff:
    """What changed from `old` to `new`; with one version, compare it with its `based_on` parent.

    `budget` caps the aligner's pair comparisons (default: linear in the number of points).
    `limits`: see `load`. `jobs` 2 or more lets a large diff (about 1,000 points and up) use a
    second process on Linux, the same result; 1, the default, never forks.
    """
    from peaceplan.diffing import diff_plans
    from peaceplan.library import Library

    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise UsageError(f"`jobs=` must be a whole number of at least 1, not {jobs!r}")
    # As `--budget` refuses it: a budget below 1 would silently report every point removed.
    if budget is not None and (
        isinstance(budget, bool) or not isinstance(budget, int) or budget < 1
    ):
        raise UsageError(f"`budget=` must be a whole number of at least 1, not {budget!r}")
    if new is None and isinstance(old, Plan):
        parent = Library.open(plans, limits=limits).parent(old)
        return diff_plans(parent, old, budget=budget, jobs=jobs)
    if isinstance(old, Plan) or isinstance(new, Plan):
        assert new is not None  # new None with a Plan old is answered above
        both = _resolve_all((old, new), plans, limits)
        return diff_plans(*both, budget=budget, jobs=jobs)
    library = Library.open(plans, limits=limits)
    if new is None:
        newer = library.resolve(os.fspath(old))
        return diff_plans(library.parent(newer), newer, budget=budget, jobs=jobs)
    pair = library.resolve_pair(os.fspath(old), os.fspath(new), jobs=jobs)
    return diff_plans(*pair, budget=budget, jobs=jobs)


def merge(
    base: PlanLike,
    ours: PlanLike,
    theirs: PlanLike,
    *,
    plans: str | None = None,
    version: str | None = None,
    labels: tuple[str, str] | None = None,
    limits: Limits | None = None,
) -> MergeResult:
    """Three-way merge of two revisions of `base`; conflicts stay in the plan as bracketed points.

    The result's `plan` is a new version (`version`, default `merge-OURS-THEIRS`) based on both;
    `result.text()` is its file, with the comments of both sides' files. `limits`: see `load`.
    """
    from peaceplan.library import source_text
    from peaceplan.merging.plan3 import merge_plans

    b, o, t = _resolve_all((base, ours, theirs), plans, limits)
    texts = (source_text(b), source_text(o), source_text(t))
    return merge_plans(b, o, t, version=version, labels=labels, texts=texts)


def validate_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
    *,
    library: Library | None = None,
    plans: str | None = None,
    no_conflicts: bool = False,
) -> ValidationReport:
    """Check plan files (default: the whole plans folder) and lineage; never raises on bad input.

    `paths` is one path or a list of them (files or folders)."""
    from peaceplan.library import Library, check_library

    # One path, not its characters: "plans" must not be checked as "p", "l", "a", "n", "s".
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    names = None if paths is None else [os.fspath(p) for p in paths]
    return check_library(library or Library.open(plans), names, no_conflicts=no_conflicts)
