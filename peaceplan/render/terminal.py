"""A PlanDiff for a terminal: changed figures and where points went first, then the redline.

Colour (red strike / green underline) when the caller asks for it, else a colour-free redline
`[-old-]{+new+}` fit for print and logs. Point text is escaped: no control sequence reaches the
terminal and no rich markup is interpreted.
"""

from __future__ import annotations

from collections.abc import Collection

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from peaceplan.diffing.model import Change, PlanDiff
from peaceplan.render import certainty, describe
from peaceplan.render.console import KIND_STYLES, make_console, output, print_closing, redline, safe
from peaceplan.render.metadata import metadata_terminal
from peaceplan.text import one_line

INDENT = 4


def diff_terminal(
    d: PlanDiff,
    *,
    color: bool,
    width: int | None = None,
    only: Collection[str] | None = None,
    explain: bool = False,
    show_unchanged: bool = False,
) -> str:
    """Render a diff for reading in a terminal (or a log, with color=False).

    `only` keeps the changes of these kinds (`modified`, `added`, `removed`, `split`, `merged`,
    `unchanged`, `unreported`, or `moved` for the moved flag); `explain` adds how each match was
    made; `show_unchanged` lists unchanged points instead of counting them.
    """
    console = make_console(color, width)
    shown = describe.select(d, only, show_unchanged)
    _header(console, d)
    metadata_terminal(console, d)
    _figures(console, d, shown)
    _figures(console, d, shown, "dates", "Changed dates")
    _renumbering(console, d, only)
    _changes(console, d, shown, color=color, explain=explain)
    print_closing(console, d, shown, only)
    return output(console)


def _line(console: Console, text: RenderableType, indent: int = 2) -> None:
    console.print(Padding(text, (0, 0, 0, indent)))


def _header(console: Console, d: PlanDiff) -> None:
    console.print(safe(describe.title_phrase(d), "bold"))
    # A grid, so a side that wraps in a narrow terminal hangs under its own text.
    sides = Table.grid(padding=(0, 2))
    sides.add_column(no_wrap=True)
    sides.add_column()
    sides.add_row("old", safe(describe.side_phrase(d.old, d.new)))
    sides.add_row("new", safe(describe.side_phrase(d.new, d.old)))
    _line(console, sides)
    _line(console, safe(describe.counts_phrase(d)))
    partial = describe.partial_phrase(d)
    if partial:
        _line(console, safe(partial, KIND_STYLES["unreported"]))
    if d.budget_exhausted:
        _line(console, safe("warning: " + describe.BUDGET_WARNING, "bold red"))


def _figures(
    console: Console,
    d: PlanDiff,
    shown: tuple[Change, ...],
    what: str = "figures",
    heading: str = "Changed figures",
) -> None:
    figures = describe.figures_of(shown, what)
    if not figures:
        return
    console.print()
    console.print(safe(heading, "bold"))
    for c, f in figures:
        line = Text()
        title = describe.change_title(d, c, limit=50)
        if title:
            line.append_text(safe(title + " "))
        line.append_text(safe(f"({describe.short_where(d, c)}): ", "dim"))
        old, new = one_line(f.old or ""), one_line(f.new or "")
        if f.old is None:
            line.append_text(safe("new: ")).append_text(safe(new, "bold green"))
        elif f.new is None:
            line.append_text(safe("dropped: ")).append_text(safe(old, "red"))
        else:
            line.append_text(safe(old, "red"))
            line.append(f" {describe.ARROW} ")
            line.append_text(safe(new, "bold green"))
        if f.by is not None:
            line.append_text(safe(describe.option_phrase(f), "dim"))
        _line(console, line)


def _renumbering(console: Console, d: PlanDiff, only: Collection[str] | None) -> None:
    phrases = describe.renumber_phrases(d, only)
    if not phrases:
        return
    console.print()
    console.print(safe("Renumbered", "bold"))
    for phrase in phrases:
        _line(console, safe(phrase))


def _changes(
    console: Console, d: PlanDiff, shown: tuple[Change, ...], *, color: bool, explain: bool
) -> None:
    if not shown:
        return
    console.print()
    console.print(safe("Changes", "bold"))
    width = describe.kind_width(shown)
    for c in shown:
        pad = 2 + 2 * c.depth
        head = Text()
        head.append_text(safe(f"{c.kind:<{width}}", "bold " + KIND_STYLES.get(c.kind, "")))
        head.append(" ")
        head.append_text(safe(describe.where_phrase(d, c), "bold"))
        segs = describe.segments(d, c)
        shows_text = describe.text_changed(segs)
        # An untitled point is named by its text's start, unless the whole text follows anyway.
        title = describe.change_title(d, c, text=not shows_text)
        if title:
            head.append("  ").append_text(safe(title))
        if c.moved:
            head.append("  ").append_text(safe("(moved)", "bold yellow"))
        if mark := certainty.change_marker(d, c):  # "[uncertain]": not `reported`
            head.append("  ").append_text(safe(mark, "magenta"))
        _line(console, head, pad)
        body = pad + INDENT
        note = describe.unreported_note(d, c)
        if note:
            _line(console, safe(f"({note})", "dim"), body)
        if explain:
            _line(console, safe(describe.explain_phrase(c), "dim italic"), body)
        if shows_text:
            _line(console, redline(segs, color), body)
        for f in c.fields:
            _line(console, safe(describe.field_phrase(f, c, d), "cyan"), body)
