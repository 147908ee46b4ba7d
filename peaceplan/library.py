"""A plans folder: find versions, resolve the names users type, and the lineage graph.

Versions live in `plans/<plan>/<version>.yaml`. A version is named by its name (`us-28`), its
qualified name (`ukraine-2025/us-28`), a file path, `-` for standard input, or a git object
`REV:path`. Names never reach the file system unchecked: only names of discovered files resolve.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Union

import attrs

from peaceplan.errors import GitError, PlanError, Problem, ResolveError, UsageError, did_you_mean
from peaceplan.io.load import load_file, load_text
from peaceplan.io.spec import NAME_RE
from peaceplan.lineage import check_lineage
from peaceplan.lineage import lineage_order as lineage_order  # its former home, kept working
from peaceplan.model import Plan

if TYPE_CHECKING:
    from peaceplan.io.yamlread import Limits

PLAN_SUFFIXES = (".yaml", ".yml")
# A second version at least this large is loaded in a second process while the first loads
# (about 1,000 points; below that, forking costs more than it saves).
PARALLEL_BYTES = 256 * 1024


def find_plans_dir(start: str | os.PathLike[str] | None = None) -> Path | None:
    """`./plans` or the nearest `plans/` folder above the working directory, else None."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "plans"
        if candidate.is_dir():
            return candidate
    return None


@attrs.frozen
class VersionRef:
    """Where one version of the library lives."""

    plan: str
    version: str
    path: Path

    @property
    def qualified(self) -> str:
        return f"{self.plan}/{self.version}"


