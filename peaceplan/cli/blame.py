"""`peaceplan blame`: which version (and proposer) introduced each point's current wording."""

from __future__ import annotations

import click

from peaceplan.cli.common import emit, library, resolve, terminal_width, warn_problems


@click.command()
@click.argument("version")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def blame(ctx: click.Context, version: str, fmt: str) -> None:
    """For each point of VERSION: the version that introduced its wording, and its ancestry.

    Follows based_on through the alignments, splits and merges included
    (`ua-20 #12 <- us-28 #14 + #15`). When a parent lacks a point (a partial
    draft), the search goes on to that parent's own parents, shown as
    "(not in VERSION)".

    \b
    Examples:
      peaceplan blame ua-20
      peaceplan blame minsk-2 --format json
    """
    from peaceplan.notes.api import blame as blame_of
    from peaceplan.notes.render import blame_json, blame_table

    result = blame_of(resolve(ctx, version), plans=library(ctx))
    warn_problems(result.problems, on_screen=True)
    emit(blame_json(result) if fmt == "json" else blame_table(result, width=terminal_width()))
