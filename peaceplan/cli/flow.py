"""`peaceplan flow`: the points of a negotiation flowing through its versions, as SVG."""

from __future__ import annotations

import click

from peaceplan.cli.common import emit, library, warn_problems


@click.command()
@click.argument("plan")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the diagram to this file (atomically) instead of standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["svg", "html", "json"]),
    default="svg",
    show_default=True,
    help="svg: the diagram; html: a page holding it; json: its nodes and edges.",
)
@click.pass_context
def flow(ctx: click.Context, plan: str, output: str | None, fmt: str) -> None:
    """Draw the points of PLAN flowing through its versions, as a standalone SVG.

    A column per version (lineage order), a box per top-level point, a curve from
    each point to the point that continues it in a later version, coloured by
    what happened (kept, moved, modified, split, merged); new points have no
    curve in, and a point no later version continues ends with a red cross
    (removed) or a blue "?" (not reported by a partial version). Rest the pointer
    on a box or curve for its text. No script: it opens in any browser.

    \b
    Examples:
      peaceplan flow ukraine-2025 -o flow.svg
      peaceplan flow minsk --format html -o minsk-flow.html
    """
    from peaceplan.negotiation.flow import flow_of
    from peaceplan.negotiation.matrix import build_matrix

    lib = library(ctx)
    versions = lib.load_negotiation(plan)
    f = flow_of(build_matrix(versions, others=lib.qualified_names()), versions=versions)
    warn_problems(f.problems, on_screen=not output)
    if fmt == "json":
        import json

        from peaceplan.text import json_safe

        emit(json_safe(json.dumps(f.to_json_dict(), ensure_ascii=False, indent=2)), output)
        return
    from peaceplan.render.flow import flow_html, flow_svg

    emit(flow_svg(f) if fmt == "svg" else flow_html(f), output)
