"""Changes to a version's metadata (status, date, title, sources...): content like its points.

A draft marked `agreed` instead of `draft`, or re-dated, is a different record, so the diff
reports it (PlanDiff.metadata) and counts it as a difference. The fields compared are the plan
fields of the one field table (peaceplan.io.spec.PLAN_FIELDS), so a field added there is
compared here without further work.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from peaceplan.diffing.model import FieldChange
from peaceplan.io.spec import PLAN_FIELDS
from peaceplan.model import Plan

# `plan` and `version` name the two versions compared: two versions of a plan differ in
# `version` by construction, and every diff header already shows both names, so a "change"
# there says nothing. The points (and the points of documents) are what the rest of the diff
# compares; `documents` is reported document by document (see _documents).
NOT_COMPARED = ("plan", "version", "points", "documents")
FIELDS = tuple(f.name for f in PLAN_FIELDS if f.name not in NOT_COMPARED)
# Lists whose order means nothing (kind `strs` in the table: parties, sources, dropped) are
# compared as sorted lists; `based_on` (kind `names`) keeps its order: the first is the parent.
UNORDERED = frozenset(f.name for f in PLAN_FIELDS if f.kind == "strs")


def metadata_changes(old: Plan, new: Plan) -> tuple[FieldChange, ...]:
    """The plan-level fields that differ between two versions, in the field table's order, then
    one change per document added, removed or retitled (field `document`)."""
    out = []
    for name in FIELDS:
        a, b = _json_ready(getattr(old, name)), _json_ready(getattr(new, name))
        if _compared(name, a) != _compared(name, b):
            out.append(FieldChange(name, a, b))
    return (*out, *_documents(old, new))


def _json_ready(value: Any) -> Any:
    """A field's value as JSON has it: dates as YYYY-MM-DD, tuples as lists."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_json_ready(v) for v in value]
    return value


def _compared(name: str, value: Any) -> Any:
    if name in UNORDERED and isinstance(value, list):
        return sorted(value)
    return value


def _documents(old: Plan, new: Plan) -> list[FieldChange]:
    """Documents added, removed or retitled: old/new are {"id", "title"} (None when absent)."""
    before = {d.id: d.title for d in old.documents}
    after = {d.id: d.title for d in new.documents}
    out = []
    for doc_id, title in before.items():
        if doc_id not in after:
            out.append(FieldChange("document", {"id": doc_id, "title": title}, None))
        elif after[doc_id] != title:
            out.append(
                FieldChange(
                    "document",
                    {"id": doc_id, "title": title},
                    {"id": doc_id, "title": after[doc_id]},
                )
            )
    out += [
        FieldChange("document", None, {"id": doc_id, "title": title})
        for doc_id, title in after.items()
        if doc_id not in before
    ]
    return out
