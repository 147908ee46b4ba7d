"""Figures by value through the real CLI and API: `peaceplan diff` on plan files whose figures are
rewritten, moved into options or dated, and `peaceplan figures PLAN` (each figure's timeline)."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import peaceplan
from tests.conftest import PLANS

HEAD = """plan: talks
version: {version}
date: {date}
proposed_by: {by}
based_on: [{based_on}]
points:
"""


def write(folder: Path, version: str, points: str, *, date: str, based_on: str = "") -> Path:
    """A plan file of negotiation `talks` with these points (YAML, indented by two)."""
    path = folder / "talks" / f"{version}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    head = HEAD.format(version=version, date=date, by="Mediator", based_on=based_on)
    path.write_text(head + points, encoding="utf-8")
    return path


def army(cap: str, extra: str = "") -> str:
    return (
        "  - id: army\n"
        '    number: "1"\n'
        "    title: Size of the armed forces\n"
        f"    text: Ukraine's armed forces are capped at {cap} personnel.{extra}\n"
    )


def diff_json(run, plans: Path, old: str, new: str) -> tuple[int, dict]:
    code, out, err = run("diff", old, new, "--format", "json", plans=plans)
    assert code in (0, 1), err
    return code, json.loads(out)


def test_600000_to_600_000_with_a_narrow_no_break_space_is_no_figure_change(run, tmp_path):
    write(tmp_path, "v1", army("600,000"), date="2025-11-20")
    write(tmp_path, "v2", army("600\u202f000"), date="2025-11-21", based_on="v1")
    code, doc = diff_json(run, tmp_path, "v1", "v2")
    (change,) = doc["changes"]
    assert code == 1 and change["kind"] == "modified"  # the text did change (a separator)
    assert change["figures"] == [] and change["dates"] == []
    code, out, _ = run("diff", "v1", "v2", "--color", "never", plans=tmp_path)
    assert "Changed figures" not in out and "000 personnel" not in out.split("Changes")[0]


def test_30_days_to_30_weeks_is_one_figure_change(run, tmp_path):
    write(tmp_path, "v1", army("600,000", " Talks resume within 30 days."), date="2025-11-20")
    write(tmp_path, "v2", army("600,000", " Talks resume within 30 weeks."), date="2025-11-21")
    _, doc = diff_json(run, tmp_path, "v1", "v2")
    assert doc["changes"][0]["figures"] == [{"old": "30 days", "new": "30 weeks"}]
    _, out, _ = run("diff", "v1", "v2", "--color", "never", plans=tmp_path)
    assert "30 days -> 30 weeks" in out


def test_a_figure_in_an_option_is_reported_with_its_party(run, tmp_path):
    write(tmp_path, "v1", army("600,000"), date="2025-11-20")
    options = (
        "\n    options:\n"
        "      - by: Ukraine\n"
        "        text: Ukraine's armed forces stay at 800,000 personnel.\n"
        "      - by: Russia\n"
        "        text: Ukraine's armed forces are capped at 600,000 personnel.\n"
    )
    write(tmp_path, "v2", army("600,000").rstrip("\n") + options, date="2025-11-21")
    _, doc = diff_json(run, tmp_path, "v1", "v2")
    figures = doc["changes"][0]["figures"]
    assert {"old": None, "new": "800,000 personnel", "by": "Ukraine"} in figures
    assert {"old": None, "new": "600,000 personnel", "by": "Russia"} in figures
    _, out, _ = run("diff", "v1", "v2", "--color", "never", plans=tmp_path)
    assert "new: 800,000 personnel (option by Ukraine)" in out
    _, md, _ = run("diff", "v1", "v2", "--format", "markdown", plans=tmp_path)
    assert "(option by Ukraine)" in md.split("#### Changed figures")[1]


def test_a_date_is_listed_under_dates_not_figures(run, tmp_path):
    text = " The ceasefire starts on 20 November 2025 at 10:00 for 30 days."
    write(tmp_path, "v1", army("600,000", text), date="2025-11-20")
    later = text.replace("20 November 2025", "1 January 2026").replace("10:00", "12:00")
    write(tmp_path, "v2", army("600,000", later), date="2025-11-21")
    _, doc = diff_json(run, tmp_path, "v1", "v2")
    change = doc["changes"][0]
    assert change["figures"] == []
    assert change["dates"] == [
        {"old": "20 November 2025", "new": "1 January 2026"},
        {"old": "10:00", "new": "12:00"},
    ]
    _, out, _ = run("diff", "v1", "v2", "--color", "never", plans=tmp_path)
    assert "Changed figures" not in out
    dates = out.split("Changed dates")[1].split("Changes")[0]
    assert "20 November 2025 -> 1 January 2026" in dates and "10:00 -> 12:00" in dates
    for fmt, heading in (("markdown", "#### Changed dates"), ("html", "<h3>Changed dates</h3>")):
        _, page, _ = run("diff", "v1", "v2", "--format", fmt, plans=tmp_path)
        assert heading in page and "Changed figures" not in page


def test_100_billion_dollars_and_100bn_are_the_same_figure(run, tmp_path):
    fund = "  - id: fund\n    text: A reconstruction fund of {} is set up.\n"
    write(tmp_path, "v1", fund.format("$100 billion"), date="2025-11-20")
    write(tmp_path, "v2", fund.format("$100bn"), date="2025-11-21")
    _, doc = diff_json(run, tmp_path, "v1", "v2")
    assert doc["changes"][0]["figures"] == []


# -- peaceplan figures PLAN ------------------------------------------------------------------


def test_figures_follows_the_army_cap_through_the_bundled_drafts(run):
    code, out, err = run("figures", "ukraine-2025")
    assert code == 0 and err == ""
    assert out.startswith("ukraine-2025: ")
    army_line = next(line for line in out.splitlines() if line.startswith("Size of the armed"))
    assert army_line == (
        "Size of the armed forces: 600,000 personnel (us-28) -> 800,000 personnel (e3-counter)"
        " -> 600,000 personnel (geneva-19, from us-28) -> 800,000 personnel (ua-20)"
    )
    # a figure of an option says whose; a dropped one says so
    assert "50/50 (ua-20, option by Ukraine, from us-28)" in out
    assert "Elections: 100 days (us-28) -> dropped (ua-20)" in out


def test_figures_changed_markdown_and_json(run):
    _, every, _ = run("figures", "ukraine-2025")
    _, changed, _ = run("figures", "ukraine-2025", "--changed")
    assert "Frozen Russian assets" in every and "Frozen Russian assets" not in changed  # no change
    assert "Size of the armed forces" in changed

    code, md, _ = run("figures", "ukraine-2025", "--format", "markdown")
    assert code == 0
    assert "| Point | us-28 | e3-counter | geneva-19 | ua-20 |" in md
    assert (
        "| Size of the armed forces | 600,000 personnel | 800,000 personnel | 600,000 personnel"
        " | 800,000 personnel |" in md
    )

    code, out, _ = run("figures", "ukraine-2025", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["format"] == "peaceplan.figures/1"
    assert [v["version"] for v in doc["versions"]] == ["us-28", "e3-counter", "geneva-19", "ua-20"]
    army = next(f for f in doc["figures"] if f["title"] == "Size of the armed forces")
    assert army["changed"] is True
    assert [(s["version"], s["figure"], s["source"], s["changed"]) for s in army["steps"]] == [
        ("us-28", "600,000 personnel", None, False),
        ("e3-counter", "800,000 personnel", "us-28", True),
        ("geneva-19", "600,000 personnel", "us-28", False),
        ("ua-20", "800,000 personnel", "geneva-19", True),
    ]
    assert army["steps"][-1]["label"] == "#4" and army["steps"][-1]["point"] == "armed-forces"


def test_figures_from_python(plans_dir):
    history = peaceplan.figures("ukraine-2025", plans=plans_dir)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        history.plan = "other"  # type: ignore[misc]
    frame = history.to_frame()
    army = frame[frame["title"] == "Size of the armed forces"]
    assert list(army["value"]) == ["600,000 personnel", "800,000 personnel"] * 2
    assert list(army["version"]) == ["us-28", "e3-counter", "geneva-19", "ua-20"]
    assert "800,000 personnel" in history._repr_markdown_()
    assert history.to_json_dict()["plan"] == "ukraine-2025"
    # a version names its negotiation in Python as on the command line (matrix, flow, site too)
    assert peaceplan.figures("us-28", plans=plans_dir) == history


def test_figures_rewritten_across_versions_are_one_unchanged_figure(run, tmp_path):
    write(tmp_path, "v1", army("600,000"), date="2025-11-20")
    write(tmp_path, "v2", army("600\u202f000"), date="2025-11-21", based_on="v1")
    write(tmp_path, "v3", army("six hundred thousand"), date="2025-11-22", based_on="v2")
    _, out, _ = run("figures", "talks", plans=tmp_path)
    assert "Size of the armed forces: 600,000 personnel (v1, v2, v3)\n" in out
    history = peaceplan.figures("talks", plans=tmp_path)
    (army_figure,) = history.timelines
    assert not army_figure.changed
    assert [s.figure for s in army_figure.steps] == [
        "600,000 personnel",
        "600 000 personnel",  # white space in a figure is said as a plain space
        "six hundred thousand personnel",
    ]
    _, changed, _ = run("figures", "talks", "--changed", plans=tmp_path)
    assert "Size of the armed forces" not in changed


def test_figures_of_an_unknown_plan_is_one_line_and_exit_2(run):
    code, out, err = run("figures", "ukrain")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "ukrain: no such plan" in err and "ukraine-2025" in err


def test_figures_of_a_broken_plan_file_is_located_exit_2(run, tmp_path):
    write(tmp_path, "v1", army("600,000") + "  - text: [unclosed\n", date="2025-11-20")
    code, out, err = run("figures", "talks", plans=tmp_path)
    assert code == 2 and out == ""
    assert err.startswith(str(tmp_path / "talks" / "v1.yaml") + ":")


@pytest.mark.parametrize("command", ["figures", "log"])
def test_a_version_names_its_negotiation_as_for_matrix_and_flow(run, command):
    # docs/site.md: a negotiation is named by its folder or any of its versions "as for
    # `peaceplan log` and `peaceplan figures`", which said "us-28: no such plan"
    code, by_version, err = run(command, "us-28")
    assert code == 0, err
    assert by_version == run(command, "ukraine-2025")[1]
    assert run(command, "ukraine-2025/ua-20")[1] == by_version


def test_status_of_a_version_is_its_negotiation_on_that_version(run):
    # `status us-28` said "us-28: no such plan" while log, figures and matrix took it
    code, out, err = run("status", "us-28")
    assert code == 0, err
    assert out.startswith("Positions on ukraine-2025/us-28 ")
    assert out == run("status", "ukraine-2025", "us-28")[1]
    assert out == run("status", "ukraine-2025/us-28")[1]
    assert out != run("status", "ukraine-2025")[1]  # that one is on the newest, ua-20
    report = peaceplan.status("us-28", plans=PLANS)
    assert report.plan == "ukraine-2025" and report.version == "us-28"
    assert run("status", "ukraine-2025/us-28", "us-28")[1] == out  # the same version twice
    assert run("status", "ukraine-2025/us-28", "ukraine-2025/us-28")[1] == out  # qualified too
    assert run("status", "us-28", "ukraine-2025/us-28")[1] == out
    # two different versions: which one was meant? (the second won without a word)
    code, out, err = run("status", "ukraine-2025/us-28", "ua-20")
    assert (code, out) == (2, "")
    assert err == (
        "ukraine-2025/us-28 names version 'us-28' and 'ua-20' is asked for too; give one version\n"
    )


@pytest.mark.parametrize("command", ["status", "matrix", "figures", "log"])
def test_an_unknown_name_suggests_close_plans_and_versions(run, command):
    code, out, err = run(command, "us-29")
    assert code == 2 and out == ""
    hint = "did you mean: us-28, ua-20, minsk-2?"
    assert err == f"us-29: no such plan or version in {PLANS}; {hint}\n"
