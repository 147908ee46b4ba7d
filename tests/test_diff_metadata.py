"""Metadata is content: plan-level field changes and point certainty are differences.

Marking a draft agreed, re-dating it or re-sourcing it changes the record; so does a point that
becomes uncertain. `peaceplan diff` reports each, in every format, and exits 1.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import jsonschema
import pytest
from diffkit import plan, pt

from peaceplan.diffing import FieldChange, diff_plans
from peaceplan.diffing.metadata import FIELDS, metadata_changes
from peaceplan.io.spec import PLAN_FIELDS
from peaceplan.model import Document, Option
from peaceplan.render.html import diff_html
from peaceplan.render.json import diff_dict
from peaceplan.render.markdown import diff_markdown
from peaceplan.render.terminal import diff_terminal

ROOT = Path(__file__).resolve().parent.parent
UA20 = ROOT / "plans" / "ukraine-2025" / "ua-20.yaml"
SCHEMA = json.loads((ROOT / "docs" / "peaceplan.diff-1.schema.json").read_text(encoding="utf-8"))


def edited(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    """A copy of ua-20.yaml in its own folder, with each (old, new) replaced once."""
    text = UA20.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    folder = tmp_path / name
    folder.mkdir()
    (folder / "ua-20.yaml").write_text(text, encoding="utf-8")
    return folder / "ua-20.yaml"


AGREED = (
    ("\nstatus: draft\n", "\nstatus: agreed\n"),
    ("\ndate: 2025-12-23\n", "\ndate: 2025-12-24\n"),
)


@pytest.fixture
def agreed(tmp_path: Path) -> tuple[str, str]:
    """ua-20 as bundled, and the same draft marked agreed a day later (no point touched)."""
    return str(edited(tmp_path, "old")), str(edited(tmp_path, "new", *AGREED))


def test_status_and_date_change_is_reported_in_json_and_exits_1(run, agreed) -> None:
    code, out, err = run("diff", *agreed, "--format", "json")
    assert code == 1, err
    doc = json.loads(out)
    assert doc["metadata"] == [
        {"field": "date", "old": "2025-12-23", "new": "2025-12-24"},
        {"field": "status", "old": "draft", "new": "agreed"},
    ]
    assert {c["kind"] for c in doc["changes"]} == {"unchanged"}
    assert doc["format"] == "peaceplan.diff/1"
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)


@pytest.mark.parametrize(
    ("fmt", "status", "date"),
    [
        ("terminal", 'status: "draft" -> "agreed"', 'date: "2025-12-23" -> "2025-12-24"'),
        ("side-by-side", 'status: "draft" -> "agreed"', 'date: "2025-12-23" -> "2025-12-24"'),
        ("markdown", '- status: "draft" -&gt; "agreed"', '- date: "2025-12-23" -&gt; "2025-12-24"'),
        (
            "html",
            "<li>status: &quot;draft&quot; -&gt; &quot;agreed&quot;</li>",
            "<li>date: &quot;2025-12-23&quot; -&gt; &quot;2025-12-24&quot;</li>",
        ),
    ],
)
def test_status_and_date_change_is_shown_first_in_every_format(
    run, agreed, fmt: str, status: str, date: str
) -> None:
    code, out, err = run("diff", *agreed, "--format", fmt, "--color", "never")
    assert code == 1, err
    assert status in out and date in out
    assert "No differences" not in out
    # The Metadata section comes before anything about points.
    heading = out.index("Metadata")
    assert out.index(date) < out.index(status)  # in the field table's order
    assert heading < out.index(date)
    assert "unchanged" in out[heading:]  # the closing count of unchanged points follows


def test_a_certainty_change_is_a_modified_point_with_a_field_change(run, tmp_path: Path) -> None:
    point = "        title: Size of the armed forces\n"
    old = str(edited(tmp_path, "old"))
    new = str(
        edited(
            tmp_path,
            "new",
            (point, point + "        certainty: uncertain\n        certainty_note: one source\n"),
        )
    )
    code, out, err = run("diff", old, new, "--format", "json")
    assert code == 1, err
    doc = json.loads(out)
    assert doc["metadata"] == []
    (change,) = [c for c in doc["changes"] if c["kind"] != "unchanged"]
    assert change["kind"] == "modified" and change["new"] == ["armed-forces"]
    assert change["fields"] == {
        "certainty": {"old": "reported", "new": "uncertain"},
        "certainty_note": {"old": None, "new": "one source"},
    }
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    for fmt in ("terminal", "markdown", "html", "side-by-side"):
        code, out, _ = run("diff", old, new, "--format", fmt, "--color", "never")
        assert code == 1 and "modified" in out
        assert "certainty: &quot;reported&quot;" in out or 'certainty: "reported"' in out


def test_point_sources_and_option_certainty_are_compared() -> None:
    old = plan(
        "a",
        [
            pt(
                "1",
                "Forces.",
                sources=("https://a",),
                options=(Option("US", "X"), Option("UA", "Y")),
            )
        ],
    )
    new = plan(
        "b",
        [
            pt(
                "1",
                "Forces.",
                sources=("https://b",),
                options=(Option("US", "X", certainty="inferred"), Option("UA", "Y")),
            )
        ],
    )
    d = diff_plans(old, new)
    (change,) = d.changes
    assert change.kind == "modified"
    assert [f.field for f in change.fields] == ["options", "sources"]
    assert change.fields[0].new[0] == {"by": "US", "text": "X", "certainty": "inferred"}
    # Shown as negotiators read it: the option says how sure the record is.
    assert "(by US, inferred)" in diff_terminal(d, color=False)
    # The order of a point's sources is not a change.
    reordered = plan("c", [pt("1", "Forces.", sources=("https://b", "https://a"))])
    again = plan("d", [pt("1", "Forces.", sources=("https://a", "https://b"))])
    assert not diff_plans(reordered, again).changed


def test_fields_come_from_the_field_table() -> None:
    names = [f.name for f in PLAN_FIELDS]
    assert list(FIELDS) == [n for n in names if n not in ("plan", "version", "points", "documents")]
    assert {"status", "date", "coverage", "dropped", "based_on", "sources"} <= set(FIELDS)


def test_what_counts_as_a_metadata_change() -> None:
    base = attrs.evolve(
        plan("v1", [pt("1", "A.")]),
        parties=("Russia", "Ukraine"),
        based_on=("a", "b"),
        date=dt.date(2025, 11, 20),
    )
    # Another version name, another plan name, the parties reordered: no change.
    same = attrs.evolve(base, plan="other", version="v2", parties=("Ukraine", "Russia"))
    assert metadata_changes(base, same) == ()
    assert not diff_plans(base, same).changed
    # based_on keeps its order (the first is the parent); dates are JSON-ready.
    moved = attrs.evolve(base, based_on=("b", "a"), date=dt.date(2025, 11, 21))
    assert metadata_changes(base, moved) == (
        FieldChange("date", "2025-11-20", "2025-11-21"),
        FieldChange("based_on", ["a", "b"], ["b", "a"]),
    )
    partial = attrs.evolve(base, coverage="partial", dropped=("3",), language="en")
    assert [f.field for f in metadata_changes(base, partial)] == ["language", "coverage", "dropped"]
    assert diff_dict(diff_plans(base, partial))["metadata"][1] == {
        "field": "coverage",
        "old": "complete",
        "new": "partial",
    }


def test_documents_added_removed_and_retitled() -> None:
    p = (pt("1", "A."),)
    old = attrs.evolve(
        plan("v1", []),
        documents=(Document("main", p, title="Framework"), Document("annex", (), title="Annex")),
    )
    new = attrs.evolve(
        plan("v2", []),
        documents=(Document("main", p, title="Frame"), Document("roadmap", (), title=None)),
    )
    d = diff_plans(old, new)
    assert d.metadata == (
        FieldChange(
            "document", {"id": "main", "title": "Framework"}, {"id": "main", "title": "Frame"}
        ),
        FieldChange("document", {"id": "annex", "title": "Annex"}, None),
        FieldChange("document", None, {"id": "roadmap", "title": None}),
    )
    assert d.changed
    md = diff_markdown(d)
    assert '- document main retitled: "Framework" -&gt; "Frame"' in md
    assert '- document removed: annex "Annex"' in md
    assert "- document added: roadmap\n" in md
    jsonschema.Draft202012Validator(SCHEMA).validate(diff_dict(d))


def test_long_list_changes_are_counted_in_words_and_complete_in_json() -> None:
    old = attrs.evolve(plan("v1", [pt("1", "A.")]), sources=tuple(f"s{i}" for i in range(6)))
    new = attrs.evolve(plan("v2", [pt("1", "A.")]), sources=("s0", "t1", "t2", "t3"))
    d = diff_plans(old, new)
    assert "sources: 3 added, 5 removed" in diff_terminal(d, color=False)
    assert diff_dict(d)["metadata"] == [
        {"field": "sources", "old": [f"s{i}" for i in range(6)], "new": ["s0", "t1", "t2", "t3"]}
    ]
    few = attrs.evolve(new, sources=("s0", "s1", "s2", "s3", "s4", "s5", "s6"))
    assert "sources: +s6" in diff_html(diff_plans(old, few))


def test_metadata_frame_and_records() -> None:
    old = attrs.evolve(plan("v1", [pt("1", "A.")]), status="draft")
    new = attrs.evolve(plan("v2", [pt("1", "A.")]), status="agreed")
    d = diff_plans(old, new)
    assert d.to_records("metadata") == [{"field": "status", "old": "draft", "new": "agreed"}]
    frame = d.to_frame("metadata")
    assert list(frame.columns) == ["field", "old", "new"] and frame.iloc[0]["new"] == "agreed"
    assert len(d.to_frame()) == 1  # the changes table as before
    assert "<li>status: &quot;draft&quot; -&gt; &quot;agreed&quot;</li>" in d._repr_html_()
    with pytest.raises(ValueError, match="table must be 'changes' or 'metadata'"):
        d.to_records("points")


def test_identical_metadata_adds_only_an_empty_list(run) -> None:
    code, out, _ = run("diff", "us-28", "us-28", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["metadata"] == []
    assert list(doc)[-1] == "metadata"  # added last: everything before reads as it did


def test_a_bad_status_is_trouble_not_a_change(run, tmp_path: Path) -> None:
    old = str(edited(tmp_path, "old"))
    new = str(edited(tmp_path, "new", ("\nstatus: draft\n", "\nstatus: agred\n")))
    code, out, err = run("diff", old, new)
    assert code == 2 and out == ""
    line = UA20.read_text(encoding="utf-8").splitlines().index("status: draft") + 1
    assert err.startswith(f"{new}:{line}:") and "did you mean 'agreed'" in err
    assert len(err.strip().splitlines()) == 1


def test_git_textconv_shows_coverage_and_dropped(run, plans_dir: Path) -> None:
    # `git diff` of plan files goes through the outline: a version turned partial shows there.
    code, out, _ = run("git", "textconv", str(plans_dir / "ukraine-2025" / "e3-counter.yaml"))
    assert code == 0
    assert "\ncoverage: partial\ndropped: 3\n" in out
    code, out, _ = run("git", "textconv", str(plans_dir / "ukraine-2025" / "us-28.yaml"))
    assert "coverage:" not in out and "dropped:" not in out  # complete, nothing dropped
