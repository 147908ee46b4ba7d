"""The fast reading of plain plan files (yaml-rs) never gives another answer than read_yaml.

`peaceplan diff` reads both versions with `lines=False`: yaml-rs builds the data when the text
is plain, and read_yaml (ruamel's C parser and our builder) reads everything else. The tests
hold the two to the same result: the same data, the same Plan, the same diff, and the same
located message for every bad file, including files yaml-rs reads differently or not at all.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fuzzkit import fuzz_settings, mutated_plans
from hypothesis import given
from hypothesis import strategies as st

import peaceplan
from peaceplan.errors import PlanError
from peaceplan.io.fastread import fast_available, read_plain
from peaceplan.io.load import check_text, load_file
from peaceplan.io.yamlread import read_yaml

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
DRAFTS = sorted(p for p in PLANS.glob("*/*.yaml"))

DIFFERENTIAL = fuzz_settings(300)


def slow(text: str) -> tuple[object, list[str]] | None:
    """read_yaml's answer: the data and its problems, or None for a fatal error."""
    try:
        data, _, problems = read_yaml(text, "t.yaml")
    except PlanError:
        return None
    return data, [p.message for p in problems]


def assert_agrees(text: str) -> None:
    """read_plain answers only when read_yaml reads the same data without a problem."""
    fast = read_plain(text)
    if fast is not None:
        assert slow(text) == (fast, []), text
        assert repr(slow(text)[0]) == repr(fast)  # types too: 1, 1.0 and True compare equal
    # and the loader's answer does not depend on the path taken
    plan_fast, problems_fast = check_text(text, "t.yaml", lines=False)
    plan_slow, problems_slow = check_text(text, "t.yaml")
    assert plan_fast == plan_slow
    assert [str(p) for p in problems_fast] == [str(p) for p in problems_slow]


