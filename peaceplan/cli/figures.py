"""`peaceplan figures`: each figure of a negotiation through its versions."""

from __future__ import annotations

import click

from peaceplan.cli.common import FORMAT_HELP, emit, library, warn_problems


@click.command()
@click.argument("plan")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help=FORMAT_HELP,
)
@click.option("--changed", is_flag=True, help="Only figures that changed value or were dropped.")
@click.pass_context
def figures(ctx: click.Context, plan: str, fmt: str, changed: bool) -> None:
    """Follow each figure of PLAN through its versions, in lineage order.

    PLAN is a negotiation (ukraine-2025) or any of its versions (us-28). Points
    are followed by the alignment of each version with the one it is based on;
    figures are compared by value and unit ("600,000" and "600 000" are the
    same), those of bracketed options included. Dates are left out.

    \b
    Examples:
      peaceplan figures ukraine-2025
      peaceplan figures ukraine-2025 --changed --format markdown
      peaceplan figures minsk --format json
    """
    from peaceplan.render.figures import figures_json, figures_markdown, figures_text
    from peaceplan.timeline import figures as follow

    history = follow(plan, plans=library(ctx), changed=changed)
    warn_problems(history.problems, on_screen=True)
    render = {"text": figures_text, "markdown": figures_markdown, "json": figures_json}[fmt]
    emit(render(history))
