"""Align two versions of a plan: which points of the old correspond to which of the new.

>>> from peaceplan.align import align
>>> alignment = align(old_plan, new_plan)
>>> for m in alignment.matches:
...     print(m.old, m.new, m.method, m.score)
"""

from __future__ import annotations

from peaceplan._callable import make_callable
from peaceplan.align.engine import align, default_budget
from peaceplan.align.model import EVIDENCE, METHODS, Alignment, Match

__all__ = ["EVIDENCE", "METHODS", "Alignment", "Match", "align", "default_budget"]

# `import peaceplan.align` binds the package over the function: keep `peaceplan.align(a, b)` working
make_callable(__name__, "peaceplan.api:align")
