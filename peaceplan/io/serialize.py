"""Plan -> plain data in the file format's key order (the inverse of validation)."""

from __future__ import annotations

from typing import Any

from peaceplan.io.spec import DOCUMENT_FIELDS, OPTION_FIELDS, PLAN_FIELDS, POINT_FIELDS, Field
from peaceplan.model import Document, FieldConflict, Option, Plan, Point


def _clean(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Omit what is absent or empty so saved files stay as short as the author wrote them.
    return {k: v for k, v in pairs if v is not None and v != () and v != [] and v is not False}


def _record(obj: Any, table: tuple[Field, ...], **nested: Any) -> dict[str, Any]:
    """The fields of a point, document or plan in the file format's order (the spec's names are
    the model's attribute names), tuples as lists; `nested` gives the values already converted."""
    pairs = []
    for f in table:
        value = nested[f.name] if f.name in nested else getattr(obj, f.name)
        if f.default is not None and value == f.default:
            continue  # the default is what an absent key means: keep files as written
        pairs.append((f.name, list(value) if isinstance(value, tuple) else value))
    return _clean(pairs)


def point_data(point: Point) -> dict[str, Any]:
    """One point as plain data (sub-points and options included)."""
    return _record(
        point,
        POINT_FIELDS,
        options=[option_data(o) for o in point.options],
        points=[point_data(p) for p in point.points],
    )


def option_data(option: Option) -> dict[str, Any]:
    """One bracketed option as plain data."""
    return _record(option, OPTION_FIELDS)


def document_data(doc: Document) -> dict[str, Any]:
    """One document of a package as plain data."""
    return _record(doc, DOCUMENT_FIELDS, points=[point_data(p) for p in doc.points])


def _value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def conflict_data(conflict: FieldConflict) -> dict[str, Any]:
    """One plan-level merge conflict as plain data (`field`, `base`, `options` of by/value)."""
    options = [_clean([("by", o.by), ("value", _value(o.value))]) for o in conflict.options]
    return _clean(
        [("field", conflict.field), ("base", _value(conflict.base)), ("options", options)]
    )


def plan_data(plan: Plan) -> dict[str, Any]:
    """A whole plan as plain data, keys in the format's order."""
    data = _record(
        plan,
        PLAN_FIELDS,
        conflicts=[conflict_data(c) for c in plan.conflicts],
        points=[point_data(p) for p in plan.points],
        documents=[document_data(d) for d in plan.documents],
    )
    if not plan.documents:
        data.setdefault("points", [])
    return data
