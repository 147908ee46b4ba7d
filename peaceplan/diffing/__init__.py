"""What changed between two versions: a PlanDiff built from their alignment.

>>> from peaceplan.diffing import diff_plans
>>> d = diff_plans(old_plan, new_plan)
>>> d.summary()
{'unchanged': 2, 'modified': 11, 'added': 3, 'removed': 6, 'split': 1, 'merged': 2, 'moved': 4}
"""

from __future__ import annotations

from peaceplan.aligning.model import Alignment
from peaceplan.diffing.model import (
    Change,
    FieldChange,
    Figure,
    PlanDiff,
    RenumberRun,
    Segment,
)
from peaceplan.kinds import KINDS
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


def diff_plans(old: Plan, new: Plan, *, budget: int | None = None, jobs: int = 1) -> PlanDiff:
    """Align two versions, then describe every change (`budget` caps the aligner's comparisons;
    `jobs` 2 or more lets a large diff use a second process, the same result)."""
    from peaceplan.aligning import align

    return build_diff(align(old, new, budget=budget, jobs=jobs), jobs=jobs)


def build_diff(alignment: Alignment, *, jobs: int = 1) -> PlanDiff:
    """The PlanDiff of an Alignment (see peaceplan.diffing.build)."""
    from peaceplan.diffing.build import build_diff as _build

    return _build(alignment, jobs=jobs)
