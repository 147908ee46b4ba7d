"""The JSON Schema of the plan file format, generated from the field table in `spec.py`."""

from __future__ import annotations

import json
from typing import Any

from peaceplan.io.spec import (
    CONFLICT_FIELD_NAMES,
    CONFLICT_FIELDS,
    DOCUMENT_FIELDS,
    FIELD_OPTION_FIELDS,
    ID_PATTERN,
    NAME_PATTERN,
    OPTION_FIELDS,
    PLAN_FIELDS,
    POINT_FIELDS,
    Field,
)
from peaceplan.model import CERTAINTIES, COVERAGES, STATUSES

SCHEMA_ID = "https://peaceplan.invalid/schema/plan-1.json"

_NAME = {"type": "string", "pattern": NAME_PATTERN}
# A version named in based_on: `us-28`, or `minsk/minsk-2` for another negotiation's.
_VERSION_NAME = {
    "type": "string",
    "pattern": f"^{NAME_PATTERN[1:-1]}(/{NAME_PATTERN[1:-1]})?$",
}
_KINDS: dict[str, dict[str, Any]] = {
    "str": {"type": "string"},
    "text": {"type": "string", "minLength": 1, "pattern": r"\S"},
    "name": _NAME,
    "names": {
        "oneOf": [
            _VERSION_NAME,
            {"type": "array", "items": _VERSION_NAME},
        ]
    },
    "id": {"type": "string", "pattern": ID_PATTERN},
    "number": {"type": ["string", "integer"], "pattern": r"\S"},
    "date": {"type": "string", "format": "date"},
    "bool": {"type": "boolean"},
    "strs": {"type": "array", "items": {"type": "string"}},
    "status": {"type": "string", "enum": list(STATUSES)},
    "certainty": {"type": "string", "enum": list(CERTAINTIES)},
    "coverage": {"type": "string", "enum": list(COVERAGES)},
    "points": {"type": "array", "items": {"$ref": "#/$defs/point"}},
    "options": {"type": "array", "items": {"$ref": "#/$defs/option"}},
    "documents": {"type": "array", "items": {"$ref": "#/$defs/document"}},
    "conflicts": {"type": "array", "items": {"$ref": "#/$defs/conflict"}},
    "field": {
        "type": "string",
        "anyOf": [
            {"enum": list(CONFLICT_FIELD_NAMES)},
            {"pattern": r"^documents\..+\.title$"},
            {"pattern": r"^points\..+\.id$"},
        ],
    },
    "any": {},
    "field options": {"type": "array", "items": {"$ref": "#/$defs/field_option"}},
}


def _object(fields: tuple[Field, ...], description: str) -> dict[str, Any]:
    props = {
        f.name: {**_KINDS[f.kind], "description": f.doc}
        | ({"default": f.default} if f.default is not None else {})
        for f in fields
    }
    out: dict[str, Any] = {
        "type": "object",
        "description": description,
        "properties": props,
        "additionalProperties": False,
    }
    required = [f.name for f in fields if f.required]
    if required:
        out["required"] = required
    return out


def plan_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one plan file."""
    schema = _object(PLAN_FIELDS, "One version of a negotiated document (a peaceplan plan file).")
    schema["not"] = {"required": ["points", "documents"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "peaceplan plan",
        **schema,
        "$defs": {
            "point": _object(POINT_FIELDS, "One numbered point; sub-points nest."),
            "option": _object(OPTION_FIELDS, "A bracketed alternative wording, attributed."),
            "document": _object(DOCUMENT_FIELDS, "One document of a package."),
            "conflict": _object(
                CONFLICT_FIELDS, "A plan-level field both sides of a merge changed differently."
            ),
            "field_option": _object(FIELD_OPTION_FIELDS, "One side's value of a field."),
        },
    }


def schema_json() -> str:
    """The schema as printed by `peaceplan schema` and shipped as `plan.schema.json`."""
    return json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"
