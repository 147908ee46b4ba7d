"""The `fast` extra (yaml-rs, orjson, cydifflib) is optional: the default install's fallbacks
(ruamel's parser, json, difflib) give byte-identical output. PEACEPLAN_PURE=1 forces them."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from importlib.metadata import requires
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peaceplan
from peaceplan import speedups
from peaceplan.io.fastread import read_plain
from peaceplan.render.json import diff_dict, dumps
from peaceplan.seq import opcodes

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_pair  # noqa: E402

FAST = ("yaml_rs", "orjson", "cydifflib")
PAIRS = [("us-28", "ua-20"), ("us-28", "e3-counter"), ("minsk-1", "minsk-2")]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~; \[]", requirement, maxsplit=1)[0].lower()


def test_the_default_install_needs_none_of_the_fast_modules() -> None:
    reqs = requires("peaceplan") or []
    always = {_name(r) for r in reqs if "extra ==" not in r}
    assert not always & {"yaml-rs", "orjson", "cydifflib", "deepdiff"}, always
    assert {_name(r) for r in reqs if 'extra == "fast"' in r} == {"yaml-rs", "orjson", "cydifflib"}


def test_pure_turns_every_fast_module_off(monkeypatch) -> None:
    monkeypatch.setenv("PEACEPLAN_PURE", "1")
    assert speedups.pure() and all(speedups.optional(m) is None for m in FAST)
    assert read_plain("plan: x\nversion: y\npoints: []\n") is None
    monkeypatch.setenv("PEACEPLAN_PURE", "0")
    assert not speedups.pure()
    for name in FAST:  # the dev install has them all
        assert speedups.optional(name) is not None, name


@pytest.mark.parametrize("value", ["", "0", "false", "False", "no", "OFF", " off "])
def test_pure_off_as_flags_are_written(monkeypatch, value: str) -> None:
    # PEACEPLAN_PURE=false turned pure mode on: only "" and "0" meant off
    monkeypatch.setenv("PEACEPLAN_PURE", value)
    assert not speedups.pure()


@pytest.mark.parametrize("value", ["1", "true", "yes", "on"])
def test_pure_on(monkeypatch, value: str) -> None:
    monkeypatch.setenv("PEACEPLAN_PURE", value)
    assert speedups.pure()


def _cli(*args: str, pure: bool) -> bytes:
    env = {**os.environ, "PEACEPLAN_PURE": "1" if pure else "0", "COLUMNS": "100"}
    out = subprocess.run(
        [sys.executable, "-m", "peaceplan", *args], capture_output=True, env=env, cwd=ROOT
    )
    assert out.returncode in (0, 1), out.stderr
    return out.stdout


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_bundled_diffs_are_byte_identical_without_the_fast_extra(old: str, new: str) -> None:
    for fmt in ("json", "terminal", "markdown"):
        args = ("diff", old, new, "--format", fmt, "--color", "never", "--explain")
        assert _cli(*args, pure=True) == _cli(*args, pure=False), fmt


def test_a_large_diff_is_byte_identical_without_the_fast_extra(tmp_path: Path) -> None:
    old, new, _ = write_pair(tmp_path, 1500, seed=5)
    args = ("diff", str(old), str(new), "--format", "json")
    fast = _cli(*args, pure=False)
    assert fast == _cli(*args, pure=True)
    assert len(json.loads(fast)["changes"]) > 1000


def test_json_encoders_agree(monkeypatch) -> None:
    d = peaceplan.diff("us-28", "ua-20", plans=str(ROOT / "plans"))
    data = diff_dict(d)
    # the contract's floats are similarities rounded to 4 places (json writes 1e-05 where orjson
    # writes 0.00001, but no such number is ever written)
    data["extra"] = [0.1, 0.0001, round(1 / 3, 4), 1e16, 0.449, -0.0, {}, [], "\u2028\x7f\x1f ü"]
    for extra in ([], [2**70]):  # an integer beyond 64 bits: orjson refuses, json writes it
        data["more"] = extra
        for indent in (None, 2, 4):
            monkeypatch.setenv("PEACEPLAN_PURE", "0")
            fast = dumps(data, indent=indent)
            monkeypatch.setenv("PEACEPLAN_PURE", "1")
            assert dumps(data, indent=indent) == fast, indent


_words = st.lists(st.sampled_from(["a", "b", "c", "the", "of", ",", "."]), max_size=40)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(_words, _words)
def test_cydifflib_and_difflib_give_the_same_edit_script(a: list[str], b: list[str]) -> None:
    os.environ["PEACEPLAN_PURE"] = "0"
    try:
        fast = opcodes(a, b)
        os.environ["PEACEPLAN_PURE"] = "1"
        assert opcodes(a, b) == fast
    finally:
        os.environ.pop("PEACEPLAN_PURE", None)


def test_long_texts_get_the_same_edit_script(monkeypatch) -> None:
    rng = random.Random(7)
    words = [f"w{rng.randrange(300)}" for _ in range(3000)]
    other = [w if rng.random() > 0.1 else "x" for w in words]
    monkeypatch.setenv("PEACEPLAN_PURE", "0")
    fast = opcodes(words, other)
    monkeypatch.setenv("PEACEPLAN_PURE", "1")
    assert opcodes(words, other) == fast
