"""Helpers shared by the command modules: the library, name resolution, colour, output."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import click

from peaceplan.text import output_safe, terminal_safe

if TYPE_CHECKING:
    from peaceplan.errors import Problem

FORMAT_HELP = "Output format."


def library(ctx: click.Context) -> Any:
    """The plans library for this invocation (--plans, $PEACEPLAN_PLANS, or ./plans above)."""
    from peaceplan.io.yamlread import current_limits
    from peaceplan.library import Library

    obj = ctx.find_root().obj or {}
    if "library" not in obj:
        # $PEACEPLAN_LIMITS read once, here: a bad setting stops the command before any work
        obj["library"] = Library.open(obj.get("plans_dir"), limits=current_limits())
    return obj["library"]


def resolve(ctx: click.Context, spec: str) -> Any:
    """Load the version named `spec` (name, plan/name, path, `-`, or REV:path)."""
    return library(ctx).resolve(spec)


def use_color(choice: str, stream: Any = None) -> bool:
    """Decide colour: `always`/`never` win; `auto` means a terminal and no NO_COLOR set."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the output (auto: on a terminal, unless NO_COLOR is set).",
)


def terminal_width() -> int | None:
    """The width to render for: the terminal's, or $COLUMNS, else None (renderer default)."""
    cols = os.environ.get("COLUMNS")
    if cols and cols.isdigit():
        return int(cols)
    try:
        return os.get_terminal_size().columns if sys.stdout.isatty() else None
    except OSError:
        return None


# How the library names a parameter in a message: `plans=DIR`, `party=`, `kind=position`. Only
# these names are parameters; text quoted from a file ('...' or "...", as repr() quotes it) is
# never rewritten: a key written `plans=x` in a plan is the user's, not an option.
_PARAMETERS = (
    "plans|party|stance|kind|tag|status|body|quote|author|certainty|certainty_note|jobs|only"
)
_PARAMETER = re.compile(rf"`({_PARAMETERS})=([^`\s]*)`")
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'" + r'|"(?:[^"\\]|\\.)*"')


def cli_wording(message: str) -> str:
    """A library message in the command line's words: `plans=DIR` -> --plans DIR, `party=` ->
    --party, `certainty_note=` -> --certainty-note (errors speak of parameters; the CLI of
    options). Quoted text (a key or value from a file) is left as it is."""

    def option(m: re.Match[str]) -> str:
        flag = "--" + m.group(1).replace("_", "-")
        return f"{flag} {m.group(2)}" if m.group(2) else flag

    out, at = [], 0
    for quoted in _QUOTED.finditer(message):
        out += [_PARAMETER.sub(option, message[at : quoted.start()]), quoted.group()]
        at = quoted.end()
    return "".join([*out, _PARAMETER.sub(option, message[at:])])


def say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print text quoting plans (names, numbers, options' `by`, file names, a rendering) with
    every control character, bidi control and invisible mark made visible."""
    click.echo(terminal_safe(text), err=err, nl=nl)


def warn_problems(problems: Iterable[Problem], *, on_screen: bool = False) -> None:
    """Say lineage problems (a based_on naming no version, a cycle) on standard error as
    warnings, located as `validate` says them: the matrix, the flow, figures, blame and the
    site still show the versions, and must not hide that a link is missing. `on_screen`: the
    output goes to standard output, and it says them in every format (a line, a quoted line,
    red HTML or SVG, "problems" in JSON), so a terminal does not get them twice; a pipe or a
    file still leaves them on standard error."""
    from peaceplan.render.problems import problem_line

    if on_screen and sys.stdout.isatty():
        return
    for problem in problems:
        say(problem_line(problem), err=True)


# C0 controls but tab and newline, DEL and the C1 controls, the bidi controls (in UTF-8).
_RAW_BYTES = re.compile(
    rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)


def emit(text: str | bytes, output: str | None = None, *, color: bool = False) -> None:
    """Print `text` (or write it atomically to `output`), ending with exactly one newline.

    `text` may be UTF-8 bytes (the JSON diff), written as they are. `color`: the text holds
    colour codes the user asked for, kept even when stdout is a pipe (`--color always | less
    -R`); otherwise click drops any from text when stdout is not a terminal.
    """
    if isinstance(text, bytes):
        if not text.endswith(b"\n"):
            text += b"\n"
        if _RAW_BYTES.search(text):  # never in JSON from peaceplan's renderers: a last guard
            text = output_safe(text.decode("utf-8", "replace")).encode()
    else:
        if not text.endswith("\n"):
            text += "\n"
        text = output_safe(text, color=color)
    if output and output != "-":
        from peaceplan.io.atomic import atomic_write

        atomic_write(output, text)
    else:
        click.echo(text, nl=False, color=True if color else None)
