"""A PlanDiff as numbers and flat rows: the JSON summary, records for tables, a pandas DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peaceplan.diffing.model import Change, Figure, PlanDiff
from peaceplan.diffing.redline import changed_words
from peaceplan.errors import MissingExtraError

if TYPE_CHECKING:
    import pandas

COLUMNS = (
    "kind",
    "depth",
    "old",
    "new",
    "old_number",
    "new_number",
    "old_title",
    "new_title",
    "similarity",
    "method",
    "moved",
    "renumbered",
    "figures",
    "fields",
    "n_changed_words",
    "dates",
    "old_certainty",
    "new_certainty",
    "unsure_options",
)


def figure_text(f: Figure) -> str:
    """A figure change as one line: "600,000 personnel -> 800,000 personnel", "+ 100 days",
    "- 50% (option by Russia)"."""
    by = f" (option by {f.by})" if f.by is not None else ""
    if f.old is None:
        return f"+ {f.new}{by}"
    if f.new is None:
        return f"- {f.old}{by}"
    return f"{f.old} -> {f.new}{by}"


def _join(values: tuple[str | None, ...]) -> str | None:
    present = [v for v in values if v is not None]
    return ", ".join(present) if present else None


def _of_points(d: PlanDiff, keys: tuple[str, ...], old: bool, field: str) -> str | None:
    """A field of the change's points on one side (`title`, `certainty`), joined."""
    plan = d.old if old else d.new
    return _join(tuple(getattr(p, field) if (p := plan.get(k)) else None for k in keys))


def _unsure_options(d: PlanDiff, c: Change) -> int:
    """How many options of the change's points (new side; old side for a point gone) are
    uncertain or inferred: the text formats mark them ("[option A uncertain]")."""
    plan, keys = (d.new, c.new) if c.new else (d.old, c.old)
    points = [p for k in keys if (p := plan.get(k)) is not None]
    return sum(1 for p in points for o in p.options if o.certainty != "reported")


def record(d: PlanDiff, c: Change) -> dict[str, Any]:
    """One change as a flat row; several keys (a split or merge) are joined with ", "."""
    return {
        "kind": c.kind,
        "depth": c.depth,
        "old": _join(c.old),
        "new": _join(c.new),
        "old_number": _join(c.old_numbers),
        "new_number": _join(c.new_numbers),
        "old_title": _of_points(d, c.old, True, "title"),
        "new_title": _of_points(d, c.new, False, "title"),
        "similarity": c.similarity,
        "method": c.method,
        "moved": c.moved,
        "renumbered": c.renumbered,
        "figures": "; ".join(figure_text(f) for f in c.figures),
        "fields": ", ".join(f.field for f in c.fields),
        "n_changed_words": changed_words(c.text),
        "dates": "; ".join(figure_text(f) for f in c.dates),
        "old_certainty": _of_points(d, c.old, True, "certainty"),
        "new_certainty": _of_points(d, c.new, False, "certainty"),
        "unsure_options": _unsure_options(d, c),
    }


def records(d: PlanDiff) -> list[dict[str, Any]]:
    """One flat row per change, in the diff's order (columns: COLUMNS)."""
    return [record(d, c) for c in d.changes]


METADATA_COLUMNS = ("field", "old", "new")


def metadata_records(d: PlanDiff) -> list[dict[str, Any]]:
    """One row per metadata change (status, date, sources, a document...): field, old, new."""
    return [{"field": f.field, "old": f.old, "new": f.new} for f in d.metadata]


def table_records(d: PlanDiff, table: str = "changes") -> list[dict[str, Any]]:
    """The rows of one table: `changes` (one per change) or `metadata` (one per field change)."""
    if table == "changes":
        return records(d)
    if table == "metadata":
        return metadata_records(d)
    raise ValueError(f"table must be 'changes' or 'metadata', not {table!r}")


def frame(d: PlanDiff, table: str = "changes") -> pandas.DataFrame:
    """The records of `table` (see table_records) as a pandas DataFrame."""
    try:
        import pandas
    except ImportError as e:
        raise MissingExtraError(
            "PlanDiff.to_frame() needs pandas: pip install 'peaceplan[pandas]'"
        ) from e
    columns = METADATA_COLUMNS if table == "metadata" else COLUMNS
    return pandas.DataFrame.from_records(table_records(d, table), columns=list(columns))
