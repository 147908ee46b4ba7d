"""`peaceplan merge`, `peaceplan resolve` and `validate --no-conflicts`, run for real."""

from __future__ import annotations

from pathlib import Path

import pytest

import peaceplan
from peaceplan.api import load
from peaceplan.io.load import load_text
from peaceplan.text import html_text

DRAFT = """\
# A demo draft, with a comment that must survive.
plan: demo
version: draft
title: Demo framework
points:
  - id: ceasefire
    number: "1"
    text: A ceasefire takes effect along the line of contact.
  - id: army
    number: "2"
    title: Armed forces
    text: Ukraine's armed forces are capped at 600,000 personnel.
  - number: "3"
    text: Elections are held within 100 days of signing.
"""


def _side(tmp: Path, version: str, *edits: tuple[str, str]) -> Path:
    text = DRAFT.replace("version: draft", f"version: {version}")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = tmp / f"{version}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    """A plans folder with one negotiation: a draft and three revisions of it."""
    folder = tmp_path / "plans" / "demo"
    folder.mkdir(parents=True)
    _side(folder, "draft")
    _side(folder, "eu", ("600,000", "800,000"))
    _side(folder, "ua", ("600,000", "no fixed number of"), ("100 days", "six months"))
    _side(folder, "us", ("100 days", "100 days, under OSCE observation"))
    return folder


def test_clean_merge_exits_0_and_writes_a_plan_based_on_both(run, drafts):
    out = drafts / "merged.yaml"
    d = str(drafts)
    code, stdout, stderr = run(
        "merge", f"{d}/draft.yaml", f"{d}/eu.yaml", f"{d}/us.yaml", "-o", str(out), plans=None
    )
    assert code == 0, stderr
    assert stdout == ""
    assert "clean" in stderr
    merged = load(out)
    assert merged.based_on == ("eu", "us")
    assert merged.version == "merge-eu-us"
    assert "800,000" in merged.get("army").text
    assert (
        merged.get("3").text
        == "Elections are held within 100 days, under OSCE observation of signing."
    )


def test_conflict_exits_1_with_options_attributed_and_a_summary(run, drafts):
    d = str(drafts)
    code, stdout, stderr = run(
        "merge", f"{d}/draft.yaml", f"{d}/eu.yaml", f"{d}/ua.yaml", "--version", "x", plans=None
    )
    assert code == 1
    merged = load_text(stdout, "stdout")  # standard output is a valid plan
    army = merged.get("army")
    assert army.conflict
    assert army.text == "Ukraine's armed forces are capped at 600,000 personnel."
    assert [(o.by, "800,000" in o.text) for o in army.options] == [("eu", True), ("ua", False)]
    assert merged.get("3").text == "Elections are held within six months of signing."
    assert "1 conflict" in stderr
    line = stdout.splitlines().index("    conflict: true") + 1
    assert f"<stdout>:{line}: point army (number 2): text changed differently" in stderr
    assert "<<<<<<<" not in stdout


def test_resolve_then_validate_no_conflicts(run, drafts):
    plans = drafts.parent
    out = drafts / "merge-eu-ua.yaml"  # in the plans folder, so its lineage checks out
    assert run("merge", "draft", "eu", "ua", "-o", str(out), plans=plans)[0] == 1
    code, _, stderr = run("validate", "--no-conflicts", str(out), plans=plans)
    assert code == 2
    line = out.read_text().splitlines().index("    conflict: true") + 1
    assert f"{out}:{line}:5: point army: unresolved merge conflict (take one: 1=eu, 2=ua)" in stderr
    code, stdout, _ = run("resolve", str(out), plans=None)
    assert code == 1 and "point army: 1=eu  2=ua" in stdout
    code, _, stderr = run("resolve", str(out), "army", "--take", "ua", plans=None)
    assert code == 0, stderr
    assert load(out).get("army").text.startswith("Ukraine's armed forces are capped at no fixed")
    assert run("validate", "--no-conflicts", plans=plans)[:2] == (0, "")
    assert run("resolve", str(out), plans=None)[0] == 0


def test_resolve_keeps_comments_and_takes_by_index(run, drafts, tmp_path):
    d = str(drafts)
    out = drafts / "merged.yaml"
    run("merge", f"{d}/draft.yaml", f"{d}/eu.yaml", f"{d}/ua.yaml", "-o", str(out), plans=None)
    text = out.read_text().replace("points:\n", "points:\n  # Our note on the points.\n", 1)
    out.write_text(text)
    assert run("resolve", str(out), "2", "--take", "1", plans=None)[0] == 0
    assert "# Our note on the points." in out.read_text()
    assert "800,000" in load(out).get("army").text


def test_resolve_bad_point_or_option_is_one_line_exit_2_and_leaves_the_file(run, drafts):
    d = str(drafts)
    out = drafts / "merged.yaml"
    run("merge", f"{d}/draft.yaml", f"{d}/eu.yaml", f"{d}/ua.yaml", "-o", str(out), plans=None)
    before = out.read_bytes()
    code, _, stderr = run("resolve", str(out), "army", "--take", "russia", plans=None)
    assert code == 2
    assert stderr.strip().splitlines() == [
        f"{out}: point army: no option 'russia' (options: 1=eu, 2=ua)"
    ]
    code, _, stderr = run("resolve", str(out), "nope", "--take", "1", plans=None)
    assert code == 2 and "no point 'nope'; conflicted points: army" in stderr
    assert run("resolve", str(out), "army", plans=None)[0] == 2  # --take missing
    assert out.read_bytes() == before


def test_merge_bad_input_names_file_line_and_column(run, drafts):
    bad = drafts / "bad.yaml"
    bad.write_text(DRAFT.replace("    text: A ceasefire", "    txet: A ceasefire"))
    out = drafts / "merged.yaml"
    d = str(drafts)
    code, stdout, stderr = run(
        "merge", f"{d}/draft.yaml", str(bad), f"{d}/eu.yaml", "-o", str(out), plans=None
    )
    assert code == 2
    assert f"{bad}:8:5: points[0]: unknown key 'txet' (did you mean 'text'?)" in stderr
    assert "Traceback" not in stderr
    assert not out.exists()
    code, _, stderr = run("merge", f"{d}/draft.yaml", f"{d}/nope.yaml", f"{d}/eu.yaml", plans=None)
    assert code == 2 and "nope.yaml" in stderr


def test_merge_of_the_bundled_plans_by_name(run):
    code, stdout, stderr = run("merge", "us-28", "e3-counter", "geneva-19")
    assert code == 1
    merged = load_text(stdout, "stdout")
    assert merged.based_on == ("e3-counter", "geneva-19")
    armed = merged.get("armed-forces")
    assert armed.conflict and [o.by for o in armed.options[:2]] == ["e3-counter", "geneva-19"]
    assert "point armed-forces (number 5): text changed differently on both sides" in stderr


def test_python_api_matches_the_cli(plans_dir):
    # The merging package has its own name: importing it leaves the function peaceplan.merge.
    import peaceplan.merging.plan3

    result = peaceplan.merge("us-28", "e3-counter", "geneva-19", plans=str(plans_dir))
    assert not result.clean
    assert result.plan.based_on == ("e3-counter", "geneva-19")
    assert {c.key for c in result.conflicts} >= {"armed-forces", "territory"}
    assert "<table>" in result._repr_html_()
    assert peaceplan.MergeResult is type(result)


def test_a_clean_merge_shows_its_notes_in_jupyter(tmp_path):
    # The CLI prints "note: ..." after a clean merge too; the HTML showed only "clean".
    orders = {"base": "abc", "ours": "bca", "theirs": "cab"}  # both sides reorder the list
    for version, order in orders.items():
        based = "" if version == "base" else "based_on: [base]\n"
        points = "".join(
            f"  - {{id: {k}, number: '{i}', text: Point {k} of the list.}}\n"
            for i, k in enumerate(order, 1)
        )
        (tmp_path / f"{version}.yaml").write_text(
            f"plan: m\nversion: {version}\n{based}points:\n{points}"
        )
    result = peaceplan.merge(*(str(tmp_path / f"{v}.yaml") for v in orders))
    assert result.clean and result.notes
    page = result._repr_html_()
    assert all(f"<li>{html_text(note)}</li>" in page for note in result.notes)
    assert "<table>" not in page


def test_the_merge_guide_shows_the_real_merged_point(run):
    """docs/merge.md's worked example: the armed-forces block is what the merge writes."""
    guide = (Path(__file__).resolve().parent.parent / "docs" / "merge.md").read_text()
    shown = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    code, stdout, _ = run("merge", "us-28", "e3-counter", "geneva-19")
    assert code == 1
    start = stdout.index("  - id: armed-forces\n")
    real = stdout[start : stdout.index("    conflict: true\n", start) + len("    conflict: true\n")]
    assert shown == real


