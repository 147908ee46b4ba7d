"""Three-way merge of plan versions: parallel drafts combined point by point, word by word.

    >>> from peaceplan.merging import merge_plans
    >>> result = merge_plans(base, ours, theirs)
    >>> result.clean, [str(c) for c in result.conflicts]

Conflicts stay in the merged plan as bracketed points (`options` attributed to each side,
`conflict: true`), which `resolve_point` settles by choosing one; a plan-level field both sides
changed (title, date...) is an entry of the plan's `conflicts`, settled by `resolve_field`.
"""

from __future__ import annotations

from peaceplan.errors import MergeError, ResolveConflictError
from peaceplan.merging.plan3 import merge_plans
from peaceplan.merging.points import DELETED
from peaceplan.merging.resolve import (
    resolve_conflict,
    resolve_field,
    resolve_point,
)
from peaceplan.merging.result import Conflict, MergeResult
from peaceplan.merging.text3 import TextMerge, merge_text, tokenize

__all__ = [
    "DELETED",
    "Conflict",
    "MergeError",
    "MergeResult",
    "ResolveConflictError",
    "TextMerge",
    "merge_plans",
    "merge_text",
    "resolve_conflict",
    "resolve_field",
    "resolve_point",
    "tokenize",
]
