"""Certainty as data: the bundled plans carry it, show and the diffs mark it, validate and the
schema check it, the format page documents it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import jsonschema
import pytest
from ruamel.yaml import YAML

import peaceplan
from peaceplan.io.spec import DOCUMENT_FIELDS, OPTION_FIELDS, PLAN_FIELDS, POINT_FIELDS
from peaceplan.model import CERTAINTIES, COVERAGES

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
VERSION_FILES = sorted(PLANS.glob("*/*.yaml"))  # not notes/: those are notes files

# `[uncertain]` comments that stay comments: doubts about a whole version, in its header.
HEADER_REMARKS = {
    ("ukraine-2025/geneva-19.yaml", "# The point count is disputed [uncertain]: 19 per the FT"),
    ("ukraine-2025/e3-counter.yaml", "#   point 22: [uncertain] probably kept, but not seen."),
}

# What the bundled plans record as not reported: version -> point key -> certainty, and
# (version, point key) -> the certainty of each option in order.
POINTS = {
    "us-28": {"3": "uncertain", "9": "uncertain", "12": "uncertain", "17": "uncertain"},
    "e3-counter": {k: "uncertain" for k in ("4", "9", "10", "14", "26", "28")},
    "geneva-19": {},
    "ua-20": {k: "uncertain" for k in ("9", "znpp", "territory", "19", "20")},
    "minsk-1": {},
    "minsk-2": {},
}
OPTIONS = {
    ("geneva-19", "territory"): ["inferred", "inferred"],
    ("geneva-19", "#4"): ["inferred", "inferred"],
    ("ua-20", "znpp"): ["uncertain", "reported"],
    ("ua-20", "territory"): ["uncertain", "uncertain"],
}


def load(version: str) -> peaceplan.Plan:
    (path,) = [p for p in VERSION_FILES if p.stem == version]
    return peaceplan.load(path)


# -- the bundled data ---------------------------------------------------------------------------


def test_no_uncertain_comment_is_left_but_the_header_remarks() -> None:
    found = set()
    for path in VERSION_FILES:
        lines = path.read_text(encoding="utf-8").splitlines()
        header = next(i for i, line in enumerate(lines) if line.startswith("plan:"))
        for i, line in enumerate(lines):
            if "[uncertain]" in line:
                name = path.relative_to(PLANS).as_posix()
                remark = next(
                    (r for n, r in HEADER_REMARKS if n == name and line.startswith(r)), None
                )
                assert remark is not None, f"{name}:{i + 1}: an [uncertain] comment left: {line}"
                assert i < header, f"{name}:{i + 1}: allowed only in the header"
                found.add((name, remark))
    assert found == HEADER_REMARKS  # the allow-list names nothing that is gone


def test_bundled_plans_carry_certainty_where_the_comments_were() -> None:
    assert {p.stem for p in VERSION_FILES} == set(POINTS)
    for path in VERSION_FILES:
        plan = peaceplan.load(path)
        unsure = {
            fp.key: fp.point.certainty for fp in plan.flat() if fp.point.certainty != "reported"
        }
        assert unsure == POINTS[plan.version], plan.version
        for fp in plan.flat():
            options = [o.certainty for o in fp.point.options]
            if (plan.version, fp.key) in OPTIONS:
                assert options == OPTIONS[plan.version, fp.key], (plan.version, fp.key)
            else:
                assert set(options) <= {"reported"}, (plan.version, fp.key)
            # Whatever is not reported says why, in a line of our own.
            for item in (fp.point, *fp.point.options):
                if item.certainty != "reported":
                    assert item.certainty_note and "\n" not in item.certainty_note
                    assert len(item.certainty_note) < 200
                else:
                    assert item.certainty_note is None


def test_point_sources_are_sources_of_their_version() -> None:
    """A point's own sources name reports the version was written from (listed in it too)."""
    with_sources = {}
    for path in VERSION_FILES:
        plan = peaceplan.load(path)
        for fp in plan.flat():
            if fp.point.sources:
                assert set(fp.point.sources) <= set(plan.sources), (plan.version, fp.key)
                with_sources[plan.version, fp.key] = fp.point.sources
    assert with_sources["e3-counter", "28"] == (
        "https://www.indiatoday.in/world/story/europe-propose-28-point-counter-peace-plan-us-ukraine-war-glbs-2824846-2025-11-24",
    )
    assert len(with_sources["geneva-19", "sovereignty"]) == 2
    assert ("us-28", "12") in with_sources and ("ua-20", "territory") in with_sources


