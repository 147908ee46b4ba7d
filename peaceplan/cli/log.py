"""`peaceplan log`: the versions of a negotiation in lineage order."""

from __future__ import annotations

import click

from peaceplan.cli.common import library, say


@click.command()
@click.argument("plan")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--point",
    "point",
    metavar="KEY",
    help="Follow one point through every version (KEY, number, or VERSION:KEY).",
)
@click.pass_context
def log(ctx: click.Context, plan: str, fmt: str, point: str | None) -> None:
    """List the versions of PLAN in lineage order (each after what it is based on).

    Shows each version's date, who proposed it, how many points it has and how
    many are still bracketed (carry alternative options). PLAN is a negotiation
    (ukraine-2025) or any of its versions (us-28).

    \b
    Examples:
      peaceplan log ukraine-2025
      peaceplan log minsk --format json
      peaceplan log ukraine-2025 --point armed-forces
      peaceplan log ukraine-2025 --point us-28:21.a
    """
    from peaceplan.library import negotiation_name

    plan = negotiation_name(library(ctx), plan)  # ukraine-2025, or one of its versions
    if point is not None:
        from peaceplan.cli.common import terminal_width, warn_problems
        from peaceplan.notes.api import follow_point
        from peaceplan.notes.render import trace_json, trace_table

        trace = follow_point(plan, point, plans=library(ctx))
        warn_problems(trace.problems, on_screen=True)
        text = trace_json(trace) if fmt == "json" else trace_table(trace, width=terminal_width())
        say(text, nl=False)
        return
    from peaceplan.cli.common import warn_problems
    from peaceplan.history import version_log
    from peaceplan.render.log import log_json, log_table

    entries = version_log(library(ctx), plan)
    # the table says them above it; JSON (a list of versions) leaves them to standard error
    warn_problems(entries.problems, on_screen=fmt == "table")
    say(log_json(entries) if fmt == "json" else log_table(entries, entries.problems), nl=False)
