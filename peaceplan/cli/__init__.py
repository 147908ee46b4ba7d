"""The `peaceplan` command line: a thin shell over the library.

Subcommands live in their own modules and are imported only when run, so that
`peaceplan diff` does not pay for the imports of `peaceplan merge` (start-up time counts).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

import click

from peaceplan.errors import PeaceplanError, close_matches
from peaceplan.heap import keep_until_exit

# name -> "module:attribute"; each module defines one click command (or group).
COMMANDS: dict[str, str] = {
    "init": "peaceplan.cli.init:init",
    "validate": "peaceplan.cli.validate:validate",
    "show": "peaceplan.cli.show:show",
    "log": "peaceplan.cli.log:log",
    "figures": "peaceplan.cli.figures:figures",
    "schema": "peaceplan.cli.schema:schema",
    "diff": "peaceplan.cli.diff:diff",
    "review": "peaceplan.cli.review:review",
    "note": "peaceplan.cli.note:note",
    "blame": "peaceplan.cli.blame:blame",
    "status": "peaceplan.cli.status:status",
    "merge": "peaceplan.cli.merge:merge",
    "resolve": "peaceplan.cli.resolve:resolve",
    "git": "peaceplan.cli.git:git",
    "import": "peaceplan.cli.importdoc:import_",
    "index": "peaceplan.cli.index:index",
    "trace": "peaceplan.cli.trace:trace",
    "matrix": "peaceplan.cli.matrix:matrix",
    "flow": "peaceplan.cli.flow:flow",
    "site": "peaceplan.cli.site:site",
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), attr)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        # Suggest the closest command for a typo, as git does.
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError:
            close = close_matches(args[0], COMMANDS) if args else []
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise click.UsageError(f"No such command {args[0]!r}.{hint}", ctx) from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--plans",
    "plans_dir",
    type=click.Path(file_okay=False, path_type=str),
    envvar="PEACEPLAN_PLANS",
    help="The plans folder (default: ./plans or the nearest plans/ above; env PEACEPLAN_PLANS).",
)
@click.version_option(package_name="peaceplan")
@click.pass_context
def cli(ctx: click.Context, plans_dir: str | None) -> None:
    """Version, diff, merge and annotate negotiated documents, point by point.

    \b
    Examples:
      peaceplan diff us-28 ua-20          what changed from the US 28 points to the 20
      peaceplan log ukraine-2025          the drafts of a negotiation in lineage order
      peaceplan validate                  check every plan file in the plans folder
    """
    ctx.obj = {"plans_dir": plans_dir}


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning every peaceplan error into one line per problem, exit 2."""
    try:
        rv = cli.main(args=argv, prog_name="peaceplan", standalone_mode=False)
    except PeaceplanError as exc:
        from peaceplan.cli.common import cli_wording
        from peaceplan.text import terminal_safe

        for line in exc.lines():
            # Messages quote the input (names, keys): no control sequence reaches the terminal.
            click.echo(cli_wording(terminal_safe(line)), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.BadParameter as exc:
        _name_environment(exc)
        exc.show()
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except OSError as exc:
        # The file system said no (permissions, a folder where a file was expected, disk full).
        from peaceplan.text import terminal_safe

        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"peaceplan: {terminal_safe(where + (exc.strerror or str(exc)))}", err=True)
        sys.exit(2)
    except RecursionError:
        click.echo("peaceplan: input nested too deeply", err=True)
        sys.exit(2)
    except MemoryError:
        click.echo("peaceplan: out of memory (input too large?)", err=True)
        sys.exit(2)
    except Exception as exc:
        # A bug of ours: one line for the user, the traceback only on request.
        if os.environ.get("PEACEPLAN_DEBUG"):
            raise
        from peaceplan.text import terminal_safe

        click.echo(
            f"peaceplan: internal error: {type(exc).__name__}: {terminal_safe(str(exc))} "
            "(please report it; PEACEPLAN_DEBUG=1 shows the traceback)",
            err=True,
        )
        sys.exit(2)
    sys.exit(rv if isinstance(rv, int) else 0)


def _name_environment(exc: click.BadParameter) -> None:
    """A bad value read from an environment variable ($PEACEPLAN_JOBS=abc) is named as that
    variable, not as the option nobody typed."""
    from click.core import ParameterSource

    param, ctx = exc.param, exc.ctx
    if param is None or ctx is None or param.name is None or exc.param_hint is not None:
        return
    if ctx.get_parameter_source(param.name) is not ParameterSource.ENVIRONMENT:
        return
    if isinstance(param.envvar, str):
        exc.param_hint = f"${param.envvar} ({' / '.join(param.opts)})"


def run() -> None:
    """The `peaceplan` command: `main()`, then exit at once.

    A large diff leaves a heap of a million small objects; freeing them one by one at
    interpreter shutdown takes a twentieth of a second and serves nobody, so once the output is
    flushed the process ends without tearing it down (as mypy does). Only for the command
    itself: `main()` returns normally to Python callers and tests.
    """
    code = 0
    keep_until_exit()  # this process is never torn down: large state need not be freed either
    try:
        main()
    except SystemExit as exc:  # main() always exits with a status number
        code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (`| head`) or stream: the rest of the output was not wanted
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
