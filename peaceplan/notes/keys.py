"""Point keys in notes: what a key that names no point of the version most likely meant."""

from __future__ import annotations

import re

from peaceplan.errors import close_matches
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
