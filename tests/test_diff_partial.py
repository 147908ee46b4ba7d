"""Partial versions (`coverage: partial`): a point a partial version does not mention is
`unreported`, never `removed` (unless listed in `dropped`), in the diff, every renderer, log,
status, blame and `log --point`. And the counts every summary gives, points and sub-points apart."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest

import peaceplan
from peaceplan.render.describe import counts_phrase

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "peaceplan.diff-1.schema.json").read_text(encoding="utf-8"))

# Points of us-28 the E3 text was not seen to hold (its header), and the one it deleted.
E3_UNSEEN = ("15", "17", "20", "22", "23", "25", "27")


def _json(run, *args: str) -> tuple[int, dict]:
    code, out, err = run("diff", *args, "--format", "json")
    assert code in (0, 1), err
    return code, json.loads(out)


def _kinds_by_old(data: dict) -> dict[str, str]:
    return {k: c["kind"] for c in data["changes"] for k in c["old"]}


def _flat(text: str) -> str:
    return " ".join(text.split())


# -- the diff ----------------------------------------------------------------------------------


def test_e3_counter_unseen_points_are_unreported_and_point_3_removed(run) -> None:
    code, data = _json(run, "us-28", "e3-counter")
    assert code == 1  # other points really changed
    kinds = _kinds_by_old(data)
    for key in E3_UNSEEN:
        assert kinds[key] == "unreported", key
    assert kinds["3"] == "removed"  # `dropped: ["3"]`
    # Unseen sub-points too, and nothing at all is reported removed but point 3.
    assert kinds["20.a"] == kinds["21.a"] == "unreported"
    assert [k for k, kind in kinds.items() if kind == "removed"] == ["3"]
    # Every point of both versions still in exactly one change.
    old_keys = [k for c in data["changes"] for k in c["old"]]
    new_keys = [k for c in data["changes"] for k in c["new"]]
    assert sorted(old_keys) == sorted(peaceplan.load(ROOT / "plans/ukraine-2025/us-28.yaml").keys())
    assert len(new_keys) == len(set(new_keys)) == data["new"]["points_total"]
    # An unreported point claims nothing: no redline, no figures (the $100 billion of #14).
    for c in data["changes"]:
        if c["kind"] == "unreported":
            assert (c["new"], c["text"], c["figures"], c["similarity"]) == ([], [], [], None)
    assert all(
        "$100 billion" not in (f["old"] or "") for c in data["changes"] for f in c["figures"]
    )
    assert data["summary"]["unreported"] == sum(v == "unreported" for v in kinds.values())
    assert data["format"] == "peaceplan.diff/1"
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_geneva_reports_unreported_points_not_49_removals(run) -> None:
    _, data = _json(run, "us-28", "geneva-19")
    kinds = _kinds_by_old(data)
    assert [k for k, kind in kinds.items() if kind == "removed"] == ["26"]  # the amnesty
    assert data["summary"]["removed"] == 1
    assert data["summary"]["unreported"] == 46
    assert data["counts"]["unreported"] == {"points": 22, "sub_points": 24}
    assert data["counts"]["removed"] == {"points": 1, "sub_points": 0}


def test_terminal_lists_unreported_apart_and_says_why(run) -> None:
    code, out, err = run("diff", "us-28", "e3-counter", "--color", "never")
    assert code == 1, err
    lines = out.splitlines()
    assert "  removed    us-28 #3  No invasion, no NATO expansion  [uncertain]" in lines
    assert "  unreported us-28 #15  Security working group" in lines
    i = lines.index("  unreported us-28 #15  Security working group")
    assert lines[i + 1].strip() == "(not in the partial e3-counter; not reported removed)"
    flat = _flat(out)
    assert "e3-counter is partial: 8 points and 17 sub-points of us-28 not in it" in flat
    assert "unreported (not removed); reported dropped: #3" in flat
    assert "1 point removed, 8 points and 17 sub-points unreported" in flat
    # The unseen points are no "Frozen Russian assets ... dropped" figure either.
    assert "dropped: $100 billion" not in out
    code, only, _ = run("diff", "us-28", "e3-counter", "--only", "unreported", "--color", "never")
    assert code == 1 and "unreported us-28 #27" in only and "removed    " not in only


def test_every_format_shows_unreported_distinctly(run) -> None:
    code, md, _ = run("diff", "us-28", "e3-counter", "--format", "markdown")
    assert code == 1
    assert "| unreported | 15 |   | Security working group |   |" in md
    assert "| removed | 3 |   | No invasion, no NATO expansion \\[uncertain\\] |   |" in md
    assert "_e3-counter is partial: 8 points and 17 sub-points of us-28 not in it" in md
    _, html, _ = run("diff", "us-28", "e3-counter", "--format", "html")
    assert html.count('class="pp-change pp-unreported') == 25
    assert html.count('class="pp-change pp-removed') == 1
    assert "not in the partial e3-counter; not reported removed" in html
    _, sbs, _ = run("diff", "us-28", "e3-counter", "--format", "side-by-side", "--color", "never")
    row = next(ln for ln in sbs.splitlines() if "#15" in ln)
    assert row.startswith("| unreported | #15  Security working group")
    assert "(not in the partial e3-counter; not reported" in row
    # Python: records, frame-ready rows and the notebook display.
    d = peaceplan.diff("us-28", "e3-counter", plans=str(ROOT / "plans"))
    rows = {r["old"]: r["kind"] for r in d.to_records()}
    assert rows["15"] == "unreported" and rows["3"] == "removed"
    assert "pp-unreported" in d._repr_html_()
    assert "| unreported | 27 |" in d._repr_markdown_()


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


BASE = """\
plan: talks
version: v1
title: Talks
points:
  - number: "1"
    text: A ceasefire holds along the whole line of contact.
  - number: "2"
    text: Heavy weapons are withdrawn from the line.
    points:
      - number: a
        text: Artillery moves back fifty kilometres.
  - number: "3"
    text: Prisoners are exchanged all for all.
