"""`peaceplan resolve`: settle a merge conflict (or any bracketed point) by taking an option."""

from __future__ import annotations

import click

from peaceplan.cli.common import say


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.argument("point", required=False)
@click.option(
    "--take",
    "take",
    metavar="OPTION",
    help="The option to keep: its number (1, 2...), its `by` (a version name, a party), "
    "ours / theirs (a merge conflict's two alternatives), or base (a plan field's).",
)
def resolve(file: str, point: str | None, take: str | None) -> None:
    """Settle POINT of FILE by taking one of its options; the file is rewritten in place.

    POINT is a key (id or number, such as armed-forces or 10.c), or a plan field
    the merge left in conflict (title, date, documents.ID.title, points.KEY.id...: listed under
    `conflicts:` in the file), which takes its option's value, or `base`. The
    merge puts a conflict's two alternatives first; taking `[deleted]` deletes
    the point. The file keeps its comments and layout; the write is atomic.
    Without POINT, lists the conflicts left (exit 1 if any).

    \b
    Examples:
      peaceplan resolve merged.yaml                              # what is left
      peaceplan resolve merged.yaml armed-forces --take e3-counter
      peaceplan resolve merged.yaml 21 --take 2
      peaceplan resolve merged.yaml title --take theirs
    """
    from peaceplan.api import load, save
    from peaceplan.errors import UsageError
    from peaceplan.merging.meta import short
    from peaceplan.merging.resolve import deleted_with, resolve_conflict

    plan = load(file)
    if point is None:
        if take:
            raise UsageError("--take needs a POINT: peaceplan resolve FILE POINT --take OPTION")
        for c in plan.conflicts:
            choices = "  ".join(f"{i + 1}={o.by}" for i, o in enumerate(c.options))
            where = f"{file}:{c.line}" if c.line else file
            click.echo(f"{where}: field {c.field}: {choices}  base={short(c.base)}")
        left = [fp for fp in plan.flat() if fp.point.conflict]
        for fp in left:
            choices = "  ".join(f"{i + 1}={o.by}" for i, o in enumerate(fp.point.options))
            where = f"{file}:{fp.point.line}" if fp.point.line else file
            say(f"{where}: point {fp.key}: {choices}")
        n = len(left) + len(plan.conflicts)
        say(f"{n} conflict{'s' if n != 1 else ''} left in {file}", err=True)
        raise click.exceptions.Exit(1 if n else 0)
    if not take:
        raise UsageError("say which option to keep: --take NUMBER or --take NAME")
    what = "field" if any(c.field == point for c in plan.conflicts) else "point"
    settled = resolve_conflict(plan, point, take)
    save(settled, file)
    n = settled.conflict_count()
    gone = deleted_with(plan, settled, point) if what == "point" else []
    also = f" (deleted with it: {', '.join(gone)})" if gone else ""
    say(f"{file}: {what} {point} settled{also}; {n} conflict{'s' if n != 1 else ''} left", err=True)
