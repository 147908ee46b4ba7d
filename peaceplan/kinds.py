"""The change kinds, in one place: what a diff calls each group of corresponding points.

`Kind` and `Filter` are the types; KINDS and FILTERS the same names as tuples, in the order
every output lists them (the JSON contract's `summary` keys, `peaceplan diff --only`).
"""

from __future__ import annotations

from typing import Literal, get_args

Kind = Literal["unchanged", "modified", "added", "removed", "split", "merged", "unreported"]
KINDS: tuple[Kind, ...] = get_args(Kind)

# `unreported`: a point with no counterpart because the other version is partial
# (`coverage: partial`) and does not report it; its state there is unknown, so it is neither
# removed nor added. Not a known difference: it alone leaves `PlanDiff.changed` false.
UNKNOWN_KINDS: tuple[Kind, ...] = ("unreported",)

# What `--only` (and `only=`) accepts: the kinds and `moved` (a flag of a change, not a kind).
Filter = Literal[Kind, "moved"]
FILTERS: tuple[Filter, ...] = (*KINDS, "moved")
