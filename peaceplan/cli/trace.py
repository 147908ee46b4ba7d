"""`peaceplan trace`: where each point's wording most likely came from, across the corpus."""

from __future__ import annotations

import click

from peaceplan.cli.common import FORMAT_HELP, emit


@click.command()
@click.argument("target")
@click.argument("point", required=False)
@click.option(
    "--top",
    type=click.IntRange(1, 50),
    default=5,
    show_default=True,
    help="How many candidate sources to list per point.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help=FORMAT_HELP,
)
@click.option("--matches-only", is_flag=True, help="List only sources judged real reuse.")
@click.option("--no-update", is_flag=True, help="Use the index as it is (do not refresh it).")
@click.option(
    "--index",
    "index_file",
    type=click.Path(dir_okay=False),
    help="Where the index lives (default: PLANS/.peaceplan-index.sqlite3).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead.")
@click.pass_context
def trace(
    ctx: click.Context,
    target: str,
    point: str | None,
    top: int,
    fmt: str,
    matches_only: bool,
    no_update: bool,
    index_file: str | None,
    output: str | None,
) -> None:
    """For each point of TARGET (a version or plan file), the earlier provisions of
    the plans folder its wording most likely came from, best first.

    Each source has a score in 0..1; "match" marks real reuse of rare
    wording, "weak" a resemblance that may be shared stock phrasing.
    Only versions dated before TARGET are searched (undated ones too).
    The index is updated first (see `peaceplan index`). POINT limits the
    trace to one point (its id or number).

    \b
    Examples:
      peaceplan trace ua-20
      peaceplan trace ua-20 armed-forces --format json
      peaceplan trace draft.yaml --matches-only --format markdown
    """
    from peaceplan.render import trace as render
    from peaceplan.tracing.api import trace as trace_of

    result = trace_of(
        target,
        point,
        top=top,
        plans=ctx.find_root().obj.get("plans_dir"),
        index=index_file,
        update=not no_update,
    )
    if fmt == "json":
        emit(render.trace_json(result), output)
    elif fmt == "markdown":
        emit(render.trace_markdown(result, matches_only=matches_only), output)
    elif fmt == "html":
        emit(render.trace_html(result, standalone=True), output)
    else:
        emit(render.trace_text(result, matches_only=matches_only), output)
