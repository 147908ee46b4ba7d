"""The notes bundled with the real drafts: they load, sit on real points, quote real words, every
position has a date and a source, and `peaceplan status ukraine-2025` shows them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from peaceplan.api import load
from peaceplan.notes import read_notes
from peaceplan.notes.anchor import count_exact

ROOT = Path(__file__).resolve().parent.parent
NOTES = sorted((ROOT / "plans").glob("*/notes/*.yaml"))


def test_there_are_bundled_notes() -> None:
    assert {p.stem for p in NOTES} >= {"us-28", "e3-counter", "geneva-19", "ua-20"}


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.stem)
def test_bundled_notes_are_sound(path: Path) -> None:
    plan = load(path.parent.parent / f"{path.stem}.yaml")
    notes = read_notes(path).annotations
    assert notes
    for note in notes:
        point = plan.get(note.point)
        assert point is not None, (note.id, note.point)
        if note.quote:
            assert count_exact(point, note.quote) == 1, (note.id, note.quote)
        if note.kind == "position":
            assert note.date is not None, note.id
            assert note.source and note.source.startswith("https://"), note.id
            assert note.party in plan.parties, note.id
        if note.tag and note.tag.startswith("pax:"):
            assert note.tag[4:].isalpha(), note.id


def test_status_of_the_real_drafts_shows_positions_and_convergence(run, plans_dir: Path) -> None:
    """Must show: the positions table and the convergence figures per version."""
    code, out, err = run("status", "ukraine-2025", plans=plans_dir)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Positions on ukraine-2025/ua-20 (latest stance of each party)"
    assert lines[1].split()[:5] == ["point", "Ukraine", "United", "States", "Europe"]
    rows = {ln.split()[0]: ln for ln in lines[2:] if ln.startswith("#")}
    # The US agreement is inferred from Zelensky's account (certainty: inferred, marked *).
    assert rows["#4"].split()[1:4] == ["accepts", "accepts*", "proposes"]
    assert "[ ]" in rows["#14"] and "rejects" in rows["#14"]  # bracketed; Russia rejects
    start = lines.index("Convergence of ukraine-2025") + 1
    conv = lines[start : start + 5]  # the header and a row per version
    assert lines[start + 5] == "(n~): of which n rest on an uncertain or inferred position"
    assert conv[2].split()[8:10] == ["3", "(3~)"]  # e3-counter: Russia's rejections are uncertain
    assert "ua-20: 20 points, and 4 more in 3 side documents" in lines
    versions = [ln.split()[0] for ln in conv[1:]]
    assert versions == ["us-28", "e3-counter", "geneva-19", "ua-20"]
    for ln in conv[1:]:
        assert int(ln.split()[6]) > 0  # every version has positions

    code, out, _ = run("status", "ukraine-2025", "us-28", "--format", "json", plans=plans_dir)
    data = json.loads(out)
    army = next(p for p in data["positions"] if p["point"] == "armed-forces")
    assert army["stances"]["United States"]["stance"] == "proposes"
    assert army["stances"]["Europe"]["stance"] == "rejects"
    assert army["stances"]["Europe"]["date"] == "2025-11-23"


def _console_samples() -> dict[str, str]:
    """The complete `$ peaceplan ...` samples of docs/annotations.md: {command: output}."""
    text = (ROOT / "docs" / "annotations.md").read_text(encoding="utf-8")
    out = {}
    for block in re.findall(r"^```console\n(.*?)^```$", text, re.M | re.S):
        command, _, output = block.partition("\n")
        if command.startswith("$ peaceplan ") and "\n$ " not in output and "..." not in output:
            out[command[2:]] = output
    return out


@pytest.mark.parametrize(
    "command", ["peaceplan status ukraine-2025", "peaceplan log ukraine-2025 --point territory"]
)
def test_docs_samples_are_real_output(command: str, run, plans_dir: Path, monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    samples = _console_samples()
    code, out, _ = run(*command.split()[1:], plans=plans_dir)
    assert code == 0
    assert out == samples[command]
