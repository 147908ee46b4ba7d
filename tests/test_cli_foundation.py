"""The foundation commands through the real CLI: validate, show, log, schema, name resolution."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

import peaceplan


def test_validate_bundled_plans_passes(run) -> None:
    code, out, err = run("validate")
    assert code == 0, err
    assert err.strip().endswith("files OK")


def test_validate_reports_every_problem_located(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan: x\nversion: y\ntitel: T\npoints:\n  - number: 1\n    text: ''\n")
    code, out, err = run("validate", str(bad))
    assert code == 2
    lines = err.strip().splitlines()
    assert lines[:2] == [
        f"{bad}:3:1: unknown key 'titel' (did you mean 'title'?)",
        f"{bad}:6:5: points[0].text: empty text",
    ]
    assert lines[-1] == "2 problems in 1 file"
    assert "Traceback" not in err


def test_validate_refuses_billion_laughs_and_python_tags(run, tmp_path: Path) -> None:
    lol = tmp_path / "lol.yaml"
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    rows += [f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]" for p, c in zip("abcdefgh", "bcdefghi")]
    lol.write_text("\n".join(rows) + "\n")
    tag = tmp_path / "tag.yaml"
    tag.write_text('plan: !!python/object/apply:os.system ["echo owned"]\nversion: v\npoints: []\n')
    code, out, err = run("validate", str(lol), str(tag))
    assert code == 2
    assert "alias expansion exceeds the limit" in err
    assert f"{tag}:1:7: tag !!python/object/apply:os.system is not allowed" in err
    assert "owned" not in out


def test_validate_lineage_problems(run, scratch_plans: Path) -> None:
    us = scratch_plans / "ukraine-2025" / "us-28.yaml"
    us.write_text(us.read_text().replace("based_on: []", "based_on: [ua-20]"))
    m2 = scratch_plans / "minsk" / "minsk-2.yaml"
    m2.write_text(m2.read_text().replace("based_on: [minsk-1]", "based_on: [nope-1]"))
    code, _, err = run("validate", plans=scratch_plans)
    assert code == 2
    assert "lineage cycle:" in err
    assert "based_on names no version: 'nope-1'" in err


def test_validate_outside_a_plans_folder_says_where_it_looked(
    run, scratch_plans: Path, tmp_path_factory, monkeypatch
) -> None:
    # A merged file written outside the plans folder names versions that are not beside it:
    # the message says they were looked for only among the files checked, and how to do better.
    merged = tmp_path_factory.mktemp("elsewhere") / "merged.yaml"  # no plans/ here or above
    code, _, _ = run("merge", "us-28", "us-28", "ua-20", "-o", str(merged), plans=scratch_plans)
    assert code == 0
    monkeypatch.chdir(merged.parent)
    code, _, err = run("validate", "merged.yaml", plans=None)
    assert code == 2
    line = merged.read_text().splitlines().index("  - us-28") + 1  # after ua-20's header comments
    assert (
        f"merged.yaml:{line}:5: based_on names no version: 'us-28' among the files checked "
        "(no plans folder here; use --plans DIR)"
    ) in err
    code, out, err = run("validate", "merged.yaml", plans=scratch_plans)
    assert (code, err.strip()) == (0, "1 file OK")


def test_validate_outside_a_plans_folder_checks_names_of_other_negotiations(
    run, tmp_path: Path, monkeypatch
) -> None:
    # b/w1 based on a/v1, both checked, no plans folder: the name of the other negotiation was
    # not checked at all (a/nope said OK), or, with a plans folder, checked against it alone
    # (a/v1, among the files checked, named no version)
    for plan, version, based in (("a", "v1", "[]"), ("b", "w1", "[a/v1]"), ("b", "w2", "[a/nope]")):
        (tmp_path / plan).mkdir(exist_ok=True)
        (tmp_path / plan / f"{version}.yaml").write_text(
            f"plan: {plan}\nversion: {version}\ntitle: T\nbased_on: {based}\n"
            'points:\n  - number: "1"\n    text: one\n'
        )
    monkeypatch.chdir(tmp_path)
    code, _, err = run("validate", "a/v1.yaml", "b/w1.yaml", "b/w2.yaml", plans=None)
    assert (code, err) == (
        2,
        "b/w2.yaml:4:12: based_on names no version: 'a/nope' among the files checked "
        "(no plans folder here; use --plans DIR)\n1 problem in 3 files\n",
    )
    code, _, err = run("validate", "a/v1.yaml", "b/w1.yaml")  # the bundled plans folder
    assert (code, err) == (0, "2 files OK\n")


def test_validate_checks_file_placement(run, scratch_plans: Path) -> None:
    src = scratch_plans / "minsk" / "minsk-1.yaml"
    (scratch_plans / "minsk" / "copy.yaml").write_text(src.read_text())
    code, _, err = run("validate", plans=scratch_plans)
    assert code == 2
    line = src.read_text().splitlines().index("version: minsk-1") + 1
    assert f"copy.yaml:{line}:10: version is 'minsk-1' but the file is copy.yaml" in err
    # a file that opens with a byte-order mark: the key's column is counted without it
    body = src.read_text().replace("plan: minsk\n", "", 1)
    (scratch_plans / "minsk" / "copy.yaml").write_text("plan: other\n" + body, "utf-8-sig")
    code, _, err = run("validate", plans=scratch_plans)
    assert "copy.yaml:1:7: plan is 'other' but the file is in minsk/" in err, err


@pytest.mark.parametrize(
    "args", [("log", "minsk"), ("matrix", "minsk"), ("figures", "minsk"), ("status", "minsk")]
)
def test_a_second_file_of_one_version_is_refused_not_dropped(
    run, scratch_plans: Path, args: tuple[str, ...]
) -> None:
    # minsk-2.yaml copied to minsk-3.yaml to start a new draft: two files said minsk-2, and the
    # commands reading the whole negotiation kept one of them without a word
    src = scratch_plans / "minsk" / "minsk-2.yaml"
    copy = scratch_plans / "minsk" / "minsk-3.yaml"
    copy.write_text(src.read_text())
    line = src.read_text().splitlines().index("version: minsk-2") + 1
    code, out, err = run(*args, plans=scratch_plans)
    assert (code, out) == (2, "")
    assert err == f"{copy}:{line}:10: version is 'minsk-2' but the file is minsk-3.yaml\n"
    with pytest.raises(peaceplan.PlanError, match=r"minsk-3\.yaml"):
        peaceplan.Library.open(scratch_plans).load_plan("minsk")


def test_a_based_on_naming_another_negotiation_is_checked_and_is_no_parent(
    run, scratch_plans: Path
) -> None:
    # `based_on: [ukraine-2025/minsk-1]` in minsk-2 names a version ukraine-2025 does not have:
    # validate said OK, and the matrix took it for minsk's own minsk-1 (the negotiation part was
    # dropped). A cross-negotiation name is now checked, and it is never a parent in the lineage.
    minsk2 = scratch_plans / "minsk" / "minsk-2.yaml"
    text = minsk2.read_text(encoding="utf-8")
    assert "based_on: [minsk-1]" in text
    minsk2.write_text(text.replace("based_on: [minsk-1]", "based_on: [ukraine-2025/minsk-1]"))
    code, _, err = run("validate", plans=scratch_plans)
    line = text.splitlines().index("based_on: [minsk-1]") + 1
    assert code == 2
    assert f"minsk-2.yaml:{line}:12: based_on names no version: 'ukraine-2025/minsk-1'" in err
    m = peaceplan.matrix("minsk", plans=scratch_plans)
    assert m.row("minsk-1:1").cell("minsk-2").change is None  # not continued: no parent
    # a real version of another negotiation: valid, and still no parent within minsk
    minsk2.write_text(text.replace("based_on: [minsk-1]", "based_on: [ukraine-2025/us-28]"))
    code, _, err = run("validate", plans=scratch_plans)
    assert code == 0, err
    assert peaceplan.matrix("minsk", plans=scratch_plans).counts()["minsk-2"] == {"origin": 13}


def test_log_shows_lineage_order(run) -> None:
    code, out, err = run("log", "ukraine-2025")
    assert code == 0, err
    versions = [line.split()[0] for line in out.splitlines()[1:]]
    assert versions.index("us-28") < versions.index("geneva-19") < versions.index("ua-20")
    header = out.splitlines()[0].split()
    assert header[:3] == ["version", "date", "proposed"]


def test_log_json(run) -> None:
    code, out, _ = run("log", "minsk", "--format", "json")
    data = json.loads(out)
    assert [d["version"] for d in data] == ["minsk-1", "minsk-2"]
    assert [d["points"] for d in data] == [12, 13]


def test_unknown_names_list_close_matches(run) -> None:
    code, _, err = run("show", "us-82")
    assert code == 2
    assert err.startswith("us-82: no such version")
    assert "us-28" in err
    code, _, err = run("log", "ukrain-2025")
    assert code == 2 and "ukraine-2025" in err


def test_a_missing_plan_file_is_named_as_a_missing_file(run, tmp_path, monkeypatch) -> None:
    # "draft-3.yaml" that does not exist is a mistyped file, not a missing plans folder
    monkeypatch.chdir(tmp_path)
    code, _, err = run("diff", "draft-3.yaml", "draft-4.yaml", plans=None)
    assert (code, err.strip()) == (2, "draft-3.yaml: no such file")
    code, _, err = run("diff", "draft-3.yaml", "us-28")
    assert code == 2
    assert err.strip().startswith("draft-3.yaml: no such file, nor a version of that name in ")


def test_show_formats(run) -> None:
    code, out, _ = run("show", "ukraine-2025/us-28", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == "us-28" and len(data["points"]) == 28
    code, out, _ = run("show", "us-28", "--format", "yaml")
    assert code == 0 and out.startswith("plan: ukraine-2025\nversion: us-28\n")
    code, out, _ = run("show", "us-28", "--format", "markdown")
    assert code == 0 and "600,000" in out


def test_show_from_path_and_stdin(run, plans_dir: Path) -> None:
    path = plans_dir / "minsk" / "minsk-2.yaml"
    code, out, _ = run("show", str(path), "--format", "json", plans=None)
    assert code == 0 and json.loads(out)["version"] == "minsk-2"
    code, out, _ = run("show", "-", "--format", "json", input=path.read_bytes(), plans=None)
    assert code == 0 and json.loads(out)["version"] == "minsk-2"


def test_schema_matches_bundled_file_and_validates_plans(run, plans_dir: Path) -> None:
    import jsonschema  # in the dev extra: the suite requires it

    from peaceplan.io.load import load_file
    from peaceplan.io.schema import plan_schema
    from peaceplan.io.serialize import plan_data

    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out) == plan_schema()
    validator = jsonschema.Draft202012Validator(plan_schema())
    for f in sorted(plans_dir.rglob("*.yaml")):
        if "notes" in f.parts:
            continue
        data = json.loads(json.dumps(plan_data(load_file(f)), default=str))
        assert not list(validator.iter_errors(data)), f
    bad = {"plan": "x", "version": "y", "points": [{"txt": "typo"}]}
    assert list(validator.iter_errors(bad))


@pytest.mark.parametrize(
    "extra",
    [
        "based_on: ['../../etc/passwd']",
        "based_on: [minsk/minsk-1/x]",
        "based_on: ' us-28'",
        "points:\n  - {number: '', text: a}",
        "points:\n  - {number: '  ', text: a}",
    ],
)
def test_schema_refuses_what_validate_refuses(extra: str) -> None:
    # An editor using the schema must not pass a file that `peaceplan validate` then fails.
    import jsonschema

    from peaceplan.io.load import check_text
    from peaceplan.io.schema import plan_schema

    text = f"plan: p\nversion: v\n{extra}\n"
    _, problems = check_text(text.encode(), "v.yaml")
    assert problems
    data = YAML(typ="safe").load(text)
    assert list(jsonschema.Draft202012Validator(plan_schema()).iter_errors(data))


def test_schema_fields_match_the_model() -> None:
    import attrs

    from peaceplan.io.spec import DOCUMENT_FIELDS, OPTION_FIELDS, PLAN_FIELDS, POINT_FIELDS
    from peaceplan.model import Document, Option, Plan, Point

    for cls, table in [
        (Plan, PLAN_FIELDS),
        (Point, POINT_FIELDS),
        (Option, OPTION_FIELDS),
        (Document, DOCUMENT_FIELDS),
    ]:
        model = {f.name for f in attrs.fields(cls)} - {"line", "path"}
        assert {f.name for f in table} == model, cls.__name__


def test_git_object_names_and_option_injection(tmp_path: Path, plans_dir: Path) -> None:
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(plans_dir, repo / "plans")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "plans"], check=True)
    target = repo / "plans" / "minsk" / "minsk-2.yaml"
    target.write_text(target.read_text().replace("version: minsk-2", "version: minsk-2b"))
    cmd = [sys.executable, "-m", "peaceplan", "show", "--format", "json"]
    out = subprocess.run(
        [*cmd, "HEAD:plans/minsk/minsk-2.yaml"], cwd=repo, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["version"] == "minsk-2"
    evil = subprocess.run(
        [*cmd, "--output=/tmp/x:plans/minsk/minsk-2.yaml"], cwd=repo, capture_output=True, text=True
    )
    assert evil.returncode == 2
    evil = subprocess.run(
        [*cmd, "--", "--output=/tmp/x:y.yaml"], cwd=repo, capture_output=True, text=True
    )
    assert evil.returncode == 2
    assert "may not start with '-'" in evil.stderr
    assert "Traceback" not in evil.stderr


def test_plans_folder_is_found_above_cwd(tmp_path: Path, plans_dir: Path) -> None:
    import shutil

    shutil.copytree(plans_dir, tmp_path / "plans")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    out = subprocess.run(
        [sys.executable, "-m", "peaceplan", "log", "minsk"],
        cwd=deep,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "minsk-2" in out.stdout


def test_every_command_has_help_with_an_example(run) -> None:
    from peaceplan.cli import COMMANDS

    for name in COMMANDS:
        code, out, _ = run(name, "--help", plans=None)
        assert code == 0, name
        assert "Example" in out, name


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "peaceplan", *args]


def test_the_command_flushes_everything_before_it_exits(plans_dir: Path) -> None:
    # The command ends without tearing down the interpreter: what it printed must all be there.
    ua20 = str(plans_dir / "ukraine-2025" / "ua-20.yaml")
    proc = subprocess.run(_command("show", ua20, "--format", "json"), capture_output=True)
    assert proc.returncode == 0 and proc.stderr == b""
    assert json.loads(proc.stdout)["version"] == "ua-20"
    proc = subprocess.run(_command("diff", ua20, "missing.yaml"), capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.startswith("missing.yaml")


def test_output_cut_short_by_a_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    # `peaceplan diff ... | head -1`: the reader goes away; no traceback, no error status.
    point = "  - number: {n}\n    text: Point {n} of a long plan, with words enough to print.\n"
    big = "plan: long\nversion: v{v}\npoints:\n" + "".join(point.format(n=n) for n in range(1, 800))
    (tmp_path / "a.yaml").write_text(big.format(v=1), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(big.format(v=2), encoding="utf-8")
    proc = subprocess.Popen(
        _command("diff", "a.yaml", "b.yaml", "--format", "json"),  # some 200 kB: > a pipe's buffer
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10) == b'{"format":'
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait() == 0 and err == b""


def test_a_bad_environment_setting_is_named_as_such(run, monkeypatch, tmp_path: Path) -> None:
    # PEACEPLAN_JOBS=abc used to be reported as a bad '--jobs', an option nobody typed
    monkeypatch.setenv("PEACEPLAN_JOBS", "abc")
    code, out, err = run("diff", "minsk-1", "minsk-2")
    assert code == 2 and out == ""
    assert "Invalid value for $PEACEPLAN_JOBS (--jobs): 'abc'" in err, err
    monkeypatch.setenv("PEACEPLAN_JOBS", "0")
    code, _, err = run("diff", "minsk-1", "minsk-2")
    assert code == 2 and "$PEACEPLAN_JOBS (--jobs): 0 is not in the range" in err, err
    code, _, err = run("diff", "minsk-1", "minsk-2", "--jobs", "-1")  # typed: named as typed
    assert code == 2 and "Invalid value for '--jobs': -1" in err, err
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("PEACEPLAN_PLANS", str(tmp_path / "file"))
    code, _, err = run("log", "minsk", plans=None)
    assert code == 2 and "$PEACEPLAN_PLANS (--plans)" in err, err


@pytest.mark.parametrize("args", [("validate",), ("log", "minsk"), ("matrix", "minsk")])
def test_a_version_in_a_yaml_and_a_yml_file_is_refused_not_dropped(
    run, scratch_plans: Path, args: tuple[str, ...]
) -> None:
    # minsk-2.yml beside minsk-2.yaml: each file's version is its name, so the placement check
    # passed both; validate said OK and log, matrix... kept one of the two without a word
    src = scratch_plans / "minsk" / "minsk-2.yaml"
    twin = scratch_plans / "minsk" / "minsk-2.yml"
    twin.write_text(src.read_text())
    line = src.read_text().splitlines().index("version: minsk-2") + 1
    code, out, err = run(*args, plans=scratch_plans)
    said = f"{twin}:{line}:10: version 'minsk-2' is in minsk-2.yaml too: one file per version"
    assert code == 2 and said in err.splitlines()
    if args != ("validate",):
        assert out == ""
    with pytest.raises(peaceplan.PlanError, match=r"minsk-2\.yml:"):
        peaceplan.Library.open(scratch_plans).load_plan("minsk")
