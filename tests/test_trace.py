"""`peaceplan index` and `peaceplan trace`: provenance of wording across a plans folder."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import peaceplan
from peaceplan.tracing.index import INDEX_NAME, update_index
from peaceplan.tracing.words import match_expression


def _plan(folder: Path, plan: str, version: str, date: str, texts: list[str]) -> Path:
    lines = [f"plan: {plan}", f"version: {version}", f"date: {date}", "points:"]
    for i, t in enumerate(texts, 1):
        lines += [f'  - number: "{i}"', f"    text: {json.dumps(t, ensure_ascii=False)}"]
    path = folder / plan / f"{version}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_trace_ua20_names_the_source_of_each_carried_over_point(scratch_plans: Path) -> None:
    # "Carried over" = the diff pairs the point with a us-28 point and keeps at least half
    # of its words; "new" = the diff says added.
    result = peaceplan.trace("ua-20", plans=scratch_plans)
    by_key = {p.key: p for p in result.points}
    d = peaceplan.diff("us-28", "ua-20", plans=scratch_plans)
    carried, new = [], []
    for c in d.changes:
        if c.kind == "added":
            new += c.new
        elif c.kind in ("modified", "unchanged") and c.text:
            kept = sum(len(s.text.split()) for s in c.text if s.op == "equal")
            total = sum(len(s.text.split()) for s in c.text if s.op != "delete")
            if kept * 2 >= total:
                carried.append((c.old[0], c.new[0]))
    assert len(carried) >= 9 and len(new) >= 5
    for old_key, new_key in carried:
        origin = by_key[new_key].earliest
        assert origin is not None, new_key
        # The E3 counter-proposal keeps us-28's keys: its version of the point counts too.
        assert origin.provision.version in ("us-28", "e3-counter", "geneva-19"), new_key
        assert origin.provision.key == old_key, new_key
    for key in new:
        assert not by_key[key].matches, key


def test_origin_is_the_earliest_matching_version(scratch_plans: Path) -> None:
    # Point 18 of us-28 went unchanged through the E3 text into ua-20 #11.
    result = peaceplan.trace("ua-20", "11", plans=scratch_plans)
    (point,) = result.points
    versions = {s.provision.version for s in point.matches}
    assert {"us-28", "e3-counter"} <= versions
    assert point.earliest.provision.version == "us-28"
    assert point.earliest.provision.date == "2025-11-20"


def test_stock_phrasing_is_not_claimed_as_reuse(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    stock = "in accordance with the provisions of this agreement"
    for i in range(40):
        _plan(
            plans,
            f"agr-{i:02d}",
            "v1",
            f"2001-01-{i % 28 + 1:02d}",
            [f"Topic{i} matters alpha{i} and beta{i} are settled {stock}.", f"Gamma{i} delta{i}."],
        )
    query = _plan(
        plans,
        "new",
        "v1",
        "2020-01-01",
        [
            f"The reservoirs along the valley are shared {stock}.",
            "Topic7 matters alpha7 and beta7 are settled by a joint committee.",
        ],
    )
    result = peaceplan.trace(query, plans=plans)
    stocky, reused = result.points
    assert not stocky.matches  # forty agreements share the phrase: not reuse
    assert reused.earliest is not None
    assert (reused.earliest.provision.plan, reused.earliest.provision.key) == ("agr-07", "1")


def test_a_clause_carried_through_many_drafts_is_still_traced_to_its_origin(
    tmp_path: Path,
) -> None:
    # Twelve drafts of one negotiation repeat a clause unchanged: that is one wording, not stock
    # phrasing shared by many provisions, so the drafts are still traced to the old agreement.
    plans = tmp_path / "plans"
    clause = (
        "The demilitarised zone along the Zaporizhzhia corridor is patrolled by Finnish monitors."
    )
    _plan(plans, "old", "o1", "2010-01-01", [f"{clause} They report every quarter."])
    for i in range(12):
        _plan(plans, "talks", f"v{i:02d}", f"2020-01-{i + 1:02d}", [clause, f"Item{i} alone."])
    result = peaceplan.trace("talks/v05", plans=plans)
    assert result.points[0].earliest is not None
    assert result.points[0].earliest.provision.qualified == "old/o1#1"
    assert not result.points[1].matches


@pytest.mark.parametrize("traced", ["v00", "v59"])
def test_many_copies_of_a_clause_do_not_crowd_its_origin_out_of_the_candidates(
    tmp_path: Path, traced: str
) -> None:
    # Sixty drafts repeat a clause that an old agreement has in a longer provision: the copies
    # rank first by bm25, but later or repeated ones must not push the origin out of the search.
    plans = tmp_path / "plans"
    clause = (
        "The demilitarised zone along the Zaporizhzhia corridor is patrolled by Finnish monitors."
    )
    _plan(plans, "old", "o1", "2010-01-01", [f"{clause} They report every quarter in writing."])
    _plan(plans, "misc", "m1", "2000-01-01", [f"Filler{i} text{i} only." for i in range(300)])
    for i in range(60):
        _plan(plans, "talks", f"v{i:02d}", f"2020-{i // 28 + 1:02d}-{i % 28 + 1:02d}", [clause])
    (point,) = peaceplan.trace(f"talks/{traced}", plans=plans).points
    assert point.earliest is not None
    assert point.earliest.provision.qualified == "old/o1#1"


def test_only_earlier_versions_are_sources(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    text = "The river commission meets quarterly to allocate the Kelvara basin water quotas."
    _plan(plans, "a", "old", "2010-01-01", [text])
    _plan(plans, "b", "later", "2030-01-01", [text])
    query = _plan(plans, "c", "now", "2020-01-01", [text])
    (point,) = peaceplan.trace(query, plans=plans).points
    assert [s.provision.plan for s in point.sources] == ["a"]
    assert point.earliest.match and point.earliest.score == 1.0


@pytest.mark.parametrize(
    "text",
    [
        'Pull-back of heavy weapons, don\'t delay: NEAR AND OR NOT "quoted" (brackets) * ^',
        "Отвод тяжёлых вооружений на равные расстояния",
        "a I x 1",
        "'",
    ],
)
def test_queries_of_any_text_are_valid_fts(tmp_path: Path, text: str) -> None:
    plans = tmp_path / "plans"
    _plan(plans, "a", "v1", "2010-01-01", [text, "Отвод тяжёлых вооружений начинается сразу."])
    query = _plan(plans, "b", "v1", "2020-01-01", [text])
    result = peaceplan.trace(query, plans=plans)  # no FTS5 syntax error
    assert len(result.points) == 1
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    conn.execute("SELECT * FROM t WHERE t MATCH ?", (match_expression(text.split()),))


def test_cyrillic_reuse_is_found(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    src = (
        "Отвод всех тяжёлых вооружений обеими сторонами на равные расстояния "
        "в целях создания зоны безопасности."
    )
    _plan(plans, "minsk", "m2", "2015-02-12", [src, "Обмен всех заложников."])
    query = _plan(plans, "new", "d1", "2025-01-01", [src.replace("обеими сторонами", "сторонами")])
    (point,) = peaceplan.trace(query, plans=plans).points
    assert point.earliest is not None and point.earliest.provision.plan == "minsk"


def test_index_is_incremental(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    a = _plan(plans, "a", "v1", "2010-01-01", ["One text about the Orlan dam.", "Two."])
    _plan(plans, "b", "v1", "2011-01-01", ["Three texts about the Pirel bridge."])
    first = update_index(plans)
    assert (first.files, first.read, first.provisions) == (2, 2, 3)
    assert (plans / INDEX_NAME).exists()
    again = update_index(plans)
    assert (again.read, again.removed, again.provisions) == (0, 0, 3)
    a.write_text(a.read_text("utf-8") + '  - number: "3"\n    text: A third point.\n', "utf-8")
    changed = update_index(plans)
    assert (changed.read, changed.provisions) == (1, 4)
    (plans / "b" / "v1.yaml").unlink()
    gone = update_index(plans)
    assert (gone.removed, gone.provisions) == (1, 3)
    conn = sqlite3.connect(plans / INDEX_NAME)
    # The frequency tables follow the changes: nothing of the removed file is left counted.
    assert conn.execute("SELECT n FROM df WHERE stem = 'pirel'").fetchone() is None
    assert conn.execute("SELECT count(*) FROM fts").fetchone()[0] == 3


def test_a_bad_plan_file_leaves_the_index_as_it_was(tmp_path: Path, run) -> None:
    plans = tmp_path / "plans"
    _plan(plans, "a", "v1", "2010-01-01", ["One text about the Orlan dam."])
    assert update_index(plans).provisions == 1
    bad = plans / "b" / "v1.yaml"
    bad.parent.mkdir()
    bad.write_text("plan: b\nversion: v1\npoints:\n  - text: ok\n    bogus: 1\n", "utf-8")
    code, out, err = run("index", plans=plans)
    assert code == 2
    assert err.startswith(f"{bad}:5:5: ") and "unknown key 'bogus'" in err
    assert "Traceback" not in err
    conn = sqlite3.connect(plans / INDEX_NAME)
    assert conn.execute("SELECT count(*) FROM provisions").fetchone()[0] == 1


def test_cli_index_and_trace_formats(scratch_plans: Path, run) -> None:
    code, out, err = run("index", plans=scratch_plans)
    assert code == 0 and "provisions from 6 files (6 read, 0 removed)" in out
    code, out, _ = run("trace", "ua-20", "armed-forces", "--no-update", plans=scratch_plans)
    assert code == 0
    assert "#4 Size of the armed forces: from ukraine-2025/e3-counter #6 (2025-11-23)" in out
    code, out, _ = run("trace", "ua-20", "armed-forces", "--format", "json", plans=scratch_plans)
    data = json.loads(out)
    assert data["format"] == "peaceplan.trace/1"
    (point,) = data["points"]
    assert point["origin"]["version"] == "e3-counter" and point["origin"]["match"] is True
    assert {"op": "delete", "text": "are capped"} in point["origin"]["text"]
    assert set(point["sources"][0]) >= {
        "plan",
        "version",
        "point",
        "date",
        "score",
        "match",
        "span",
    }
    code, out, _ = run("trace", "ua-20", "--format", "markdown", plans=scratch_plans)
    assert code == 0 and out.startswith("### Trace of ukraine-2025/ua-20")
    assert "| \\#4 Size of the armed forces | ukraine-2025/e3-counter \\#6" in out
    code, out, _ = run("trace", "ua-20", "--format", "html", plans=scratch_plans)
    assert code == 0 and out.startswith("<!DOCTYPE html>") and "<del>" in out


def test_trace_bad_input(scratch_plans: Path, run, tmp_path: Path) -> None:
    code, _, err = run("trace", "ua-21", plans=scratch_plans)
    assert code == 2 and "ua-21" in err and "ua-20" in err and "Traceback" not in err
    code, _, err = run("trace", "ua-20", "99", plans=scratch_plans)
    assert code == 2 and "ukraine-2025/ua-20: no point '99'" in err
    code, _, err = run("trace", "ua-20", "--no-update", plans=scratch_plans)
    assert code == 2 and "no corpus index" in err and "peaceplan index" in err
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database at all " * 100)
    code, _, err = run("trace", "ua-20", "--index", str(junk), plans=scratch_plans)
    assert code == 2 and "not a peaceplan index" in err and len(err.splitlines()) == 1


def test_notebook_views(scratch_plans: Path) -> None:
    result = peaceplan.trace("ua-20", plans=scratch_plans)
    frame = result.to_frame()
    assert {"point", "source_version", "score", "match", "origin"} <= set(frame.columns)
    row = frame[(frame.point == "11") & frame.origin].iloc[0]
    assert row.source_version == "us-28" and row.match
    html = result._repr_html_()
    assert html.startswith('<div class="peaceplan">') and "Non-nuclear Ukraine" in html


def test_a_rebuild_stopped_by_a_bad_plan_file_leaves_the_index_as_it_was(
    tmp_path: Path, run
) -> None:
    plans = tmp_path / "plans"
    _plan(plans, "a", "v1", "2010-01-01", ["One text about the Orlan dam."])
    assert update_index(plans).provisions == 1
    bad = plans / "b" / "v1.yaml"
    bad.parent.mkdir()
    bad.write_text("plan: b\nversion: v1\npoints:\n  - text: [ok\n", "utf-8")
    before = (plans / INDEX_NAME).read_bytes()
    code, _, err = run("index", "--rebuild", plans=plans)
    assert code == 2 and err.startswith(f"{bad}:5:1: ")
    assert (plans / INDEX_NAME).read_bytes() == before
    assert sorted(p.name for p in plans.iterdir()) == [INDEX_NAME, "a", "b"]  # no leftovers
    bad.unlink()
    (plans / INDEX_NAME).write_bytes(b"not an index")  # a rebuild replaces even a broken one
    assert run("index", "--rebuild", plans=plans)[0] == 0
    assert update_index(plans).provisions == 1


@pytest.mark.parametrize("rebuild", [[], ["--rebuild"]])
def test_an_index_in_a_missing_folder_is_a_one_line_error(tmp_path: Path, run, rebuild) -> None:
    plans = tmp_path / "plans"
    _plan(plans, "a", "v1", "2010-01-01", ["One text about the Orlan dam."])
    where = tmp_path / "gone" / "x.sqlite3"
    code, _, err = run("index", "--index", str(where), *rebuild, plans=plans)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"{where}: cannot ")
    assert "internal error" not in err and not (tmp_path / "gone").exists()


def test_a_first_index_stopped_by_a_bad_plan_file_leaves_no_file(tmp_path: Path, run) -> None:
    plans = tmp_path / "plans"
    _plan(plans, "a", "v1", "2010-01-01", ["One text about the Orlan dam."])
    bad = plans / "b" / "v1.yaml"
    bad.parent.mkdir()
    bad.write_text("plan: b\nversion: v1\npoints:\n  - text: [ok\n", "utf-8")
    code, _, err = run("index", plans=plans)
    assert code == 2 and err.startswith(f"{bad}:5:1: ")
    assert sorted(p.name for p in plans.iterdir()) == ["a", "b"]  # no empty index left behind
    bad.unlink()
    assert run("index", plans=plans)[0] == 0 and update_index(plans).provisions == 1
