"""Fuzzing and property tests: hostile plan files through the CLI, and laws of the diff.

The mutants (tests/fuzzkit.py) are the bundled drafts broken the way real files break: bad
indentation, truncation, stray anchors, aliases and tags, wrong types, invalid bytes, NUL, huge
numbers, deep nesting, hostile text. Every command answers 0, 1 or 2 with a message, never a
traceback, an internal error or a hang.

The run is deterministic (derandomized) and sized for CI. A long run is one command:

    PEACEPLAN_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py
    python benchmarks/fuzz_long.py --examples 5000      # the same, with figures
"""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from fuzzkit import (
    DIFF_FORMATS,
    ORIGINALS,
    SHOW_FORMATS,
    FuzzWorld,
    _as_mutant,
    fuzz_settings,
    mutated_plans,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import peaceplan
from peaceplan.model import Option, Plan, Point

FUZZ = fuzz_settings(400)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> FuzzWorld:
    return FuzzWorld.create(tmp_path_factory.mktemp("fuzz"))


def test_unmutated_plans_pass_every_command(world: FuzzWorld) -> None:
    # The baseline: the harness itself accepts the bundled drafts (renamed `mutant`).
    for name in ORIGINALS:
        world.check(name, _as_mutant(name))
        code, out = world.run("validate", str(world.plans / name.split("/")[0]))
        assert code == 0, out


@FUZZ
@given(
    mutated_plans(),
    st.sampled_from(SHOW_FORMATS),
    st.sampled_from(DIFF_FORMATS),
)
def test_mutated_plans_get_an_answer_never_a_traceback(
    world: FuzzWorld, mutant: tuple[str, bytes], fmt_show: str, fmt_diff: str
) -> None:
    name, data = mutant
    world.check(name, data, fmt_show, fmt_diff)


# Inputs the long fuzz run (benchmarks/fuzz_long.py) once crashed on, kept as regressions.
CRASHERS = {
    # A package whose documents lack ids: the duplicate-id check read doc["id"] (KeyError).
    "documents without ids": b"plan: ukraine-2025\nversion: mutant\ndocuments:\n"
    b"  - title: A\n    points: []\n  - title: B\n    points: []\n",
    # ... or have a list as id (unhashable in the set of ids seen).
    "documents with list ids": b"plan: ukraine-2025\nversion: mutant\ndocuments:\n"
    b"  - id: [a]\n    points: []\n  - id: [a]\n    points: []\n",
}


@pytest.mark.parametrize("case", CRASHERS)
def test_inputs_that_once_crashed_get_an_answer(world: FuzzWorld, case: str) -> None:
    world.check("ukraine-2025/ua-20", CRASHERS[case])
    code, out = world.run("show", "-", input=CRASHERS[case])
    assert code == 2, out
    assert out.startswith("<stdin>:4:5: documents[0]")
    assert "missing required key 'id'" in out or "id: expected a string, got a list" in out


# -- generated plans -------------------------------------------------------------------------

WORDS = ["forces", "600,000", "Ukraine", "ceasefire", "zone", "NATO", "the", "of", "shall", "20"]
HOSTILE = ["\x1b[2J", "<b>", "|", "`", "\u202e", "&amp;", "*", "\\", "\n"]
texts = st.tuples(
    st.sampled_from(WORDS), st.lists(st.sampled_from(WORDS + HOSTILE), max_size=8)
).map(lambda t: " ".join([t[0], *t[1]]))
ids = st.text(string.ascii_lowercase, min_size=1, max_size=3)


@st.composite
def points(draw, depth: int = 0, prefix: str = "") -> tuple[Point, ...]:
    n = draw(st.integers(0 if depth else 1, 6 if depth == 0 else 3))
    used_ids = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    out = []
    for i in range(n):
        number = str(i + 1) if depth == 0 else "abcdef"[i]
        subs = draw(points(depth + 1, prefix=f"{prefix}{number}.")) if depth < 1 else ()
        options = ()
        if draw(st.booleans()) and draw(st.booleans()):
            options = (
                Option(by="Ukraine", text=draw(texts)),
                Option(by="Russia", text=draw(texts)),
            )
        out.append(
            Point(
                text=draw(texts),
                id=f"k-{prefix.replace('.', '-')}{used_ids[i]}" if draw(st.booleans()) else None,
                number=number,
                title=draw(texts) if draw(st.booleans()) else None,
                points=subs,
                options=options,
            )
        )
    return tuple(out)


@st.composite
def plans(draw, version: str = "a") -> Plan:
    return Plan(plan="gen", version=version, points=draw(points()))


@st.composite
def revisions(draw) -> tuple[Plan, Plan]:
    """A plan and a revision of it: points dropped, reworded, reordered and added."""
    old = draw(plans("a"))
    kept = [p for p in old.points if draw(st.booleans()) or len(old.points) == 1]
    new_points = []
    for p in draw(st.permutations(kept)):
        if draw(st.booleans()):
            p = Point(text=p.text + " " + draw(texts), id=p.id, number=p.number, points=p.points)
        new_points.append(p)
    extra = draw(points())
    taken = {p.number for p in new_points}
    new_points += [
        Point(text=p.text, number=f"{p.number}x", points=p.points)
        for p in extra
        if f"{p.number}x" not in taken
    ]
    renumbered = tuple(
        Point(
            text=p.text,
            id=p.id,
            number=str(i + 1),
            title=p.title,
            points=p.points,
            options=p.options,
        )
        for i, p in enumerate(new_points)
    )
    return old, Plan(plan="gen", version="b", based_on=("a",), points=renumbered)


def _write(plan: Plan, folder: Path) -> Path:
    path = folder / "gen" / f"{plan.version}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    peaceplan.save(plan, path)
    return path


PROPS = settings(max_examples=60, derandomize=True, deadline=None, database=None)


@PROPS
@given(plans())
def test_a_plan_diffed_with_itself_has_no_changes(plan: Plan) -> None:
    d = peaceplan.diff(plan, plan)
    kinds = {c.kind for c in d.changes}
    assert kinds <= {"unchanged"}
    assert len(d.changes) == len(plan.flat())


def _every_point_once(data: dict, old: Plan, new: Plan) -> None:
    seen_old = [k for c in data["changes"] for k in c["old"]]
    seen_new = [k for c in data["changes"] for k in c["new"]]
    assert sorted(seen_old) == sorted(old.keys())
    assert sorted(seen_new) == sorted(new.keys())


@settings(PROPS, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(revisions())
def test_diff_json_through_the_cli(tmp_path_factory, run, pair: tuple[Plan, Plan]) -> None:
    old, new = pair
    folder = tmp_path_factory.mktemp("gen")
    a, b = _write(old, folder), _write(new, folder)
    # The saved files load back as the same plans (the generator makes valid plans only).
    assert peaceplan.load(a) == old and peaceplan.load(b) == new
    code, out, err = run("diff", "a", "b", "--format", "json", plans=folder)
    assert code in (0, 1), err
    data = json.loads(out)
    assert data["format"] == "peaceplan.diff/1"
    assert (data["old"]["version"], data["new"]["version"]) == ("a", "b")
    _every_point_once(data, old, new)
    kinds = {"unchanged", "modified", "added", "removed", "split", "merged"}
    assert all(c["kind"] in kinds for c in data["changes"])
    summary = {k: sum(c["kind"] == k for c in data["changes"]) for k in kinds}
    assert {k: v for k, v in data["summary"].items() if k in kinds} == summary
    changed = any(v for k, v in summary.items() if k != "unchanged")
    assert code == (1 if changed else 0)
    # Round trip: the JSON is plain data, the same after a dump and a load.
    assert json.loads(json.dumps(data)) == data
    # The Python API gives the same document.
    from peaceplan.render.json import diff_json

    assert json.loads(diff_json(peaceplan.diff(old, new))) == data
