"""Lineage: `peaceplan blame` (who introduced each point's wording, ancestry through splits and
merges) and `peaceplan log PLAN --point KEY` (one point through every version)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from notekit import V3, write_talks

import peaceplan
from peaceplan.errors import ResolveError
from peaceplan.notes import blame, follow_point
from tests.conftest import PLANS


@pytest.fixture
def talks(tmp_path: Path) -> Path:
    return write_talks(tmp_path)


def test_blame_through_moves_splits_and_merges(run, talks: Path) -> None:
    code, out, err = run("blame", "v3", plans=talks)
    assert code == 0, err
    rows = [line.split(None, 3) for line in out.splitlines()]
    assert out.splitlines()[0].split() == ["point", "wording", "from", "proposed", "by", "ancestry"]
    by_point = {r[0]: r for r in rows[1:]}
    # #1 changed a figure in v3: its wording is v3's; it moved up from v1 #3.
    assert out.splitlines()[1].startswith("#1     v3            Alpha and Beta")
    assert out.splitlines()[1].endswith("v3 #1 <- v2 #1 <- v1 #3")
    # #2 is v1 #1 word for word: Alpha's wording.
    assert by_point["#2"][1] == "v1"
    assert out.splitlines()[2].endswith("v3 #2 <- v2 #2 <- v1 #1")
    # #3 and #4 were split out of v1 #2 in v2.
    assert out.splitlines()[3].endswith("v3 #3 <- v2 #3 <- v1 #2")
    assert out.splitlines()[4].endswith("v3 #4 <- v2 #4 <- v1 #2")
    assert by_point["#3"][1] == "v2"
    # #5 merges v1 #4 and #6.
    assert out.splitlines()[5].endswith("v3 #5 <- v2 #5 <- v1 #4 + #6")


def test_blame_from_python_and_json(run, talks: Path) -> None:
    result = blame("v2", plans=talks)
    lines = {line.key: line for line in result.lines}
    assert lines["1"].introduced_in == "v1" and lines["1"].inherited
    assert lines["1"].proposed_by == "Alpha"
    assert lines["5"].introduced_in == "v2" and not lines["5"].inherited
    assert lines["5"].generations() == [(("v2", "#5"),), (("v1", "#4"), ("v1", "#6"))]
    code, out, _ = run("blame", "v2", "--format", "json", plans=talks)
    data = json.loads(out)
    assert data["format"] == "peaceplan.blame/1"
    rec = {p["point"]: p for p in data["points"]}
    assert rec["3"]["chain"] == "v2 #3 <- v1 #2"
    assert rec["3"]["ancestry"] == [
        [{"version": "v2", "point": "#3"}],
        [{"version": "v1", "point": "#2"}],
    ]
    assert result.to_frame()["introduced_in"].tolist() == ["v1", "v1", "v2", "v2", "v2"]


def test_blame_through_a_merge_of_two_versions(run, talks: Path) -> None:
    folder = talks / "talks"
    alt = (folder / "v2.yaml").read_text().replace("version: v2", "version: alt")
    alt = alt.replace("based_on: [v1]", "based_on: [v2]").replace(
        "proposed_by: Beta", "proposed_by: Gamma"
    )
    alt += '  - number: "6"\n    text: A joint commission meets every month to review progress.\n'
    (folder / "alt.yaml").write_text(alt)
    v4 = V3.replace("version: v3", "version: v4").replace("based_on: [v2]", "based_on: [v3, alt]")
    v4 += '  - number: "6"\n    text: A joint commission meets every month to review progress.\n'
    (folder / "v4.yaml").write_text(v4)
    code, out, err = run("blame", "v4", plans=talks)
    assert code == 0, err
    last = out.splitlines()[-1]
    assert last.split()[:3] == ["#6", "alt", "Gamma"]
    assert last.endswith("v4 #6 <- alt #6")
    first = out.splitlines()[1]
    assert first.split()[1] == "v3"  # the changed figure came from v3, not alt
    assert first.endswith("v4 #1 <- v3 #1 <- v2 #1 <- v1 #3")


def test_blame_skips_a_partial_version_that_lacks_the_point(run, plans_dir: Path) -> None:
    code, out, err = run("blame", "ua-20", plans=plans_dir)
    assert code == 0, err
    lines = {ln.split()[0]: ln for ln in out.splitlines()[1:]}
    assert lines["#4"].endswith("ua-20 #4 <- geneva-19 armed-forces <- us-28 #6")
    # us-28 #19 (the nuclear plant) is not reported in the partial Geneva reconstruction.
    assert lines["#12"].endswith("ua-20 #12 (not reported in geneva-19) <- us-28 #19")
    assert lines["#11"].split()[1:3] == ["us-28", "United"]  # non-nuclear: wording unchanged


def test_log_point_follows_a_split(run, talks: Path) -> None:
    code, out, err = run("log", "talks", "--point", "v1:2", plans=talks)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "talks: point 2 of v1 (*) in every version"
    assert lines[2].split()[:5] == ["*", "v1", "2025-01-10", "#2", "origin"]
    assert lines[3].split()[:6] == ["v2", "2025-02-01", "#3", "+", "#4", "split"]
    assert lines[4].split()[:6] == ["v3", "2025-03-01", "#3", "+", "#4", "same"]


def test_log_point_merge_dropped_and_json(run, talks: Path) -> None:
    code, out, _ = run("log", "talks", "--point", "5", "--format", "json", plans=talks)
    data = json.loads(out)
    assert data["format"] == "peaceplan.trace/1"
    assert (data["version"], data["point"]) == ("v3", "5")  # the newest version holding "5"
    steps = {s["version"]: s for s in data["versions"]}
    assert steps["v1"]["points"] == ["4", "6"] and steps["v1"]["change"] == "origin"
    assert steps["v2"]["change"] == "merged"
    assert steps["v3"]["change"] == "modified" and steps["v3"]["start"]
    trace = follow_point("talks", "v1:5", plans=talks)
    assert [(s.version, s.change, s.keys) for s in trace.steps] == [
        ("v1", "origin", ("5",)),
        ("v2", "absent", ()),
        ("v3", "absent", ()),
    ]


def test_log_point_unknown(run, talks: Path) -> None:
    code, _, err = run("log", "talks", "--point", "nowhere", plans=talks)
    assert code == 2
    assert "talks: no version has a point 'nowhere' (try VERSION:KEY)" in err
    with pytest.raises(ResolveError):
        follow_point("talks", "v1:99", plans=talks)


def test_log_point_on_the_real_drafts(run, plans_dir: Path) -> None:
    code, out, err = run("log", "ukraine-2025", "--point", "armed-forces", plans=plans_dir)
    assert code == 0, err
    rows = {
        ln.split()[1] if ln.startswith("*") else ln.split()[0]: ln for ln in out.splitlines()[2:]
    }
    assert "600,000" in rows["us-28"] and "origin" in rows["us-28"]
    assert "800,000" in rows["e3-counter"] and "modified" in rows["e3-counter"]
    assert rows["ua-20"].startswith("*") and "#4" in rows["ua-20"] and "800,000" in rows["ua-20"]


def test_log_counts_side_documents_apart(run, plans_dir: Path) -> None:
    code, out, err = run("log", "ukraine-2025", plans=plans_dir)
    assert code == 0, err
    lines = out.splitlines()
    head = ["version", "date", "proposed", "by", "points", "sub-points", "side"]
    assert lines[0].split()[:7] == head
    ua = next(ln for ln in lines if ln.startswith("ua-20 "))
    assert "  20           3  3 (4 points)  " in ua
    us = next(ln for ln in lines if ln.startswith("us-28 "))
    assert "  28          24  -  " in us
    code, out, _ = run("log", "ukraine-2025", "--format", "json", plans=plans_dir)
    entry = {e["version"]: e for e in json.loads(out)}["ua-20"]
    assert entry["points"] == 20
    assert [(d["id"], d["points"]) for d in entry["side_documents"]] == [
        ("trilateral-guarantees", 1),
        ("bilateral-guarantees", 2),
        ("prosperity-roadmap", 1),
    ]
    code, out, _ = run("log", "minsk", plans=plans_dir)
    assert "side documents" not in out  # no packages, no column


def test_log_from_python_is_the_commands_table(plans_dir: Path) -> None:
    # every CLI feature is callable from Python: peaceplan.log is `peaceplan log`
    log = peaceplan.log("ukraine-2025", plans=plans_dir)
    assert [e.version for e in log] == ["us-28", "e3-counter", "geneva-19", "ua-20"]
    assert log.problems == () and repr(log).endswith("(us-28, e3-counter, geneva-19, ua-20)>")
    from peaceplan.render.log import log_json

    assert log.to_records() == json.loads(log_json(log))
    frame = log.to_frame()
    assert list(frame["coverage"]) == ["complete", "partial", "partial", "complete"]
    assert "<caption>Versions of ukraine-2025</caption>" in log._repr_html_()
    with pytest.raises(peaceplan.ResolveError, match="no such plan or version"):
        peaceplan.log("ukraine-2052", plans=plans_dir)


def test_blame_of_a_draft_in_a_folder_outside_any_plans_folder(run, tmp_path: Path) -> None:
    # minsk/draft.yaml (version minsk-3) beside minsk-1.yaml, no plans folder: blame reads its
    # neighbours as its negotiation. Refusing a file not named as its version (meant for the
    # plans folder) refused the very draft named on the command line, which blame had read.
    loose, empty = tmp_path / "loose" / "minsk", tmp_path / "empty"
    loose.mkdir(parents=True)
    empty.mkdir()
    (loose / "minsk-1.yaml").write_text((PLANS / "minsk" / "minsk-1.yaml").read_text())
    draft = (PLANS / "minsk" / "minsk-2.yaml").read_text().replace("minsk-2", "minsk-3")
    (loose / "draft.yaml").write_text(draft)
    code, out, err = run("blame", str(loose / "draft.yaml"), plans=empty)
    assert code == 0, err
    assert out.splitlines()[1].endswith("minsk-3 #1 <- minsk-1 #1")
    assert blame(loose / "draft.yaml", plans=empty).problems == ()
    # a neighbour saved under another version's name is still refused, located
    (loose / "copy.yaml").write_text((loose / "minsk-1.yaml").read_text())
    code, _, err = run("blame", str(loose / "draft.yaml"), plans=empty)
    assert code == 2 and err.startswith(f"{loose / 'copy.yaml'}:8:10: version is 'minsk-1'")
