"""`peaceplan diff`: what changed between two versions, point by point."""

from __future__ import annotations

import contextlib
import gc
import importlib
from collections.abc import Iterator

import click

from peaceplan.cli.common import color_option, emit, library, resolve, terminal_width, use_color
from peaceplan.kinds import FILTERS


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Hold off cyclic garbage collection for the duration of a command.

    Loading, aligning and diffing two plans builds a large heap of small objects, all freed by
    reference counting; cyclic collections passing over that heap again and again are pure
    overhead (~0.035 s of a 5,000-point diff), so they wait until the command is done. Then its
    objects go straight to the oldest generation, as surviving collections would have moved
    them: left in the youngest, the first collection after the command would pass over all of
    them at once (0.05 s at 5,000 points, for nothing to free).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()  # every tracked object to the permanent generation...
            gc.unfreeze()  # ... and back into the oldest one
            gc.enable()


def _kinds(ctx: click.Context, param: click.Parameter, value: str | None) -> frozenset[str] | None:
    if not value:
        return None
    kinds = {k.strip() for k in value.split(",") if k.strip()}
    bad = sorted(kinds - set(FILTERS))
    if bad:
        raise click.BadParameter(f"unknown kind {', '.join(bad)}; choose from {', '.join(FILTERS)}")
    return frozenset(kinds)


def _import_diff() -> None:
    """Import the aligner and the diff builder (0.04 s), for use before they are needed."""
    for module in ("peaceplan.aligning.engine", "peaceplan.diffing.build"):
        importlib.import_module(module)


@click.command()
@click.argument("old")
@click.argument("new", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "markdown", "html", "json", "side-by-side", "docx", "pdf"]),
    default="terminal",
    show_default=True,
    help="Output format (markdown suits a PR comment; json is the stable contract).",
)
@click.option(
    "--only",
    callback=_kinds,
    metavar="KINDS",
    help="Show only these kinds, comma-separated: " + ", ".join(FILTERS) + ".",
)
@click.option("--explain", is_flag=True, help="Show how each match was made (method, score).")
@click.option("--unchanged", "show_unchanged", is_flag=True, help="List unchanged points too.")
@click.option(
    "--budget",
    type=click.IntRange(min=1),
    metavar="N",
    help="Pair comparisons the aligner may make (default: 20 per point + 10,000). Raise it "
    "when the diff warns that alignment stopped early.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    envvar="PEACEPLAN_JOBS",
    metavar="N",
    help="Processes to use: 2 or more lets a large diff (about 1,000 points and up) use a "
    "second CPU core on Linux; the same output. Also $PEACEPLAN_JOBS.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead.")
@color_option
@click.pass_context
def diff(
    ctx: click.Context,
    old: str,
    new: str | None,
    fmt: str,
    only: frozenset[str] | None,
    explain: bool,
    show_unchanged: bool,
    budget: int | None,
    jobs: int,
    output: str | None,
    color: str,
) -> None:
    """Compare OLD with NEW: where each point went, the redline, changed figures.

    With NEW alone (one argument), compares it with the version it is based on.
    Versions are names (us-28), plan/name, paths, - (stdin) or REV:path.
    Exit status as diff(1): 0 no differences, 1 differences, 2 trouble.
    --jobs 2 (or PEACEPLAN_JOBS=2) lets large plans use a second CPU core.

    \b
    Examples:
      peaceplan diff us-28 ua-20
      peaceplan diff ua-20                      # against its based_on parent
      peaceplan diff us-28 ua-20 --format markdown > comment.md
      peaceplan diff us-28 ua-20 --only modified,split,merged --explain
      peaceplan diff HEAD~1:plans/minsk/minsk-2.yaml plans/minsk/minsk-2.yaml
    """
    with _no_cyclic_gc():
        if new is None:
            newer = resolve(ctx, old)
            older = library(ctx).parent(newer)
        else:
            # the diff machinery is imported while a large second version may still be loading
            older, newer = library(ctx).resolve_pair(
                old, new, meanwhile=_import_diff, lines=False, jobs=jobs
            )
        from peaceplan.diffing import diff_plans

        result = diff_plans(older, newer, budget=budget, jobs=jobs)
        color_on = use_color(color) and not output
        text: str | bytes
        if fmt in ("docx", "pdf"):
            if not output or output == "-":
                raise click.UsageError(f"--format {fmt} writes a file: give it with -o FILE")
            from peaceplan.io.atomic import atomic_write

            if fmt == "pdf":
                from peaceplan.render.html import diff_html
                from peaceplan.render.pdf import html_to_pdf

                atomic_write(output, html_to_pdf(diff_html(result)))
            else:
                from peaceplan.render.docx import diff_docx

                atomic_write(output, diff_docx(result))
            ctx.exit(1 if result.changed else 0)
        if fmt == "json":
            from peaceplan.render.json import diff_json_bytes

            text = diff_json_bytes(result)
        elif fmt == "markdown":
            from peaceplan.render.markdown import diff_markdown

            text = diff_markdown(result, only=only, explain=explain)
        elif fmt == "html":
            from peaceplan.render.html import diff_html

            text = diff_html(result)
        elif fmt == "side-by-side":
            from peaceplan.render.sidebyside import diff_side_by_side

            text = diff_side_by_side(result, color=color_on, width=terminal_width())
        else:
            from peaceplan.render.terminal import diff_terminal

            text = diff_terminal(
                result,
                color=color_on,
                width=terminal_width(),
                only=only,
                explain=explain,
                show_unchanged=show_unchanged,
            )
        emit(text, output, color=color_on)
        ctx.exit(1 if result.changed else 0)
