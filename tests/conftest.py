"""Shared fixtures: the bundled plans folder, a CLI runner, and a scratch plans folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from clikit import entry_command

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"


@pytest.fixture
def plans_dir() -> Path:
    """The real bundled plans folder (read-only use)."""
    return PLANS


@pytest.fixture
def scratch_plans(tmp_path: Path) -> Path:
    """A writable copy of the bundled plans folder (without a corpus index a user may have
    built in it: `peaceplan index` writes one there)."""
    dest = tmp_path / "plans"
    shutil.copytree(PLANS, dest, ignore=shutil.ignore_patterns(".peaceplan-index.sqlite3"))
    return dest


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    """Run the real CLI entry point in-process; returns (exit code, stdout, stderr)."""

    def _run(*args: str, input: str | bytes | None = None, plans: Path | None = PLANS):
        runner = CliRunner()
        argv = [*(["--plans", str(plans)] if plans else []), *args]
        result = runner.invoke(entry_command(), argv, input=input, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return _run
