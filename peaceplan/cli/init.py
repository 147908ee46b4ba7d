"""`peaceplan init`: copy the bundled sample plans into a plans folder, to try peaceplan on."""

from __future__ import annotations

import click

from peaceplan.cli.common import say
from peaceplan.samples import SAMPLES, install_samples


@click.command()
@click.argument("sample", type=click.Choice([*SAMPLES, "all"]), default="ukraine-2025")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False),
    default="plans",
    show_default=True,
    help="The plans folder to copy into (created if missing).",
)
@click.option("--force", is_flag=True, help="Overwrite sample files already there.")
@click.pass_context
def init(ctx: click.Context, sample: str, folder: str, force: bool) -> None:
    """Copy the sample plans SAMPLE (ukraine-2025, minsk or all) into ./plans.

    Existing files are never overwritten without --force (then nothing is
    copied); every file is moved into place whole.

    \b
    Examples:
      peaceplan init && peaceplan diff us-28 ua-20
      peaceplan init all --dir examples/plans
    """
    written = install_samples(folder, sample, force=force)
    pair = "minsk-1 minsk-2" if sample == "minsk" else "us-28 ua-20"
    say(f"{len(written)} files copied into {folder}/ (try: {_try(ctx, folder)}diff {pair})")


def _try(ctx: click.Context, folder: str) -> str:
    """`peaceplan `, with `--plans FOLDER` when a command run from here would not find the
    folder by itself (--plans, $PEACEPLAN_PLANS, or ./plans and above): a hint that works."""
    import shlex
    from pathlib import Path

    from peaceplan.library import find_plans_dir

    chosen = (ctx.find_root().obj or {}).get("plans_dir")
    found = Path(chosen) if chosen else find_plans_dir()
    if found is not None and found.resolve() == Path(folder).resolve():
        return "peaceplan "
    return f"peaceplan --plans {shlex.quote(folder)} "