@pytest.mark.parametrize("sides", [("ua-20", "e3-counter"), ("e3-counter", "ua-20")])
def test_a_side_that_made_the_plan_a_package_merges_into_its_documents(plans_dir, sides):
    """ua-20 is a package of documents, e3-counter a plain list: points only the plain side
    kept go into the document of their neighbours, and the result is a valid plan."""
    result = peaceplan.merge("us-28", *sides, plans=str(plans_dir))
    plan = load_text(result.text(), "merged.yaml")
    assert not plan.points
    assert plan.documents[0].id == "framework"
    assert plan.get("armed-forces") is not None
    assert any("placed in document framework" in note for note in result.notes)


def test_sides_of_one_version_resolve_to_the_wording_taken(run, tmp_path):
    # Two copies of one version (the same name on both sides) are labelled so that resolve does
    # not read their alternatives as an option both sides reworded: taking ours gives ours.
    base = _side(tmp_path, "draft")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    ours = _side(tmp_path / "a", "v2", ("600,000", "800,000"))
    theirs = _side(tmp_path / "b", "v2", ("600,000", "500,000"))
    out = tmp_path / "merged.yaml"
    assert run("merge", str(base), str(ours), str(theirs), "-o", str(out), plans=None)[0] == 1
    assert [o.by for o in load(out).get("army").options] == ["ours", "theirs"]
    assert load(out).based_on == ("v2",)  # one parent, not [v2, v2]
    code, _, stderr = run("resolve", str(out), "army", "--take", "ours", plans=None)
    assert code == 0, stderr
    army = load(out).get("army")
    assert army.text == "Ukraine's armed forces are capped at 800,000 personnel."
    assert army.options == () and not army.conflict