@attrs.frozen
class Library:
    """The versions of a plans folder, discovered from file names (nothing is parsed until used).

    `limits` caps every file read; None: those in force when it is read ($PEACEPLAN_LIMITS).
    """

    root: Path | None
    refs: tuple[VersionRef, ...] = ()
    limits: Limits | None = None

    @classmethod
    def open(
        cls, root: str | os.PathLike[str] | None = None, *, limits: Limits | None = None
    ) -> Library:
        """Open the plans folder `root`, else $PEACEPLAN_PLANS, else the nearest `plans/`."""
        if root is None:
            root = os.environ.get("PEACEPLAN_PLANS") or find_plans_dir()
        if root is None:
            return cls(None, (), limits)
        path = Path(root)
        if path.is_symlink():
            # A committed `plans -> /elsewhere` would make every command read (and note
            # writes go) outside the repository: refused; naming the real folder works.
            raise ResolveError(
                f"{root}: the plans folder is a symbolic link (to {os.readlink(path)}); "
                "not followed: give the folder it points to with `plans=`"
            )
        if not path.is_dir():
            raise ResolveError(f"{root}: plans folder not found")
        return cls(path, tuple(_discover(path)), limits)

    def plans(self) -> tuple[str, ...]:
        """The negotiations (sub-folders) in the library, sorted."""
        return tuple(sorted({r.plan for r in self.refs}))

    def qualified_names(self) -> frozenset[str] | None:
        """Every version as NEGOTIATION/VERSION, what a `based_on` naming another negotiation's
        version is checked against; None with no plans folder (nothing known to check)."""
        return frozenset(r.qualified for r in self.refs) if self.root is not None else None

    def versions(self, plan: str) -> tuple[VersionRef, ...]:
        """The versions of one negotiation, by file name."""
        _check_name(plan)
        if plan not in self.plans():
            raise ResolveError(_unknown("plan", plan, self.plans(), self.root))
        return tuple(r for r in self.refs if r.plan == plan)

    def find(self, name: str, *, plan: str | None = None) -> VersionRef:
        """The version called `name` (`version` or `plan/version`); `plan` narrows a bare name."""
        if "/" in name:
            plan_name, _, version = name.partition("/")
            hits = [r for r in self.refs if r.plan == plan_name and r.version == version]
        else:
            hits = [r for r in self.refs if r.version == name]
            if plan is not None and len(hits) > 1:
                hits = [r for r in hits if r.plan == plan] or hits
        if len(hits) == 1:
            return hits[0]
        if hits:
            names = ", ".join(r.qualified for r in hits)
            raise ResolveError(f"{name}: ambiguous version name; say which: {names}")
        known = [r.version for r in self.refs] + [r.qualified for r in self.refs]
        raise ResolveError(_unknown("version", name, known, self.root))

    def load(self, name: str, *, plan: str | None = None) -> Plan:
        """Load the version called `name` from this library."""
        return load_file(self.find(name, plan=plan).path, limits=self.limits)

    def resolve(self, spec: str, *, lines: bool = True) -> Plan:
        """Load a version however the user named it: name, plan/name, path, `-`, or `REV:path`.

        `lines=False`: the caller needs no line numbers on points (see io.load.check_text).
        """
        source = self._source(spec)
        limits = self.limits
        if isinstance(source, Path):
            return load_file(source, lines=lines, limits=limits)
        if source == "-":
            limit = None if limits is None else limits.max_bytes
            return load_text(read_stdin(limit), "<stdin>", lines=lines, limits=limits)
        return load_git_object(source, lines=lines, limits=limits)

    def _source(self, spec: str) -> Path | str:
        """Where the text of a version comes from: its file, or the spec itself for `-`
        (standard input) and `REV:path` (a git object)."""
        if spec == "-":
            return spec
        path = Path(spec)
        if path.suffix in PLAN_SUFFIXES and (path.exists() or os.sep in spec or "/" in spec):
            return spec if not path.is_file() and _looks_like_git(spec) else path
        if _looks_like_git(spec):
            return spec
        if path.is_file():
            return path
        named_as_file = path.suffix in PLAN_SUFFIXES  # "v2.yaml": most likely a mistyped file
        if self.root is None:
            if named_as_file:
                raise ResolveError(f"{spec}: no such file")
            raise ResolveError(f"{spec}: {NO_PLANS_FOLDER}, PEACEPLAN_PLANS, or give a file path")
        try:
            return self.find(spec).path
        except ResolveError:
            if named_as_file:
                raise ResolveError(
                    f"{spec}: no such file, nor a version of that name in {self.root}"
                ) from None
            raise

    def resolve_pair(
        self,
        old: str,
        new: str,
        *,
        meanwhile: Callable[[], object] | None = None,
        lines: bool = True,
        jobs: int = 1,
    ) -> tuple[Plan, Plan]:
        """`resolve(old), resolve(new)`; with `jobs` 2 or more, a large `new` file is loaded in a
        second process meanwhile (see peaceplan.background), the same plans either way.

        `meanwhile`, if given, is called once `old` is loaded, while `new` may still be loading:
        time the caller can use (the diff command imports what it needs next). `lines=False`:
        neither needs line numbers on points (see `resolve`).
        """
        from peaceplan.background import in_background
        from peaceplan.io.load import import_parser

        big = jobs > 1 and self._size(new) >= PARALLEL_BYTES  # 0: stdin, a git object
        if big:
            import_parser(lines)  # imported once, before forking: both processes parse
        with in_background(partial(self.resolve, lines=lines), new, fork=big) as later:
            older = self.resolve(old, lines=lines)
            if meanwhile is not None:
                meanwhile()
            return older, later.result()

    def _size(self, spec: str) -> int:
        """The size of the file `spec` names (0 for standard input, a git object or no file)."""
        try:
            source = self._source(spec)
            return source.stat().st_size if isinstance(source, Path) else 0
        except (OSError, ResolveError):
            return 0

    def parent(self, plan: Plan) -> Plan:
        """The version `plan` is based on (its first `based_on`), for `diff NEW` alone."""
        if not plan.based_on:
            raise ResolveError(f"{plan.qualified}: has no based_on version to compare with")
        return self.load(plan.based_on[0], plan=plan.plan)

    def load_negotiation(self, spec: str) -> tuple[Plan, ...]:
        """Every version of the negotiation `spec` names: a negotiation (`ukraine-2025`) or one
        of its versions (`us-28`), as matrix, flow, figures and log take it."""
        return self.load_plan(negotiation_name(self, spec))

    def load_plan(self, plan: str) -> tuple[Plan, ...]:
        """Every version of one negotiation, loaded and checked.

        A file whose `version` (or `plan`) is not its file (or folder) name is refused, as
        `validate` refuses it: a copy of minsk-2.yaml saved as minsk-3.yaml would otherwise be
        a second minsk-2, and one of the two would be dropped without a word.
        """
        refs = self.versions(plan)
        versions = tuple(load_file(r.path, limits=self.limits) for r in refs)
        problems = [
            problem
            for ref, version in zip(refs, versions)
            for problem in _check_placement(self, version, ref.path)
        ]
        problems += _check_twins(refs)
        if problems:
            raise PlanError(problems)
        return versions


