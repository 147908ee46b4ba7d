"""Annotations: `peaceplan note add|list|rm` and the Python API, validation, notes-file errors,
and two processes annotating one version at the same time."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from notekit import notes_text, write_talks

from peaceplan.errors import PeaceplanError, UsageError
from peaceplan.notes import (
    Annotation,
    NoteNotFound,
    NotesError,
    NoteWarning,
    add_note,
    list_notes,
    read_notes,
    remove_note,
)
from peaceplan.notes.store import emit_notes, parse_notes


@pytest.fixture
def talks(tmp_path: Path) -> Path:
    return write_talks(tmp_path)


def test_add_list_rm_through_the_cli(run, talks: Path) -> None:
    code, out, err = run(
        "note", "add", "v1", "3", "--quote", "thirty days", "--party", "Beta",
        "--stance", "rejects", "--date", "2025-01-12", "--source", "https://example.org/a",
        "--body", "Beta wants ninety days.", plans=talks,
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith("n-0001: position on talks/v1 point 3")
    code, out, err = run("note", "add", "v1", "1", "--body", "Holds since May.", plans=talks)
    assert (code, err) == (0, "")
    assert out.startswith("n-0002: note on talks/v1 point 1")

    text = notes_text(talks, "v1")
    assert text.startswith("# Annotations of talks/v1")
    assert 'quote: "thirty days"' in text or "quote: thirty days" in text
    assert "stance: rejects" in text and "date: 2025-01-12" in text

    code, out, _ = run("note", "list", "v1", plans=talks)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "point", "what", "text"]
    assert lines[1].split()[:4] == ["n-0001", "#3", "Beta", "rejects"]
    assert "«thirty days» Beta wants ninety days." in lines[1]
    assert lines[2].split()[:3] == ["n-0002", "#1", "note"]

    code, out, _ = run("note", "list", "v1", "--party", "Beta", "--format", "json", plans=talks)
    data = json.loads(out)
    assert data["format"] == "peaceplan.notes/1"
    assert [n["id"] for n in data["notes"]] == ["n-0001"]
    assert data["notes"][0]["date"] == "2025-01-12"
    # The same filters from Python; a point is named by key or number, as on the command line.
    assert [n.id for n in list_notes("v1", party="Beta", plans=talks)] == ["n-0001"]
    assert [n.id for n in list_notes("v1", point="#1", plans=talks)] == ["n-0002"]
    with pytest.raises(PeaceplanError, match="no point 'nine'"):
        list_notes("v1", point="nine", plans=talks)

    code, out, _ = run("note", "rm", "v1", "n-0001", plans=talks)
    assert (code, out) == (0, "removed n-0001 from talks/v1\n")
    assert [n.id for n in list_notes("v1", plans=talks)] == ["n-0002"]
    assert "thirty days" not in notes_text(talks, "v1")
    # Ids are never reused after a removal at the end... but the next one follows the highest.
    code, out, _ = run("note", "add", "v1", "2", "--tag", "pax:SsrArm", plans=talks)
    assert out.startswith("n-0003: tag on talks/v1 point 2")


def test_rm_unknown_id_suggests_and_changes_nothing(run, talks: Path) -> None:
    add_note("v1", "1", "first", plans=talks)
    before = notes_text(talks, "v1")
    code, out, err = run("note", "rm", "v1", "n-0010", plans=talks)
    assert code == 2
    assert "no annotation 'n-0010'; did you mean: n-0001?" in err
    assert "Traceback" not in err
    assert notes_text(talks, "v1") == before


def test_quote_must_occur_in_the_point(run, talks: Path) -> None:
    code, out, err = run("note", "add", "v1", "3", "--quote", "ninety days", "--body", "x",
                         plans=talks)  # fmt: skip
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "talks/v1 point 3: quote 'ninety days' does not occur in the point" in err
    assert "closest: 'thirty days" in err
    assert not (talks / "talks" / "notes" / "v1.yaml").exists()


def test_quote_occurring_twice_warns_but_adds(run, talks: Path) -> None:
    # "the" occurs in "the government" and "the elections".
    code, out, err = run("note", "add", "v1", "6", "--quote", "the", "--body", "which?",
                         plans=talks)  # fmt: skip
    assert code == 0
    assert err == "warning: talks/v1 point 6: quote 'the' occurs 2 times in the point\n"
    assert [n.quote for n in list_notes("v1", plans=talks)] == ["the"]
    with pytest.warns(NoteWarning, match="occurs 2 times"):
        add_note("v1", "6", "again", quote="the", plans=talks)


def test_quote_ignores_line_breaks_and_spacing(talks: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        note = add_note("v1", "2", "ok", quote="fifty\n   kilometres", plans=talks)
    assert note.quote == "fifty\n   kilometres"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--party", "Beta"), "a position needs --party and --stance"),
        (("--stance", "accepts"), "a position needs --party and --stance"),
        (("--kind", "note", "--party", "B", "--stance", "accepts", "--body", "x"),
         "--stance belongs to a position"),
        (("--kind", "tag"), "a tag annotation needs --tag"),
        (("--kind", "status"), "a status annotation needs --status"),
        ((), "a note needs --body"),
        (("--body", "   "), "a note needs --body"),
        (("--tag", "pax:ssr-arm"), "'pax:ssr-arm' is not a PA-X code"),
        (("--stance", "maybe", "--party", "B"), "'maybe' is not one of"),
        (("--kind", "opinion", "--body", "x"), "'opinion' is not one of"),
        (("--date", "23 Nov", "--body", "x"), "'23 Nov' is not a date (YYYY-MM-DD)"),
    ],
)  # fmt: skip
def test_add_rejects_bad_annotations(run, talks: Path, args: tuple[str, ...], message) -> None:
    code, out, err = run("note", "add", "v1", "1", *args, plans=talks)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert not (talks / "talks" / "notes" / "v1.yaml").exists()


def test_add_unknown_point_or_version(run, talks: Path) -> None:
    code, _, err = run("note", "add", "v1", "9", "--body", "x", plans=talks)
    assert code == 2 and "talks/v1: no point '9'" in err
    code, _, err = run("note", "add", "v9", "1", "--body", "x", plans=talks)
    assert code == 2 and "v9" in err and "Traceback" not in err


def test_kind_defaults_and_points_by_number(talks: Path) -> None:
    pos = add_note("v2", "#5", "Alpha agrees.", party="Alpha", stance="accepts", plans=talks)
    tag = add_note("v2", "5", tag="pax:Ele", plans=talks)
    status = add_note("v2", "5", status="disputed", plans=talks)
    note = add_note("v2", "5", "A tag with a comment.", tag="elections", plans=talks)
    assert [n.kind for n in (pos, tag, status, note)] == ["position", "tag", "status", "note"]
    assert {n.point for n in (pos, tag, status, note)} == {"5"}
    assert list_notes("v2", plans=talks) == (pos, tag, status, note)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"date": "2025-11-24"}, r"`date=` must be a datetime\.date .*not str '2025-11-24'"),
        ({"created": dt.datetime(2025, 11, 24, 9)}, r"`created=` must be a datetime\.date"),
        ({"quote": 600000}, r"`quote=` must be text, not int 600000"),
        ({"party": 3, "stance": "accepts"}, r"`party=` must be text, not int 3"),
    ],
)
def test_add_refuses_an_argument_of_the_wrong_type(talks: Path, kwargs, message) -> None:
    # A date as a string was blamed on "notes/v1.yaml:6:3: notes[0].date", a line the user
    # never wrote; a datetime was an "internal error"; a number as text an AttributeError.
    notes = talks / "talks" / "notes" / "v1.yaml"
    before = notes.read_bytes() if notes.exists() else None
    with pytest.raises(UsageError, match=message):
        add_note("v1", "1", "A note.", plans=talks, **kwargs)
    assert (notes.read_bytes() if notes.exists() else None) == before


def test_party_outside_the_version_warns(talks: Path) -> None:
    with pytest.warns(NoteWarning, match="'Gamma' is not among the version's parties"):
        add_note("v1", "1", party="Gamma", stance="accepts", plans=talks)


def test_notes_file_round_trips_awkward_text(talks: Path) -> None:
    body = 'Says "no": 100% # not a comment\n- not a list\n\x85 and ünïcode: yes'
    made = add_note("v1", "1", body, author="null", source="yes", plans=talks)
    (back,) = read_notes(talks / "talks" / "notes" / "v1.yaml").annotations
    assert back == made
    assert (back.body, back.author, back.source) == (body, "null", "yes")


def test_hand_written_comments_survive_add_and_rm(talks: Path) -> None:
    path = talks / "talks" / "notes" / "v1.yaml"
    path.parent.mkdir()
    path.write_text(
        textwrap.dedent("""\
        # Kept by hand.
        - id: a
          point: "1"
          body: First.
        # About the second one.
        - id: b
          point: "2"
          body: Second.   # trailing comment
        """)
    )
    add_note("v1", "3", "Third.", plans=talks)
    text = path.read_text()
    assert text.startswith("# Kept by hand.\n- id: a")
    assert "Second.   # trailing comment" in text
    remove_note("v1", "b", plans=talks)
    text = path.read_text()
    assert "About the second one" not in text and "Second." not in text
    assert text.startswith("# Kept by hand.\n- id: a")
    assert [n.id for n in list_notes("v1", plans=talks)] == ["a", "n-0001"]
    with pytest.raises(NoteNotFound):
        remove_note("v1", "b", plans=talks)


BAD_FILES = [
    ("- id: n-1\n  point: [1\n", ":3:1: YAML syntax error"),
    ("- id: n-1\n  point: 1\n  kind: position\n  party: A\n  stance: maybe\n",
     ":5:3: notes[0].stance: 'maybe' is not one of accepts, rejects, reserves, proposes"),
    ("- id: n-1\n  point: 1\n  body: x\n  boddy: y\n",
     ":4:3: notes[0]: unknown key 'boddy' (did you mean 'body'?)"),
    ("- id: n-1\n  point: 1\n  body: x\n- id: n-1\n  point: 2\n  body: y\n",
     ":4:3: notes[1].id: duplicate id 'n-1' (first at line 1)"),
    ("- id: n-1\n  point: 1\n  body: x\n  created: yesterday\n",
     ":4:3: notes[0].created: expected a date (YYYY-MM-DD), got a string"),
    ("id: n-1\npoint: 1\n", ":1:1: a notes file is a list of annotations"),
    ("- id: n-1\n  point: 1\n  kind: tag\n  tag: pax:bad\n",
     ":4:3: notes[0].tag: 'pax:bad' is not a PA-X code"),
    ("- id: n-1\n  point: null\n  body: x\n",
     ":2:3: notes[0].point: no point (only an ambiguous or orphaned carried note has none)"),
    ("- id: n-1\n  point: 1\n  body: x\n  carried_from: {version: v0, id: a, outcome: lost}\n",
     ":4:38: notes[0].carried_from.outcome: 'lost' is not one of kept, moved, fuzzy"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_bad_notes_file_is_one_located_line(run, talks: Path, text: str, message: str) -> None:
    path = talks / "talks" / "notes" / "v1.yaml"
    path.parent.mkdir()
    path.write_text(text)
    for args in (("note", "list", "v1"), ("note", "add", "v1", "1", "--body", "x")):
        code, out, err = run(*args, plans=talks)
        assert code == 2
        assert err.splitlines()[0] == f"{path}{message}" or err.startswith(f"{path}{message}")
        assert "Traceback" not in err
        assert len(err.splitlines()) == 1
    assert path.read_text() == text  # the failed add wrote nothing
    with pytest.raises(NotesError):
        read_notes(path)


def test_status_and_carry_fail_cleanly_on_a_bad_notes_file(run, talks: Path) -> None:
    path = talks / "talks" / "notes" / "v1.yaml"
    path.parent.mkdir()
    path.write_text("- id: a\n  point: 1\n  kind: sideways\n  body: x\n")
    for args in (("status", "talks"), ("note", "carry", "v1", "v2")):
        code, _, err = run(*args, plans=talks)
        assert code == 2
        assert err.startswith(f"{path}:3:3: notes[0].kind: 'sideways' is not one of")
        assert "Traceback" not in err
    assert not (talks / "talks" / "notes" / "v2.yaml").exists()


def test_notes_need_a_version_stored_in_a_file(talks: Path) -> None:
    from peaceplan.api import load

    plan = load(talks / "talks" / "v1.yaml")
    plan = type(plan)(plan=plan.plan, version=plan.version, points=plan.points)
    with pytest.raises(PeaceplanError, match="notes belong to a version stored in a file"):
        add_note(plan, "1", "x")


WORKER = """
import sys, time
from pathlib import Path
from peaceplan.api import load
from peaceplan.notes import add_note