"""


@pytest.fixture
def talks(tmp_path: Path) -> Path:
    folder = tmp_path / "plans" / "talks"
    _write(folder, "v1", BASE)
    return tmp_path / "plans"


def test_dropped_point_and_its_sub_points_are_removed_the_rest_unreported(run, talks: Path) -> None:
    _write(
        talks / "talks",
        "v2",
        """\
        plan: talks
        version: v2
        based_on: [v1]
        coverage: partial
        dropped: ["2"]
        points:
          - number: "1"
            text: A ceasefire holds along the whole line of contact.
        """,
    )
    code, out, err = run("diff", "v1", "v2", "--format", "json", plans=talks)
    assert code == 1, err  # point 2 was reported dropped: a known difference
    kinds = _kinds_by_old(json.loads(out))
    assert kinds == {"1": "unchanged", "2": "removed", "2.a": "removed", "3": "unreported"}


def test_only_unreported_is_no_known_difference_but_is_listed(run, talks: Path) -> None:
    # A partial old version: a point new in v2 may have been there, unreported.
    text = BASE.replace("title: Talks\n", "title: Talks\ncoverage: partial\n")
    _write(talks / "talks", "v1", text)
    more = text.replace("version: v1", "version: v2") + (
        '  - number: "4"\n    text: Elections follow within a year.\n'
    )
    _write(talks / "talks", "v2", more)
    code, out, err = run("diff", "v1", "v2", "--color", "never", plans=talks)
    assert code == 0, err
    assert "unreported v2 #4" in out
    assert "(not in the partial v1; not reported added)" in out
    assert out.rstrip().endswith("No known differences (1 point unreported).")
    code, out, _ = run("diff", "v1", "v2", "--format", "json", plans=talks)
    data = json.loads(out)
    (change,) = [c for c in data["changes"] if c["new"] == ["4"]]
    assert (change["kind"], change["old"], change["text"]) == ("unreported", [], [])
    assert code == 0 and data["summary"]["added"] == 0
    code, md, _ = run("diff", "v1", "v2", "--format", "markdown", plans=talks)
    assert code == 0 and "No known differences (1 point unreported)." in md


def test_bad_input(run, talks: Path) -> None:
    code, out, err = run("diff", "v1", "v1", "--only", "unreportd", plans=talks)
    assert code == 2 and out == "" and "unknown kind unreportd" in err
    bad = BASE.replace("title: Talks\n", "title: Talks\ncoverage: sometimes\n")
    path = _write(talks / "talks", "v2", bad.replace("version: v1", "version: v2"))
    code, out, err = run("diff", "v1", str(path), plans=talks)
    assert code == 2 and out == ""
    assert f"{path}:4:" in err and "coverage" in err and "Traceback" not in err


# -- complete versions: as before, plus the counts ---------------------------------------------


@pytest.mark.parametrize("old,new", [("us-28", "ua-20"), ("minsk-1", "minsk-2")])
def test_complete_diffs_are_unchanged_but_for_the_counts(run, old: str, new: str) -> None:
    _, data = _json(run, old, new)
    assert list(data) == [
        "format",
        "old",
        "new",
        "summary",
        "changes",
        "renumbered_runs",
        "budget_exhausted",
        "counts",
        "metadata",
    ]
    assert list(data["summary"]) == [
        "unchanged",
        "modified",
        "added",
        "removed",
        "split",
        "merged",
        "moved",
    ]
    assert all(c["kind"] != "unreported" for c in data["changes"])
    assert data["counts"]["unreported"] == {"points": 0, "sub_points": 0}
    for kind, n in data["summary"].items():
        assert sum(data["counts"][kind].values()) == n


def test_counts_are_one_figure_everywhere(run) -> None:
    """us-28 -> ua-20: "10 points and 18 sub-points removed" in the header, JSON and notebook."""
    _, data = _json(run, "us-28", "ua-20")
    assert data["counts"]["removed"] == {"points": 10, "sub_points": 18}
    phrase = "10 points and 18 sub-points removed"
    _, out, _ = run("diff", "us-28", "ua-20", "--color", "never")
    assert phrase in _flat(out)
    _, md, _ = run("diff", "us-28", "ua-20", "--format", "markdown")
    assert phrase in md
    d = peaceplan.diff("us-28", "ua-20", plans=str(ROOT / "plans"))
    assert d.counts() == data["counts"]
    assert phrase in counts_phrase(d) and phrase in d._repr_html_()
    frame = d.to_frame()
    removed = frame[frame["kind"] == "removed"]
    assert ((removed["depth"] == 0).sum(), (removed["depth"] > 0).sum()) == (10, 18)
    # Singular and sub-points alone.
    assert "1 point moved" in counts_phrase(d)


def test_log_counts_sub_points_apart_and_marks_partial_versions(run) -> None:
    code, out, err = run("log", "ukraine-2025")
    assert code == 0, err
    head, *rows = out.splitlines()
    assert head.split()[4:6] == ["points", "sub-points"] and "coverage" in head.split()
    row = {r.split()[0]: r.split() for r in rows}
    assert row["us-28"][-6:] == ["28", "24", "-", "0", "complete", "-"]
    assert row["e3-counter"][-6:] == ["20", "3", "-", "0", "partial", "us-28"]
    assert row["geneva-19"][-6:] == ["5", "0", "-", "2", "partial", "us-28"]
    assert row["ua-20"][-4:] == ["points)", "2", "complete", "geneva-19"]
    code, out, _ = run("log", "ukraine-2025", "--format", "json")
    entries = {e["version"]: e for e in json.loads(out)}
    assert (entries["us-28"]["points"], entries["us-28"]["sub_points"]) == (28, 24)
    assert entries["e3-counter"]["coverage"] == "partial"
    assert entries["e3-counter"]["dropped"] == ["3"]
    code, out, _ = run("log", "minsk")
    assert "coverage" not in out  # no partial version, no column


# -- status, blame, log --point ----------------------------------------------------------------


def test_status_counts_unreported_apart(run) -> None:
    code, out, err = run("status", "ukraine-2025", "--format", "json")
    assert code == 0, err
    rows = {r["version"]: r for r in json.loads(out)["convergence"]}
    e3 = rows["e3-counter"]
    assert (e3["coverage"], e3["compared_with"]) == ("partial", "us-28")
    assert (e3["unreported"], e3["unreported_sub_points"], e3["dropped"]) == (8, 17, 1)
    assert (rows["geneva-19"]["unreported"], rows["geneva-19"]["unreported_sub_points"]) == (22, 24)
    assert rows["ua-20"]["coverage"] == "complete" and rows["ua-20"]["unreported"] == 0
    assert rows["us-28"]["sub_points"] == 24
    code, out, _ = run("status", "ukraine-2025")
    assert (
        "e3-counter: partial; 8 points and 17 sub-points of us-28 not reported"
        " (unknown, not removed); 1 reported dropped"
    ) in out.splitlines()
    _, out, _ = run("status", "ukraine-2025", "--format", "markdown")
    assert "- geneva-19: partial; 22 points and 24 sub-points of us-28 not reported" in out


def test_blame_does_not_credit_a_later_version_for_a_point_a_partial_one_lacks(run) -> None:
    code, out, err = run("blame", "ua-20")
    assert code == 0, err
    lines = {ln.split()[0]: ln for ln in out.splitlines()[1:]}
    # Non-nuclear (us-28 #18 -> ua-20 #11): the Geneva reconstruction does not report it, and
    # the wording is still the US one, not ua-20's.
    assert lines["#11"].split()[1] == "us-28"
    assert lines["#11"].endswith("ua-20 #11 (not reported in geneva-19) <- us-28 #18")
    code, out, _ = run("blame", "ua-20", "--format", "json")
    points = {p["number"]: p for p in json.loads(out)["points"]}
    assert points["11"]["not_reported_in"] == ["geneva-19"]
    assert points["4"]["not_reported_in"] == []  # in geneva-19 as armed-forces


def test_blame_says_not_in_for_a_complete_or_dropping_version(run, talks: Path) -> None:
    for name, extra in (("v2", ""), ("v2", 'coverage: partial\ndropped: ["3"]\n')):
        _write(
            talks / "talks",
            name,
            f"plan: talks\nversion: v2\nbased_on: [v1]\n{extra}points:\n"
            '  - number: "1"\n    text: A ceasefire holds along the whole line of contact.\n',
        )
        v3 = BASE.replace("version: v1", "version: v3\nbased_on: [v2]")
        _write(talks / "talks", "v3", v3)
        code, out, err = run("blame", "v3", plans=talks)
        assert code == 0, err
        line = next(ln for ln in out.splitlines() if ln.startswith("#3 "))
        assert line.endswith("v3 #3 (not in v2) <- v1 #3")
        assert line.split()[1] == "v1"  # the wording is still v1's


def test_log_point_says_unreported_not_absent_in_a_partial_version(run) -> None:
    def changes(point: str) -> dict[str, str]:
        code, out, err = run("log", "ukraine-2025", "--point", point, "--format", "json")
        assert code == 0, err
        return {v["version"]: v["change"] for v in json.loads(out)["versions"]}

    assert changes("us-28:15") == {
        "us-28": "origin",
        "e3-counter": "unreported",
        "geneva-19": "unreported",
        "ua-20": "absent",
    }
    three = changes("us-28:3")
    assert (three["e3-counter"], three["geneva-19"]) == ("absent", "unreported")
    amnesty = changes("us-28:26")
    # The E3 replaced the amnesty by a point on victims (their #26).
    assert (amnesty["e3-counter"], amnesty["geneva-19"]) == ("modified", "absent")
    code, out, _ = run("log", "ukraine-2025", "--point", "us-28:15")
    row = next(ln for ln in out.splitlines() if ln.split()[0] == "e3-counter")
    assert row.split()[2:4] == ["-", "unreported"]


# -- review ------------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_review_of_a_new_partial_version_counts_and_lists_unreported(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "plans", repo / "plans")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "analyst@example.org")
    _git(repo, "config", "user.name", "Analyst")
    _git(repo, "config", "commit.gpgsign", "false")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "plans")
    e3 = (repo / "plans/ukraine-2025/e3-counter.yaml").read_text(encoding="utf-8")
    copy = e3.replace("version: e3-counter", "version: e3-copy")
    (repo / "plans/ukraine-2025/e3-copy.yaml").write_text(copy, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "a second reading of the E3 text")
    out = subprocess.run(
        [sys.executable, "-m", "peaceplan", "review", "HEAD~1", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "PEACEPLAN_PLANS": ""},
    )
    assert out.returncode == 1, out.stderr
    report = out.stdout
    head = next(ln for ln in report.splitlines() if ln.startswith("| file |"))
    assert "| removed | unreported | added |" in head
    row = next(ln for ln in report.splitlines() if "e3-copy.yaml" in ln and ln.startswith("| ["))
    assert "| 1 | 25 |" in row  # 1 removed (point 3), 25 unreported
    assert "e3-copy is partial: 8 points and 17 sub-points of us-28 not in it" in report
    i = report.index("<summary>#15 Security working group · unreported</summary>")
    assert (
        "- not in the partial e3-copy; not reported removed"
        in report[i : report.index("</details>", i)]
    )
