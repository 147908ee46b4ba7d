"""The fast writer of new plan files reads back as the same plan, in the house style."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peaceplan.api import load
from peaceplan.io.emit import plan_yaml, scalar
from peaceplan.io.load import load_text
from peaceplan.io.save import dump_text
from peaceplan.model import Option, Plan, Point

# Any text a point may hold, including YAML's troublemakers and characters it folds or drops.
texts = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list(":#-'\"\n\t\x85\u2028 ")),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip())
tricky = st.sampled_from(
    [
        "yes",
        "No",
        "null",
        "~",
        "0x1F",
        "1e3",
        "2025-11-20",
        "12:30",
        "[deleted]",
        "- a",
        "a: b",
        "a #b",
        "a:",
        "'q'",
        "€20 billion",
        "28-point plan",
        "%x",
        "@x",
        "&a",
        "*a",
        "!t",
        "|",
        ">",
        "1_000",
        "+1",
        ".inf",
        "0xFFpoint",
    ]
)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.lists(st.tuples(texts | tricky, texts | tricky), min_size=1, max_size=5))
def test_any_text_reads_back_unchanged(pairs):
    points = tuple(
        Point(text=text, number=str(n + 1), title=title, options=(Option(title, text),))
        for n, (text, title) in enumerate(pairs)
    )
    plan = Plan(plan="p", version="v", title=pairs[0][1], points=points)
    assert load_text(plan_yaml(plan), "x.yaml") == plan


@pytest.mark.parametrize("name", ["us-28", "ua-20", "e3-counter", "geneva-19", "minsk-2"])
def test_the_bundled_plans_come_out_as_the_round_trip_writer_has_them(plans_dir, name):
    path = next(plans_dir.glob(f"*/{name}.yaml"))
    plan = load(path)
    assert plan_yaml(plan) == dump_text(plan)


def test_scalars():
    assert scalar("Ukraine is sovereign.") == "Ukraine is sovereign."
    assert scalar("6", quote=True) == '"6"'
    assert scalar("yes") == '"yes"'
    assert scalar("a: b") == '"a: b"'
    assert scalar("line\u2028break") == '"line\\u2028break"'
    assert scalar(dt.date(2025, 11, 20)) == "2025-11-20"
    assert scalar(True) == "true"


def test_plans_and_notes_share_one_yaml_emitter() -> None:
    from peaceplan.io import emit
    from peaceplan.notes import store

    # One quoting: the same escapes in both files; only the plain style differs.
    hostile = "a\u202eb\ufeffc: d"
    assert emit.scalar(hostile) == store.scalar(hostile) == emit.quoted(hostile)
    assert emit.scalar("yes") == '"yes"' and store.scalar("Ukraine") == "Ukraine"
    assert store.scalar(["us-28", "ua 20"]) == '[us-28, "ua 20"]'
    assert store.scalar(None) == "null" and store.scalar(0.12345) == "0.123"
