"""Optional extras for notebooks: pandas DataFrames and a matplotlib convergence chart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from peaceplan.errors import MissingExtraError

if TYPE_CHECKING:
    from peaceplan.notes.status import StatusReport

__all__ = ["MissingExtraError", "frame", "plot_convergence"]


def frame(records: Sequence[dict[str, Any]]) -> Any:
    """Records as a pandas DataFrame (`pip install 'peaceplan[pandas]'`)."""
    try:
        import pandas
    except ImportError:
        raise MissingExtraError(
            "pandas is not installed: pip install 'peaceplan[pandas]'"
        ) from None
    return pandas.DataFrame.from_records(list(records))


SERIES = (
    ("bracketed", "bracketed points"),
    ("options", "open options"),
    ("agreed", "points all parties accept"),
    ("rejected", "points a party rejects"),
)


def plot_convergence(report: StatusReport, ax: Any = None) -> Any:
    """Draw the convergence figures across versions, in lineage order; return the Axes.

    Needs matplotlib (`pip install 'peaceplan[plot]'`).
    """
    try:
        import matplotlib

        if ax is None:
            import matplotlib.pyplot as plt
    except ImportError:
        raise MissingExtraError(
            "matplotlib is not installed: pip install 'peaceplan[plot]'"
        ) from None
    del matplotlib
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    rows = report.convergence
    xs = list(range(len(rows)))
    for field, label in SERIES:
        ax.plot(xs, [getattr(r, field) for r in rows], marker="o", label=label)
    ax.set_xticks(xs)
    # A partial version's figures cover only the points reported: its label says so.
    labels = [r.version + (" (partial)" if r.coverage != "complete" else "") for r in rows]
    ax.set_xticklabels(labels, rotation=30, ha="right")
    ax.set_ylabel("points")
    ax.set_title(f"{report.plan}: convergence across versions")
    ax.legend(fontsize="small")
    ax.grid(True, alpha=0.3)
    return ax
