"""`peaceplan git`: install and run the git merge and diff drivers for plan files."""

from __future__ import annotations

import click

from peaceplan.cli.common import say


@click.group()
def git() -> None:
    """git integration: plan files merged point by point and diffed as points.

    \b
    Examples:
      peaceplan git install              # this repository (.gitattributes, .git/config)
      peaceplan git install --global     # every repository of this user
      git merge feature                  # plan files now merge without <<<<<<< markers
      git diff plans/ukraine-2025/ua-20.yaml    # shows points, not YAML lines
    """


@git.command()
@click.option("--global", "global_", is_flag=True, help="Configure for the user, not this repo.")
@click.option(
    "--command",
    metavar="CMD",
    help="How git runs peaceplan (default: this Python's absolute path with -m peaceplan; "
    "say --command peaceplan to rely on PATH instead).",
)
@click.option("-C", "repo", default=".", metavar="DIR", help="The repository (default: here).")
def install(global_: bool, command: str | None, repo: str) -> None:
    """Set up the merge and diff drivers: the attributes that route plan files
    (plans/**/*.yaml) to them, and the git config that defines them. Idempotent.

    \b
    Examples:
      peaceplan git install
      peaceplan git install --global --command peaceplan
    """
    from peaceplan.gitdrivers import install as _install

    report = _install(repo, global_=global_, command=command)
    for change in report.changes:
        click.echo(change)
    if not report.changes:
        click.echo("already installed", err=True)


@git.command("merge-driver")
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
@click.argument("name", required=False)
@click.pass_context
def merge_driver(ctx: click.Context, base: str, ours: str, theirs: str, name: str | None) -> None:
    """git's merge driver (%O %A %B %P): merge the three versions into OURS.

    Exit 0 when clean, 1 when conflicts were left as bracketed options (git then
    marks the file conflicted), 2 when a side is not a valid plan (OURS untouched).

    \b
    Example (what `peaceplan git install` configures):
      git config merge.peaceplan.driver "peaceplan git merge-driver %O %A %B %P"
    """
    from peaceplan.gitdrivers import merge_driver as _merge

    result = _merge(base, ours, theirs, name)
    for line in result.lines:
        say(f"peaceplan: {line}", err=True)
    ctx.exit(0 if result.clean else 1)


@git.command()
@click.argument("file", type=click.Path(dir_okay=False))
def textconv(file: str) -> None:
    """git's diff driver: print FILE as points (one block of lines per point).

    \b
    Example (what `peaceplan git install` configures):
      git config diff.peaceplan.textconv "peaceplan git textconv"
    """
    from peaceplan.gitdrivers import textconv as _textconv

    say(_textconv(file), nl=False)
