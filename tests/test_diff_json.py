"""The JSON diff contract, records, DataFrame, and the diff end to end on the bundled plans."""

from __future__ import annotations

import json
import sys

import pytest
from diffkit import alignment, numbered, plan, pt

import peaceplan
from peaceplan.api import load
from peaceplan.diffing import diff_plans
from peaceplan.diffing.build import build_diff
from peaceplan.diffing.records import COLUMNS
from peaceplan.errors import PeaceplanError
from peaceplan.render.json import diff_json

CHANGE_KEYS = {
    "kind", "old", "new", "moved", "renumbered", "similarity", "method",
    "text", "figures", "fields", "old_numbers", "new_numbers", "depth", "dates",
}  # fmt: skip


@pytest.fixture
def small_diff():
    old = plan(
        "us-28",
        [
            pt("1", "Sovereignty is confirmed."),
            pt("6", "Forces are capped at 600,000 personnel.", id="armed-forces", title="Army"),
            pt("7", "No NATO membership."),
        ],
    )
    new = plan(
        "ua-20",
        [
            pt("1", "Sovereignty is confirmed."),
            pt("2", "A new point on prisoners."),
            pt("5", "Forces are capped at 800,000 personnel.", id="armed-forces", title="Forces"),
        ],
    )
    return build_diff(alignment(old, new, [(["1"], ["1"]), (["armed-forces"], ["armed-forces"])]))


def test_json_follows_the_contract(small_diff):
    doc = json.loads(diff_json(small_diff))
    assert doc["format"] == "peaceplan.diff/1"
    assert doc["old"] == {"plan": "test", "version": "us-28", "points": 3, "points_total": 3}
    assert doc["new"]["version"] == "ua-20"
    assert doc["summary"] == {
        "unchanged": 1, "modified": 1, "added": 1, "removed": 1,
        "split": 0, "merged": 0, "moved": 0,
    }  # fmt: skip
    assert doc["budget_exhausted"] is False
    assert [c["kind"] for c in doc["changes"]] == ["unchanged", "added", "modified", "removed"]
    for c in doc["changes"]:
        assert set(c) == CHANGE_KEYS
    army = doc["changes"][2]
    assert army["old"] == ["armed-forces"] and army["new"] == ["armed-forces"]
    assert army["renumbered"] is True and army["moved"] is False
    assert army["old_numbers"] == ["6"] and army["new_numbers"] == ["5"]
    assert army["similarity"] == 0.9 and army["method"] == "content"
    assert army["text"] == [
        {"op": "equal", "text": "Forces are capped at "},
        {"op": "delete", "text": "600,000"},
        {"op": "insert", "text": "800,000"},
        {"op": "equal", "text": " personnel."},
    ]
    assert army["figures"] == [{"old": "600,000 personnel", "new": "800,000 personnel"}]
    assert army["fields"] == {"title": {"old": "Army", "new": "Forces"}}
    added = doc["changes"][1]
    assert added["old"] == [] and added["similarity"] is None and added["method"] is None
    assert small_diff.to_json_dict() == doc


def test_json_keeps_hostile_text_as_text():
    old = numbered("a", ['Quote " backslash \\ newline\n tab\t <script> \u2028 é'])
    new = numbered("b", ["Other \x1b[31m text"])
    d = build_diff(alignment(old, new, []))
    doc = json.loads(diff_json(d, indent=2))
    assert doc["changes"][0]["text"][0]["text"] == old.points[0].text
    assert doc["changes"][1]["text"][0]["text"] == new.points[0].text


def test_renumbering_runs_are_in_the_json():
    texts = [f"Point {i}." for i in range(1, 11)]
    old = numbered("a", texts)
    new = numbered("b", ["New.", *texts])
    groups = [([str(i)], [str(i + 1)]) for i in range(1, 11)]
    doc = json.loads(diff_json(build_diff(alignment(old, new, groups))))
    assert doc["renumbered_runs"] == [
        {"old_first": "1", "old_last": "10", "new_first": "2", "new_last": "11",
         "offset": 1, "count": 10}
    ]  # fmt: skip


