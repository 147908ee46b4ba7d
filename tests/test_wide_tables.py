"""The plain terminal tables (`log`, `matrix`, `status`) align by display width: a Chinese or
Japanese name takes two columns per character, and padding by len() pushed every column after
it out of line."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from peaceplan.render.cells import align, cut, pad

HEAD = """plan: talks
version: {version}
title: Talks
date: {date}
proposed_by: {by}
based_on: [{based_on}]
points:
  - number: "1"
    title: {title}
    text: {text}
  - number: "2"
    title: Prisoners
    text: All prisoners are exchanged, all for all.
"""


def write(folder: Path, version: str, *, by: str, title: str, text: str, date: str, based_on=""):
    path = folder / "talks" / f"{version}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        HEAD.format(version=version, by=by, title=title, text=text, date=date, based_on=based_on),
        encoding="utf-8",
    )


def talks(tmp_path: Path) -> Path:
    write(
        tmp_path, "v1", by="中华人民共和国", title="停火", text="双方立即停火。", date="2025-01-01"
    )
    write(
        tmp_path,
        "v2",
        by="Mediator",
        title="停火与监督",
        text="双方立即停火，由欧安组织监督。",
        date="2025-02-01",
        based_on="v1",
    )
    return tmp_path


def columns_at(lines: list[str], marker: str) -> set[int]:
    """The display column where `marker` starts on each line holding it."""
    return {cell_len(line[: line.index(marker)]) for line in lines if marker in line}


def test_log_columns_line_up_after_a_wide_proposer(run, tmp_path: Path) -> None:
    code, out, err = run("log", "talks", plans=talks(tmp_path))
    assert code == 0, err
    lines = out.splitlines()
    assert "中华人民共和国" in lines[1]
    # the points column (right-aligned "2") ends where its header ends, on every line
    ends = {cell_len(line[: line.index("points") + len("points")]) for line in lines[:1]}
    ends |= {cell_len(line.split("  2  ")[0]) + 3 for line in lines[1:]}
    assert len(ends) == 1, out


def test_a_proposer_over_two_lines_stays_in_its_log_row(run, tmp_path: Path) -> None:
    # proposed_by "United States\nand Qatar" printed "and Qatar" at the start of a line of
    # its own, under "version", as if a version of that name: the status and matrix tables
    # put a cell on one line, the log did not
    plans = talks(tmp_path)
    write(plans, "v3", by='"United States\\nand Qatar"', title="t", text="x", date="2025-03-01")
    code, out, err = run("log", "talks", plans=plans)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 4 and lines[3].startswith("v3") and "United States and Qatar" in lines[3]


def test_matrix_columns_line_up_after_wide_titles(run, tmp_path: Path) -> None:
    code, out, err = run("matrix", "talks", plans=talks(tmp_path))
    assert code == 0, err
    lines = out.splitlines()
    assert any("停火" in line for line in lines)
    # the v2 column starts at one display column on the header and every point's line
    header = next(line for line in lines if line.startswith("point"))
    start = cell_len(header[: header.index("v2")])
    rows = [line for line in lines if "#1" in line or "#2" in line]
    assert len(rows) == 2
    for row in rows:
        assert cell_len(row[: row.index("#", row.index("#") + 1)]) == start, out


def test_status_columns_line_up_after_a_wide_party_name(run, tmp_path: Path) -> None:
    plans = talks(tmp_path)
    for point, party, stance in (("1", "中国", "accepts"), ("2", "Ukraine", "rejects")):
        note = ("note", "add", "v2", point, "--party", party, "--stance", stance)
        code, _, err = run(*note, plans=plans)
        assert code == 0, err
    code, out, err = run("status", "talks", "--all", plans=plans)
    assert code == 0, err
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("point"))
    assert "中国" in header
    # the Ukraine column starts at one display column on the header and both points' lines
    starts = {cell_len(header[: header.index("Ukraine")])}
    marks = ((lines[2], "-"), (lines[3], "rejects"))  # Ukraine's cells: none, then rejects
    starts |= {cell_len(line[: line.index(mark)]) for line, mark in marks}
    assert len(starts) == 1, out


def test_cells_pad_and_cut_by_display_width() -> None:
    assert pad("停火", 6) == "停火  " and pad("停火", 6, right=True) == "  停火"
    assert cell_len(cut("停火与监督", 6)) <= 6 and cut("停火与监督", 6).endswith("…")
    assert cut("abcdef", 4) == "abc…" and cut("abc", 3) == "abc"
    assert align([["停火", "x"], ["a", "y"]], [4]) == ["停火  x", "a     y"]
    # a tab's width depends on the column it starts in: a table shows it as a space
    assert align([["a\tb", "x"], ["abc", "y"]], [3]) == ["a b  x", "abc  y"]
    assert cut("a\tbcdef", 4) == "a b…"


def test_emoji_sequences_are_measured_as_one_glyph() -> None:
    # an emoji with a variation selector, a joined family and a flag each show as one glyph of
    # two columns (rich 14.3 on; before it the family measured 6 and the heart 1)
    for glyph in ("❤\ufe0f", "👨\u200d👩\u200d👧", "🇺🇦"):
        assert pad(glyph, 4) == glyph + "  ", glyph
    assert cut("👨\u200d👩\u200d👧" * 2 + "xyz", 4) == "👨\u200d👩\u200d👧 …"
