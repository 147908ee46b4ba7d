"""The package as shipped: README's two commands, the CI script that runs the second, the
license, and the metadata pip users see."""

from __future__ import annotations

import re
from importlib.metadata import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FENCE = "`" * 3


def _sh_blocks(text: str) -> list[str]:
    return re.findall(rf"^{FENCE}sh\n(.*?)^{FENCE}$", text, flags=re.M | re.S)


def test_the_readme_starts_with_the_demo_then_the_tests() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first, second = _sh_blocks(readme)[:2]
    assert readme.index(first) < readme.index("## ")  # before any section
    # the demo installs only what it needs (no dev extra) and runs it
    assert "pip install . " in first and "[dev]" not in first
    assert first.strip().endswith("peaceplan diff us-28 ua-20")
    assert len(second.strip().splitlines()) == 1 and "pytest" in second and "[dev]" in second


def test_ci_runs_the_readme_test_command_and_checks_the_package() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "README.md" in ci and 'eval "$test_command"' in ci
    for step in ("mypy", "python -m build", 'peaceplan" init', 'peaceplan" validate'):
        assert step in ci, step
    assert "diff us-28 ua-20" in ci


def test_license_and_metadata() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    meta = metadata("peaceplan")
    assert meta["License-Expression"] == "MIT"
    classifiers = meta.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers
    assert "Operating System :: OS Independent" in classifiers
    assert {
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.13",
    } <= set(classifiers)
    urls = meta.get_all("Project-URL") or []
    assert any("https://github.com/peaceplan/peaceplan" in u for u in urls)
    assert not any(c.startswith("License ::") for c in classifiers)  # setuptools 77+ refuses it