def test_records_are_one_flat_row_per_change(small_diff):
    rows = small_diff.to_records()
    assert len(rows) == len(small_diff.changes)
    assert all(tuple(r) == COLUMNS for r in rows)
    army = rows[2]
    assert army["old"] == army["new"] == "armed-forces"
    assert (army["old_number"], army["new_number"]) == ("6", "5")
    assert (army["old_title"], army["new_title"]) == ("Army", "Forces")
    assert army["figures"] == "600,000 personnel -> 800,000 personnel"
    assert army["fields"] == "title"
    assert army["n_changed_words"] == 2
    assert rows[1]["kind"] == "added" and rows[1]["old"] is None


def test_records_carry_certainty_as_the_text_formats_mark_it(plans_dir):
    # "[uncertain]" and "[option A uncertain]" in the redline are columns of the table too.
    d = peaceplan.diff("us-28", "ua-20", plans=plans_dir)
    rows = {(r["old_number"], r["new_number"]): r for r in d.to_records()}
    znpp = rows[("19", "12")]
    assert (znpp["old_certainty"], znpp["new_certainty"], znpp["unsure_options"]) == (
        "reported",
        "uncertain",
        1,
    )
    gone = rows[("3", None)]  # a removed point that was uncertain says so
    assert (gone["old_certainty"], gone["new_certainty"]) == ("uncertain", None)


def test_to_frame(small_diff):
    df = small_diff.to_frame()
    assert list(df.columns) == list(COLUMNS)
    assert list(df["kind"]) == ["unchanged", "added", "modified", "removed"]


def test_to_frame_without_pandas_says_what_to_install(small_diff, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(PeaceplanError, match=r"pip install 'peaceplan\[pandas\]'"):
        small_diff.to_frame()


def test_us28_to_ua20_calls_out_the_armed_forces_figure(plans_dir):
    old = load(plans_dir / "ukraine-2025" / "us-28.yaml")
    new = load(plans_dir / "ukraine-2025" / "ua-20.yaml")
    d = diff_plans(old, new)
    doc = json.loads(diff_json(d))
    assert doc["old"]["points"] == 28
    olds = [k for c in doc["changes"] for k in c["old"]]
    news = [k for c in doc["changes"] for k in c["new"]]
    assert sorted(olds) == sorted(old.keys()) and sorted(news) == sorted(new.keys())
    army = next(c for c in doc["changes"] if "armed-forces" in c["old"])
    assert army["new"] == ["armed-forces"] and army["method"] == "id"
    assert {"old": "600,000 personnel", "new": "800,000 personnel"} in army["figures"]
    assert sum(v for k, v in doc["summary"].items() if k != "moved") == len(doc["changes"])


def test_a_version_diffed_with_itself_has_no_changes(plans_dir):
    p = load(plans_dir / "ukraine-2025" / "us-28.yaml")
    d = diff_plans(p, p)
    assert not d.changed
    assert d.summary()["unchanged"] == len(p.flat())


@pytest.mark.parametrize("indent", [None, 2, 4])
def test_json_text_means_what_the_standard_library_would_write(small_diff, indent):
    # orjson writes the diff; the data must be exactly what json.dumps would have written.
    from peaceplan.render.json import diff_dict

    text = diff_json(small_diff, indent=indent)
    assert json.loads(text) == json.loads(json.dumps(diff_dict(small_diff)))
    assert ("\n  " in text) == bool(indent) and text.endswith("}\n")


def test_json_writes_what_orjson_refuses():
    from peaceplan.render.json import dumps

    assert json.loads(dumps({"n": 2**70, "s": "Київ"})) == {"n": 2**70, "s": "Київ"}
    # non-ASCII kept, as json.dumps(ensure_ascii=False) would
    assert "Київ".encode() in dumps({"s": "Київ"})