def test_an_id_both_sides_changed_differently_is_a_conflict_to_settle(run, tmp_path):
    # one side renames the army point's id, the other renames it differently: neither rename
    # may win unsaid, since notes and later diffs follow the point by its id
    base = _side(tmp_path, "draft")
    ours = _side(tmp_path, "eu", ("id: army", "id: armed-forces"))
    theirs = _side(tmp_path, "ua", ("id: army", "id: military"))
    out = tmp_path / "merged.yaml"
    code, _, err = run("merge", str(base), str(ours), str(theirs), "-o", str(out), plans=None)
    assert code == 1
    assert (
        "field points.army.id: changed differently on both sides (eu 'armed-forces', ua 'military')"
        in err
    )
    merged = load(out)
    assert merged.get("army") is not None  # the base's id until one is chosen
    (conflict,) = merged.conflicts
    assert (conflict.field, conflict.base) == ("points.army.id", "army")
    assert [(o.by, o.value) for o in conflict.options] == [
        ("eu", "armed-forces"),
        ("ua", "military"),
    ]
    files = [str(p) for p in (out, base, ours, theirs)]  # so based_on names versions checked
    code, _, err = run("validate", *files, "--no-conflicts", plans=None)
    assert code == 2 and "points.army.id" in err
    code, _, err = run("resolve", str(out), "points.army.id", "--take", "ua", plans=None)
    assert code == 0, err
    settled = load(out)
    assert settled.conflicts == () and settled.get("military").title == "Armed forces"
    assert settled.get("army") is None
    assert run("validate", *files, "--no-conflicts", plans=None)[0] == 0


NESTED = """\
plan: demo
version: {version}
points:
  - number: "1"
    text: A ceasefire takes effect.
  - number: "2"
    text: Forces withdraw.
    points:
      - number: a
        text: Heavy weapons go back 15 km.
      - number: b
        text: Monitors verify.
"""


def test_a_point_deleted_by_one_side_stays_while_the_other_edited_a_sub_point(run, tmp_path):
    # eu deletes point 2 with its sub-points; ua edits 2.a. The edited sub-point used to be
    # lifted to the top as a bare "a", its parent gone: now point 2 is in conflict too
    base = tmp_path / "draft.yaml"
    base.write_text(NESTED.format(version="draft"), "utf-8")
    ours = tmp_path / "eu.yaml"
    ours.write_text(NESTED.format(version="eu").split('  - number: "2"')[0], "utf-8")
    theirs = tmp_path / "ua.yaml"
    theirs.write_text(NESTED.format(version="ua").replace("15 km", "30 km"), "utf-8")
    out = tmp_path / "merged.yaml"
    code, _, err = run("merge", str(base), str(ours), str(theirs), "-o", str(out), plans=None)
    assert code == 1
    assert "point 2: deleted by eu, a sub-point edited by ua" in err
    assert "point 2.a: deleted by eu, edited by ua" in err
    merged = load(out)
    assert [fp.key for fp in merged.flat()] == ["1", "2", "2.a"]  # 2.b: deleted, untouched
    assert [o.text for o in merged.get("2").options] == ["[deleted]", "Forces withdraw."]
    # taking eu's deletion of 2 takes 2.a with it, and says so
    code, _, err = run("resolve", str(out), "2", "--take", "eu", plans=None)
    assert code == 0
    assert err.strip() == (
        f"{out}: point 2 settled (deleted with it: 2.a (in conflict)); 0 conflicts left"
    )
    assert [fp.key for fp in load(out).flat()] == ["1"]


def test_an_id_conflict_whose_point_is_gone_is_a_clear_error(run, tmp_path):
    base = _side(tmp_path, "draft")
    ours = _side(tmp_path, "eu", ("id: army", "id: armed-forces"))
    theirs = _side(tmp_path, "ua", ("id: army", "id: military"))
    out = tmp_path / "merged.yaml"
    run("merge", str(base), str(ours), str(theirs), "-o", str(out), plans=None)
    out.write_text(out.read_text("utf-8").replace("id: army", "id: army-2"), "utf-8")
    before = out.read_bytes()
    code, _, err = run("resolve", str(out), "points.army.id", "--take", "ua", plans=None)
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"{out}: field points.army.id: no point 'army' in the file any more")
    assert out.read_bytes() == before
