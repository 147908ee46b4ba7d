"""The public API's names are honest: functions stay functions whatever is imported."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import peaceplan

PLANS = str(Path(__file__).resolve().parent.parent / "plans")

PACKAGES = ("aligning", "diffing", "merging", "reviewing")


def test_functions_keep_their_signatures_after_the_packages_are_imported() -> None:
    for name in PACKAGES:
        importlib.import_module(f"peaceplan.{name}")
    for func in ("align", "diff", "merge", "review"):
        obj = getattr(peaceplan, func)
        assert inspect.isfunction(obj), func
        assert "args" not in inspect.signature(obj).parameters, func
    assert list(inspect.signature(peaceplan.diff).parameters)[:2] == ["old", "new"]


def test_in_a_fresh_interpreter_too() -> None:
    # Import order matters for attribute binding: check it where nothing was imported before.
    code = (
        "import inspect, peaceplan.diffing, peaceplan.merging, peaceplan;"
        "print(inspect.signature(peaceplan.diff)); print(type(peaceplan.merge).__name__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    first, second = out.splitlines()
    assert first.startswith("(old") and second == "function"


def test_no_callable_module_trick_is_left() -> None:
    root = Path(peaceplan.__file__).parent
    assert not (root / "_callable.py").exists()
    for name in PACKAGES:
        assert not callable(importlib.import_module(f"peaceplan.{name}")), name


def _all_modules() -> list[str]:
    root = Path(peaceplan.__file__).parent
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def test_every_error_class_is_exported_from_peaceplan() -> None:
    errors: set[type] = set()
    for name in _all_modules():
        module = importlib.import_module(name)
        for obj in list(vars(module).values()):
            if isinstance(obj, type) and issubclass(obj, peaceplan.PeaceplanError):
                errors.add(obj)
    for cls in errors:
        assert cls.__name__ in peaceplan.__all__, cls
        assert getattr(peaceplan, cls.__name__) is cls, cls


def test_catching_any_exported_error_imports_nothing_heavy() -> None:
    # `except peaceplan.MergeError` imported the merge code (PdfError the PDF printer,
    # CorpusIndexError the index, NotesError the notes store): 0.1 s for a name. Every error
    # class now lives in peaceplan.errors; run where nothing was imported before.
    names = [n for n in peaceplan.__all__ if n.endswith(("Error", "NotFound"))]
    assert len(names) >= 12, names
    code = (
        "import sys, peaceplan\n"
        f"for name in {names!r}: assert issubclass(getattr(peaceplan, name), Exception), name\n"
        "print(sorted(m for m in sys.modules if m.startswith('peaceplan')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['peaceplan', 'peaceplan.errors']"


def test_one_git_error() -> None:
    from peaceplan.reviewing import GitError

    assert GitError is peaceplan.GitError
    assert not hasattr(importlib.import_module("peaceplan.gitdrivers"), "GitDriverError")


def test_plan_like_is_defined_once() -> None:
    root = Path(peaceplan.__file__).parent
    defined = [
        p.relative_to(root).as_posix()
        for p in root.rglob("*.py")
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.startswith(("PlanLike =", "PlansLike ="))
    ]
    assert sorted(defined) == ["library.py", "model.py"]


# Modules below the command line: their messages name parameters (`plans=DIR`), not options.
_BELOW_CLI = ("library.py", "history.py", "timeline.py", "notes", "tracing", "io", "diffing")


def test_library_messages_name_parameters_not_options() -> None:
    import ast
    import re

    root = Path(peaceplan.__file__).parent
    option = re.compile(r"(?<![\w-])--[a-z]")
    found = []
    for part in _BELOW_CLI:
        paths = [root / part] if part.endswith(".py") else sorted((root / part).rglob("*.py"))
        for path in paths:
            if path.name == "render.py":
                continue  # notes/render.py is the command line's output: its hints name options
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, (ast.Raise, ast.Call)):
                    for const in ast.walk(node):
                        is_text = isinstance(const, ast.Constant) and isinstance(const.value, str)
                        # A whole command quoted (`peaceplan resolve ... --take`) is a command.
                        quoted = is_text and "`peaceplan " in const.value
                        if is_text and not quoted and option.search(const.value):
                            found.append(f"{path.name}:{const.lineno}: {const.value}")
    assert found == []


def test_the_cli_translates_parameters_into_options() -> None:
    from peaceplan.cli.common import cli_wording

    assert cli_wording("a position needs `party=` and `stance=`") == (
        "a position needs --party and --stance"
    )
    assert cli_wording("use `plans=DIR`, or") == "use --plans DIR, or"
    assert cli_wording("`certainty_note=` is empty") == "--certainty-note is empty"
    assert cli_wording("a plain message") == "a plain message"


def test_the_cli_never_rewrites_text_quoted_from_a_file(run, tmp_path: Path) -> None:
    # A key written `plans=evil` in a plan is the user's text: validate must quote it as it is,
    # not as an option (--plans evil) the user never wrote.
    plan = tmp_path / "v.yaml"
    plan.write_text(
        'plan: p\nversion: v\npoints:\n  - number: "1"\n    text: T.\n    "`plans=evil`": 1\n',
        encoding="utf-8",
    )
    code, out, err = run("validate", str(plan), plans=None)
    assert code == 2
    assert "unknown key '`plans=evil`'" in out + err
    assert "--plans evil" not in out + err


def test_plan_diff_repr_is_short_and_str_is_the_text_diff() -> None:
    from peaceplan.model import Plan, Point

    old = Plan(plan="p", version="v1", points=(Point(id="a", text="One."),))
    new = Plan(plan="p", version="v2", points=(Point(id="a", text="Two."),))
    d = peaceplan.diff(old, new)
    assert repr(d) == "<PlanDiff v1 -> v2: 1 point modified>"  # counted as the header counts
    same = peaceplan.diff(old, old)
    assert repr(same) == "<PlanDiff v1 -> v1: 1 point unchanged>"
    from peaceplan.render.terminal import diff_terminal

    assert str(d) == diff_terminal(d, color=False)
    assert str(d).startswith("p: v1 -> v2")


def test_plan_diff_repr_counts_metadata_changes() -> None:
    # A diff changing only the version's title and status read "<PlanDiff v1 -> v2: 1 point
    # unchanged>", as if nothing changed, though `changed` is True and the CLI exits 1
    from peaceplan.model import Plan, Point

    old = Plan(plan="p", version="v1", title="Draft", points=(Point(id="a", text="One."),))
    new = Plan(plan="p", version="v2", title="Final", status="agreed", points=old.points)
    d = peaceplan.diff(old, new)
    assert d.changed
    assert repr(d) == "<PlanDiff v1 -> v2: 1 point unchanged; metadata changed: title, status>"


def test_plan_diff_repr_says_the_alignment_stopped_early() -> None:
    # Every output format warns that points "removed" and "added" may have a counterpart; the
    # repr (what a console shows for `d`) gave the same counts without a word.
    d = peaceplan.diff("us-28", "ua-20", plans=PLANS, budget=10)
    assert d.budget_exhausted
    assert repr(d).endswith("; alignment stopped early (budget ran out)>")
    assert "stopped early" not in repr(peaceplan.diff("us-28", "ua-20", plans=PLANS))


def test_change_kinds_are_defined_once() -> None:
    from typing import get_args

    from peaceplan import kinds
    from peaceplan.diffing import model
    from peaceplan.render import describe

    assert model.KINDS is kinds.KINDS == get_args(kinds.Kind)
    assert (*kinds.KINDS, "moved") == kinds.FILTERS
    assert not hasattr(describe, "FILTERS")


def test_based_on_is_read_in_the_lineage_module_only() -> None:
    root = Path(peaceplan.__file__).parent
    readers = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.py")
        if any(
            "based_on" in line and ("partition(" in line or "split(" in line)
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    )
    # Everything else asks peaceplan.lineage (split_ref, version_of, parent_versions).
    assert readers == []


@pytest.mark.parametrize("jobs", [0, -1, "2", 2.5, None, True])
def test_diff_refuses_a_jobs_that_is_not_a_count(jobs: object) -> None:
    # the command line refuses --jobs 0 and abc; the API took 0 and -1 as 1 without a word and
    # failed on "2" with "'>' not supported between instances of 'str' and 'int'"
    from peaceplan.errors import UsageError

    with pytest.raises(UsageError, match=r"`jobs=` must be a whole number of at least 1"):
        peaceplan.diff("minsk-1", "minsk-2", plans=PLANS, jobs=jobs)  # type: ignore[arg-type]


@pytest.mark.parametrize("budget", [0, -1, "10", 2.5, True])
def test_diff_refuses_a_budget_that_is_not_a_count(budget: object) -> None:
    # `--budget 0` and `-1` are refused; the API took -1 and returned a diff of every point
    # removed and added, and failed on "10" with "can only concatenate str (not "int") to str"
    from peaceplan.errors import UsageError

    with pytest.raises(UsageError, match=r"`budget=` must be a whole number of at least 1"):
        peaceplan.diff("minsk-1", "minsk-2", plans=PLANS, budget=budget)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["figures", "matrix", "flow", "status", "convergence"])
def test_a_negotiation_given_as_a_plan_is_a_usage_error(name: str) -> None:
    # peaceplan.figures(plan) failed with "argument of type 'Plan' is not iterable" from inside
    # the library; the functions that take a negotiation take its name.
    from peaceplan.errors import UsageError

    plan = peaceplan.load("ua-20", plans=PLANS)
    with pytest.raises(UsageError, match=r"not Plan ukraine-2025/ua-20 .*'ukraine-2025'"):
        getattr(peaceplan, name)(plan, plans=PLANS)
    with pytest.raises(UsageError, match=r"not NoneType"):
        peaceplan.follow_point(None, "armed-forces", plans=PLANS)  # type: ignore[arg-type]