plan = load(sys.argv[1])
go = Path(sys.argv[3])
while not go.exists():
    time.sleep(0.005)
for i in range(200):
    add_note(plan, "3", f"{sys.argv[2]} note {i}", author=sys.argv[2])
"""


def test_two_processes_adding_200_notes_each_lose_nothing(tmp_path: Path) -> None:
    plans = write_talks(tmp_path)
    go = tmp_path / "go"
    version = plans / "talks" / "v1.yaml"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(version), who, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("alice", "bob")
    ]
    go.touch()  # both start together
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    notes = read_notes(plans / "talks" / "notes" / "v1.yaml").annotations
    assert len(notes) == 400
    assert len({n.id for n in notes}) == 400
    for who in ("alice", "bob"):
        bodies = [n.body for n in notes if n.author == who]
        assert bodies == [f"{who} note {i}" for i in range(200)]  # each in its own order
    assert not list((plans / "talks" / "notes").glob("*.tmp*"))


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    body=st.text(min_size=1).filter(lambda s: s.strip()),
    party=st.text(min_size=1).filter(lambda s: s.strip()),
    point=st.from_regex(r"[A-Za-z0-9#][A-Za-z0-9.#-]{0,8}", fullmatch=True),
)
def test_any_text_round_trips_through_the_notes_file(body: str, party: str, point: str) -> None:
    note = Annotation(
        id="n-0001", point=point, kind="position", body=body, party=party, stance="accepts"
    )
    text = emit_notes([note], header="h")
    assert parse_notes(text).annotations == (note,)
