"""A plan as JSON: the file format's fields, dates as YYYY-MM-DD."""

from __future__ import annotations

import json

from peaceplan.io.serialize import plan_data
from peaceplan.model import Plan


def plan_json(plan: Plan) -> str:
    """The plan as one JSON object, keys in the file format's order."""
    from peaceplan.text import json_safe

    return json_safe(json.dumps(plan_data(plan), indent=2, ensure_ascii=False, default=str)) + "\n"
