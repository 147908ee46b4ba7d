"""Loading plan files: the model built, every problem located, hostile YAML refused safely."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import peaceplan
from peaceplan.errors import PlanError
from peaceplan.io.load import check_text, load_text

GOOD = """\
plan: demo
version: v1
title: Demo plan
date: 2025-11-20
proposed_by: United States
parties: [Ukraine, Russia]
based_on: []
status: draft
language: en
sources: [https://example.org/a]
points:
  - id: armed-forces
    number: "6"
    title: Army cap
    text: Ukraine's armed forces are capped at 600,000 personnel.
    topics: [military, pax:SsrArm]
  - number: 10
    text: Guarantee terms.
    points:
      - number: a
        text: The US is compensated.
      - number: b
        text: The guarantee lapses if Ukraine invades Russia.
  - number: "21"
    text: The line of contact becomes the line of separation.
    options:
      - {by: Ukraine, text: The line is frozen without recognition.}
      - {by: Russia, text: Ukraine withdraws from Donetsk.}
"""


def messages(text: str) -> list[str]:
    _, problems = check_text(text, "p.yaml")
    return [str(p) for p in problems]


def test_loads_the_model() -> None:
    plan = load_text(GOOD, "p.yaml")
    assert plan.qualified == "demo/v1"
    assert plan.date == dt.date(2025, 11, 20)
    assert plan.parties == ("Ukraine", "Russia")
    assert plan.keys() == ("armed-forces", "10", "10.a", "10.b", "21")
    assert plan.get("armed-forces").topics == ("military", "pax:SsrArm")
    assert plan.get("10").number == "10"  # an unquoted number is still a string
    assert plan.get("10.b").text.startswith("The guarantee lapses")
    assert plan.bracketed_count() == 1
    assert plan.get("21").options[1].by == "Russia"
    assert plan.get("21").line == 24


def test_documents_package() -> None:
    text = """\
plan: demo
version: pkg
documents:
  - id: framework
    title: Framework
    points:
      - {number: "1", text: Sovereignty is confirmed.}
  - id: guarantees
    points:
      - {number: "G1", text: Article 5-like guarantees.}
"""
    plan = load_text(text)
    assert [fp.document for fp in plan.flat()] == ["framework", "guarantees"]
    assert len(plan.top_points()) == 2


def test_every_problem_is_reported_with_its_position() -> None:
    text = """\
plan: demo
version: v1
date: 20 Nov 2025
statsu: draft
status: final
points:
  - number: "1"
    txet: typo
    text: One.
  - number: "1"
    text: Duplicate number.
  - number: "2"
    text: "   "
  - id: x
    number: "3"
    text: [not, a, string]
  - id: x
    number: "4"
    text: Same id twice.
"""
    got = messages(text)
    assert got == [
        "p.yaml:3:1: date: expected a date YYYY-MM-DD, got '20 Nov 2025'",
        "p.yaml:4:1: unknown key 'statsu' (did you mean 'status'?)",
        "p.yaml:5:1: status: status must be one of draft, proposed, agreed, superseded",
        "p.yaml:8:5: points[0]: unknown key 'txet' (did you mean 'text'?)",
        "p.yaml:10:5: duplicate point number '1' (first at line 7)",
        "p.yaml:13:5: points[2].text: empty text",
        "p.yaml:16:5: points[3].text: expected a string, got a list",
        "p.yaml:17:5: duplicate point id 'x' (first at line 14)",
    ]


def test_duplicate_yaml_keys_are_all_reported() -> None:
    got = messages("plan: a\nversion: b\nplan: c\npoints: []\nversion: d\n")
    assert got == [
        "p.yaml:3:1: duplicate key 'plan' (first at line 1)",
        "p.yaml:5:1: duplicate key 'version' (first at line 2)",
    ]


def test_bad_date_value() -> None:
    assert messages("plan: a\nversion: b\ndate: 2025-13-45\npoints: []\n") == [
        "p.yaml:3:7: invalid date '2025-13-45'"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "p.yaml:1:1: empty file: expected a plan (a YAML mapping)"),
        ("- a\n- b\n", "p.yaml:1:1: expected a plan (a mapping of keys), got a list"),
        ("plan: [a\nversion: b\n", "p.yaml:2:8: YAML syntax error:"),
        ("points: []\n", "p.yaml:1:1: missing required key 'plan'"),
        ("a: 1\n---\nb: 2\n", "p.yaml:2:1: more than one YAML document in file"),
    ],
)
def test_structural_errors(text: str, expected: str) -> None:
    got = messages(text)
    assert got and got[0].startswith(expected)


def test_python_tags_are_refused_not_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"""\
plan: a
version: b
points:
  - number: "1"
    text: !!python/object/apply:os.system ["touch {marker}"]
  - number: "2"
    text: !custom hello
"""
    got = messages(text)
    assert (
        "p.yaml:5:11: tag !!python/object/apply:os.system is not allowed (plain YAML only)" in got
    )
    assert "p.yaml:7:11: tag !custom is not allowed (plain YAML only)" in got
    assert not marker.exists()


def test_billion_laughs_is_refused_quickly() -> None:
    lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lol.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    got = messages("\n".join(lol) + "\n")
    assert len(got) == 1
    assert "alias expansion exceeds the limit" in got[0]


def test_nesting_depth_is_capped() -> None:
    got = messages("plan: " + "[" * 500 + "]" * 500 + "\n")
    assert got == ["p.yaml:1:70: nesting deeper than 64 levels"]


def test_undecodable_bytes_are_located() -> None:
    _, problems = check_text(b"plan: a\nversion: \xff\xfe\n", "p.yaml")
    assert [str(p) for p in problems] == ["p.yaml:2:10: not UTF-8 text (byte 0xff)"]


def test_undecodable_bytes_after_a_bom_and_accents_are_located() -> None:
    # The BOM is not counted in the offset, and a column counts characters ("é" is one).
    _, problems = check_text(b"\xef\xbb\xbfplan: caf\xc3\xa9\xe9\n", "p.yaml")
    assert [str(p) for p in problems] == ["p.yaml:1:11: not UTF-8 text (byte 0xe9)"]


def test_load_raises_with_every_problem(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("plan: a\nversion: b\nbogus: 1\npoints: {}\n")
    with pytest.raises(PlanError) as info:
        peaceplan.load(f)
    assert len(info.value.problems) == 2
    assert info.value.lines()[0] == f"{f}:3:1: unknown key 'bogus'" + (
        "; known: plan, version, title, date, proposed_by, parties, based_on, status, "
        "language, sources, coverage, dropped, conflicts, points, documents"
    )


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="no such file"):
        peaceplan.load(tmp_path / "nope.yaml")


def test_load_takes_a_version_name_like_the_command_line(plans_dir: Path) -> None:
    by_name = peaceplan.load("ua-20", plans=plans_dir)
    by_path = peaceplan.load(plans_dir / "ukraine-2025" / "ua-20.yaml")
    assert by_name == by_path and by_name.version == "ua-20"
    assert peaceplan.load("ukraine-2025/us-28", plans=plans_dir).version == "us-28"
    with pytest.raises(
        peaceplan.PeaceplanError, match=r"ua-21: no such version .*did you mean: ua-20"
    ):
        peaceplan.load("ua-21", plans=plans_dir)


def test_text_with_a_lone_surrogate_is_a_located_error() -> None:
    # Python strings can hold what no file can; the C parser would raise UnicodeEncodeError.
    with pytest.raises(PlanError, match=r"^<string>:4:12: unpaired surrogate"):
        load_text("plan: x\nversion: y\npoints:\n  - text: a\ud800b\n")


def test_timestamps_read_alike_on_every_python() -> None:
    # Python 3.10's datetime.fromisoformat refuses a trailing Z and odd fractions; 3.11 reads them
    import datetime as dt

    from peaceplan.io.yamlread import fromisoformat, resolve_plain

    utc = dt.timezone.utc
    assert fromisoformat("2025-11-20T10:00:00Z") == dt.datetime(2025, 11, 20, 10, tzinfo=utc)
    assert fromisoformat("2025-11-20 10:00:00.5+0100") == dt.datetime(
        2025, 11, 20, 10, 0, 0, 500000, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert fromisoformat("2025-11-20T10:00") == dt.datetime(2025, 11, 20, 10)
    assert resolve_plain("2025-11-20T10:00:00Z") == dt.datetime(2025, 11, 20, 10, tzinfo=utc)


@pytest.mark.parametrize(
    "value",
    [
        "2025-11-20T10:00:00Z",
        "2025-11-20 10:00:00.5+0100",
        "2025-11-20T10:00",
        "2025-11-20T10:00:00.1234567-05:30",
        "2025-11-20T23:59:59,25+05",
    ],
)
def test_the_python_3_10_timestamp_reader_agrees_with_3_11(value: str) -> None:
    # fromisoformat reaches its hand-written reader only on 3.10; checked here on every Python,
    # against the standard library where it reads these forms itself (3.11 and later).
    import datetime as dt
    import sys

    from peaceplan.io.yamlread import fromisoformat_310

    got = fromisoformat_310(value)
    if sys.version_info >= (3, 11):
        assert got == dt.datetime.fromisoformat(value)
    assert got.year == 2025 and got.month == 11 and got.day == 20
