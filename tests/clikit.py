"""The real CLI entry point as a click command, so click's CliRunner can drive `main()` itself
(its one-line errors and exit statuses included), for the test fixtures and the fuzzer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent


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


def cli_process(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m peaceplan ARGS` in a process of its own, text out, with none of the caller's
    PEACEPLAN_* variables (a developer's settings must not change a test) but those of `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PEACEPLAN_")}
    return subprocess.run(
        [sys.executable, "-m", "peaceplan", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**clean, **(env or {})},
        timeout=120,
    )
