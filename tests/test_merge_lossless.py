"""A merge loses nothing silently: plan-level fields conflict like points (and are resolved the
same way), the comments of both sides' files survive, and a partial side deletes only what it
reports dropped. Through `peaceplan merge`, the Python API and `git merge` with the driver."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import test_git_drivers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mergekit import commented_draft, edit_draft
from test_git_drivers import PLAN, git, peaceplan

import peaceplan as pp
from peaceplan.aligning import align
from peaceplan.api import load, resolve
from peaceplan.io.comments import read_comments
from peaceplan.io.load import load_text
from peaceplan.merging import merge_plans, resolve_conflict, resolve_field
from peaceplan.model import FieldConflict, FieldOption

env = test_git_drivers.env  # git with a fixed identity and no user configuration

DRAFT = """\
# A demo draft: its header comment is kept once.
plan: demo
version: draft
title: Demo framework
date: 2025-11-20
status: draft
sources:
  - https://example.org/base
points:
  - id: ceasefire
    number: "1"
    text: A ceasefire takes effect along the line of contact.
  - id: army
    number: "2"
    title: Armed forces
    text: Ukraine's armed forces are capped at 600,000 personnel.
  - number: "3"
    text: Elections are held within 100 days of signing.
"""


def _write(folder: Path, version: str, *edits: tuple[str, str]) -> Path:
    text = DRAFT.replace("version: draft", f"version: {version}")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = folder / f"{version}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line(text: str, prefix: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(prefix))


# -- plan-level fields -----------------------------------------------------------------------


def test_a_title_both_sides_changed_is_a_conflict_then_resolved(run, tmp_path):
    base = _write(tmp_path, "draft")
    eu = _write(tmp_path, "eu", ("title: Demo framework", "title: European framework"))
    us = _write(tmp_path, "us", ("title: Demo framework", "title: American framework"))
    out = tmp_path / "merged.yaml"
    code, _, err = run("merge", str(base), str(eu), str(us), "-o", str(out), plans=None)
    assert code == 1
    text = out.read_text()
    at = _line(text, "  - field: title")
    assert (
        f"{out}:{at}: field title: changed differently on both sides "
        "(eu 'European framework', us 'American framework')"
    ) in err
    assert "1 conflict" in err.splitlines()[0]
    merged = load(out)
    assert merged.title == "Demo framework"  # the base value, until settled
    assert merged.conflicts == (
        FieldConflict(
            "title",
            "Demo framework",
            (FieldOption("eu", "European framework"), FieldOption("us", "American framework")),
        ),
    )

    code, _, err = run("validate", "--no-conflicts", str(out), plans=None)
    assert code == 2
    assert (
        f"{out}:{at}:5: field title: unresolved merge conflict (take one: 1=eu, 2=us, or base)"
    ) in err
    code, listed, _ = run("resolve", str(out), plans=None)
    assert code == 1
    assert f"{out}:{at}: field title: 1=eu  2=us  base='Demo framework'" in listed

    code, _, err = run("resolve", str(out), "title", "--take", "nobody", plans=None)
    assert code == 2 and "no option 'nobody' (options: 1=eu, 2=us, base)" in err
    assert "Traceback" not in err
    code, _, err = run("resolve", str(out), "title", "--take", "theirs", plans=None)
    assert code == 0, err
    assert "field title settled; 0 conflicts left" in err
    settled = load(out)
    assert settled.title == "American framework" and not settled.conflicts
    assert "conflicts:" not in out.read_text()
    files = (str(out), str(base), str(eu), str(us))  # the merged file's lineage with it
    assert run("validate", "--no-conflicts", *files, plans=None)[0] == 0


def test_resolve_takes_ours_theirs_base_or_a_name():
    plan = pp.Plan(
        plan="demo",
        version="m",
        title="Base",
        conflicts=(
            FieldConflict("title", "Base", (FieldOption("eu", "EU"), FieldOption("us", "US"))),
            FieldConflict(
                "sources", None, (FieldOption("eu", ("a", "b")), FieldOption("us", None))
            ),
        ),
    )
    assert resolve_field(plan, "title", "ours").title == "EU"
    assert resolve_field(plan, "title", "US").title == "US"
    assert resolve_field(plan, "title", "2").title == "US"
    kept = resolve_field(plan, "title", "base")
    assert kept.title == "Base" and [c.field for c in kept.conflicts] == ["sources"]
    assert resolve_field(plan, "sources", "eu").sources == ("a", "b")
    assert resolve_field(plan, "sources", "us").sources == ()
    with pytest.raises(pp.PeaceplanError, match="no conflict on field 'date'"):
        resolve_field(plan, "date", "ours")


def _plan(version: str, **fields) -> pp.Plan:
    points = (pp.Point(text="A ceasefire takes effect.", number="1"),)
    return pp.Plan(plan="demo", version=version, points=points, **fields)


def test_fields_one_side_changed_are_taken_and_lists_merge_as_sets():
    day = dt.date(2025, 11, 20)
    base = _plan("v", title="T", date=day, status="draft", sources=("a", "c"), parties=("UA",))
    ours = _plan("v", title="T2", date=day, status="agreed", sources=("a", "c", "o"))
    theirs = _plan(
        "v",
        title="T",
        date=dt.date(2025, 12, 1),
        status="draft",
        sources=("a", "t"),
        parties=("UA",),
    )
    result = merge_plans(base, ours, theirs, new_version=False, labels=("main", "kyiv"))
    plan = result.plan
    assert result.clean
    assert (plan.title, plan.status, plan.date) == ("T2", "agreed", dt.date(2025, 12, 1))
    assert plan.sources == ("a", "o", "t")  # additions of both kept, c removed by theirs
    assert plan.parties == ()  # removed by ours

    theirs = _plan("v", title="T", date=dt.date(2025, 12, 1), status="proposed")
    result = merge_plans(base, ours, theirs, new_version=False, labels=("main", "kyiv"))
    assert [str(c) for c in result.conflicts] == [
        "field status: changed differently on both sides (main 'agreed', kyiv 'proposed')"
    ]
    assert result.plan.status == "draft"
    reread = load_text(result.text(), "merged.yaml")  # valid, and the conflict reads back
    assert reread.conflicts == result.plan.conflicts
    assert resolve_field(reread, "status", "kyiv").status == "proposed"


def test_a_document_title_both_sides_changed_is_a_conflict():
    def package(version: str, title: str) -> pp.Plan:
        doc = pp.Document(id="framework", title=title, points=(pp.Point(text="x", number="1"),))
        return pp.Plan(plan="demo", version=version, documents=(doc,))

    result = merge_plans(package("b", "Framework"), package("o", "Peace"), package("t", "Deal"))
    assert [c.key for c in result.conflicts] == ["documents.framework.title"]
    assert result.plan.documents[0].title == "Framework"
    plan = load_text(result.text(), "merged.yaml")
    settled = resolve_conflict(plan, "documents.framework.title", "t")
    assert settled.documents[0].title == "Deal" and not settled.conflicts


def test_a_document_neither_side_has_keeps_its_title_while_points_stay_in_it():
    # Found by the long fuzz run: a truncated draft (no documents) merged with a partial one
    # (which deletes nothing) crashed; the base's document still holds the points the partial
    # side kept, so it stays, with the base's title.
    doc = pp.Document(id="framework", title="Framework", points=(pp.Point(text="x", number="1"),))
    base = pp.Plan(plan="demo", version="b", documents=(doc,))
    ours = pp.Plan(plan="demo", version="o", points=(pp.Point(text="y", number="1"),))
    theirs = pp.Plan(plan="demo", version="t", coverage="partial")
    result = merge_plans(base, ours, theirs)
    assert [d.title for d in result.plan.documents] == ["Framework"]
    assert load_text(result.text(), "merged.yaml").documents[0].title == "Framework"


def test_bad_conflict_entries_are_located_errors(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "plan: demo\nversion: m\nconflicts:\n  - field: titel\n    options: []\n"
        "  - field: date\n    options:\n      - by: eu\n        value: soon\n"
        "points:\n  - text: x\n"
    )
    code, _, err = run("validate", str(bad), plans=None)
    assert code == 2 and "Traceback" not in err
    assert f"{bad}:4:5: conflicts[0].field: no such field (did you mean 'title'?)" in err
    assert f"{bad}:9:9: conflicts[1].options[0].value: expected a date YYYY-MM-DD" in err


# -- comments -----------------------------------------------------------------------------------


def _anchored(text: str) -> dict[str, tuple]:
    plan = load_text(text, "merged.yaml")
    return {c.text: (c.anchor, c.eol) for c in read_comments(text, plan)}


def test_their_comments_survive_a_clean_merge(run, tmp_path):
    base = _write(tmp_path, "draft")
    ours = _write(
        tmp_path,
        "eu",
        ("100 days", "90 days"),
        ('  - number: "3"\n', '  # [uncertain] 90 days: one reprint.\n  - number: "3"\n'),
    )
    theirs = _write(
        tmp_path,
        "us",
        ("along the line", "along the whole line"),
        ("  - id: army\n", "  # [uncertain] the cap is reported by one outlet.\n  - id: army\n"),
        ("600,000 personnel.\n", "600,000 personnel.  # Reuters\n"),
        ("title: Demo", "# Working title.\ntitle: Demo"),
    )
    out = tmp_path / "merged.yaml"
    code, _, err = run("merge", str(base), str(ours), str(theirs), "-o", str(out), plans=None)
    assert code == 0, err
    text = out.read_text()
    assert text.count("# A demo draft") == 1
    assert _anchored(text) == {
        "# A demo draft: its header comment is kept once.": (("plan",), False),
        "# Working title.": (("title",), False),
        "# [uncertain] the cap is reported by one outlet.": (("pt", "army"), False),
        "# Reuters": (("pt", "army", "text"), True),
        "# [uncertain] 90 days: one reprint.": (("pt", "3"), False),
    }
    merged = load(out)
    assert merged.get("ceasefire").text.endswith("along the whole line of contact.")
    assert merged.get("3").text.endswith("90 days of signing.")
    # The Python API writes the same file.
    result = pp.merge(base, ours, theirs)
    assert result.text() == text
    result.save(tmp_path / "again.yaml")
    assert (tmp_path / "again.yaml").read_text() == text


def test_a_comment_one_side_removed_goes_and_one_on_a_deleted_point_is_kept_at_the_end(
    run, tmp_path
):
    base = _write(tmp_path, "draft", ("  - id: army\n", "  # Old note.\n  - id: army\n"))
    ours = _write(
        tmp_path,
        "eu",
        ("  - id: army\n", "  # Old note.\n  - id: army\n"),
        ('  - number: "3"\n    text: Elections are held within 100 days of signing.\n', ""),
    )
    theirs = _write(
        tmp_path,
        "us",
        ('  - number: "3"\n', '  # Elections: Kyiv wants six months.\n  - number: "3"\n'),
    )
    out = tmp_path / "merged.yaml"
    code, _, err = run("merge", str(base), str(ours), str(theirs), "-o", str(out), plans=None)
    assert code == 0, err  # a comment is no edit: the deletion is taken
    text = out.read_text()
    assert "# Old note." not in text  # theirs removed it, ours left it
    assert text.endswith("# Elections: Kyiv wants six months.\n")
    assert load(out).get("3") is None
    assert (
        "note: comment '# Elections: Kyiv wants six months.' of us on point 3: its place is "
        "gone from the merged plan; kept at the end of the file"
    ) in err


def _repo(tmp_path: Path, environ: dict[str, str]) -> Path:
    root = tmp_path / "repo"
    (root / "plans" / "demo").mkdir(parents=True)
    (root / PLAN).write_text(DRAFT, encoding="utf-8")
    git(root, environ, "init", "-q", "-b", "main")
    peaceplan(root, environ, "git", "install")
    git(root, environ, "add", "-A")
    git(root, environ, "commit", "-q", "-m", "base draft")
    return root


def _commit(repo: Path, environ: dict[str, str], *edits: tuple[str, str]) -> None:
    path = repo / PLAN
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    git(repo, environ, "commit", "-q", "-am", "edit")


def test_their_comments_survive_git_merge_with_the_driver(tmp_path, env):
    repo = _repo(tmp_path, env)
    git(repo, env, "checkout", "-q", "-b", "kyiv")
    _commit(  # theirs: a point at the top (renumbering all), comments on the army point
        repo,
        env,
        (
            "points:\n",
            'points:\n  - id: sovereignty\n    number: "0"\n    text: Ukraine is sovereign.\n',
        ),
        ("  - id: army\n", "  # [uncertain] the cap is reported by one outlet.\n  - id: army\n"),
        ("600,000 personnel.\n", "600,000 personnel.  # Reuters\n"),
    )
    git(repo, env, "checkout", "-q", "main")
    _commit(  # ours: its own comment on point 3, and an edit
        repo,
        env,
        ("100 days", "90 days"),
        ('  - number: "3"\n', '  # [uncertain] 90 days: one reprint.\n  - number: "3"\n'),
    )
    out = git(repo, env, "merge", "kyiv", "-m", "merge", check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    text = (repo / PLAN).read_text()
    assert text.startswith("# A demo draft")
    anchored = _anchored(text)
    assert anchored["# [uncertain] the cap is reported by one outlet."] == (("pt", "army"), False)
    assert anchored["# Reuters"] == (("pt", "army", "text"), True)
    assert anchored["# [uncertain] 90 days: one reprint."] == (("pt", "3"), False)
    merged = load(repo / PLAN)
    assert merged.get("3").text == "Elections are held within 90 days of signing."
    assert merged.get("sovereignty") is not None
    assert git(repo, env, "status", "--porcelain").stdout == ""


def test_a_title_conflict_through_git_merge_is_resolvable(tmp_path, env):
    repo = _repo(tmp_path, env)
    git(repo, env, "checkout", "-q", "-b", "kyiv")
    _commit(repo, env, ("title: Demo framework", "title: Kyiv framework"))
    git(repo, env, "checkout", "-q", "main")
    _commit(repo, env, ("title: Demo framework", "title: Washington framework"))
    out = git(repo, env, "merge", "kyiv", "-m", "merge", check=False)
    assert out.returncode == 1
    assert "field title: changed differently on both sides (main 'Washington" in out.stderr
    assert "<<<<<<<" not in (repo / PLAN).read_text()
    peaceplan(repo, env, "resolve", PLAN, "title", "--take", "kyiv")
    assert load(repo / PLAN).title == "Kyiv framework"
    assert peaceplan(repo, env, "validate", "--no-conflicts", PLAN).returncode == 0


# -- partial sides ------------------------------------------------------------------------------


def test_merging_the_partial_drafts_keeps_every_point_not_reported_deleted(run, plans_dir):
    code, stdout, stderr = run("merge", "us-28", "e3-counter", "geneva-19")
    assert code == 1  # the title, proposed_by, the army cap, territory, NATO and the amnesty
    merged = load_text(stdout, "merged.yaml")
    said = {fp.point.text for fp in merged.flat()}
    said |= {o.text for fp in merged.flat() for o in fp.point.options}
    base = resolve("us-28", plans_dir)
    sides = [resolve(v, plans_dir) for v in ("e3-counter", "geneva-19")]
    dropped = {k for side in sides for k in side.dropped}
    assert dropped == {"3", "26"}
    counterparts: dict[str, set[str]] = {fp.key: {fp.point.text} for fp in base.flat()}
    for side in sides:
        for m in align(base, side).matches:
            for k in m.old:
                counterparts[k] |= {side.get(n).text for n in m.new}
    for fp in base.flat():
        if fp.key in dropped and len(counterparts[fp.key]) == 1:
            assert fp.point.text not in said, fp.key
        else:
            assert counterparts[fp.key] & said, f"point {fp.key} was lost"
    # The E3 rewrote the amnesty (their #26 is on victims) that Geneva reported dropped: that is
    # a conflict, reported, never a silent deletion.
    deleted = [ln.split(": ", 1)[1] for ln in stderr.splitlines() if "deleted by" in ln]
    assert deleted == ["point 26: deleted by geneva-19, edited by e3-counter"]
    assert merged.partial and set(merged.dropped) == {"3", "26"}


# -- the property: nothing of either side is lost silently ---------------------------------------

SETTINGS = settings(
    max_examples=40, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SCALARS = ("title", "date", "status", "proposed_by", "language")


def _value(draft, key):
    value = draft.fields.get(key)
    return dt.date.fromisoformat(value) if key == "date" and value else value


@SETTINGS
@given(st.integers(0, 10**6), st.booleans())
def test_every_comment_and_field_value_of_both_sides_is_kept_or_in_a_conflict(seed, git_mode):
    draft = commented_draft(seed)
    ours, theirs = edit_draft(draft, seed + 1, "o"), edit_draft(draft, seed + 2, "t")
    texts = (draft.text("v"), ours.draft.text("v"), theirs.draft.text("v"))
    plans = [load_text(t, f"{n}.yaml") for t, n in zip(texts, ("base", "ours", "theirs"))]
    result = merge_plans(*plans, new_version=not git_mode, labels=("ours", "theirs"), texts=texts)
    text = result.text(texts[1] if git_mode else None)
    merged = load_text(text, "merged.yaml")
    assert merged == result.plan  # valid, and what the merge says
    kept = [c.text for c in read_comments(text, merged)]
    assert len(kept) == len(set(kept))  # nothing doubled

    # Fields: each side's change is in the result or among a conflict's options.
    conflicts = {c.field: [o.value for o in c.options] for c in merged.conflicts}
    for side in (ours, theirs):
        for key in SCALARS if git_mode else ("title", "proposed_by", "language"):
            value = _value(side.draft, key)
            if value != _value(draft, key):
                assert getattr(merged, key) == value or value in conflicts.get(key, []), key
        for key in ("sources", "parties"):
            now, before = set(getattr(side.draft, key)), set(getattr(draft, key))
            assert now - before <= set(getattr(merged, key)), key
            assert not (before - now) & set(getattr(merged, key)), key
    # Comments: every one a side added, and every one both sides kept, is in the file; one a
    # side removed on purpose (the other left it) is not.
    base_c, ours_c, theirs_c = (set(d.comments()) for d in (draft, ours.draft, theirs.draft))
    assert (ours_c - base_c) | (theirs_c - base_c) | (ours_c & theirs_c) <= set(kept)
    for side, other in ((ours, theirs_c), (theirs, ours_c)):
        for comment in side.removed_comments & other:
            assert comment not in kept
    # Points: every edit and addition is in the result (as text or a conflict's option).
    said = {fp.point.text for fp in merged.flat()}
    said |= {o.text for fp in merged.flat() for o in fp.point.options}
    for side in (ours, theirs):
        assert set(side.edited.values()) | set(side.added) <= said
