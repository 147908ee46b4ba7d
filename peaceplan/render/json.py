"""The JSON diff (contract `peaceplan.diff/1`, documented field by field in docs/json-format.md)."""

from __future__ import annotations

import json
from typing import Any

from peaceplan.diffing.model import Change, Figure, PlanDiff, counts, summary
from peaceplan.heap import release
from peaceplan.model import Plan

FORMAT = "peaceplan.diff/1"


def diff_json(d: PlanDiff, *, indent: int | None = None) -> str:
    """The diff as one JSON object (newline-terminated text); compact unless `indent`."""
    return diff_json_bytes(d, indent=indent).decode()


def diff_json_bytes(d: PlanDiff, *, indent: int | None = None) -> bytes:
    """`diff_json` encoded as UTF-8, the form orjson makes it in: what the CLI writes, so a
    large diff is never decoded, scanned as text and encoded again (a tenth of a 5,000-point
    diff's JSON output)."""
    from peaceplan.text import json_safe_bytes

    data = diff_dict(d)
    text = dumps(data, indent=indent)
    release(data)
    return json_safe_bytes(text) + b"\n"


def dumps(data: Any, *, indent: int | None = None) -> bytes:
    """UTF-8 JSON of JSON-ready data, non-ASCII kept: by orjson where installed (the `fast`
    extra: a 5,000-point diff in a sixth of the time), else, or for an indent orjson lacks or a
    value it refuses, by the standard library, byte for byte the same."""
    from peaceplan.speedups import optional

    orjson = optional("orjson")
    if orjson is not None and indent in (None, 2):
        try:
            out: bytes = orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0)
            return out
        except (TypeError, orjson.JSONEncodeError):  # e.g. an integer beyond 64 bits
            pass
    separators = (",", ":") if indent is None else (",", ": ")  # orjson's, when compact
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators).encode()


def diff_dict(d: PlanDiff) -> dict[str, Any]:
    """The diff as the contract's JSON-ready dict."""
    return {
        "format": FORMAT,
        "old": _version(d.old),
        "new": _version(d.new),
        "summary": summary(d),
        "changes": [change_dict(c) for c in d.changes],
        # Additions to the DESIGN.md sample (allowed: the contract only grows).
        "renumbered_runs": [
            {
                "old_first": r.old_first,
                "old_last": r.old_last,
                "new_first": r.new_first,
                "new_last": r.new_last,
                "offset": r.offset,
                "count": r.count,
            }
            for r in d.renumbered_runs
        ],
        "budget_exhausted": d.budget_exhausted,
        # Per kind, top-level points and sub-points apart (`summary` adds them up).
        "counts": counts(d),
        # Plan-level field changes (status, date, sources, documents...), in the field order.
        "metadata": [{"field": f.field, "old": f.old, "new": f.new} for f in d.metadata],
    }


def change_dict(c: Change) -> dict[str, Any]:
    """One change as a JSON-ready dict."""
    return {
        "kind": c.kind,
        "old": list(c.old),
        "new": list(c.new),
        "moved": c.moved,
        "renumbered": c.renumbered,
        "similarity": None if c.similarity is None else round(c.similarity, 4),
        "method": c.method,
        "text": [{"op": s.op, "text": s.text} for s in c.text],
        "figures": [_figure(f) for f in c.figures],
        "fields": {f.field: {"old": f.old, "new": f.new} for f in c.fields},
        "old_numbers": list(c.old_numbers),
        "new_numbers": list(c.new_numbers),
        "depth": c.depth,
        "dates": [_figure(f) for f in c.dates],
    }


def _figure(f: Figure) -> dict[str, Any]:
    """A figure or date as JSON: old and new, and `by` for one in a party's bracketed option."""
    out: dict[str, Any] = {"old": f.old, "new": f.new}
    if f.by is not None:
        out["by"] = f.by
    return out


def _version(plan: Plan) -> dict[str, Any]:
    return {
        "plan": plan.plan,
        "version": plan.version,
        "points": len(plan.top_points()),
        "points_total": len(plan.flat()),  # sub-points included: what `changes` covers
    }
