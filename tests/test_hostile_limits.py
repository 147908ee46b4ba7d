"""Caps that cannot be amplified: each hostile case of issue 16, small enough to run in the suite.

Each answers with exit 2 and located lines: alias amplification (one long text repeated through
aliases: few nodes, a huge document), node floods (a list of empty mappings, thousands of
unknown keys, a notes file of empty entries), a stream over the size cap on standard input, and
a long lineage for `blame`. Run through the real `peaceplan` executable (tests/test_limits.py
has the runner), with the caps at their defaults where the file stays small and lowered by
$PEACEPLAN_LIMITS where it would not. Time and memory of the full-size cases are measured by
`python -m benchmarks.hostile` (figures in docs/limits.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from test_limits import peaceplan_cli

import peaceplan
from peaceplan.errors import PlanError, closest, did_you_mean
from peaceplan.io.fastread import read_plain
from peaceplan.io.load import check_text, load_text
from peaceplan.io.yamlread import DEFAULT_LIMITS, Limits, c_parser


def alias_plan(refs: int, length: int = 2_000, version: str = "v1") -> str:
    """A plan whose first point's text (`length` characters) is anchored, and `refs` other
    points' texts are aliases of it: a file of a few KB standing for refs x length characters."""
    text = "The parties agree " + "x" * (length - 18)
    head = f'plan: amp\nversion: {version}\npoints:\n  - number: "1"\n    text: &t "{text}"\n'
    return head + "".join(f'  - number: "{i}"\n    text: *t\n' for i in range(2, refs + 2))


def unknown_keys_plan(n: int) -> str:
    keys = "".join(f"    key{i}: 1\n" for i in range(n))
    return f'plan: k\nversion: v\npoints:\n  - number: "1"\n    text: T.\n{keys}'


def one_line_error(out: subprocess.CompletedProcess[str], path: Path) -> str:
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr
    lines = out.stderr.splitlines()
    assert lines[0].startswith(f"{path}:"), lines
    return lines[0]


# -- 1. alias amplification --------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "show", "diff"])
def test_a_long_text_repeated_through_aliases_is_refused_where_it_crosses_the_cap(
    tmp_path: Path, command: str
) -> None:
    # 600 references to a 2,000-character text: 1.2 million characters from a 20 KB file, over
    # the default cap of 1,000,000 characters brought in through aliases. (At 1,000 references
    # to 99,000 characters, `show` took 32 s and `diff` 100 s before the cap.)
    path = tmp_path / "amp.yaml"
    path.write_text(alias_plan(600), encoding="utf-8")
    assert path.stat().st_size < 25_000
    args = [command, str(path)] + ([str(path)] if command == "diff" else [])
    line = one_line_error(peaceplan_cli(*args), path)
    # Located at the alias that crosses the cap: 500 references of 2,000 characters fit, the
    # 501st (on line 5 + 2 x 501) does not.
    assert line.startswith(f"{path}:{5 + 2 * 501}:11: alias expansion exceeds the limit of ")
    assert "1,000,000 characters" in line


def test_aliases_below_the_cap_still_read(tmp_path: Path) -> None:
    # A hand-written file reusing a text a few times is fine: the cap counts characters.
    plan = load_text(alias_plan(100), "ok.yaml")
    assert len(plan.points) == 101 and plan.points[-1].text == plan.points[0].text


def test_the_character_cap_counts_nested_aliases_and_keys(tmp_path: Path) -> None:
    # An anchored list of anchored texts, repeated: the characters of every level count.
    words = ", ".join(f"&w{i} word{i}" for i in range(10))
    refs = ", ".join(f"*w{i}" for i in range(10))
    text = (
        "plan: n\nversion: v\nparties: &p [" + words + "]\nsources: [" + refs + "]\n"
        "points:\n"
        + "".join(f'  - number: "{i}"\n    text: T.\n    topics: *p\n' for i in range(5))
    )
    plan = load_text(text, "n.yaml")
    assert plan.points[0].topics == plan.parties
    with pytest.raises(PlanError) as err:
        load_text(text, "n.yaml", limits=Limits(max_alias_chars=100))
    assert "alias expansion exceeds the limit of 100 characters" in str(err.value)


