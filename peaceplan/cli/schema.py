"""`peaceplan schema`: print the JSON Schema of the plan file format."""

from __future__ import annotations

import click


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead.")
def schema(output: str | None) -> None:
    """Print the JSON Schema of plan files (for editors and other tools).

    Point your editor's YAML language server at it to get completion and
    checks while you type; see docs/format.md.

    \b
    Examples:
      peaceplan schema > plan.schema.json
      peaceplan schema -o .vscode/peaceplan.schema.json
    """
    from importlib.resources import files

    from peaceplan.cli.common import emit

    emit(files("peaceplan.io").joinpath("plan.schema.json").read_text("utf-8"), output)
