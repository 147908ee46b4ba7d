"""`peaceplan matrix` and `peaceplan flow` on the bundled plans: each point against each version."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest

import peaceplan
from peaceplan.negotiation.matrix import CHANGES, short_text
from tests.conftest import PLANS

SVG = "{http://www.w3.org/2000/svg}"


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` with `new` in a plan file, which must hold it (else the test tests nothing)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer holds {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def ukraine():
    return peaceplan.matrix("ukraine-2025", plans=Path(__file__).parent.parent / "plans")


def test_json_has_the_versions_as_columns_and_the_armed_forces_row(run) -> None:
    code, out, _ = run("matrix", "ukraine-2025", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "peaceplan.matrix/1" and "schema" not in data
    assert [v["version"] for v in data["versions"]] == ["us-28", "e3-counter", "geneva-19", "ua-20"]
    army = next(r for r in data["rows"] if r["key"] == "armed-forces")
    assert army["id"] == "us-28:armed-forces"
    assert army["cells"]["us-28"]["numbers"] == ["6"]
    assert army["cells"]["us-28"]["change"] == "origin"
    assert army["cells"]["us-28"]["figures"] == ["600,000 personnel"]
    assert army["cells"]["ua-20"]["numbers"] == ["4"]
    assert army["cells"]["ua-20"]["change"] == "modified"
    assert army["cells"]["ua-20"]["figures"] == ["800,000 personnel"]
    assert army["cells"]["ua-20"]["source"] == "geneva-19"


def test_a_version_name_means_its_negotiation(run) -> None:
    by_version = run("matrix", "us-28", "--format", "json")
    by_plan = run("matrix", "ukraine-2025", "--format", "json")
    assert by_version[0] == by_plan[0] == 0 and by_plan[1]  # two failures would also be equal
    assert by_version[1] == by_plan[1]


def test_every_point_of_every_version_is_in_exactly_one_row(ukraine) -> None:
    for plan in peaceplan.Library.open(Path(__file__).parent.parent / "plans").load_plan(
        "ukraine-2025"
    ):
        keys = [k for r in ukraine.rows for k in r.cell(plan.version).keys]
        assert sorted(keys) == sorted(plan.keys()), plan.version


def test_changes_are_the_diff_kinds(ukraine) -> None:
    seen = {c.change for r in ukraine.rows for c in r.cells} - {None}
    assert seen <= set(CHANGES)
    # partial versions do not report most points; a complete one removes them
    assert ukraine.counts()["geneva-19"]["unreported"] > 20
    assert ukraine.counts()["ua-20"]["removed"] > 0
    assert "unreported" not in ukraine.counts()["ua-20"]
    # us-28 #7 and #8 merged into geneva-19's NATO point: one row, two numbers
    nato = ukraine.row("nato-membership")
    assert nato.cell("us-28").labels == ("#7", "#8")
    assert nato.cell("geneva-19").change == "merged"


def test_absent_cells_say_where_the_point_was_last(ukraine) -> None:
    dialogue = ukraine.row("us-28:4")
    assert dialogue.changes == ("origin", "modified", "unreported", "removed")
    assert dialogue.cell("ua-20").source == "us-28"  # geneva-19 did not report it


def test_frozen_with_frame_and_html(ukraine) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ukraine.plan = "x"  # type: ignore[misc]
    html = ukraine._repr_html_()
    assert "<table" in html and "Size of the armed forces" in html
    pandas = pytest.importorskip("pandas")
    df = ukraine.to_frame()
    assert isinstance(df, pandas.DataFrame)
    grid = df.pivot(index="row", columns="version", values="change")
    assert grid.loc["us-28:armed-forces", "ua-20"] == "modified"


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "csv"])
def test_every_format_names_the_points(run, fmt: str) -> None:
    code, out, _ = run("matrix", "ukraine-2025", "--format", fmt)
    assert code == 0
    assert "Size of the armed forces" in out
    assert "800,000" in out


def test_csv_is_one_row_per_point(run, ukraine) -> None:
    rows = list(csv.reader(io.StringIO(run("matrix", "ukraine-2025", "--format", "csv")[1])))
    assert rows[0] == [
        "row",
        "title",
        "depth",
        "us-28",
        "e3-counter",
        "geneva-19",
        "ua-20",
        "figures",
    ]
    assert len(rows) == len(ukraine.rows) + 1


def test_csv_cells_never_start_a_formula(run, scratch_plans: Path) -> None:
    # A spreadsheet runs a cell starting with = + - @, and also one starting with a tab: the
    # tab slipped through, so a title "\t=HYPERLINK(...)" became a live link in Excel
    ua20 = scratch_plans / "ukraine-2025" / "ua-20.yaml"  # the row takes the newest title
    edit(ua20, "title: Sovereignty\n", 'title: "\\t=HYPERLINK(\\"http://x\\")"\n')
    code, out, err = run("matrix", "us-28", "--format", "csv", plans=scratch_plans)
    assert code == 0, err
    titles = [row[1] for row in csv.reader(io.StringIO(out))]
    assert '\'\t=HYPERLINK("http://x")' in titles
    assert not any(t[:1] in ("=", "+", "-", "@", "\t", "\r") for t in titles)


@pytest.mark.parametrize("command", ["matrix", "flow"])
def test_unknown_plan_is_one_line_exit_2(run, command: str) -> None:
    code, out, err = run(command, "ukrane-2025")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "ukraine-2025" in err  # the close match
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["matrix", "flow", "figures", "status"])
def test_a_version_name_of_two_negotiations_is_ambiguous_not_unknown(
    run, command: str, scratch_plans: Path
) -> None:
    # minsk gets a version named like one of ukraine-2025's: the name is ambiguous, and the
    # message must say so (it used to say "us-28: no such plan").
    text = (scratch_plans / "minsk" / "minsk-2.yaml").read_text(encoding="utf-8")
    assert "version: minsk-2\n" in text
    (scratch_plans / "minsk" / "us-28.yaml").write_text(
        text.replace("version: minsk-2\n", "version: us-28\n"), encoding="utf-8"
    )
    code, out, err = run(command, "us-28", plans=scratch_plans)
    assert code == 2 and out == ""
    assert "ambiguous" in err and "minsk/us-28" in err and "ukraine-2025/us-28" in err
    assert "no such plan" not in err


def test_short_text_cuts_at_a_word() -> None:
    assert short_text("a  b\nc") == "a b c"
    cut = short_text("word " * 40, 20)
    assert len(cut) <= 20 and cut.endswith("…") and not cut.endswith(" …")


def test_flow_svg_is_xml_with_28_and_20_points(run, tmp_path: Path) -> None:
    out = tmp_path / "flow.svg"
    code, _, _ = run("flow", "ukraine-2025", "-o", str(out))
    assert code == 0
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "pp-node"]

    def main(version: str) -> int:
        return sum(1 for g in nodes if g.get("data-version") == version and not g.get("data-side"))

    assert main("us-28") == 28
    assert main("ua-20") == 20
    columns = {
        g.get("data-version"): g.get("data-points")
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "pp-version"
    }
    assert columns["us-28"] == "28" and columns["ua-20"] == "20"
    # every box and curve has a hover title
    assert all(g.find(f"{SVG}title") is not None for g in nodes)
    edges = [p for p in root.iter(f"{SVG}path") if p.get("class") == "pp-edge"]
    assert edges and all(p.find(f"{SVG}title") is not None for p in edges)
    army = next(
        g for g in nodes if g.get("data-key") == "armed-forces" and g.get("data-version") == "ua-20"
    )
    assert "800,000" in army.find(f"{SVG}title").text


def test_flow_escapes_hostile_text(tmp_path: Path) -> None:
    plans = tmp_path / "plans" / "evil"
    plans.mkdir(parents=True)
    (plans / "a.yaml").write_text(
        "plan: evil\nversion: a\npoints:\n"
        "  - number: '1'\n    title: '<script>alert(1)</script> & \"x\"'\n    text: 'A ]]> <b>'\n",
        encoding="utf-8",
    )
    (plans / "b.yaml").write_text(
        "plan: evil\nversion: b\nbased_on: [a]\npoints:\n"
        "  - number: '1'\n    title: '<script>alert(1)</script> & \"x\"'\n"
        "    text: 'A ]]> <b> more'\n",
        encoding="utf-8",
    )
    from peaceplan.render.flow import flow_svg

    svg = flow_svg(peaceplan.flow("evil", plans=tmp_path / "plans"))
    root = ET.fromstring(svg)
    assert "<script>" not in svg and root.find(f"{SVG}script") is None
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}title"))
    assert "<script>alert(1)</script>" in texts  # shown as text, not markup


def test_flow_json_and_minsk(run) -> None:
    code, out, _ = run("flow", "minsk", "--format", "json")
    # tagged as the matrix's and the diff's JSON are, for readers to check what they got
    assert json.loads(out)["format"] == "peaceplan.flow/1"
    assert code == 0
    data = json.loads(out)
    assert {n["version"] for n in data["nodes"]} == {"minsk-1", "minsk-2"}
    assert data["edges"]


def test_repr_is_one_short_line(ukraine) -> None:
    # repr() used to dump every row and cell (40,000 characters for ukraine-2025) into the REPL
    f = peaceplan.flow("ukraine-2025", plans=Path(__file__).parent.parent / "plans")
    assert repr(ukraine) == (
        f"<NegotiationMatrix ukraine-2025: {len(ukraine.rows)} points through 4 versions "
        "(us-28, e3-counter, geneva-19, ua-20)>"
    )
    assert repr(f) == (
        f"<Flow ukraine-2025: {len(f.nodes)} points and {len(f.edges)} links through 4 versions "
        "(us-28, e3-counter, geneva-19, ua-20)>"
    )


def test_print_shows_the_table_as_the_terminal_does(ukraine) -> None:
    # str() was the attrs repr, every cell of every row: print(m) now shows the table, as
    # print(diff) shows the text diff
    from peaceplan.render.matrix import matrix_text

    assert str(ukraine) == matrix_text(ukraine)
    assert str(ukraine).startswith("ukraine-2025: ")


def test_notebook_reprs(ukraine) -> None:
    f = peaceplan.flow("ukraine-2025", plans=Path(__file__).parent.parent / "plans")
    svg = f._repr_svg_()
    assert ET.fromstring(svg).tag == f"{SVG}svg"
    assert len(f.nodes_of("us-28")) == 28


VIEWS = [
    ("matrix", "minsk"),
    ("matrix", "minsk", "--format", "json"),
    ("flow", "minsk"),
    ("site", "minsk", "-o", "SITE"),
    ("figures", "minsk"),
    ("blame", "minsk-2"),
    ("log", "minsk", "--point", "1"),
    ("log", "minsk"),
    ("log", "minsk", "--format", "json"),
    ("status", "minsk"),
    ("status", "minsk", "--format", "json"),
]


def run_view(run, plans: Path, tmp_path: Path, args: tuple[str, ...]) -> tuple[int, str, str]:
    """Run one of VIEWS on `plans` (SITE: a folder under tmp_path): (status, stdout, stderr)."""
    return run(*(str(tmp_path / "site") if a == "SITE" else a for a in args), plans=plans)


@pytest.mark.parametrize("ref", ["minsk-0", "ukraine-2025/minsk-1"])
@pytest.mark.parametrize("args", VIEWS)
def test_a_based_on_naming_no_version_is_not_silent(
    run, scratch_plans: Path, tmp_path: Path, args: tuple[str, ...], ref: str
) -> None:
    # minsk-2 based on a version that is not there, in minsk or in another negotiation: its
    # points were shown as first drafts ("origin") with not a word said (and a missing version
    # of another negotiation was never checked); the output is still made, with a warning
    minsk2 = scratch_plans / "minsk" / "minsk-2.yaml"
    edit(minsk2, "based_on: [minsk-1]", f"based_on: [{ref}]")
    code, out, err = run_view(run, scratch_plans, tmp_path, args)
    assert code == 0 and out, err
    said = f"warning: {minsk2}:15:12: based_on names no version: {ref!r}; did you mean: "
    assert err.startswith(said) and err.count("\n") == 1, err
    assert err.endswith(" (so its points are shown as new)\n")
    if ref == "minsk-0":
        assert err == said + "minsk-1? (so its points are shown as new)\n"


def test_the_log_says_a_lineage_problem_above_its_table_and_from_python(
    run, scratch_plans: Path
) -> None:
    # `peaceplan log minsk` listed minsk-2 "based on minsk-0" as if nothing were wrong, while
    # status, the matrix and figures warned: the table says it above it, as status does, and
    # Python's log() carries it (JSON, a list of versions, has it on standard error only)
    minsk2 = scratch_plans / "minsk" / "minsk-2.yaml"
    edit(minsk2, "based_on: [minsk-1]", "based_on: [minsk-0]")
    code, out, _ = run("log", "minsk", plans=scratch_plans)
    said = f"warning: {minsk2}:15:12: based_on names no version: 'minsk-0'; did you mean: minsk-1?"
    assert code == 0 and out.startswith(said + " (so its points are shown as new)\nversion  ")
    log = peaceplan.log("minsk-2", plans=scratch_plans)
    assert [str(p) for p in log.problems] == [said.removeprefix("warning: ")]
    assert [e.version for e in log] == ["minsk-1", "minsk-2"] and log[1].based_on == ("minsk-0",)
    assert repr(log) == "<VersionLog minsk: 2 versions (minsk-1, minsk-2), 1 lineage problem>"
    html = log._repr_html_()
    assert html.startswith('<p class="pp-warning"') and "minsk-0" in html
    assert json.loads(run("log", "minsk", "--format", "json", plans=scratch_plans)[1])[1][
        "based_on"
    ] == ["minsk-0"]


@pytest.mark.parametrize("args", VIEWS)
def test_a_version_of_another_negotiation_is_a_valid_based_on(
    run, scratch_plans: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    # it exists: no warning, and no parent inside minsk (minsk-2's points start there)
    minsk2 = scratch_plans / "minsk" / "minsk-2.yaml"
    edit(minsk2, "based_on: [minsk-1]", "based_on: [ukraine-2025/us-28]")
    code, out, err = run_view(run, scratch_plans, tmp_path, args)
    assert (code, err) == (0, ""), err
    assert out


def test_the_views_from_python_know_the_other_negotiations(scratch_plans: Path) -> None:
    minsk2 = scratch_plans / "minsk" / "minsk-2.yaml"
    edit(minsk2, "based_on: [minsk-1]", "based_on: [ukraine-2025/minsk-1]")
    views = (
        peaceplan.matrix("minsk", plans=scratch_plans),
        peaceplan.flow("minsk", plans=scratch_plans),
        peaceplan.figures("minsk", plans=scratch_plans),
        peaceplan.blame("minsk-2", plans=scratch_plans),
        peaceplan.follow_point("minsk", "1", plans=scratch_plans),
        peaceplan.status("minsk", plans=scratch_plans),
    )
    for view in views:
        assert [p.message.split(";")[0] for p in view.problems] == [
            "based_on names no version: 'ukraine-2025/minsk-1'"
        ], view
    edit(minsk2, "based_on: [ukraine-2025/minsk-1]", "based_on: [ukraine-2025/us-28]")
    assert peaceplan.matrix("minsk", plans=scratch_plans).problems == ()
    assert peaceplan.matrix("minsk", plans=scratch_plans).counts()["minsk-2"] == {"origin": 13}


def test_build_site_reports_the_lineage_problems_from_python(
    scratch_plans: Path, tmp_path: Path
) -> None:
    # The CLI's warning comes from the report, so a Python caller learns it too.
    minsk2 = scratch_plans / "minsk" / "minsk-2.yaml"
    edit(minsk2, "based_on: [minsk-1]", "based_on: [minsk-0]")
    report = peaceplan.build_site(tmp_path / "site", "minsk", plans=scratch_plans)
    assert [str(p) for p in report.problems] == [
        f"{minsk2}:15:12: based_on names no version: 'minsk-0'; did you mean: minsk-1?"
    ]
    clean = peaceplan.build_site(tmp_path / "site2", "ukraine-2025", plans=scratch_plans)
    assert clean.problems == ()


def test_a_terminal_gets_the_warning_once(scratch_plans: Path) -> None:
    # The terminal table shows the warning under its heading; on a terminal the same line on
    # standard error as well would say it twice. Run for real with stdout on a pseudo-terminal.
    import os
    import pty
    import subprocess
    import sys

    edit(scratch_plans / "minsk" / "minsk-2.yaml", "based_on: [minsk-1]", "based_on: [minsk-0]")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEACEPLAN_")}
    for args in (
        ["matrix", "minsk"],
        ["figures", "minsk"],
        ["blame", "minsk-2"],
        ["status", "minsk"],
    ):
        leader, follower = pty.openpty()
        proc = subprocess.run(
            [sys.executable, "-m", "peaceplan", "--plans", str(scratch_plans), *args],
            stdout=follower,
            stderr=subprocess.PIPE,
            env={**env, "COLUMNS": "200"},
            timeout=120,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the follower closed: all read
                break
            if not chunk:
                break
            shown += chunk
        os.close(leader)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == b"", args
        assert shown.count(b"based_on names no version: 'minsk-0'") == 1, args


def test_matrix_and_flow_carry_the_lineage_problems_from_python(scratch_plans: Path) -> None:
    # peaceplan.matrix()/flow() showed minsk-2's points as first drafts and said nothing: only
    # the CLI warned. Now the objects carry the problem, and every rendering says it.
    from peaceplan.render import matrix as r
    from peaceplan.render.flow import flow_html, flow_svg
    from peaceplan.text import html_text

    minsk2 = scratch_plans / "minsk" / "minsk-2.yaml"
    edit(minsk2, "based_on: [minsk-1]", "based_on: [minsk-0]")
    m = peaceplan.matrix("minsk", plans=scratch_plans)
    f = peaceplan.flow("minsk", plans=scratch_plans)
    said = f"{minsk2}:15:12: based_on names no version: 'minsk-0'; did you mean: minsk-1?"
    assert [str(p) for p in m.problems] == [str(p) for p in f.problems] == [said]
    assert repr(m).endswith(", 1 lineage problem>") and repr(f).endswith(", 1 lineage problem>")
    warning = f"warning: {said} (so its points are shown as new)"
    assert r.matrix_text(m).splitlines()[1] == warning
    assert f"> **{warning}**" in r.matrix_markdown(m).replace("\\", "")
    assert html_text(warning) in m._repr_html_()
    svg = flow_svg(f)
    assert ET.fromstring(svg).tag == f"{SVG}svg"
    assert html_text(warning) in svg and svg in flow_html(f)
    for data in (m.to_json_dict(), f.to_json_dict()):
        assert data["problems"] == [
            {
                "path": str(minsk2),
                "line": 15,
                "column": 12,
                "message": "based_on names no version: 'minsk-0'; did you mean: minsk-1?",
            }
        ]
    history = peaceplan.figures("minsk", plans=scratch_plans)
    blame = peaceplan.blame("minsk-2", plans=scratch_plans)
    assert [str(p) for p in history.problems] == [str(p) for p in blame.problems] == [said]
    assert history.to_json_dict()["problems"] == blame.to_json_dict()["problems"]
    assert history.to_json_dict()["problems"] == m.to_json_dict()["problems"]
    assert warning in history.to_text().splitlines()[1]
    assert html_text(warning) in history._repr_html_() and html_text(warning) in blame._repr_html_()
    # minsk-1's blame does not depend on minsk-2's link: nothing to say there
    assert peaceplan.blame("minsk-1", plans=scratch_plans).problems == ()
    clean = peaceplan.matrix("ukraine-2025", plans=scratch_plans)
    assert clean.problems == () and clean.to_json_dict()["problems"] == []
    assert "warning" not in r.matrix_text(clean) and "pp-warning" not in clean._repr_html_()
    assert "lineage problem" not in repr(clean)


def test_the_flow_svg_is_wide_enough_for_its_warning(tmp_path: Path) -> None:
    # The warning is one line of text, but the picture kept the width of its columns: a draft
    # alone (240 px) showed "warning: .../draft-1.yaml:4:12: base" and cut off the rest.
    from peaceplan.render.flow import LEFT, flow_svg

    folder = tmp_path / "plans" / "solo"
    folder.mkdir(parents=True)
    (folder / "draft-1.yaml").write_text(
        'plan: solo\nversion: draft-1\nbased_on: [draft-0]\npoints:\n  - number: "1"\n'
        "    text: A ceasefire.\n"
    )
    f = peaceplan.flow("solo", plans=tmp_path / "plans")
    [problem] = f.problems
    root = ET.fromstring(flow_svg(f))
    width = float(root.get("width", "0"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    warning = f"warning: {problem} (so its points are shown as new)"
    assert width >= 2 * LEFT + 7 * len(warning)
    # without a warning the picture keeps its width
    clean = peaceplan.flow("minsk", plans=PLANS)
    assert ET.fromstring(flow_svg(clean)).get("width") == "544"


@pytest.mark.parametrize("args", VIEWS)
def test_a_lineage_cycle_is_a_warning_not_an_internal_error(
    run, scratch_plans: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    # minsk-1 based on minsk-2 based on minsk-1: the threads joined a point to one of a version
    # not yet visited, and every command following points ended in "internal error: KeyError"
    minsk1 = scratch_plans / "minsk" / "minsk-1.yaml"
    edit(minsk1, "based_on: []", "based_on: [minsk-2]")
    code, out, err = run_view(run, scratch_plans, tmp_path, args)
    assert code == 0 and out, err
    assert "internal error" not in err
    assert "lineage cycle: minsk-1 -> minsk-2 -> minsk-1" in err, err


@pytest.mark.parametrize(
    "args", [("flow", "minsk"), ("matrix", "minsk", "--format", "svg"), ("site", "minsk")]
)
def test_svg_stays_well_formed_xml_with_noncharacters(
    run, scratch_plans: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    # U+FFFE and U+FFFF load fine from YAML but are not XML characters: the flow SVG they
    # reached raw was not well-formed, and a browser showed a parse error instead of it
    minsk1 = scratch_plans / "minsk" / "minsk-1.yaml"
    edit(minsk1, "title: Ceasefire\n", 'title: "Cease\\uFFFEfire\\uFFFF"\n')
    out_file = tmp_path / ("site" if args[0] == "site" else "flow.svg")
    code, _, err = run(*args, "-o", str(out_file), plans=scratch_plans)
    assert code == 0, err
    svg = out_file / "minsk" / "flow.svg" if args[0] == "site" else out_file
    assert ET.parse(svg).getroot().tag == f"{SVG}svg"
    assert "Cease\\ufffefire\\uffff" in svg.read_text(encoding="utf-8")


def test_status_carries_the_lineage_problems_in_every_format(scratch_plans: Path) -> None:
    # minsk-2's convergence row counted it as a first draft, and status said nothing of why
    import json

    from peaceplan.notes.render import status_json, status_markdown, status_table
    from peaceplan.text import html_text

    minsk2 = scratch_plans / "minsk" / "minsk-2.yaml"
    edit(minsk2, "based_on: [minsk-1]", "based_on: [minsk-0]")
    report = peaceplan.status("minsk", plans=scratch_plans)
    said = f"{minsk2}:15:12: based_on names no version: 'minsk-0'; did you mean: minsk-1?"
    warning = f"warning: {said} (so its points are shown as new)"
    assert status_table(report).splitlines()[1] == warning
    assert f"> **{warning}**" in status_markdown(report).replace("\\", "")
    assert html_text(warning) in report._repr_html_()
    assert [p["message"] for p in json.loads(status_json(report))["problems"]] == [
        "based_on names no version: 'minsk-0'; did you mean: minsk-1?"
    ]
