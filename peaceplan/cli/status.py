"""`peaceplan status`: party positions on a version's points and convergence across versions."""

from __future__ import annotations

import click

from peaceplan.cli.common import emit, library, terminal_width, warn_problems


@click.command()
@click.argument("plan")
@click.argument("version", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
)
@click.option(
    "--all", "every_point", is_flag=True, help="List every point, not just those with positions."
)
@click.pass_context
def status(ctx: click.Context, plan: str, version: str | None, fmt: str, every_point: bool) -> None:
    """Positions of the parties on the points of VERSION (default: the newest
    version of PLAN; PLAN may also be a version, us-28), and per version: points,
    bracketed points, open options, points all parties accept, points a party
    rejects.

    Positions come from the notes (peaceplan note add ... --party P --stance S);
    the latest one of each party on each point counts.

    \b
    Examples:
      peaceplan status ukraine-2025
      peaceplan status ukraine-2025 us-28 --format markdown
      peaceplan status ukraine-2025/ua-20 --format json
      peaceplan status us-28                     # the negotiation of us-28, on us-28
    """
    from peaceplan.notes.api import status as status_of
    from peaceplan.notes.render import status_json, status_markdown, status_table

    report = status_of(plan, version, every_point=every_point, plans=library(ctx))
    warn_problems(report.problems, on_screen=True)  # every format carries them too
    if fmt == "json":
        emit(status_json(report))
    elif fmt == "markdown":
        emit(status_markdown(report))
    else:
        emit(status_table(report, width=terminal_width()))
