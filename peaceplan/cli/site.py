"""`peaceplan site`: a static website of the plans folder."""

from __future__ import annotations

import click

from peaceplan.cli.common import library, say, warn_problems


@click.command()
@click.argument("plans", nargs=-1, metavar="[PLAN]...")
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(file_okay=False),
    help="The folder to write the site to (created; a site built before is replaced).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace OUTPUT even when it is a non-empty folder that is not a peaceplan site.",
)
@click.option("--open", "open_", is_flag=True, help="Open the front page in a web browser.")
@click.pass_context
def site(ctx: click.Context, plans: tuple[str, ...], out: str, force: bool, open_: bool) -> None:
    """Build a static website of the plans folder (or of the negotiations PLAN...).

    For every negotiation: its versions (text, metadata, sources, certainty,
    notes), the changes from each version to the next and between any two, each
    point's history and blame, the matrix of every point through every version,
    the figures, the positions and convergence, and the flow diagram. Plain HTML
    and SVG with inline CSS, no script, relative links: it works opened from the
    disk and on GitHub Pages.

    The site is built in a new folder and renamed into place, so OUTPUT holds
    the old site or the new, never half of one; files and folders you added at
    the top of an earlier site (a CNAME, robots.txt) are kept, and the folders
    of negotiations left out this time are removed (both are said). A non-empty
    OUTPUT that is not a peaceplan site is refused unless --force; the plans
    folder, a folder inside it and a folder holding it always are, and so are
    the current folder, a folder holding it and the home folder.

    \b
    Examples:
      peaceplan site -o site
      peaceplan site ukraine-2025 -o public --open
    """
    from peaceplan.site import build_site

    report = build_site(out, plans or None, plans=library(ctx), force=force)
    warn_problems(report.problems)
    if report.kept:
        say(f"kept {', '.join(report.kept)} from the earlier site (not written by peaceplan)")
    if report.removed:
        say(f"removed {', '.join(report.removed)} from the earlier site (not in this one)")
    for what in report.dropped:
        say(f"warning: not kept from the earlier site: {what}", err=True)
    if report.leftover:
        say(
            f"warning: the earlier site, moved aside to {report.leftover}, could not be deleted; "
            "delete it by hand",
            err=True,
        )
    say(
        f"wrote {report.pages} files for {', '.join(report.negotiations)} to {out} "
        f"({report.seconds:.1f} s); open {report.index}"
    )
    if open_:
        import webbrowser
        from pathlib import Path

        webbrowser.open(Path(report.index).as_uri())
