"""Notes checked against their version: every point they name must exist in it.

`peaceplan validate` runs this on `plans/<plan>/notes/<version>.yaml` beside each version, so a
note left on a point that was removed or re-keyed is a located error, with the key to use instead
when there is one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from peaceplan.errors import PlanError, Problem
from peaceplan.model import Plan
from peaceplan.notes.store import read_notes


def check_notes(path: str | Path, plan: Plan) -> list[Problem]:
    """Every problem of the notes file `path` of version `plan`, located (none: all is well)."""
    try:
        read_notes(path, plan=plan)
    except PlanError as exc:
        return list(exc.problems)
    return []


def notes_files(folder: Path) -> Iterable[Path]:
    """The notes files in a plan folder's `notes/` (hidden lock files left out)."""
    notes = folder / "notes"
    if not notes.is_dir():
        return ()
    return sorted(
        f
        for f in notes.iterdir()
        if f.suffix in (".yaml", ".yml") and f.is_file() and not f.name.startswith(".")
    )
