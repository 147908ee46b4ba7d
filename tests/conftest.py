"""Shared fixtures: the bundled plans folder, a CLI runner, and a scratch plans folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"


@pytest.fixture
def plans_dir() -> Path:
    """The real bundled plans folder (read-only use)."""
    return PLANS


@pytest.fixture
def scratch_plans(tmp_path: Path) -> Path:
    """A writable copy of the bundled plans folder."""
    dest = tmp_path / "plans"
    shutil.copytree(PLANS, dest)
    return dest


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    """Run the real CLI entry point in-process; returns (exit code, stdout, stderr)."""
    from peaceplan.cli import main

    def _run(*args: str, input: str | bytes | None = None, plans: Path | None = PLANS):
        runner = CliRunner()
        argv = [*(["--plans", str(plans)] if plans else []), *args]
        result = runner.invoke(_wrap(main), argv, input=input, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return _run


def _wrap(main):
    import click

    @click.command(
        add_help_option=False,
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    )
    @click.pass_context
    def entry(ctx: click.Context) -> None:
        main(list(ctx.args))

    return entry
