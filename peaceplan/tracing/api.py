"""`peaceplan.trace` and `peaceplan.update_index`: the corpus questions as Python calls."""

from __future__ import annotations

import os
from pathlib import Path

from peaceplan.errors import ResolveError
from peaceplan.model import Plan, PlanLike
from peaceplan.tracing.index import IndexStats, connect, index_path, update_index
from peaceplan.tracing.model import TraceResult
from peaceplan.tracing.search import Corpus, trace_points


def build_index(
    plans: str | os.PathLike[str] | None = None,
    *,
    index: str | os.PathLike[str] | None = None,
    rebuild: bool = False,
) -> IndexStats:
    """Build or update the corpus index of a plans folder (`peaceplan index`)."""
    return update_index(_root(plans), path=index, rebuild=rebuild)


def trace(
    target: PlanLike,
    point: str | None = None,
    *,
    top: int = 5,
    plans: str | os.PathLike[str] | None = None,
    index: str | os.PathLike[str] | None = None,
    update: bool = True,
) -> TraceResult:
    """Where the wording of each point of `target` (a version name, file or Plan) most likely
    came from: the earlier provisions of the plans folder's corpus, best first.

    The index is brought up to date first (only changed files are read) unless `update` is
    False. `point` limits the trace to one point (its key or number).
    """
    from peaceplan.library import Library

    root = _root(plans)
    plan = target if isinstance(target, Plan) else Library.open(root).resolve(os.fspath(target))
    flat = plan.flat()
    if point is not None:
        chosen = [fp for fp in flat if point in (fp.key, fp.full_number)]
        if not chosen:
            from peaceplan.errors import did_you_mean

            keys = [fp.key for fp in flat]
            raise ResolveError(f"{plan.qualified}: no point {point!r}{did_you_mean(point, keys)}")
        flat = tuple(chosen)
    if update:
        update_index(root, path=index)
    where = Path(index) if index is not None else index_path(root)
    if not where.exists():
        raise ResolveError(f"{where}: no corpus index; run `peaceplan index` first")
    conn = connect(where)
    try:
        corpus = Corpus(conn)
        points = trace_points(
            corpus,
            ((fp.key, fp.point.text, fp.full_number, fp.point.title) for fp in flat),
            top=top,
            exclude=[(plan.plan, plan.version)],
            before=plan.date.isoformat() if plan.date else None,
        )
        size = corpus.size
    finally:
        conn.close()
    return TraceResult(
        plan=plan.plan,
        version=plan.version,
        date=plan.date.isoformat() if plan.date else None,
        points=points,
        corpus_provisions=size,
    )


def _root(plans: str | os.PathLike[str] | None) -> Path:
    from peaceplan.library import Library

    library = Library.open(plans)
    if library.root is None:
        raise ResolveError("no plans folder: pass `plans=DIR` (or run where ./plans exists)")
    return library.root
