"""`peaceplan site`: a static, self-contained website of the plans folder.

The pages are rendered by peaceplan.render.site; this module loads what they show (the
versions, their notes, positions and figures) and writes the site atomically: into a new
folder beside the target, renamed into place once complete.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from peaceplan.errors import Problem, UsageError
from peaceplan.io.atomic import _umask
from peaceplan.library import negotiation_name, open_library

if TYPE_CHECKING:
    from peaceplan.library import PlansLike


@attrs.frozen
class SiteReport:
    """What `build_site` wrote."""

    out: str  # the site's folder
    index: str  # its front page
    negotiations: tuple[str, ...]
    pages: int  # files written (pages and SVGs)
    seconds: float
    # What the lineages say is wrong (a based_on naming no version, a cycle), located: the site
    # still shows those versions, and whoever publishes it should know.
    problems: tuple[Problem, ...] = ()
    # Files and folders at the top of the earlier site that peaceplan did not write (a CNAME
    # for GitHub Pages, robots.txt, an assets/ folder), carried into the new one...
    kept: tuple[str, ...] = ()
    # ... and those it could not carry, each with the reason: "favicon.ico (a symbolic link)".
    dropped: tuple[str, ...] = ()
    # the folder the earlier site was moved aside to, when it could not be deleted afterwards
    leftover: str | None = None
    # What peaceplan wrote in the earlier site that the new one does not have (the folder of a
    # negotiation left out this time): gone with the earlier site, and said.
    removed: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        # Jupyter: what was written, what was kept, and any lineage problem in red.
        from peaceplan.render.site import report_html

        return report_html(self)


def site_pages(
    plans: PlansLike = None, only: Iterable[str] | None = None, *, pairs: str = "all"
) -> dict[str, str]:
    """Every page of the site, {relative path: content}, nothing written (see `build_site`)."""
    return _site(plans, only, pairs)[0]


def _site(
    plans: PlansLike, only: Iterable[str] | None, pairs: str
) -> tuple[dict[str, str], list[Problem]]:
    """The pages of the site and the lineage problems of its negotiations."""
    from peaceplan.lineage import check_lineage, lineage_order
    from peaceplan.notes.api import _notes_by_version
    from peaceplan.notes.lineage import Lineage
    from peaceplan.notes.status import build_status
    from peaceplan.render.site import index_page, negotiation_pages
    from peaceplan.render.site_paths import MARKER
    from peaceplan.timeline import figure_history

    lib = open_library(plans)
    if isinstance(only, str):  # one name, not its letters
        only = (only,)
    names = list(dict.fromkeys(negotiation_name(lib, n) for n in only)) if only else lib.plans()
    if not names and lib.root is None:
        from peaceplan.library import NO_PLANS_FOLDER

        raise UsageError(NO_PLANS_FOLDER)
    if not names:
        raise UsageError(f"no plans to publish ({lib.root} has none)")
    pages: dict[str, str] = {}
    problems: list[Problem] = []
    listed = []
    others = lib.qualified_names()  # a based_on naming another negotiation's version
    for name in names:
        versions = lineage_order(lib.load_plan(name))
        problems += check_lineage(versions, others=others)
        notes = _notes_by_version(versions)
        # One load and one Lineage (its alignments) serve the positions, the figures and pages.
        report = build_status(versions, notes, versions[-1].version)
        lineage = Lineage(versions, others=others)
        history = figure_history(versions, lineage=lineage)
        pages.update(
            negotiation_pages(versions, notes, report, history, pairs=pairs, lineage=lineage)
        )
        listed.append((name, versions))
    pages["index.html"] = index_page(listed)
    top = sorted({name.split("/", 1)[0] for name in [*pages, MARKER]})  # files and folders
    marker = {"generator": "peaceplan site", "negotiations": names, "files": top}
    pages[MARKER] = json.dumps(marker) + "\n"
    return pages, problems


def build_site(
    out: str | os.PathLike[str],
    only: Iterable[str] | None = None,
    *,
    plans: PlansLike = None,
    force: bool = False,
) -> SiteReport:
    """Write the static site of the plans folder (or of the negotiations `only` names: one
    name or several) to folder `out`, atomically; return what was written.

    `out` must be missing, empty, or a site peaceplan built before (it is replaced whole);
    any other folder is refused unless `force`. Never the plans folder, a folder inside it or a
    folder holding it, the current folder or one holding it, or the home folder; never a
    symbolic link (give the folder it points to).
    """
    from peaceplan.render.site_paths import MARKER

    start = time.perf_counter()
    lib = open_library(plans)
    target = Path(out).absolute()
    if target.is_symlink():
        # the link would be renamed aside and left there (rmtree refuses a link), the folder it
        # points to never updated: refused, as a linked plans folder is
        raise UsageError(
            f"{out}: a symbolic link (to {os.readlink(target)}); not followed: "
            "give the folder it points to"
        )
    if target.exists() and not target.is_dir():
        raise UsageError(f"{out}: exists and is not a folder")
    if lib.root is not None:
        root = Path(lib.root).resolve()
        real = target.resolve()
        if real == root or real in root.parents:
            raise UsageError(f"{out}: holds the plans folder; choose another folder for the site")
        if root in real.parents:  # replacing plans/minsk would delete its plan files
            raise UsageError(
                f"{out}: inside the plans folder {lib.root}; choose a folder outside it"
            )
    _refuse_precious(target, out)
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file() and not force:
        raise UsageError(
            f"{out}: folder not empty and not a peaceplan site; "
            "choose another folder, or --force to replace it"
        )
    pages, problems = _site(lib, only, "all")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for rel_path, content in pages.items():
            path = tmp / rel_path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        mode = 0o777 & ~_umask()  # mkdtemp made it private; a site is to be read
        for folder in [tmp, *(p for p in tmp.rglob("*") if p.is_dir())]:
            os.chmod(folder, mode)
        # after the chmod: a user's folder keeps its own modes, and a link inside it is never
        # followed to change the mode of what it points to
        if (target / MARKER).is_file():
            kept, dropped, removed = _carry_user_files(target, tmp)
        else:
            kept, dropped, removed = (), (), ()
        leftover = _swap(tmp, target)
    except BaseException:
        _remove_tree(tmp)
        raise
    names = tuple(json.loads(pages[MARKER])["negotiations"])
    seconds = time.perf_counter() - start
    index = str(target / "index.html")
    return SiteReport(
        str(target),
        index,
        names,
        len(pages),
        seconds,
        tuple(problems),
        kept,
        dropped,
        leftover,
        removed,
    )


def _carry_user_files(
    old: Path, new: Path
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Copy into the new site what the earlier one holds at its top that peaceplan did not
    write (its marker lists what it did): a CNAME, a robots.txt, an assets/ folder (links inside
    a folder are copied as links, never followed). Returns what was kept, what could not be
    (a symbolic link at the top, a name the new site uses) with the reason, and the folders
    peaceplan wrote there that the new site has not (they go with the earlier site)."""
    written = _written_by_peaceplan(old)
    taken = {p.name.lower() for p in new.iterdir()}
    kept: list[str] = []
    dropped: list[str] = []
    removed: list[str] = []
    for path in sorted(old.iterdir()):
        if path.name in written:
            if not (new / path.name).exists():
                removed.append(path.name + "/")
            continue
        if path.name.lower() in taken:
            dropped.append(f"{path.name} (the new site has a {path.name.lower()!r} of its own)")
        elif path.is_symlink():
            dropped.append(f"{path.name} (a symbolic link)")
        elif path.is_dir():
            try:
                shutil.copytree(
                    path, new / path.name, symlinks=True, ignore=_not_copied(old, dropped)
                )
            except shutil.Error as exc:  # a file it cannot read: the earlier site stays as it is
                src, _, why = exc.args[0][0]
                raise UsageError(f"{src}: cannot be carried into the new site: {why}") from None
            kept.append(path.name + "/")
        elif path.is_file():
            shutil.copy2(path, new / path.name)
            kept.append(path.name)
        else:
            dropped.append(f"{path.name} (not a file or folder)")
    return tuple(kept), tuple(dropped), tuple(removed)


