"""A PlanDiff side by side for a terminal: the old wording left, the new right, one row per change.

Deletions are marked in the old column and insertions in the new one (colour, or `[-old-]` /
`{+new+}` without). Text is escaped like every terminal renderer's.
"""

from __future__ import annotations

from collections.abc import Collection

from rich import box
from rich.table import Table
from rich.text import Text

from peaceplan.diffing.model import Change, PlanDiff
from peaceplan.render import describe
from peaceplan.render.console import KIND_STYLES, make_console, output, print_closing, redline, safe
from peaceplan.render.metadata import metadata_terminal

DEFAULT_WIDTH = 120


def diff_side_by_side(
    d: PlanDiff,
    *,
    color: bool,
    width: int | None = None,
    only: Collection[str] | None = None,
    explain: bool = False,
    show_unchanged: bool = False,
) -> str:
    """Render a diff as a two-column table (old | new); the options as for diff_terminal."""
    console = make_console(color, width or DEFAULT_WIDTH)
    shown = describe.select(d, only, show_unchanged)
    console.print(safe(describe.title_phrase(d), "bold"))
    console.print(safe(describe.counts_phrase(d)))
    partial = describe.partial_phrase(d)
    if partial:
        console.print(safe(partial, KIND_STYLES["unreported"]))
    if d.budget_exhausted:
        console.print(safe("warning: " + describe.BUDGET_WARNING, "bold red"))
    metadata_terminal(console, d)
    for phrase in describe.renumber_phrases(d, only):
        console.print(safe(phrase, "dim"))
    if shown:
        table = Table(
            box=box.SQUARE if color else box.ASCII,
            show_lines=True,
            expand=True,
            header_style="bold",
        )
        table.add_column("", no_wrap=True)
        table.add_column(safe(describe.version_name(d.old, d.new)), ratio=1)
        table.add_column(safe(describe.version_name(d.new, d.old)), ratio=1)
        for c in shown:
            table.add_row(*_row(d, c, color=color, explain=explain))
        console.print(table)
    print_closing(console, d, shown, only)
    return output(console)


def _row(d: PlanDiff, c: Change, *, color: bool, explain: bool) -> tuple[Text, Text, Text]:
    kind = safe(c.kind, "bold " + KIND_STYLES.get(c.kind, ""))
    if c.moved:
        kind.append_text(safe("\nmoved", "bold yellow"))
    segs = describe.segments(d, c)
    left, right = Text(), Text()
    if c.old:
        left.append_text(safe(describe.refs(d.old, c.old, c.old_numbers), "bold"))
        left.append_text(_title(d, c, old=True))
        left.append("\n").append_text(redline(segs, color, ops=("delete",)))
    if c.new:
        right.append_text(safe(describe.refs(d.new, c.new, c.new_numbers), "bold"))
        right.append_text(_title(d, c, old=False))
        right.append("\n").append_text(redline(segs, color, ops=("insert",)))
    note = describe.unreported_note(d, c)
    if note:  # in the column of the partial version, where the point is not
        (right if c.old else left).append_text(safe(f"({note})", "dim"))
    for f in c.fields:
        right.append("\n").append_text(safe(describe.field_phrase(f, c, d), "cyan"))
    if explain:
        right.append("\n").append_text(safe(describe.explain_phrase(c), "dim italic"))
    return kind, left, right


def _title(d: PlanDiff, c: Change, *, old: bool) -> Text:
    plan, keys = (d.old, c.old) if old else (d.new, c.new)
    titles = [p.title for p in (plan.get(k) for k in keys) if p is not None and p.title]
    if not titles:
        return Text()
    return safe("  " + describe.snippet(" + ".join(dict.fromkeys(titles)), 60))
