"""`peaceplan merge`: combine two revisions of one base draft; conflicts kept as options."""

from __future__ import annotations

import click

from peaceplan.cli.common import emit, resolve, say


@click.command()
@click.argument("base")
@click.argument("ours")
@click.argument("theirs")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the merged plan to FILE."
)
@click.option(
    "--version",
    "version",
    metavar="NAME",
    help="The merged version's name (default: merge-OURS-THEIRS).",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary on standard error.")
@click.pass_context
def merge(
    ctx: click.Context,
    base: str,
    ours: str,
    theirs: str,
    output: str | None,
    version: str | None,
    quiet: bool,
) -> None:
    """Merge OURS and THEIRS, two revisions of BASE, into a new version based on both.

    Changes made by one side are taken, the same change on both sides once;
    edits to different words of one point combine. A real conflict becomes a
    bracketed point: the base wording kept, each side's wording as an option
    attributed to its version, and `conflict: true`. A plan field (title,
    proposed_by...) both sides changed differently keeps its base value and is
    listed under `conflicts:` with both values. Settle either with `peaceplan
    resolve`. Comments of both sides' files are kept. A partial side (coverage:
    partial) deletes only the points its `dropped` lists. Versions are names,
    plan/name, paths or REV:path. Exit status: 0 merged cleanly, 1 conflicts
    remain, 2 trouble.

    \b
    Examples:
      peaceplan merge us-28 e3-counter geneva-19 -o merged.yaml
      peaceplan merge us-28 e3-counter geneva-19 --version eu-us-24 > eu-us-24.yaml
      peaceplan resolve merged.yaml armed-forces --take e3-counter
    """
    from peaceplan.io.conflicts import conflict_lines, field_conflict_lines
    from peaceplan.library import source_text
    from peaceplan.merging.plan3 import merge_plans

    plans = [resolve(ctx, spec) for spec in (base, ours, theirs)]
    texts = (source_text(plans[0]), source_text(plans[1]), source_text(plans[2]))
    result = merge_plans(*plans, version=version, texts=texts)
    text = result.text()
    emit(text, output)
    if not quiet:
        name = output if output and output != "-" else "<stdout>"
        lines = conflict_lines(result.plan, text)
        fields = field_conflict_lines(result.plan, text)
        say(result.summary(), err=True)
        for conflict in result.conflicts:
            line = (fields if conflict.kind == "field" else lines).get(conflict.key)
            say(f"{name}{f':{line}' if line else ''}: {conflict}", err=True)
        for note in result.notes:
            say(f"note: {note}", err=True)
    ctx.exit(0 if result.clean else 1)
