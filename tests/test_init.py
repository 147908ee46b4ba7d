"""`peaceplan init`: the sample plans shipped in the wheel, copied into ./plans for a pip user."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from clikit import cli_process

from peaceplan.errors import UsageError
from peaceplan.samples import SAMPLES, install_samples, sample_files

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return cli_process(*args, cwd=cwd)


def test_the_samples_are_the_repository_plans_byte_for_byte() -> None:
    shipped = {f.relative: f.data for f in sample_files("all")}
    plans = ROOT / "plans"
    here = {
        p.relative_to(plans).as_posix(): p.read_bytes()
        for p in plans.rglob("*.yaml")
        if p.relative_to(plans).parts[0] in SAMPLES
    }
    assert shipped == here
    assert {p.name for p in plans.iterdir() if p.is_dir()} == set(SAMPLES)


def test_init_then_validate_and_diff(tmp_path: Path) -> None:
    out = _cli("init", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "files copied into plans/" in out.stdout
    assert (tmp_path / "plans" / "ukraine-2025" / "us-28.yaml").is_file()
    assert not (tmp_path / "plans" / "minsk").exists()
    assert _cli("validate", cwd=tmp_path).returncode == 0
    diff = _cli("diff", "us-28", "ua-20", "--color", "never", cwd=tmp_path)
    assert diff.returncode == 1 and "800,000" in diff.stdout
    assert not list((tmp_path / "plans").glob(".peaceplan-init-*"))  # no staging left behind


def test_init_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    assert _cli("init", "minsk", cwd=tmp_path).returncode == 0
    mine = tmp_path / "plans" / "minsk" / "minsk-1.yaml"
    mine.write_text("edited\n", encoding="utf-8")
    out = _cli("init", "all", cwd=tmp_path)
    assert out.returncode == 2 and len(out.stderr.splitlines()) == 1
    assert "already there" in out.stderr and "--force" in out.stderr
    assert mine.read_text(encoding="utf-8") == "edited\n"
    assert not (tmp_path / "plans" / "ukraine-2025").exists()  # nothing at all was copied
    assert _cli("init", "all", "--force", cwd=tmp_path).returncode == 0
    assert mine.read_bytes() == (ROOT / "plans" / "minsk" / "minsk-1.yaml").read_bytes()


def test_init_into_another_folder(tmp_path: Path) -> None:
    written = install_samples(tmp_path / "x" / "plans", "all")
    assert len(written) == len(sample_files("all")) and all(p.is_file() for p in written)
    with pytest.raises(UsageError, match="no such sample"):
        install_samples(tmp_path, "oslo")
    out = _cli("init", "--dir", "elsewhere", cwd=tmp_path)
    assert out.returncode == 0 and (tmp_path / "elsewhere" / "ukraine-2025").is_dir()


@pytest.mark.parametrize("folder", ["examples/plans", "my docs"])
def test_the_suggested_command_works_for_a_folder_not_found_by_default(
    tmp_path: Path, folder: str
) -> None:
    # `init --dir examples/plans` suggested `peaceplan diff us-28 ua-20`, which from here
    # said "no plans folder here": the hint now names the folder, ready to paste
    out = _cli("init", "--dir", folder, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    hint = out.stdout.split("(try: ", 1)[1].rstrip().rstrip(")")
    assert "--plans" in hint
    import shlex

    argv = shlex.split(hint)
    assert argv[0] == "peaceplan"
    diff = _cli(*argv[1:], "--color", "never", cwd=tmp_path)
    assert diff.returncode == 1 and "800,000" in diff.stdout, diff.stderr
    # the default folder, found as ./plans, needs no --plans
    assert "--plans" not in _cli("init", "minsk", cwd=tmp_path).stdout
