"""`peaceplan note`: stand-off annotations of a version (add, list, rm, carry)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from peaceplan.cli.common import emit, library, resolve, say, terminal_width

KIND_CHOICES = ("note", "position", "tag", "status")
STANCE_CHOICES = ("accepts", "rejects", "reserves", "proposes")
STATUS_CHOICES = ("open", "agreed", "disputed", "deferred", "dropped")
CERTAINTY_CHOICES = ("reported", "uncertain", "inferred")


@click.group()
def note() -> None:
    """Annotate versions: notes, party positions, tags and statuses, kept beside the plan.

    Annotations live in plans/<plan>/notes/<version>.yaml, never inside a plan's
    text, and can be carried to a newer version through the alignment.

    \b
    Examples:
      peaceplan note add us-28 armed-forces --quote 600,000 \\
          --party Ukraine --stance rejects --body "Kyiv wants 800,000."
      peaceplan note list us-28
      peaceplan note carry us-28 ua-20
      peaceplan note rm us-28 n-0003
    """


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@note.command("add")
@click.argument("version")
@click.argument("point")
@click.option("--body", help="What is said about the point (required for a plain note).")
@click.option("--quote", help="The words of the point it is about; must occur in the point.")
@click.option(
    "--kind",
    type=click.Choice(KIND_CHOICES),
    help="Default: position with --party/--stance; tag/status when only that; else note.",
)
@click.option("--party", help="Whose position it is (for positions).")
@click.option("--stance", type=click.Choice(STANCE_CHOICES), help="The party's stance.")
@click.option("--tag", help="A free tag or a PA-X code such as pax:SsrArm.")
@click.option("--status", type=click.Choice(STATUS_CHOICES), help="The point's status.")
@click.option("--author", envvar="PEACEPLAN_AUTHOR", help="Who writes it (env PEACEPLAN_AUTHOR).")
@click.option("--source", help="Where it is reported (a URL).")
@click.option("--date", callback=_date, help="When the position was stated (YYYY-MM-DD).")
@click.option(
    "--certainty",
    type=click.Choice(CERTAINTY_CHOICES),
    default="reported",
    show_default=True,
    help="reported: a source states it; uncertain: sources conflict or are thin; "
    "inferred: our reading, not a stated position.",
)
@click.option("--certainty-note", help="Why it is uncertain or inferred.")
@click.pass_context
def add(ctx: click.Context, /, version: str, point: str, **fields: Any) -> None:
    """Add an annotation to POINT (a key or number) of VERSION.

    A --quote must occur in the point's wording (an error otherwise, a
    warning when it occurs more than once). Safe to run from several
    processes at once: each change is made under a lock.

    \b
    Examples:
      peaceplan note add us-28 6 --body "Down from about 880,000 today."
      peaceplan note add us-28 armed-forces --quote "600,000" \\
          --party Ukraine --stance rejects --date 2025-11-23 \\
          --source https://example.org/report --body "Kyiv wants 800,000."
      peaceplan note add ua-20 territory --tag pax:StBor
      peaceplan note add ua-20 12 --status disputed
      peaceplan note add us-28 21 --party Russia --stance accepts \
          --certainty uncertain --certainty-note "Said of the plan as a whole."
    """
    import warnings

    from peaceplan.errors import printable
    from peaceplan.notes.api import NoteWarning, add_note, notes_file

    plan = resolve(ctx, version)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NoteWarning)
        # The options are named as add_note's keyword arguments: passed on as they are.
        made = add_note(plan, point, plans=library(ctx), **fields)
    for w in caught:
        click.echo(printable(f"warning: {w.message}"), err=True)
    say(f"{made.id}: {made.kind} on {plan.qualified} point {made.point} ({notes_file(plan)})")


@note.command("list")
@click.argument("version")
@click.option("--point", "point", help="Only the notes on this point (key or number).")
@click.option("--party", help="Only this party's positions.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def list_(ctx: click.Context, version: str, point: str | None, party: str | None, fmt: str) -> None:
    """List the annotations of VERSION.

    \b
    Examples:
      peaceplan note list ua-20
      peaceplan note list ua-20 --point territory --format json
    """
    from peaceplan.notes.api import list_notes
    from peaceplan.notes.render import notes_json, notes_table

    plan = resolve(ctx, version)
    notes = list_notes(plan, point=point, party=party)
    if fmt == "json":
        emit(notes_json(notes, plan))
    else:
        emit(notes_table(notes, plan, width=terminal_width()))


@note.command("rm")
@click.argument("version")
@click.argument("note_id")
@click.pass_context
def rm(ctx: click.Context, version: str, note_id: str) -> None:
    """Remove annotation NOTE_ID from VERSION's notes.

    \b
    Example:
      peaceplan note rm us-28 n-0003
    """
    from peaceplan.notes.api import remove_note

    plan = resolve(ctx, version)
    gone = remove_note(plan, note_id)
    say(f"removed {gone.id} from {plan.qualified}")


@note.command("carry")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@click.pass_context
def carry(ctx: click.Context, source: str, target: str, fmt: str, dry_run: bool) -> None:
    """Carry the annotations of FROM onto TO, through their alignment and quotes.

    Each annotation gets an outcome: kept (same point), moved (renumbered
    or moved), fuzzy (quote found only approximately; with a score),
    changed (quote found with a different figure: old and new quote kept),
    ambiguous (several candidates, none chosen) or orphaned (point gone).
    Ambiguous and orphaned ones are written unplaced (point: null) with
    their candidates, so nothing is lost. Running it again adds nothing.

    \b
    Examples:
      peaceplan note carry us-28 ua-20 --dry-run
      peaceplan note carry us-28 ua-20 --format json
    """
    from peaceplan.notes.api import carry_notes
    from peaceplan.notes.render import carry_json, carry_table

    report = carry_notes(
        resolve(ctx, source), resolve(ctx, target), dry_run=dry_run, plans=library(ctx)
    )
    if fmt == "json":
        emit(carry_json(report))
    else:
        emit(carry_table(report, width=terminal_width()))
