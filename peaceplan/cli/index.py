"""`peaceplan index`: build or update the corpus index that `peaceplan trace` searches."""

from __future__ import annotations

import click


@click.command()
@click.option("--rebuild", is_flag=True, help="Start from scratch instead of updating.")
@click.option(
    "--index",
    "index_file",
    type=click.Path(dir_okay=False),
    help="Where the index lives (default: PLANS/.peaceplan-index.sqlite3).",
)
@click.pass_context
def index(ctx: click.Context, rebuild: bool, index_file: str | None) -> None:
    """Index every point of every version in the plans folder, for `peaceplan trace`.

    Only files that are new or changed since the last run are read; the
    index is one SQLite file next to the plans (add it to .gitignore).
    A bad plan file stops the update and leaves the index as it was.

    \b
    Examples:
      peaceplan index
      peaceplan --plans ~/pax/plans index --rebuild
    """
    from peaceplan.tracing.api import build_index

    stats = build_index(ctx.find_root().obj.get("plans_dir"), index=index_file, rebuild=rebuild)
    click.echo(
        f"{stats.path}: {stats.provisions:,} provisions from {stats.files:,} files "
        f"({stats.read:,} read, {stats.removed:,} removed) in {stats.seconds:.1f} s"
    )
