"""Positions and convergence: `peaceplan status` (the points x parties matrix and the figures per
version), the same as records and DataFrames in Python, and the convergence chart."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from notekit import write_talks

from peaceplan.notes import add_note, carry_notes, convergence, plot_convergence, status

D = dt.date


@pytest.fixture
def talks(tmp_path: Path) -> Path:
    plans = write_talks(tmp_path)
    add_note("v3", "2", party="Alpha", stance="accepts", date=D(2025, 3, 2), plans=plans)
    add_note("v3", "2", party="Beta", stance="accepts", date=D(2025, 3, 2), plans=plans)
    add_note("v3", "3", party="Beta", stance="rejects", date=D(2025, 3, 2), plans=plans)
    add_note("v3", "3", party="Alpha", stance="reserves", date=D(2025, 3, 3), plans=plans)
    add_note("v2", "2", party="Alpha", stance="proposes", date=D(2025, 2, 1), plans=plans)
    add_note("v2", "2", party="Beta", stance="accepts", date=D(2025, 2, 3), plans=plans)
    add_note("v2", "4", party="Beta", stance="rejects", date=D(2025, 2, 3), plans=plans)
    return plans


def test_status_table_positions_and_convergence(run, talks: Path) -> None:
    code, out, err = run("status", "talks", plans=talks)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Positions on talks/v3 (latest stance of each party)"
    assert lines[1].split() == ["point", "Alpha", "Beta", "title"]
    assert lines[2].split() == ["#2", "accepts", "accepts"]
    assert lines[3].split() == ["#3", "reserves", "rejects"]
    assert lines[4].split() == ["#5", "[", "]", "-", "-"]  # bracketed, no positions yet
    assert "[ ] bracketed: alternative wordings still open" in lines
    conv = lines[lines.index("Convergence of talks") + 1 :]
    head = ["version", "date", "points", "sub-points", "bracketed", "options"]
    assert conv[0].split()[:6] == head
    assert conv[1].split()[:9] == ["v1", "2025-01-10", "6", "0", "0", "0", "0", "0", "0"]
    assert conv[2].split()[:9] == ["v2", "2025-02-01", "5", "0", "0", "0", "2", "1", "1"]
    assert conv[3].split()[:9] == ["v3", "2025-03-01", "5", "0", "1", "2", "2", "1", "1"]


def test_latest_position_wins(run, talks: Path) -> None:
    add_note("v3", "3", party="Beta", stance="accepts", date=D(2025, 3, 9), plans=talks)
    add_note("v3", "3", party="Beta", stance="rejects", date=D(2025, 3, 1), plans=talks)  # older
    report = status("talks", plans=talks)
    row = {r.key: r for r in report.positions}["3"]
    assert [s.stance for s in row.stances] == ["reserves", "accepts"]
    assert report.convergence[-1].rejected == 0


def test_an_older_version_and_plan_slash_version(run, talks: Path) -> None:
    code, out, _ = run("status", "talks/v2", plans=talks)
    assert out.splitlines()[0] == "Positions on talks/v2 (latest stance of each party)"
    assert out.splitlines()[2].split() == ["#2", "proposes", "accepts"]
    assert out.splitlines()[3].split() == ["#4", "-", "rejects"]
    code, out2, _ = run("status", "talks", "v2", plans=talks)
    assert out2 == out
    code, _, err = run("status", "talks", "v7", plans=talks)
    assert code == 2 and "talks: no version 'v7'" in err


def test_every_point_and_markdown(run, talks: Path) -> None:
    code, out, _ = run("status", "talks", "--all", plans=talks)
    assert [ln.split()[0] for ln in out.splitlines()[2:7]] == ["#1", "#2", "#3", "#4", "#5"]
    code, out, _ = run("status", "talks", "--format", "markdown", plans=talks)
    assert "## Positions on talks/v3" in out
    assert "| Point | Title | Alpha | Beta |" in out
    assert "| v3 | 2025-03-01 | 5 | 0 | 1 | 2 | 2 | 1 | 1 | Alpha and Beta |" in out


def test_json_and_records(run, talks: Path) -> None:
    code, out, _ = run("status", "talks", "--format", "json", plans=talks)
    data = json.loads(out)
    assert data["format"] == "peaceplan.status/1"
    assert data["parties"] == ["Alpha", "Beta"]
    two = data["positions"][0]
    assert two["point"] == "2" and two["agreed_by_all"] is True
    assert two["stances"]["Beta"]["stance"] == "accepts"
    assert two["stances"]["Beta"]["date"] == "2025-03-02"
    assert [c["agreed"] for c in data["convergence"]] == [0, 1, 1]

    report = status("talks", plans=talks)
    rows = report.to_records("positions")
    assert rows[0] == {
        "point": "2", "number": "2", "title": None, "bracketed": False,
        "Alpha": "accepts", "Beta": "accepts", "agreed_by_all": True,
    }  # fmt: skip
    assert [c.version for c in convergence("talks", plans=talks)] == ["v1", "v2", "v3"]
    frame = report.to_frame("convergence")
    assert frame["bracketed"].tolist() == [0, 0, 1]
    assert report.to_frame("positions")["Beta"].fillna("-").tolist() == ["accepts", "rejects", "-"]
    with pytest.raises(ValueError, match="'convergence' or 'positions'"):
        report.to_records("everything")


def test_bracketed_point_is_never_agreed(talks: Path) -> None:
    add_note("v3", "5", party="Alpha", stance="accepts", plans=talks)
    add_note("v3", "5", party="Beta", stance="accepts", plans=talks)
    report = status("talks", plans=talks)
    row = {r.key: r for r in report.positions}["5"]
    assert row.bracketed and row.options == 2 and not row.agreed_by_all()
    assert report.convergence[-1].agreed == 1


def test_carried_position_on_changed_wording_is_shown_stale(run, talks: Path) -> None:
    add_note(
        "v2", "1", party="Beta", stance="accepts", quote="within thirty days",
        date=D(2025, 2, 2), plans=talks,
    )  # fmt: skip
    assert status("talks", plans=talks).convergence[-1].positions == 2
    carry_notes("v2", "v3", plans=talks)  # thirty -> sixty days: changed
    code, out, _ = run("status", "talks", plans=talks)
    line = next(ln for ln in out.splitlines() if ln.startswith("#1 "))
    assert line.split()[:3] == ["#1", "-", "accepts?"]
    assert "? carried onto changed wording: shown, not counted" in out
    report = status("talks", plans=talks)
    # v2's positions on #2 and #4 came along unchanged and count; #1's stale one does not.
    assert report.convergence[-1].positions == 3
    assert {r.key for r in report.positions} == {"1", "2", "3", "4", "5"}
    four = {r.key: r for r in report.positions}["4"]
    assert [s and s.stance for s in four.stances] == [None, "rejects"]


def test_no_positions(run, tmp_path: Path) -> None:
    plans = write_talks(tmp_path)
    code, out, _ = run("status", "talks", "v2", plans=plans)
    assert code == 0
    assert "no positions recorded" in out


def test_plot_convergence(talks: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    ax = plot_convergence("talks", plans=talks)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["v1", "v2", "v3"]
    lines = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
    assert lines["bracketed points"] == [0, 0, 1]
    assert lines["points all parties accept"] == [0, 1, 1]
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


def test_package_side_documents_are_counted_apart(run, plans_dir: Path) -> None:
    rows = {c.version: c for c in convergence("ukraine-2025", plans=plans_dir)}
    ua = rows["ua-20"]
    assert (ua.points, ua.side_points, ua.side_documents) == (20, 4, 3)
    assert (rows["us-28"].points, rows["us-28"].side_documents) == (28, 0)
    code, out, _ = run("status", "ukraine-2025", plans=plans_dir)
    assert "ua-20: 20 points, and 4 more in 3 side documents" in out.splitlines()