def test_yaml_rs_is_installed() -> None:
    # a dependency: without it every test below would pass by always reading slowly
    assert fast_available()


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_bundled_drafts_are_read_fast_with_the_same_result(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = read_plain(text)
    assert fast is not None
    assert_agrees(text)
    plan = load_file(path, lines=False)
    assert plan == load_file(path)
    assert all(fp.point.line is None for fp in plan.flat())


def test_a_generated_5000_point_plan_is_read_fast(tmp_path: Path) -> None:
    from benchmarks.generate import write_pair

    old, new, _ = write_pair(tmp_path, 5000, seed=1)
    for path in (old, new):
        text = path.read_text(encoding="utf-8")
        assert read_plain(text) is not None
        assert load_file(path, lines=False) == load_file(path)


# Each is plain YAML that yaml-rs reads differently from read_yaml (or reads where read_yaml
# refuses): the fast path must step aside and leave the answer, or the message, to read_yaml.
DIVERGENT = {
    "quoted date": "date: '2025-11-20'\n",
    "quoted timestamp": 'when: "2025-11-20T10:00:00"\n',
    "invalid date": "date: 2025-13-45\n",
    "underscored number": "n: 1_000\n",
    "underscores only": "n: ___4\n",
    "exponent underscore": "n: 9E7_6\n",
    "upper-case hex": "n: 0X1F\n",
    "signed hex": "n: +0x1F\n",
    "binary": "n: 0b101\n",
    "long number": "n: " + "9" * 4500 + "\n",
    "custom tag": "a: !foo x\n",
    "python tag": "a: !!python/object x\n",
    "alias": "a: &x [1]\nb: *x\n",
    "anchor in a flow list": "a: [&x b, c]\n",
    "tag on a list item": "a:\n- !!str 1\n",
    "duplicate key": "a: 1\na: 2\n",
    "flow key without value": "a: [b:, c]\n",
    "quoted flow key": "a: ['S, ':a1:', n]\n",
    "block in flow": "a: [>  x]\n",
    "empty folded block": "a: >\n    \nb: c\n",
    "block at end without newline": "a: |\n  text",
    "reserved indicator": "a: @x\n",
    "backtick": "a: `x`\n",
    "NUL": "a: x\x00y\n",
    "control character": "a: x\x01y\n",
    "C1 control": "a: x\x85y\n",
    "line separator": "a: x\u2028y\n",
    "byte order mark inside": "a: x\ufeffy\n",
    "escape": 'a: "x\\ud800"\n',
    # ruamel decodes each half of an escaped surrogate pair alone (a problem), yaml-rs the pair
    "surrogate pair escape": 'a: "\\ud83d\\ude00"\n',
    "tab": "a:\tb\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "document end first": "...\na: 1\n",
    "not a mapping": "- a\n- b\n",
    "complex key": "? [a]\n: b\n",
    "deep flow": "a: " + "[" * 300 + "]" * 300 + "\n",
    "nesting past the limit": "".join("  " * i + "a:\n" for i in range(70)) + "  " * 70 + "b\n",
}


@pytest.mark.parametrize("text", DIVERGENT.values(), ids=DIVERGENT.keys())
def test_what_yaml_rs_reads_differently_takes_the_usual_path(text: str) -> None:
    assert read_plain(text) is None
    assert_agrees(text)


def test_agreeing_plain_forms_stay_fast() -> None:
    # the gates are narrow: ordinary values of every type still take the fast path
    text = (
        "a: 2025-11-20\nb: '12'\nc: 12\nd: 1.5\ne: true\nf: ~\ng: 'true'\nh: [x, 'y z', \"w\"]\n"
        "i: >-\n  folded\n  text\nj: pt_1\nk: 50%\nl: -3\nm: '2025-11-20 was a day'\n"
        "n: 10:00:00\no: https://example.org/?a=1&b=2\np: Stop! Now.\nq: 5*3 = 15\n"
    )
    assert read_plain(text) == slow(text)[0]


def test_deep_block_nesting_cannot_crash_the_command(tmp_path: Path) -> None:
    # yaml-rs recurses per block level: 20,000 levels would overflow the stack of the process
    deep = tmp_path / "deep.yaml"
    deep.write_text("- " * 20_000 + "a\n", encoding="utf-8")
    indented = tmp_path / "indented.yaml"
    indented.write_text("".join(" " * i + "a:\n" for i in range(3_000)), encoding="utf-8")
    good = PLANS / "minsk" / "minsk-1.yaml"
    for bad in (deep, indented):
        out = subprocess.run(
            [sys.executable, "-m", "peaceplan", "diff", str(bad), str(good)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert out.returncode == 2, out.stderr
        assert out.stderr.startswith(f"{bad}:"), out.stderr
        assert out.stderr.strip().endswith("nesting deeper than 64 levels"), out.stderr


def test_the_command_still_locates_problems(tmp_path: Path) -> None:
    # valid YAML, invalid plan: the fast reading finds it wanting and read_yaml locates it
    text = (PLANS / "minsk" / "minsk-1.yaml").read_text(encoding="utf-8")
    first = text.index("\n  - ", text.index("points:"))
    broken = tmp_path / "broken.yaml"
    broken.write_text(text[:first] + "\n  - number: '1'\n    txt: typo" + text[first:], "utf-8")
    line = text[:first].count("\n") + 3
    out = subprocess.run(
        [sys.executable, "-m", "peaceplan", "diff", str(broken), "minsk-2"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert out.returncode == 2
    assert f"broken.yaml:{line}:5: points[0]: unknown key 'txt'" in out.stderr, out.stderr


def test_the_command_and_the_library_give_the_same_diff() -> None:
    # the command reads fast, peaceplan.diff() with line numbers: the same JSON either way
    from peaceplan.render.json import diff_json

    for old, new in (("us-28", "ua-20"), ("minsk-1", "minsk-2"), ("ua-20", "e3-counter")):
        out = subprocess.run(
            [sys.executable, "-m", "peaceplan", "diff", old, new, "--format", "json"],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        assert out.returncode == 1, out.stderr
        assert out.stdout == diff_json(peaceplan.diff(old, new, plans=str(PLANS)))


def test_without_yaml_rs_every_file_still_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEACEPLAN_PURE", "1")  # as if not installed (the default install)
    assert not fast_available()
    path = PLANS / "minsk" / "minsk-2.yaml"
    assert read_plain(path.read_text(encoding="utf-8")) is None
    plan = load_file(path, lines=False)
    assert plan == load_file(path)
    assert plan.flat()[0].point.line is not None  # read by read_yaml, with its lines


# -- differential: generated documents and mutated drafts ---------------------------------

_NUMBERISH = st.text("0123456789_+-.eExXoObB:~ tTrRuUfFaAlLsSnN", min_size=1, max_size=8)
_WORDS = st.text("abcxyz0123456789 _-.:,#'\"|>[]{}?!&*%@`\\é\n\r\t", max_size=12)
_KNOWN = st.sampled_from(
    [
        "2025-11-20",
        "2025-1-5",
        "2025-13-45",
        "2025-11-20T10:00",
        "2025-11-20 10:00:00",
        "10:00:00",
        "1.5",
        "017",
        "+1",
        "true",
        "Null",
        "~",
        ".inf",
        ".iNf",
        "1e3",
        "nan",
    ]
)


@st.composite
def _scalar(draw: st.DrawFn) -> str:
    value = draw(st.one_of(_NUMBERISH, _KNOWN, _WORDS))
    style = draw(st.sampled_from(["plain", "single", "double", "block"]))
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "block":
        return draw(st.sampled_from(["|", ">", "|-", ">-", "|+"])) + "\n    " + value
    return value


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for i in range(draw(st.integers(1, 4))):
        key = draw(st.sampled_from(["plan", "date", "text", "a", f"k{i}"]))
        shape = draw(st.sampled_from(["value", "block list", "flow list"]))
        if shape == "value":
            lines.append(f"{key}: {draw(_scalar())}")
        elif shape == "block list":
            lines.append(f"{key}:")
            lines += [f"  - {draw(_scalar())}" for _ in range(draw(st.integers(1, 3)))]
        else:
            items = [draw(_scalar()).replace("\n", " ") for _ in range(draw(st.integers(1, 3)))]
            lines.append(f"{key}: [{', '.join(items)}]")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))


@DIFFERENTIAL
@given(documents())
def test_generated_documents_agree(text: str) -> None:
    assert_agrees(text)


@DIFFERENTIAL
@given(mutated_plans())
def test_mutated_drafts_agree(mutant: tuple[str, bytes]) -> None:
    _, raw = mutant
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return  # decoding comes first and is shared: nothing for the parsers to differ on
    assert_agrees(text)


def test_the_python_api_reads_fast_on_request() -> None:
    fast = peaceplan.load("us-28", plans=str(PLANS), lines=False)
    exact = peaceplan.load("us-28", plans=str(PLANS))
    assert fast == exact
    assert fast.flat()[0].point.line is None
    assert exact.flat()[0].point.line == 37  # "- id: sovereignty"
    path = PLANS / "ukraine-2025" / "us-28.yaml"
    assert peaceplan.load(path, lines=False).flat()[0].point.line is None


def test_a_panic_in_yaml_rs_leaves_the_file_to_the_usual_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pyo3 raises a Rust panic as PanicException, a BaseException: not a crash of the command
    import peaceplan.io.fastread as fastread

    class PanicException(BaseException):
        pass

    def panics(text: str, **_: object) -> object:
        raise PanicException("attempt to subtract with overflow")

    monkeypatch.setattr(fastread, "_loads", lambda: panics)
    path = PLANS / "minsk" / "minsk-2.yaml"
    assert read_plain(path.read_text(encoding="utf-8")) is None
    assert load_file(path, lines=False) == load_file(path)


def test_the_python_api_locates_a_bad_file_read_fast(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan: demo\nversion: v1\npoints:\n  - number: '1'\n    txt: typo\n", "utf-8")
    with pytest.raises(PlanError) as caught:
        peaceplan.load(bad, lines=False)
    assert [str(p) for p in caught.value.problems] == [
        f"{bad}:4:5: points[0]: missing required key 'text'",
        f"{bad}:5:5: points[0]: unknown key 'txt' (did you mean 'text'?)",
    ]
