"""`peaceplan log`: the versions of a negotiation in lineage order."""

from __future__ import annotations

import click

from peaceplan.cli.common import library


@click.command()
@click.argument("plan")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def log(ctx: click.Context, plan: str, fmt: str) -> None:
    """List the versions of PLAN in lineage order (each after what it is based on).

    Shows each version's date, who proposed it, how many points it has and how
    many are still bracketed (carry alternative options).

    \b
    Examples:
      peaceplan log ukraine-2025
      peaceplan log minsk --format json
    """
    from peaceplan.history import version_log
    from peaceplan.render.log import log_json, log_table

    entries = version_log(library(ctx), plan)
    click.echo(log_json(entries) if fmt == "json" else log_table(entries), nl=False)