def _written_by_peaceplan(site: Path) -> set[str]:
    """The top-level names of an earlier site that peaceplan wrote, as its marker lists them (a
    marker from before the list, or a hand-edited one: its negotiations' folders).

    At the top peaceplan writes only the front page, the marker and a folder per negotiation:
    any other file there, or a link, is a user's (a CNAME) even if a hand-edited marker lists
    it, so it is carried over, never deleted with the earlier site."""
    from peaceplan.render.site_paths import MARKER, Paths

    try:
        marker = json.loads((site / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        marker = {}
    marker = marker if isinstance(marker, dict) else {}
    listed = marker.get("files")
    if isinstance(listed, list):
        written = {n for n in listed if isinstance(n, str)}
    else:
        names = marker.get("negotiations")
        names = names if isinstance(names, list) else []
        written = {Paths(n).dir for n in names if isinstance(n, str)}
    folders = {n for n in written if not (site / n).is_symlink() and (site / n).is_dir()}
    return folders | {"index.html", MARKER}


def _not_copied(old: Path, dropped: list[str]) -> Callable[[str, list[str]], list[str]]:
    """A copytree `ignore` that leaves out (and names in `dropped`) what is neither a file, a
    folder nor a link in a user's folder: a named pipe would block the copy, a device be read."""

    def ignore(folder: str, names: list[str]) -> list[str]:
        odd = []
        for name in sorted(names):
            mode = os.lstat(os.path.join(folder, name)).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
                odd.append(name)
                where = Path(folder, name).relative_to(old).as_posix()
                dropped.append(f"{where} (not a file or folder)")
        return odd

    return ignore


def _refuse_precious(target: Path, out: str | os.PathLike[str]) -> None:
    """Refuse, --force or not, the current folder, a folder holding it and the home folder:
    `-o ~` for `-o ~/site` must not replace a home folder with a site."""
    real = target.resolve()
    here = Path.cwd().resolve()
    if real == here or real in here.parents:
        raise UsageError(f"{out}: holds the current folder; choose another folder for the site")
    with contextlib.suppress(RuntimeError, KeyError):  # no home folder known: nothing to guard
        if real == Path.home().resolve():
            raise UsageError(f"{out}: the home folder; choose another folder for the site")


def _swap(new: Path, target: Path) -> str | None:
    """Put folder `new` in place of `target`: the old one is moved aside first and deleted only
    once the new one is in place (restored if the rename fails). Returns the folder the old
    site was moved to if it could not be deleted (None when it was), for the caller to say."""
    if not target.exists():
        os.replace(new, target)
        return None
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    old.rmdir()
    os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.replace(old, target)
        raise
    _remove_tree(old)
    return str(old) if os.path.lexists(old) else None


def _remove_tree(path: Path) -> None:
    """Delete a folder, read-only sub-folders (a user's 0555 folder carried in) included: each
    folder is made writable by its owner first (links are not followed)."""
    for root, dirs, _ in os.walk(path):
        for name in dirs:
            sub = os.path.join(root, name)
            if not os.path.islink(sub):
                with contextlib.suppress(OSError):
                    os.chmod(sub, 0o700)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)
    shutil.rmtree(path, ignore_errors=True)
