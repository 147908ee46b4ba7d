"""The terminal renderers (diff and side by side): what a negotiator reads, colour, escaping."""

from __future__ import annotations

import re

import attrs
import pytest
from render_samples import HOSTILE, hostile_diff, same_diff, sample_diff

from peaceplan.render.sidebyside import diff_side_by_side
from peaceplan.render.terminal import diff_terminal

ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Any escape or C0/C1 control other than newline, and the SGR codes rich emits.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_header_counts_and_figures_first() -> None:
    out = diff_terminal(sample_diff(), color=False)
    lines = out.splitlines()
    assert lines[0] == "ukraine-2025: us-28 -> ua-20"
    # Top-level points and sub-points are counted apart (the line wraps at 100 columns).
    assert (
        "4 points modified, 1 point split, 1 point merged, 1 point removed, 1 point added,"
        " 5 points and 2 sub-points unchanged; 1 point moved"
    ) in " ".join(out.split())
    # The changed figure is called out before any change is listed.
    figure = "Size of the armed forces (#5 -> #4): 600,000 personnel -> 800,000 personnel"
    assert figure in out
    assert out.index(figure) < out.index("Changes")
    assert "(#8 -> #7 + #8): $100 billion -> $200 billion" in out
    assert "dropped: 50%" in out
    # Figures that changed value come before figures that were only dropped.
    assert out.index("100 days -> 60 days") < out.index("dropped: 50%")


def test_where_each_point_went() -> None:
    out = diff_terminal(sample_diff(), color=False, width=200)
    assert "modified  us-28 #5 -> ua-20 #4  Size of the armed forces" in out
    assert "split     us-28 #8 -> ua-20 #7 + #8" in out
    assert "merged    us-28 #9 + #10 -> ua-20 #9  Frozen assets" in out
    assert "removed   us-28 #3  No NATO expansion" in out
    assert "added     ua-20 #13  Humanitarian committee" in out
    assert "us-28 #11 -> ua-20 #12  Elections  (moved)" in out
    # The added point has no redline in the record: its whole text is shown as inserted.
    assert "{+A humanitarian committee settles open questions.+}" in out


def test_renumbering_said_once_and_unchanged_points_summarised() -> None:
    out = diff_terminal(sample_diff(), color=False)
    assert out.count("renumbered -1") == 1
    assert "points 4-7 renumbered -1 (now 3-6)" in out
    assert "points 12-13 renumbered -2 (now 10-11)" in out
    # Unchanged (merely renumbered) points are not listed one by one.
    assert "No NATO troops" not in out and "Ceasefire" not in out
    assert "7 points unchanged (4 renumbered)." in out


def test_renumbered_points_outside_runs_are_named() -> None:
    d = attrs.evolve(sample_diff(), renumbered_runs=())
    out = diff_terminal(d, color=False, width=200)
    assert "Renumbered" not in out
    assert (
        "7 points unchanged (4 renumbered); renumbered outside the runs:"
        " #4 -> #3, #6 -> #5, #7 -> #6, #13 -> #11." in out
    )


def test_colour_free_redline() -> None:
    out = diff_terminal(sample_diff(), color=False, width=200)
    assert (
        "Ukraine's armed forces are [-capped-]{+kept+} at [-600,000-]{+800,000+} personnel" in out
    )
    assert "\x1b" not in out
    assert 'title: "Non-aggression pact" -> "Non-aggression and monitoring"' in out
    assert "[Option A (by United States): " in out and "Option B (by Ukraine)" in out


def test_colour_redline_uses_ansi_styles_not_markers() -> None:
    out = diff_terminal(sample_diff(), color=True, width=200)
    assert ANSI.search(out)
    assert "[-600,000-]" not in out and "{+800,000+}" not in out
    plain = ANSI.sub("", out)
    assert "Ukraine's armed forces are cappedkept at 600,000800,000 personnel" in plain
    # Deletions struck through in red (SGR 9;31), insertions underlined in green (4;32).
    assert "\x1b[9;31m600,000\x1b[0m\x1b[4;32m800,000\x1b[0m" in out


