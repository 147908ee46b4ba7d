"""What changed between two versions: a PlanDiff built from their alignment.

>>> from peaceplan.diff import diff_plans
>>> d = diff_plans(old_plan, new_plan)
>>> d.summary()
{'unchanged': 2, 'modified': 11, 'added': 3, 'removed': 6, 'split': 1, 'merged': 2, 'moved': 4}
"""

from __future__ import annotations

import sys
import types
from typing import Any

from peaceplan.align.model import Alignment
from peaceplan.diff.model import (
    KINDS,
    Change,
    FieldChange,
    Figure,
    PlanDiff,
    RenumberRun,
    Segment,
)
from peaceplan.model import Plan

__all__ = [
    "KINDS",
    "Change",
    "FieldChange",
    "Figure",
    "PlanDiff",
    "RenumberRun",
    "Segment",
    "build_diff",
    "diff_plans",
]


def diff_plans(old: Plan, new: Plan, *, budget: int | None = None) -> PlanDiff:
    """Align two versions, then describe every change (`budget` caps the aligner's comparisons)."""
    from peaceplan.align import align

    return build_diff(align(old, new, budget=budget))


def build_diff(alignment: Alignment) -> PlanDiff:
    """The PlanDiff of an Alignment (see peaceplan.diff.build)."""
    from peaceplan.diff.build import build_diff as _build

    return _build(alignment)


class _CallableModule(types.ModuleType):
    """Importing this package binds `peaceplan.diff` to it, hiding the API function
    `peaceplan.diff(a, b)`; calling the module calls that function, so both keep working."""

    def __call__(self, *args: Any, **kwargs: Any) -> PlanDiff:
        from peaceplan.api import diff

        return diff(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
