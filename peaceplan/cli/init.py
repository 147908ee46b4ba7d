"""`peaceplan init`: copy the bundled sample plans into a plans folder, to try peaceplan on."""

from __future__ import annotations

import click

from peaceplan.samples import SAMPLES


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
def init(sample: str, folder: str, force: bool) -> None:
    """Copy the sample plans SAMPLE (ukraine-2025, minsk or all) into ./plans.

    Existing files are never overwritten without --force (then nothing is
    copied); every file is moved into place whole.

    \b
    Examples:
      peaceplan init && peaceplan diff us-28 ua-20
      peaceplan init all --dir examples/plans
    """
    from peaceplan.samples import install_samples

    written = install_samples(folder, sample, force=force)
    pair = "minsk-1 minsk-2" if sample == "minsk" else "us-28 ua-20"
    click.echo(f"{len(written)} files copied into {folder}/ (try: peaceplan diff {pair})")
