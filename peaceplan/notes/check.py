"""Notes checked against their version: every point they name must exist in it.

`peaceplan validate` runs this on `plans/<plan>/notes/<version>.yaml` beside each version, so a
note left on a point that was removed or re-keyed is a located error, with the key to use instead
when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from peaceplan.errors import PlanError, Problem, close_matches
from peaceplan.model import Plan

# The key a point with neither id nor number had in a package before keys were counted within
# each document: its place in the whole version.
_WHOLE_PLACE = re.compile(r"#(\d+)\Z")


def stable_key(plan: Plan, key: str) -> str | None:
    """The key now naming the point an old whole-version place key (`#22`) named in a package
    (`bilateral-guarantees#1`), or None when `key` is not such a key."""
    m = _WHOLE_PLACE.match(key)
    if not plan.documents or m is None:
        return None
    flat = plan.flat()
    n = int(m.group(1))
    if not 1 <= n <= len(flat):
        return None
    fp = flat[n - 1]
    return fp.key if fp.key != key and "#" in fp.key else None


def point_hint(plan: Plan, key: str) -> str:
    """What to suggest for a point key the version does not have ("" when nothing is close)."""
    stable = stable_key(plan, key)
    if stable is not None:
        return (
            f"; a point of a package's document with neither id nor number is keyed by its "
            f"document and place: did you mean '{stable}'?"
        )
    wanted = key.lstrip("#")
    numbered = [fp.key for fp in plan.flat() if fp.full_number == wanted and fp.key != wanted]
    if len(numbered) == 1:
        return f"; point {wanted} is keyed by its id: did you mean '{numbered[0]}'?"
    close = close_matches(key, plan.keys(), n=3, cutoff=0.6)
    return f"; did you mean: {', '.join(close)}?" if close else ""


def check_notes(path: str | Path, plan: Plan) -> list[Problem]:
    """Every problem of the notes file `path` of version `plan`, located (none: all is well)."""
    from peaceplan.notes.store import read_notes

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
