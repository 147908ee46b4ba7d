"""Align two versions of a plan: which points of the old correspond to which of the new.

>>> from peaceplan.aligning import align
>>> alignment = align(old_plan, new_plan)
>>> for m in alignment.matches:
...     print(m.old, m.new, m.method, m.score)
"""

from __future__ import annotations

from peaceplan.aligning.engine import align, default_budget
from peaceplan.aligning.model import EVIDENCE, METHODS, Alignment, Match

__all__ = ["EVIDENCE", "METHODS", "Alignment", "Match", "align", "default_budget"]
