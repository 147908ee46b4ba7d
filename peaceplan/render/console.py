"""Rich building blocks for the terminal renderers: a console that renders to a string, safe text.

The caller decides colour (`--color auto|always|never`, NO_COLOR) and width; nothing here looks at
the real terminal or environment variables, so a renderer's output depends only on its arguments.
Data only ever reaches rich as `Text` built by `safe()`: control characters made visible, never
parsed as markup.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from io import StringIO

from rich.console import Console
from rich.text import Text

from peaceplan.diffing.model import Change, PlanDiff, Segment
from peaceplan.render import describe
from peaceplan.text import terminal_safe

DEFAULT_WIDTH = 100

DELETE = "red strike"
INSERT = "green underline"
KIND_STYLES = {
    "modified": "yellow",
    "split": "magenta",
    "merged": "magenta",
    "removed": "red",
    "unreported": "blue",  # not in a partial version: unknown, not removed
    "added": "green",
    "unchanged": "dim",
}


def make_console(color: bool, width: int | None = None) -> Console:
    """A console writing to a string: ANSI styles when `color`, plain text otherwise."""
    return Console(
        file=StringIO(),
        force_terminal=color,
        force_jupyter=False,
        force_interactive=False,
        color_system="standard" if color else None,
        no_color=not color,
        width=max(20, width or DEFAULT_WIDTH),
        height=25,
        legacy_windows=False,
        markup=False,  # data is never parsed as rich markup
        emoji=False,
        highlight=False,
        tab_size=4,
    )


def output(console: Console) -> str:
    """What was printed to a console from make_console, trailing spaces trimmed per line."""
    file = console.file
    assert isinstance(file, StringIO)
    lines = [line.rstrip() for line in file.getvalue().splitlines()]
    return "\n".join(lines).rstrip("\n") + "\n"


def safe(text: str, style: str = "") -> Text:
    """Data as rich Text: control characters shown as escapes, no markup interpreted."""
    return Text(terminal_safe(text), style=style)


def print_closing(
    console: Console, d: PlanDiff, shown: Collection[Change], only: Collection[str] | None
) -> None:
    """A terminal diff's last line: "No differences." (or "No known differences" when points are
    only unreported), or (unfiltered) how many points are the same and not shown."""
    rest = describe.unchanged_phrase(d, shown)
    closing = describe.closing_phrase(d)
    if closing:
        console.print(safe(closing))
    elif rest and not only:
        console.print(safe(rest + ".", "dim"))


def redline(
    segments: Iterable[Segment], color: bool, ops: tuple[str, ...] = ("delete", "insert")
) -> Text:
    """A redline: red strike / green underline in colour, `[-old-]{+new+}` without.

    `ops` picks which edits to show (the old column of a side-by-side view shows only deletions).
    """
    out = Text()
    for s in segments:
        if s.op == "equal":
            out.append_text(safe(s.text))
        elif s.op not in ops:
            continue
        elif color:
            out.append_text(safe(s.text, DELETE if s.op == "delete" else INSERT))
        else:
            # Spacing goes outside the markers: "[-600,000-] personnel", not "[-600,000 -]".
            core = s.text.strip() or s.text
            lead = s.text[: len(s.text) - len(s.text.lstrip())] if s.text.strip() else ""
            trail = s.text[len(s.text.rstrip()) :] if s.text.strip() else ""
            mark = f"[-{core}-]" if s.op == "delete" else f"{{+{core}+}}"
            out.append_text(safe(lead + mark + trail))
    return out