def test_show_unchanged_explain_and_only() -> None:
    d = sample_diff()
    out = diff_terminal(d, color=False, show_unchanged=True, explain=True, width=200)
    assert "unchanged us-28 #6 -> ua-20 #5  No NATO troops" in out
    assert "matched by content, similarity 0.78" not in out
    assert "matched by shared id, similarity 0.78" in out
    assert "matched by content, similarity 0.71" in out
    assert "no counterpart found" in out

    only = diff_terminal(d, color=False, only={"split", "merged"}, width=200)
    assert "split     us-28 #8" in only and "merged    us-28 #9 + #10" in only
    assert "Size of the armed forces" not in only and "removed   " not in only
    assert "Renumbered" not in only
    moved = diff_terminal(d, color=False, only={"moved"}, width=200)
    assert "Elections  (moved)" in moved and "split     " not in moved


def test_no_differences() -> None:
    out = diff_terminal(same_diff(), color=False)
    assert "No differences." in out
    assert "Changes" not in out


def test_width_wraps_with_indentation() -> None:
    out = diff_terminal(sample_diff(), color=False, width=60)
    assert max(len(line) for line in out.splitlines()) <= 60
    wide = diff_terminal(sample_diff(), color=False, width=200)
    assert len(wide.splitlines()) < len(out.splitlines())
    # A version line too long for the width hangs under its own text, not under "old"/"new".
    header = out.split("\n\n")[0].splitlines()
    new_at = next(k for k, line in enumerate(header) if line.startswith("  new  "))
    assert header[new_at + 1].startswith("       ") and header[new_at + 1].strip()


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("render", [diff_terminal, diff_side_by_side])
def test_hostile_text_never_reaches_the_terminal_raw(render, color: bool) -> None:
    out = render(hostile_diff(), color=color, width=120)
    assert "\x1b[2J" not in out
    assert "\x1b]0;" not in out and "\x9b" not in out and "\u202e" not in out
    # The only control sequences left are the styles rich emits itself.
    assert not RAW_CONTROL.search(ANSI.sub("", out))
    # ... and the hostile text is still there, visibly escaped.
    assert "\\x1b[2J" in out
    assert "<script>alert(1)</script>" in out  # literal text in a terminal, harmless
    # rich markup in data is not interpreted (it would swallow "[b]" or style the text).
    assert "[b]bold?[/b]" in ANSI.sub("", out)


def test_side_by_side_columns() -> None:
    out = diff_side_by_side(sample_diff(), color=False, width=110)
    assert max(len(line) for line in out.splitlines()) <= 110
    row = next(line for line in out.splitlines() if "#5  Size of the armed forces" in line)
    assert row.index("#5") < row.index("#4  Size of the armed forces")
    assert "[-600,000-]" in out and "{+800,000+}" in out
    # The old column shows no insertions and the new column no deletions.
    for line in out.splitlines():
        if line.startswith("|") and line.count("|") == 4:
            _, _, left, right, _ = line.split("|")
            assert "{+" not in left and "[-" not in right
    assert "#9 + #10" in out and "#7 + #8" in out
    assert "points 4-7 renumbered -1 (now 3-6)" in out
    assert "\x1b" not in out
    coloured = diff_side_by_side(sample_diff(), color=True, width=110)
    assert ANSI.search(coloured) and "[-600,000-]" not in coloured


def test_hostile_text_stays_inside_the_table() -> None:
    out = diff_side_by_side(hostile_diff(), color=False, width=100)
    assert "[link](javascript:alert(1))" in out
    for line in out.splitlines():
        if line.startswith(("|", "+")):
            assert len(line) == 100


def test_hostile_fixture_is_hostile() -> None:
    assert "\x1b[2J" in HOSTILE


@pytest.mark.parametrize("color", [False, True])
def test_output_depends_only_on_the_arguments(monkeypatch, color: bool) -> None:
    # The caller decides colour and width; the environment must not change a renderer's output.
    d = sample_diff()
    before = diff_terminal(d, color=color, width=90), diff_side_by_side(d, color=color, width=90)
    for name, value in {
        "NO_COLOR": "1",
        "FORCE_COLOR": "1",
        "TERM": "dumb",
        "COLUMNS": "30",
        "LINES": "5",
        "TTY_COMPATIBLE": "1",
        "JUPYTER_COLUMNS": "40",
    }.items():
        monkeypatch.setenv(name, value)
    after = diff_terminal(d, color=color, width=90), diff_side_by_side(d, color=color, width=90)
    assert after == before