def read_stdin(limit: int | None = None) -> bytes:
    """Standard input, read in chunks and refused as soon as it passes the size limit (a
    stream of gigabytes is never read whole just to say it is too large)."""
    from peaceplan.errors import too_large
    from peaceplan.io.yamlread import current_limits

    limit = current_limits().max_bytes if limit is None else limit
    chunks: list[bytes] = []
    size = 0
    stream = sys.stdin.buffer
    while chunk := stream.read(min(1 << 20, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise PlanError([too_large("<stdin>", None, limit)])
    return b"".join(chunks)


def _looks_like_git(spec: str) -> bool:
    rev, sep, rest = spec.partition(":")
    return bool(sep and rev and rest) and not Path(spec).exists() and len(rev) > 1


def source_text(plan: Plan) -> str | None:
    """The text `plan` was read from (its file, or its git object `REV:path`), so a merge can
    carry its comments; None when it cannot be read again (standard input, a Plan built in code)."""
    if not plan.path:
        return None
    path = Path(plan.path)
    try:
        if path.is_file():
            return path.read_bytes().decode("utf-8-sig", "replace")
        if not _looks_like_git(plan.path) or plan.path.startswith("-"):
            return None
        from peaceplan.io.git import run_git

        out = run_git("cat-file", "blob", plan.path)
    except (OSError, GitError):
        return None
    return out.stdout.decode("utf-8-sig", "replace") if out.returncode == 0 else None


def load_git_object(
    spec: str,
    cwd: str | os.PathLike[str] | None = None,
    *,
    lines: bool = True,
    limits: Limits | None = None,
) -> Plan:
    """Load `REV:path` from git; the revision cannot smuggle in an option."""
    rev, _, rel = spec.partition(":")
    if rev.startswith("-") or rel.startswith("-"):
        raise ResolveError(f"{spec}: a git revision or path may not start with '-'")
    from peaceplan.io.git import last_line, run_git  # here, not at every start (3 ms)

    try:
        out = run_git("cat-file", "blob", f"{rev}:{rel}", cwd=cwd)
    except GitError as exc:
        raise ResolveError(f"{spec}: {exc}") from None
    if out.returncode != 0:
        raise ResolveError(f"{spec}: {last_line(out.stderr) or 'not found in git'}")
    return load_text(out.stdout, spec, lines=lines, limits=limits)


def _discover(root: Path) -> Iterable[VersionRef]:
    home = root.resolve()
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and NAME_RE.match(p.name)):
        for file in sorted(folder.iterdir()):
            # A symbolic link committed into plans/ must not make us read outside it.
            plan_file = file.suffix in PLAN_SUFFIXES and file.is_file() and inside(file, home)
            if plan_file and NAME_RE.match(file.stem):
                yield VersionRef(folder.name, file.stem, file)


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, symbolic links followed, lies in the folder `root` (already resolved)."""
    return path.resolve().is_relative_to(root)


NO_PLANS_FOLDER = "no plans folder here (./plans or above); use `plans=DIR`"


def _unknown(what: str, name: str, known: Iterable[str], root: Path | None) -> str:
    if root is None:  # nothing was searched: say so, not "no such plan"
        return f"{name}: {NO_PLANS_FOLDER}"
    where = f" in {root}"
    hint = did_you_mean(name, known, n=4, cutoff=0.5)
    return f"{name}: no such {what}{where}{hint}"


# -- lineage -----------------------------------------------------------------------------------


@attrs.frozen
class ValidationReport:
    """What `validate` found: how many files were checked and every problem, in file order."""

    files: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_library(
    library: Library, paths: Iterable[str] | None = None, *, no_conflicts: bool = False
) -> ValidationReport:
    """Validate files (default: every version in the library) plus each negotiation's lineage.

    The notes of each version checked (`notes/<version>.yaml` beside it) are checked too, against
    that version; a notes file or a folder named in `paths` is checked whole. With
    `no_conflicts`, an unresolved merge conflict left in a point is a problem too.
    """
    from peaceplan.io.load import check_text, read_bytes

    problems: list[Problem] = []
    loaded: dict[str, list[Plan]] = {}
    by_path: dict[Path, Plan | None] = {}
    if paths:
        targets, notes = _expand([Path(p) for p in paths])
    else:
        targets, notes = [r.path for r in library.refs], []
    for path in targets:
        by_path[path.resolve()] = None
        try:
            raw = read_bytes(path, limits=library.limits)
            plan, found = check_text(raw, str(path), limits=library.limits)
        except PlanError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(found)
        if plan is None:
            continue
        by_path[path.resolve()] = plan
        problems.extend(_check_placement(library, plan, path))
        if no_conflicts:
            from peaceplan.io.conflicts import conflict_problems

            text = raw.decode("utf-8-sig", errors="replace")
            problems.extend(conflict_problems(plan, str(path), text))
        loaded.setdefault(plan.plan, []).append(plan)
    notes = _with_notes_of(targets, notes, library if not paths else None)
    for path in notes:
        problems.extend(_check_notes_file(path, by_path))
    if not paths and library.root is not None:  # what no command reads is said, not skipped
        from peaceplan.io.strays import stray_problems

        read = [p.resolve() for p in (*targets, *notes)]
        problems.extend(stray_problems(library.root, read))
    # A based_on naming another negotiation's version is checked against the library's versions
    # and the files checked (a folder of several negotiations validated outside any plans/).
    others = {r.qualified for r in library.refs} | {p.qualified for v in loaded.values() for p in v}
    for plan_name, versions in loaded.items():
        # Lineage is checked against every version of the negotiation, not just the files named.
        in_library = library.root is not None and plan_name in library.plans()
        if in_library:
            known = {p.version for p in versions}
            refs = library.versions(plan_name)
            for ref in refs:
                if ref.version not in known:
                    raw = read_bytes(ref.path, limits=library.limits)
                    plan, _ = check_text(raw, str(ref.path), limits=library.limits)
                    if plan is not None:
                        versions.append(plan)
            problems.extend(_check_twins(refs))
        hint = "" if in_library else _unlisted(library)
        problems.extend(check_lineage(versions, elsewhere=hint, others=others))
    return ValidationReport(len(targets) + len(notes), tuple(problems))


def _notes_of(plan_path: Path) -> Path:
    return plan_path.parent / "notes" / f"{plan_path.stem}.yaml"


def _with_notes_of(targets: list[Path], notes: list[Path], library: Library | None) -> list[Path]:
    """The notes files to check: those named, those beside each version checked, and (for the
    whole library) every notes file of its plan folders, each once."""
    from peaceplan.notes.check import notes_files

    found = [*notes, *(n for t in targets if (n := _notes_of(t)).is_file())]
    if library is not None and library.root is not None:
        for plan in library.plans():
            found.extend(notes_files(library.root / plan))
    seen: dict[Path, Path] = {}
    for path in found:
        seen.setdefault(path.resolve(), path)
    return list(seen.values())


def _check_notes_file(path: Path, by_path: dict[Path, Plan | None]) -> list[Problem]:
    """Check one notes file against the version it annotates (the plan file beside `notes/`)."""
    from peaceplan.io.load import check_text, read_bytes
    from peaceplan.notes.check import check_notes

    folder = path.parent.parent
    plan_path = next(
        (f for f in (folder / f"{path.stem}{s}" for s in PLAN_SUFFIXES) if f.is_file()), None
    )
    if plan_path is None:
        msg = f"no version {path.stem!r} to annotate: {folder / (path.stem + '.yaml')} is missing"
        return [Problem(str(path), 1, 1, msg)]
    key = plan_path.resolve()
    if key in by_path:
        plan = by_path[key]  # checked above: its own problems are already reported
    else:
        try:
            plan, found = check_text(read_bytes(plan_path), str(plan_path))
        except PlanError:
            plan, found = None, []
        if plan is None or found:
            msg = f"points not checked: {plan_path} has problems (peaceplan validate {plan_path})"
            return [*_check_notes_plain(path), Problem(str(path), 1, 1, msg)]
    if plan is None:
        return _check_notes_plain(path)
    return check_notes(path, plan)


def _check_notes_plain(path: Path) -> list[Problem]:
    """The problems of a notes file read on its own (without its version)."""
    from peaceplan.notes.store import read_notes

    try:
        read_notes(path)
    except PlanError as exc:
        return list(exc.problems)
    return []


def _unlisted(library: Library) -> str:
    """Why a based_on name may be unknown only because its file was not among those checked."""
    if library.root is None:
        return " among the files checked (no plans folder here; use `plans=DIR`)"
    return f" among the files checked (nor in {library.root})"


def _expand(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The plan files and the notes files named: folders stand for the files below them (notes
    files are those in a `notes/` folder)."""
    plans: list[Path] = []
    notes: list[Path] = []
    for path in paths:
        if path.is_dir():
            home = path.resolve()  # a link inside the folder leading out of it is skipped
            for f in sorted(path.rglob("*")):
                if f.suffix not in PLAN_SUFFIXES or not f.is_file() or not inside(f, home):
                    continue
                inner = (path.name, *f.relative_to(path).parts[:-1])
                if "notes" in inner:
                    if inner[-1] == "notes":
                        notes.append(f)
                else:
                    plans.append(f)
        elif path.parent.name == "notes" and path.suffix in PLAN_SUFFIXES:
            notes.append(path)
        else:
            plans.append(path)
    return plans, notes


def _check_placement(library: Library, plan: Plan, path: Path) -> list[Problem]:
    """Inside the plans folder, `plan` and `version` must match the folder and file names."""
    if library.root is None or path.parent.parent.resolve() != library.root.resolve():
        return []
    problems = []
    if plan.plan != path.parent.name:
        msg = f"plan is {plan.plan!r} but the file is in {path.parent.name}/"
        problems.append(Problem(str(path), *_top_key_value(path, "plan"), msg))
    if plan.version != path.stem:
        msg = f"version is {plan.version!r} but the file is {path.name}"
        problems.append(Problem(str(path), *_top_key_value(path, "version"), msg))
    return problems


def _check_twins(refs: Iterable[VersionRef]) -> list[Problem]:
    """A second file of one version (v1.yaml beside v1.yml): both match their names, so the
    placement check passes them, and a negotiation keyed by version would keep one unsaid."""
    first: dict[str, VersionRef] = {}
    problems = []
    for ref in refs:
        if ref.version in first:
            other = first[ref.version].path.name
            msg = f"version {ref.version!r} is in {other} too: one file per version"
            problems.append(Problem(str(ref.path), *_top_key_value(ref.path, "version"), msg))
        first.setdefault(ref.version, ref)
    return problems


def _top_key_value(path: Path, key: str) -> tuple[int, int]:
    """Line and column (1-based) of a top-level key's value in a plan file, for a located
    message; 1, 1 when it is not written plainly on a line of its own."""
    pattern = re.compile(rf"{key}[ \t]*:[ \t]*")
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")  # a BOM is no column
    except OSError:
        return 1, 1
    for n, line in enumerate(text.splitlines(), 1):
        found = pattern.match(line)
        if found:
            return n, found.end() + 1
    return 1, 1


# What the API takes for the plans folder: a path, a Library, or None (the nearest `plans/`).
PlansLike = Union[str, "os.PathLike[str]", Library, None]


def open_library(plans: PlansLike) -> Library:
    """The plans library: a Library as it is, else the folder (default: the nearest plans/)."""
    return plans if isinstance(plans, Library) else Library.open(plans)


def _check_name(spec: object) -> None:
    """A negotiation is named by text: a Plan or None passed for it is a clear UsageError, not a
    TypeError from deep inside ("argument of type 'Plan' is not iterable")."""
    if not isinstance(spec, str):
        what = type(spec).__name__
        if isinstance(spec, Plan):
            what += f" {spec.qualified} (its negotiation's name is {spec.plan!r})"
        raise UsageError(
            "expected the name of a negotiation or of one of its versions (such as "
            f"'ukraine-2025' or 'us-28'), not {what}"
        )


def negotiation_name(library: Library, spec: str) -> str:
    """The negotiation `spec` names: a negotiation (`ukraine-2025`) or one of its versions
    (`us-28`, `ukraine-2025/us-28`); an unknown name raises ResolveError with close matches."""
    _check_name(spec)
    if spec in library.plans():
        return spec
    try:
        return library.find(spec).plan
    except ResolveError:
        if not any(r.version == spec for r in library.refs):
            # neither: "no such plan or version", with the close names of both kinds
            known = [*library.plans(), *(r.version for r in library.refs)]
            if "/" in spec:
                known += [r.qualified for r in library.refs]
            raise ResolveError(
                _unknown("plan or version", spec, dict.fromkeys(known), library.root)
            ) from None
        raise  # a version of several negotiations: find's "ambiguous" message says which
