"""Align two versions of a plan: which points of the old correspond to which of the new.

>>> from peaceplan.align import align
>>> alignment = align(old_plan, new_plan)
>>> for m in alignment.matches:
...     print(m.old, m.new, m.method, m.score)
"""

from __future__ import annotations

from peaceplan.align.engine import align, default_budget
from peaceplan.align.model import METHODS, Alignment, Match

__all__ = ["METHODS", "Alignment", "Match", "align", "default_budget"]