def test_partial_versions_say_so() -> None:
    e3, geneva = load("e3-counter"), load("geneva-19")
    assert e3.partial and e3.dropped == ("3",)
    assert geneva.partial and geneva.dropped == ("26",)
    assert not load("us-28").partial and not load("ua-20").partial


def test_certainty_edited_from_python_is_saved_without_defaults(tmp_path: Path) -> None:
    path = tmp_path / "us-28.yaml"
    original = (PLANS / "ukraine-2025" / "us-28.yaml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    plan = peaceplan.load(path)
    peaceplan.save(plan, path)  # unchanged: byte for byte
    assert path.read_text(encoding="utf-8") == original
    points = tuple(
        attrs.evolve(q, certainty="reported", certainty_note=None) if q.number == "9" else q
        for q in plan.points
    )
    peaceplan.save(attrs.evolve(plan, points=points), path)
    text = path.read_text(encoding="utf-8")
    assert "European fighter jets are stationed in Poland." in text
    assert "One reprint (statement.com)" not in text  # the doubt is gone, and `reported`, the
    assert "certainty: reported" not in text  # default, is not written
    assert text.count("certainty: uncertain") == original.count("certainty: uncertain") - 1
    again = peaceplan.load(path)
    assert again.get("9").certainty == "reported" and again.get("3").certainty == "uncertain"


# -- show ---------------------------------------------------------------------------------------


def test_show_terminal_marks_uncertain_and_inferred(run) -> None:
    code, out, err = run("show", "geneva-19", "--color", "never")
    assert code == 0, err
    lines = out.splitlines()
    assert "  coverage: partial: only reported points are listed; reported dropped: 26" in lines
    assert "  certainty: 4 options inferred" in lines
    assert "[Option A (by United States) [inferred]: Ukraine leaves" in out
    assert "      option A inferred: From us-28 point 21." in lines
    # A point's own source under it (a long address may wrap onto the next line).
    assert re.search(
        r"\n      source:\s+https://newsukraine\.rbc\.ua/news/peace-plan-reshaped", out
    )
    code, out, _ = run("show", "ua-20", "--color", "never")
    lines = out.splitlines()
    assert "  9. Recovery funds [uncertain]" in lines
    assert (
        "      uncertain: Reports differ on the figure; one reprint gives about 678 billion" in out
    )
    assert "  certainty: 5 points uncertain, 3 options uncertain" in lines
    assert "      source: https://www.bangaloreweek.com/?p=7520" in lines
    assert not any(line.startswith("  coverage:") for line in lines)  # complete: no line
    code, out, _ = run("show", "minsk-2", "--color", "never")
    assert "[uncertain]" not in out and "certainty:" not in out and "coverage:" not in out


def test_show_markdown_and_html_mark_them_too(run) -> None:
    code, md, _ = run("show", "geneva-19", "--format", "markdown")
    assert code == 0
    assert "- **coverage:** partial: only reported points are listed; reported dropped: 26" in md
    assert "  - _Option A (by United States) \\[inferred\\]:_ Ukraine leaves" in md
    assert "    - _inferred: From us-28 point 21._" in md
    assert "  - _source:_ https://news.liga.net/" in md
    code, md, _ = run("show", "us-28", "--format", "markdown")
    assert "- **9. Fighter jets in Poland** _\\[uncertain\\]_ European fighter jets" in md
    code, html, _ = run("show", "ua-20", "--format", "html")
    assert code == 0 and html.startswith("<!DOCTYPE html>")
    assert '<li class="pp-certainty-uncertain"><strong>9. Recovery funds</strong>' in html
    assert re.search(
        r'<span class="pp-badge pp-uncertain" title="Reports differ[^"]*">uncertain<', html
    )
    assert '<div class="pp-note">uncertain: The one-third shares come from a single relay' in html
    assert (
        '<div class="pp-meta pp-source">source: https://www.bangaloreweek.com/?p=7520</div>' in html
    )
    assert '<li class="pp-certainty-reported"><strong>1. Sovereignty</strong>' in html
    code, html, _ = run("show", "geneva-19", "--format", "html")
    assert html.count('<span class="pp-badge pp-inferred"') == 4
    assert "<td>partial: only reported points are listed; reported dropped: 26</td>" in html


def test_notebook_reprs_and_json_carry_certainty() -> None:
    plan = load("geneva-19")
    assert 'class="pp-badge pp-inferred"' in plan._repr_html_()
    assert "\\[inferred\\]" in plan._repr_markdown_()
    from peaceplan.render.plan_data import plan_json

    data = json.loads(plan_json(plan))
    assert data["coverage"] == "partial" and data["dropped"] == ["26"]
    territory = next(p for p in data["points"] if p.get("id") == "territory")
    assert [o["certainty"] for o in territory["options"]] == ["inferred", "inferred"]
    assert territory["options"][0]["certainty_note"] == "From us-28 point 21."
    assert "certainty" not in territory  # reported: the default is left out, as in the file
    assert territory["sources"][0].startswith("https://news.liga.net/")


def test_git_textconv_outline_shows_certainty_and_sources(run) -> None:
    code, out, _ = run(
        "git", "textconv", str(PLANS / "ukraine-2025" / "e3-counter.yaml"), plans=None
    )
    assert code == 0
    lines = out.splitlines()
    assert "coverage: partial" in lines and "dropped: 3" in lines
    assert "  [uncertain] One outlet says US jets." in lines
    assert "  source: https://tass.com/world/2047597" in lines
    code, out, _ = run(
        "git", "textconv", str(PLANS / "ukraine-2025" / "geneva-19.yaml"), plans=None
    )
    assert "  option 1 [inferred] From us-28 point 21." in out.splitlines()


# -- the diffs ----------------------------------------------------------------------------------


def test_diff_renderers_mark_changed_points_that_are_not_reported(run) -> None:
    code, out, _ = run("diff", "us-28", "e3-counter", "--color", "never")
    assert code == 1
    assert re.search(
        r"modified +us-28 #9 -> e3-counter #9  Fighter jets in Poland  \[uncertain\]", out
    )
    assert re.search(r"removed +us-28 #3  No invasion, no NATO expansion  \[uncertain\]", out)
    assert (
        "Reconstruction package  [was\n" in out or "Reconstruction package  [was uncertain]" in out
    )
    assert re.search(r"modified +us-28 #2 -> e3-counter #2  Non-aggression pact\n", out)  # no mark
    code, md, _ = run("diff", "us-28", "geneva-19", "--format", "markdown")
    assert "| modified, moved | 21 | territory | Territory \\[options inferred\\] | " in md
    code, md, _ = run("diff", "us-28", "e3-counter", "--format", "markdown")
    assert "<summary>removed us-28 #3: No invasion, no NATO expansion [uncertain]</summary>" in md
    code, html, _ = run("diff", "us-28", "e3-counter", "--format", "html")
    assert '<td>Fighter jets in Poland<span class="pp-badge">uncertain</span></td>' in html
    assert 'Reconstruction package<span class="pp-badge">was uncertain</span>' in html


# -- validate and the schema ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "    certainty: maybe",
            "points[0].certainty: certainty must be one of reported, uncertain,"
            " inferred (did you mean 'uncertain'?)",
        ),
        ("    certainty: inferrd", "(did you mean 'inferred'?)"),
        ("    certainty: [uncertain]", "(did you mean 'uncertain'?)"),
    ],
)
def test_a_bad_certainty_fails_validate_located(
    run, tmp_path: Path, line: str, message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(f'plan: x\nversion: y\npoints:\n  - number: "1"\n    text: A point.\n{line}\n')
    code, out, err = run("validate", str(bad))
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith(f"{bad}:6:") and message in first, first
    assert "Traceback" not in err


def test_a_bad_option_certainty_or_coverage_fails_validate_located(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "plan: x\nversion: y\ncoverage: incomplete\npoints:\n  - text: A point.\n    options:\n"
        "      - by: A\n        text: One.\n        certainty: guess\n"
    )
    code, _, err = run("validate", str(bad))
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == (
        f"{bad}:3:1: coverage: coverage must be one of complete, partial (did you mean 'partial'?)"
    )
    assert lines[1].startswith(f"{bad}:9:9: points[0].options[0].certainty: certainty must be")
    assert lines[1].endswith("(did you mean 'inferred'?)")


def test_schema_documents_certainty_and_validates_the_bundled_files(run) -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    point, option = schema["$defs"]["point"]["properties"], schema["$defs"]["option"]["properties"]
    for props in (point, option):
        assert props["certainty"]["enum"] == list(CERTAINTIES)
        assert props["certainty"]["default"] == "reported"
        assert "inference" in props["certainty"]["description"]
        assert props["certainty_note"]["type"] == "string"
    assert point["sources"]["items"] == {"type": "string"}
    assert schema["properties"]["coverage"]["enum"] == list(COVERAGES)
    validator = jsonschema.Draft202012Validator(schema)
    yaml = YAML(typ="safe")
    for path in VERSION_FILES:  # the files as written, not as peaceplan writes them back
        data = json.loads(json.dumps(yaml.load(path.read_text(encoding="utf-8")), default=str))
        assert not list(validator.iter_errors(data)), path
    bad = {"plan": "x", "version": "y", "points": [{"text": "t", "certainty": "maybe"}]}
    assert list(validator.iter_errors(bad))


# -- the docs -----------------------------------------------------------------------------------


def test_format_page_lists_every_field_and_its_example_is_valid(tmp_path: Path, run) -> None:
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for table in (PLAN_FIELDS, POINT_FIELDS, OPTION_FIELDS, DOCUMENT_FIELDS):
        for field in table:
            assert f"`{field.name}`" in page, field.name
    for name in ("certainty", "certainty_note", "sources", "coverage", "dropped"):
        assert re.search(rf"^\| `{name}` \|", page, re.M), name
    section = page.split("## Certainty and partial versions", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "v1.yaml"
    path.write_text("plan: demo\nversion: v1\n" + example, encoding="utf-8")
    code, _, err = run("validate", str(path), plans=None)
    assert code == 0, err
    plan = peaceplan.load(path)
    assert plan.partial and plan.points[0].options[0].certainty == "inferred"


# -- merge ----------------------------------------------------------------------------------------


def test_merge_keeps_certainty_and_sources_from_either_side() -> None:
    from peaceplan.merging import merge_plans

    base = load("geneva-19")

    def edit(plan: peaceplan.Plan, key: str, **changes: object) -> peaceplan.Plan:
        points = tuple(attrs.evolve(q, **changes) if q.id == key else q for q in plan.points)
        return attrs.evolve(plan, points=points)

    territory = base.get("territory")
    assert territory is not None
    confirmed = (attrs.evolve(territory.options[0], certainty="reported", certainty_note=None),)
    ours = edit(base, "territory", text=territory.text + " Talks go on.")
    theirs = edit(
        base,
        "territory",
        options=confirmed + territory.options[1:],
        sources=(*territory.sources, "https://example.org/brackets"),
    )
    theirs = edit(theirs, "armed-forces", certainty="uncertain", certainty_note="One report.")
    result = merge_plans(base, ours, theirs)
    assert result.clean
    merged = result.plan.get("territory")
    assert merged is not None and merged.text.endswith("Talks go on.")
    assert [o.certainty for o in merged.options] == ["reported", "inferred"]
    assert merged.sources[-1] == "https://example.org/brackets"
    cap = result.plan.get("armed-forces")
    assert cap is not None and (cap.certainty, cap.certainty_note) == ("uncertain", "One report.")
    # A side that changes only the certainty is a change, not a no-op.
    assert merge_plans(base, base, theirs).plan.get("armed-forces").certainty == "uncertain"