def test_the_fast_reader_never_expands_aliases_itself() -> None:
    # `diff` reads plain files with yaml-rs (lines=False): a file with aliases goes to the
    # checked reader, which refuses it with the same located message.
    text = alias_plan(600)
    assert read_plain(text) is None
    with pytest.raises(PlanError) as fast:
        load_text(text, "amp.yaml", lines=False)
    with pytest.raises(PlanError) as slow:
        load_text(text, "amp.yaml")
    assert str(fast.value) == str(slow.value)
    assert "alias expansion exceeds the limit" in str(fast.value)


def test_notes_files_obey_the_alias_cap(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    (plans / "amp" / "notes").mkdir(parents=True)
    (plans / "amp" / "v1.yaml").write_text(alias_plan(1), encoding="utf-8")
    body = "x" * 2_000
    notes = f'- {{id: n-0001, point: "1", kind: note, body: &b "{body}"}}\n'
    notes += "".join(
        f'- {{id: n-{i:04d}, point: "1", kind: note, body: *b}}\n' for i in range(2, 700)
    )
    path = plans / "amp" / "notes" / "v1.yaml"
    path.write_text(notes, encoding="utf-8")
    line = one_line_error(peaceplan_cli("--plans", str(plans), "note", "list", "v1"), path)
    assert "alias expansion exceeds the limit of 1,000,000 characters" in line


# -- 2. node floods, problem floods -------------------------------------------------------------


def test_a_flood_of_nodes_is_refused_at_the_node_cap(tmp_path: Path) -> None:
    # `topics: [{},{},...]` in a 20 MB file was 6.9 million nodes (97 s, 5.6 GB); the cap on
    # nodes per file stops the reading where it is crossed. Lowered here to keep the file small.
    path = tmp_path / "flood.yaml"
    path.write_text(
        'plan: f\nversion: v\npoints:\n  - number: "1"\n    text: T.\n    topics: ['
        + ",".join(["{}"] * 3_000)
        + "]\n",
        encoding="utf-8",
    )
    line = one_line_error(peaceplan_cli("validate", str(path), limits="max_nodes=2000"), path)
    assert line.startswith(f"{path}:6:")
    assert "more than 2,000 YAML nodes in one file" in line


def test_the_fast_reader_leaves_a_node_flood_to_the_checked_reader() -> None:
    # A one-line flow list of plain words is what yaml-rs reads; over the node cap it must not
    # build it (millions of strings) but hand the file to read_yaml, which stops at the cap.
    text = 'plan: f\nversion: v\npoints:\n  - number: "1"\n    text: T.\n    topics: ['
    text += ", ".join(["a"] * 5_000) + "]\n"
    limits = Limits(max_nodes=1_000)
    assert read_plain(text) is not None  # under the default cap: the fast path
    assert read_plain(text, limits) is None
    with pytest.raises(PlanError) as err:
        load_text(text, "flood.yaml", limits=limits, lines=False)
    assert str(err.value).startswith("flood.yaml:6:")
    assert "more than 1,000 YAML nodes" in str(err.value)


@pytest.mark.parametrize(
    "body",
    [
        "topics: [" + ",".join(["{}"] * 3_000) + "]",  # a flow flood
        "topics: [!!python/object x, " + ",".join(["[]"] * 3_000) + "]",  # a refused tag first
        "topics: &p [a, b, c]\n    more: [" + ",".join(["*p"] * 600) + "]",  # through aliases
        "topics: [" + "[" * 70 + "]" * 70 + "]",  # too deep before the cap
    ],
)
def test_the_counting_pass_refuses_where_the_full_reading_does(body: str) -> None:
    # A file that may hold more nodes than the cap is first read without building anything
    # (a 20 MB flood was refused in 12 s and 605 MB; now 2 s and 80 MB). That pass must stop
    # at the same event, with the same message, as building the data would.
    from peaceplan.io.yamlread import _Builder

    text = f'plan: f\nversion: v\npoints:\n  - number: "1"\n    text: T.\n    {body}\n'
    limits = Limits(max_nodes=2_000)
    messages = []
    for count_only in (True, False):
        builder = _Builder(text, "f.yaml", limits, count_only=count_only)
        with pytest.raises(PlanError) as err:
            builder._run(c_parser()(text).get_event, fast=True)
        messages.append(str(err.value))
    assert messages[0] == messages[1]
    with pytest.raises(PlanError) as err:
        load_text(text, "f.yaml", limits=limits)
    assert str(err.value) == messages[0]


def test_the_node_cap_counts_aliases_expanded() -> None:
    text = "plan: a\nversion: v\nparties: &p [a, b, c, d, e, f, g, h]\nsources: [x]\n"
    text += "points:\n" + "".join(
        f'  - number: "{i}"\n    text: T.\n    topics: *p\n' for i in range(30)
    )
    assert load_text(text, "a.yaml").points[29].topics[-1] == "h"
    with pytest.raises(PlanError) as err:
        load_text(text, "a.yaml", limits=Limits(max_nodes=200))
    assert "more than 200 YAML nodes" in str(err.value)


def test_problems_are_capped_per_file_with_a_count_of_the_rest(tmp_path: Path) -> None:
    # 600,000 unknown keys took 36 s and printed 600,000 lines; now the first 100 problems,
    # then one line counting the rest, and the summary counts them all.
    path = tmp_path / "keys.yaml"
    path.write_text(unknown_keys_plan(2_500), encoding="utf-8")
    out = peaceplan_cli("validate", str(path))
    assert out.returncode == 2
    lines = out.stderr.splitlines()
    assert len(lines) == DEFAULT_LIMITS.max_problems + 2
    assert all(x.startswith(f"{path}:") for x in lines[:-1])
    assert "unknown key 'key0'" in lines[0]
    assert lines[-2] == f"{path}: ... and 2,400 more problems"
    assert lines[-1] == "2,500 problems in 1 file"


def test_the_problem_cap_holds_for_every_kind_of_problem(tmp_path: Path) -> None:
    # Problems of the YAML reader (duplicate keys) and of the checker (wrong types) together.
    dups = "".join("    text: T.\n" for _ in range(150))
    bad_topics = "    topics: [" + ",".join(["{}"] * 150) + "]\n"
    text = f'plan: d\nversion: v\npoints:\n  - number: "1"\n    text: T.\n{dups}{bad_topics}'
    plan, problems = check_text(text, "d.yaml")
    assert len(problems) == DEFAULT_LIMITS.max_problems + 1
    assert str(problems[-1]) == "d.yaml: ... and 200 more problems"
    assert "duplicate key 'text'" in str(problems[0])
    # In Python, the limit is a Limits field like the others.
    _, few = check_text(text, "d.yaml", limits=Limits(max_problems=3))
    assert [str(p) for p in few][-1] == "d.yaml: ... and 297 more problems"


def test_did_you_mean_is_cheap_on_a_huge_name() -> None:
    assert closest("titel", ["title", "text"]) == "title"
    assert closest("t" * 10_000, ["title", "text"]) is None
    assert did_you_mean("x" * 100_000, ["title"]) == ""


def test_a_notes_file_of_empty_entries_gives_a_capped_list_of_problems(tmp_path: Path) -> None:
    # A 0.9 MB notes file of `{}` entries took 565 MB; the problems are capped like a plan's.
    plans = tmp_path / "plans"
    (plans / "amp" / "notes").mkdir(parents=True)
    (plans / "amp" / "v1.yaml").write_text(alias_plan(1), encoding="utf-8")
    path = plans / "amp" / "notes" / "v1.yaml"
    path.write_text("[" + ",".join(["{}"] * 3_000) + "]\n", encoding="utf-8")
    out = peaceplan_cli("--plans", str(plans), "note", "list", "v1")
    assert out.returncode == 2
    lines = out.stderr.splitlines()
    assert len(lines) == DEFAULT_LIMITS.max_problems + 1
    assert lines[0].startswith(f"{path}:1:2: notes[0]: missing required key")
    assert lines[-1].startswith(f"{path}: ... and ") and lines[-1].endswith(" more problems")
    # ... and the node cap holds for notes files as for plans.
    out = peaceplan_cli("--plans", str(plans), "note", "list", "v1", limits="max_nodes=1000")
    assert "more than 1,000 YAML nodes" in one_line_error(out, path)


# -- 5. standard input, lineage ----------------------------------------------------------------


def test_standard_input_is_refused_past_the_cap_without_reading_it_all() -> None:
    # 3 GB on standard input used to be read whole before the size check. Now reading stops
    # past max_bytes: the writer below is cut off after about the cap, not after 50 MB.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEACEPLAN_")}
    env["PEACEPLAN_LIMITS"] = "max_bytes=100000"
    proc = subprocess.Popen(
        [sys.executable, "-m", "peaceplan", "show", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    sent = 0

    def feed() -> None:
        nonlocal sent
        chunk = b"# padding padding padding padding padding padding padding padding\n" * 1000
        try:
            while sent < 50_000_000:
                proc.stdin.write(chunk)  # type: ignore[union-attr]
                sent += len(chunk)
        except (BrokenPipeError, ValueError):
            pass

    writer = threading.Thread(target=feed)
    writer.start()
    # Not communicate(): it would close standard input at once, under the writer's feet.
    err = proc.stderr.read()  # type: ignore[union-attr]
    assert proc.wait(timeout=60) == 2
    writer.join(timeout=60)
    assert err.decode().strip() == "<stdin>: file too large (more than the limit of 100,000 bytes)"
    assert sent < 5_000_000  # the cap, plus what the pipe and one write held


def test_standard_input_under_the_cap_reads_as_before(run) -> None:
    text = (Path(__file__).parent.parent / "plans/ukraine-2025/us-28.yaml").read_text()
    code, out, _ = run("show", "-", "--format", "json", input=text)
    assert code == 0 and '"version": "us-28"' in out


def chain(root: Path, n: int) -> Path:
    """A negotiation of `n` versions, each based on the one before, one point reworded each."""
    folder = root / "plans" / "chain"
    folder.mkdir(parents=True)
    for i in range(n):
        based = f"based_on: [v{i - 1}]\n" if i else ""
        folder.joinpath(f"v{i}.yaml").write_text(
            f"plan: chain\nversion: v{i}\n{based}points:\n"
            f'  - number: "1"\n    text: The parties meet in round {i}.\n'
            '  - number: "2"\n    text: The wording that never changes.\n',
            encoding="utf-8",
        )
    return root / "plans"


def test_blame_walks_a_500_version_lineage(tmp_path: Path) -> None:
    # It recursed once per version: "input nested too deeply" from the CLI, RecursionError
    # from Python. The walk now keeps its own stack.
    plans = chain(tmp_path, 500)
    out = peaceplan_cli("--plans", str(plans), "blame", "v499", "--format", "json")
    assert out.returncode == 0, out.stderr
    import json

    points = json.loads(out.stdout)["points"]
    assert [p["introduced_in"] for p in points] == ["v499", "v0"]
    assert len(points[1]["ancestry"]) == 500
    blame = peaceplan.blame(plans / "chain" / "v499.yaml", plans=plans)
    assert blame.lines[1].introduced_in == "v0"
    assert blame.lines[1].chain().endswith("<- v0 #2")
    assert len({blame.lines[1].origin, blame.lines[1].origin}) == 1  # hashable, no recursion


def test_lineage_order_is_not_recursive() -> None:
    from peaceplan.lineage import lineage_order
    from peaceplan.model import Plan, Point

    # Names sorting newest first ("a00000" is based on "a00001", and so on), so that the walk
    # starts at the far end of a 3,000-version chain.
    n = 3_000
    versions = [
        Plan(
            plan="c",
            version=f"a{i:05d}",
            based_on=(f"a{i + 1:05d}",) if i < n - 1 else (),
            points=(Point(text="T."),),
        )
        for i in range(n)
    ]
    order = lineage_order(versions)
    assert [p.version for p in order] == [f"a{i:05d}" for i in reversed(range(n))]
