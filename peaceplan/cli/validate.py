"""`peaceplan validate`: check plan files and the lineage of each negotiation."""

from __future__ import annotations

import click

from peaceplan.cli.common import cli_wording, library, say


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--no-conflicts", is_flag=True, help="Also fail while a merge conflict remains.")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, no summary line.")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[str, ...], no_conflicts: bool, quiet: bool) -> None:
    """Check plan files: every problem, one line each, as PATH:LINE:COL: MESSAGE.

    With no PATH, checks every version in the plans folder, and the lineage
    (based_on) of each negotiation. The notes of each version checked
    (notes/VERSION.yaml beside it) are checked too, against that version: known
    keys, kinds, stances, certainties and dates, and points that exist. A
    folder stands for the plan and notes files below it. Exit status 0 when
    all is well, 2 otherwise.

    \b
    Examples:
      peaceplan validate
      peaceplan validate plans/ukraine-2025/ua-20.yaml
      peaceplan validate plans/ukraine-2025/notes/ua-20.yaml
      peaceplan validate --no-conflicts merged.yaml
    """
    from peaceplan.api import validate_paths
    from peaceplan.errors import count_problems

    lib = library(ctx)
    if not paths and lib.root is None:
        raise click.UsageError("no plans folder here (./plans or above): give PATHs or --plans DIR")
    report = validate_paths(paths or None, library=lib, no_conflicts=no_conflicts)
    for problem in report.problems:
        say(cli_wording(str(problem)), err=True)
    if not quiet:
        files = f"{report.files} file{'s' if report.files != 1 else ''}"
        if report.problems:
            n = count_problems(report.problems)  # those past the per-file cap counted too
            click.echo(f"{n:,} problem{'s' if n != 1 else ''} in {files}", err=True)
        else:
            click.echo(f"{files} OK", err=True)
    ctx.exit(2 if report.problems else 0)
