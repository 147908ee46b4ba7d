"""`peaceplan matrix`: every point of a negotiation against every version."""

from __future__ import annotations

import click

from peaceplan.cli.common import (
    FORMAT_HELP,
    emit,
    library,
    terminal_width,
    warn_problems,
)


@click.command()
@click.argument("plan")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "markdown", "html", "json", "csv", "svg"]),
    default="terminal",
    show_default=True,
    help=FORMAT_HELP + " svg: the flow diagram (as `peaceplan flow`).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to this file (atomically) instead of standard output.",
)
@click.pass_context
def matrix(ctx: click.Context, plan: str, fmt: str, output: str | None) -> None:
    """Show every point of PLAN against every version, in lineage order.

    PLAN is a negotiation (ukraine-2025) or any of its versions (us-28). A row is
    one point followed through the versions by the alignments (splits and merges
    included); a cell gives its number there, what happened to it since the
    version it continues (kept, moved, modified, split, merged, added, removed,
    or not reported by a partial version) and its figures.

    \b
    Examples:
      peaceplan matrix ukraine-2025
      peaceplan matrix us-28 --format markdown
      peaceplan matrix ukraine-2025 --format json -o matrix.json
      peaceplan matrix minsk --format csv > minsk.csv
    """
    from peaceplan.negotiation.matrix import build_matrix

    lib = library(ctx)
    versions = lib.load_negotiation(plan)
    m = build_matrix(versions, others=lib.qualified_names())
    warn_problems(m.problems, on_screen=not output)
    if fmt == "svg":
        from peaceplan.negotiation.flow import flow_of
        from peaceplan.render.flow import flow_svg

        emit(flow_svg(flow_of(m, versions=versions)), output)
        return
    from peaceplan.render import matrix as r

    if fmt == "terminal":
        text = r.matrix_text(m, width=terminal_width())
    else:
        render = {
            "markdown": r.matrix_markdown,
            "html": r.matrix_html,
            "json": r.matrix_json,
            "csv": r.matrix_csv,
        }[fmt]
        text = render(m)
    emit(text, output)
