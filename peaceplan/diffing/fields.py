"""Changes to a point's fields other than its text: id, title, topics, options, conflict,
certainty (with its note and the point's sources), points.

Differences are found with `!=` on JSON-ready dicts (str, bool, None and lists and dicts of
them), which is exact for such data; tests check it against deepdiff.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import attrs

from peaceplan.diffing.model import FieldChange
from peaceplan.model import Option, Point

# Reported in this order; the number is not a field change (see Change.renumbered).
# "reported -> uncertain" is a change like any other: the record says something else now.
FIELDS = (
    "id",
    "title",
    "topics",
    "options",
    "conflict",
    "certainty",
    "certainty_note",
    "sources",
    "points",
)


@attrs.frozen
class Fields:
    """A point's fields as shown (JSON-ready) and as compared.

    The compared form ignores the order of topics and names sub-points by identity across the
    two versions (so renumbered sub-points do not count as a change of the sub-point list).
    """

    shown: dict[str, Any]
    compared: dict[str, Any]
    key: str | None = None  # the point's own key and identity: a merged group leaves its own
    ident: Hashable | None = None  # parts out of the sub-point list it compares


def point_fields(
    point: Point,
    child_keys: Sequence[str] = (),
    child_ids: Sequence[Hashable] | None = None,
    *,
    key: str | None = None,
    ident: Hashable | None = None,
) -> Fields:
    """The fields of `point`; `child_keys` are its sub-points' keys, `child_ids` their identity,
    `key` and `ident` the point's own (so a split or merge with its sub-points is told apart)."""
    shown: dict[str, Any] = {
        "id": point.id,
        "title": point.title,
        "topics": list(point.topics),
        "options": [_option(o) for o in point.options],
        "conflict": point.conflict,
        "certainty": point.certainty,
        "certainty_note": point.certainty_note,
        "sources": list(point.sources),
        "points": list(child_keys),
    }
    compared = dict(shown)
    compared["topics"] = sorted(point.topics)
    compared["sources"] = sorted(point.sources)
    compared["points"] = list(child_ids if child_ids is not None else child_keys)
    return Fields(shown, compared, key, ident)


def _option(option: Option) -> dict[str, Any]:
    """An option as JSON has it; certainty and its note only when they say something (so the
    options of a draft that records no certainty read as before)."""
    out: dict[str, Any] = {"by": option.by, "text": option.text}
    if option.certainty != "reported":
        out["certainty"] = option.certainty
    if option.certainty_note is not None:
        out["certainty_note"] = option.certainty_note
    return out


def field_changes(old: Sequence[Fields], new: Sequence[Fields]) -> tuple[FieldChange, ...]:
    """Field changes between corresponding points; several on one side (a split or merge) are
    combined: their sub-points concatenated (less those that are parts of the group themselves),
    any other field the value the parts that have one agree on, else the list of those values."""
    if not old or not new:
        return ()
    a, b = _combine(old, "compared"), _combine(new, "compared")
    if a == b:  # the common case
        return ()
    changed = _changed_fields(a, b)
    shown_a, shown_b = _combine(old, "shown"), _combine(new, "shown")
    return tuple(FieldChange(f, shown_a[f], shown_b[f]) for f in FIELDS if f in changed)


def _combine(fields: Sequence[Fields], which: str) -> dict[str, Any]:
    dicts: list[dict[str, Any]] = [getattr(f, which) for f in fields]
    if len(dicts) == 1:
        return dicts[0]
    # A point merged with its own sub-points (24 + 24.a + 24.b -> 17): those parts are not
    # sub-points dropped from the group, and their empty title or id says nothing.
    parts = {f.key if which == "shown" else f.ident for f in fields} - {None}
    out: dict[str, Any] = {}
    for name in FIELDS:
        values = [d[name] for d in dicts]
        if name == "points":
            out[name] = [k for v in values for k in v if k not in parts]
            continue
        said = [v for v in values if v not in (None, [], False)] or values[:1]
        out[name] = said[0] if all(v == said[0] for v in said) else said
    return out


def _changed_fields(a: dict[str, Any], b: dict[str, Any]) -> set[str]:
    """Top-level fields that differ.

    Every value is JSON-ready data built from a Point (str, bool, None, lists and dicts of them,
    tuples of identities), for which `!=` is exactly "differs": nothing (no float, no NaN, no
    numpy type) can compare unequal yet mean the same, or equal yet differ.
    """
    return {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
