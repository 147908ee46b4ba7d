"""The real CLI entry point as a click command, so click's CliRunner can drive `main()` itself
(its one-line errors and exit statuses included), for the test fixtures and the fuzzer."""

from __future__ import annotations

import click


def entry_command() -> click.Command:
    """A command passing every argument to `peaceplan.cli.main` untouched."""
    from peaceplan.cli import main

    @click.command(
        add_help_option=False,
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    )
    @click.pass_context
    def entry(ctx: click.Context) -> None:
        main(list(ctx.args))

    return entry
