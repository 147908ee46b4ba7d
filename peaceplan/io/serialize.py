"""Plan -> plain data in the file format's key order (the inverse of validation)."""

from __future__ import annotations

from typing import Any

from peaceplan.io.spec import DOCUMENT_FIELDS, PLAN_FIELDS, POINT_FIELDS
from peaceplan.model import Document, Option, Plan, Point


def _clean(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Omit what is absent or empty so saved files stay as short as the author wrote them.
    return {k: v for k, v in pairs if v is not None and v != () and v != [] and v is not False}


def point_data(point: Point) -> dict[str, Any]:
    """One point as plain data (sub-points and options included)."""
    values = {
        "id": point.id,
        "number": point.number,
        "title": point.title,
        "text": point.text,
        "topics": list(point.topics),
        "options": [option_data(o) for o in point.options],
        "conflict": point.conflict,
        "points": [point_data(p) for p in point.points],
    }
    return _clean([(f.name, values[f.name]) for f in POINT_FIELDS])


def option_data(option: Option) -> dict[str, Any]:
    """One bracketed option as plain data."""
    return {"by": option.by, "text": option.text}


def document_data(doc: Document) -> dict[str, Any]:
    """One document of a package as plain data."""
    values = {"id": doc.id, "title": doc.title, "points": [point_data(p) for p in doc.points]}
    return _clean([(f.name, values[f.name]) for f in DOCUMENT_FIELDS])


def plan_data(plan: Plan) -> dict[str, Any]:
    """A whole plan as plain data, keys in the format's order."""
    values = {
        "plan": plan.plan,
        "version": plan.version,
        "title": plan.title,
        "date": plan.date,
        "proposed_by": plan.proposed_by,
        "parties": list(plan.parties),
        "based_on": list(plan.based_on),
        "status": plan.status,
        "language": plan.language,
        "sources": list(plan.sources),
        "points": [point_data(p) for p in plan.points],
        "documents": [document_data(d) for d in plan.documents],
    }
    data = _clean([(f.name, values[f.name]) for f in PLAN_FIELDS])
    if not plan.documents:
        data.setdefault("points", [])
    return data
