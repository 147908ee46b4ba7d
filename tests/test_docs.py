"""The documentation site builds, and what it shows is what peaceplan does.

`mkdocs build --strict` fails on any broken link, page missing from the nav, or API reference
that does not resolve; docs/cli.md and the marked console and JSON samples must be what
`python tools/gen_docs.py` makes from peaceplan today; the JSON Schema matches real diffs and
every field it names is documented; the review samples come from a real git repository; the
action and pre-commit examples use only what action.yml and .pre-commit-hooks.yaml declare.
"""

from __future__ import annotations

import copy
import importlib.util
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

import peaceplan
from peaceplan.cli import COMMANDS
from peaceplan.render.json import diff_dict

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SCHEMA = json.loads((DOCS / "peaceplan.diff-1.schema.json").read_text(encoding="utf-8"))
BUNDLED = sorted(str(p) for p in (ROOT / "plans").glob("*/*.yaml"))
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)


def blocks(page: str, lang: str) -> list[str]:
    """The fenced code blocks of a docs page in one language (top level, not in tabs)."""
    text = (DOCS / page).read_text(encoding="utf-8")
    return [body for kind, body in FENCE.findall(text) if kind == lang]


def gen_docs() -> Any:
    """tools/gen_docs.py, the generator of docs/cli.md and of the marked samples."""
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "tools/gen_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the site ----------------------------------------------------------------------------------


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    # mkdocstrings rendered the docstrings and signatures, not just the page's own text.
    assert "What changed from" in api and "based_on" in api
    assert "to_frame" in api and "Alignment" in api
    assert "peaceplan diff" in (site / "cli" / "index.html").read_text(encoding="utf-8")
    assert (site / "peaceplan.diff-1.schema.json").is_file()
    assert (site / "tutorial.ipynb").is_file()


# -- the CLI reference -------------------------------------------------------------------------


def test_generated_docs_are_current() -> None:
    """docs/cli.md and every `<!-- sample: ... -->` block are what peaceplan prints today."""
    tool = gen_docs()
    for path, text in tool.generated().items():
        current = path.read_text(encoding="utf-8")
        assert text == current, f"{path.relative_to(ROOT)} is out of date: run `{tool.COMMAND}`"


def test_generated_docs_cover_every_command_and_the_samples() -> None:
    tool = gen_docs()
    generated = tool.generated()
    text = generated[DOCS / "cli.md"]
    for name in COMMANDS:
        assert f"\n## peaceplan {name}\n" in text
    assert "\n### peaceplan note add\n" in text  # a group's subcommands too
    assert "Usage: peaceplan diff [OPTIONS] OLD [NEW]" in text
    assert {DOCS / "diff.md", DOCS / "index.md", DOCS / "json-format.md"} <= set(generated)
    sample = tool.run_sample("peaceplan diff us-82 ua-20; echo $?")
    assert sample.startswith("$ peaceplan diff us-82 ua-20; echo $?\nus-82: no such version in ")
    assert sample.endswith("\n2\n") and str(ROOT) not in sample


def test_cli_reference_does_not_depend_on_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    tool = gen_docs()
    monkeypatch.setenv("COLUMNS", "200")
    wide = tool.cli_reference()
    monkeypatch.setenv("COLUMNS", "40")
    assert tool.cli_reference() == wide


# -- the JSON diff -----------------------------------------------------------------------------


def strict(schema: Any) -> Any:
    """The schema with no field beyond those it names, so an undocumented field fails."""
    schema = copy.deepcopy(schema)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def test_schema_is_valid_and_matches_every_bundled_diff() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(strict(SCHEMA))
    for old, new in itertools.permutations(BUNDLED, 2):
        obj = diff_dict(peaceplan.diff(old, new))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(obj)]
        assert not errors, (old, new, errors[:3])


def test_schema_rejects_what_the_contract_forbids() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    good = diff_dict(peaceplan.diff("us-28", "ua-20", plans=str(ROOT / "plans")))
    assert validator.is_valid(good)
    army = next(i for i, c in enumerate(good["changes"]) if "armed-forces" in c["new"])
    for path, value in [
        (("changes", army, "kind"), "moved"),  # moved is a flag, not a kind
        (("changes", army, "new"), []),  # a modified point has a new side
        (("changes", army, "text", 0, "op"), "replace"),
        (("changes", army, "similarity"), 1.5),
        (("summary", "split"), -1),
        (("format",), "peaceplan.diff/2"),
    ]:
        bad = copy.deepcopy(good)
        node = bad
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
        assert not validator.is_valid(bad), path


def test_every_schema_field_is_documented() -> None:
    page = (DOCS / "json-format.md").read_text(encoding="utf-8")
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(SCHEMA)
    names |= set(SCHEMA["$defs"]["change"]["properties"]["fields"]["propertyNames"]["enum"])
    assert names >= {"kind", "old_numbers", "budget_exhausted", "points_total", "offset"}
    assert sorted(n for n in names if f"`{n}`" not in page) == []


def test_json_example_is_valid() -> None:
    (example,) = blocks("json-format.md", "json")
    shown = json.loads(example)
    assert jsonschema.Draft202012Validator(strict(SCHEMA)).is_valid(shown)
    assert any(c["figures"] for c in shown["changes"])
    assert {c["kind"] for c in shown["changes"]} >= {"modified", "unchanged", "added"}


# -- the GitHub Action and pre-commit pages ----------------------------------------------------


def steps_using(node: Any, prefix: str) -> list[dict[str, Any]]:
    """Every step (at any depth) whose `uses:` starts with `prefix`."""
    if isinstance(node, dict):
        found = [node] if str(node.get("uses", "")).startswith(prefix) else []
        return found + [s for value in node.values() for s in steps_using(value, prefix)]
    if isinstance(node, list):
        return [s for value in node for s in steps_using(value, prefix)]
    return []


def test_action_examples_use_only_declared_inputs_and_outputs() -> None:
    yaml = YAML(typ="safe")
    action = yaml.load((ROOT / "action.yml").read_text(encoding="utf-8"))
    steps = []
    for body in blocks("github-action.md", "yaml"):
        steps += steps_using(yaml.load(textwrap.dedent(body)), "OWNER/peaceplan@")
        for name in re.findall(r"steps\.peaceplan\.outputs\.([\w-]+)", body):
            assert name in action["outputs"]
    assert len(steps) == 2  # the workflow, and the outputs example
    for step in steps:
        assert set(step.get("with", {})) <= set(action["inputs"])
    page = (DOCS / "github-action.md").read_text(encoding="utf-8")
    for name in [*action["inputs"], *action["outputs"]]:
        assert f"| `{name}` |" in page, name


def test_pre_commit_example_names_a_real_hook() -> None:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (config,) = [b for b in blocks("github-action.md", "yaml") if b.startswith("repos:")]
    ids = {h["id"] for repo in YAML(typ="safe").load(config)["repos"] for h in repo["hooks"]}
    assert ids <= {h["id"] for h in hooks}


# -- the review page ---------------------------------------------------------------------------


def test_review_samples_are_real_output(tmp_path: Path) -> None:
    """docs/review.md's report, annotation and JSON come from one commit raising the army cap."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "plans", repo / "plans")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.name=a", "-c", "user.email=a@example.org", "add", "-A")
    git("-c", "user.name=a", "-c", "user.email=a@example.org", "commit", "-qm", "plans")
    ua20 = repo / "plans/ukraine-2025/ua-20.yaml"
    ua20.write_text(ua20.read_text(encoding="utf-8").replace("800,000", "850,000"), "utf-8")
    git("-c", "user.name=a", "-c", "user.email=a@example.org", "commit", "-qam", "cap")

    def review(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "peaceplan", "review", "HEAD~1", "HEAD", *args],
            cwd=repo,
            capture_output=True,
            text=True,
            env={**os.environ, "PEACEPLAN_PLANS": ""},
        )

    samples = blocks("review.md", "console")
    report, annotation = samples
    out = review()
    assert out.returncode == 1, out.stderr
    commits = re.compile(r"`[0-9a-f]{7}`")  # the commit ids differ from the page's
    shown = commits.sub("`C`", report.split("\n", 1)[1]).rstrip("\n")
    assert shown == commits.sub("`C`", out.stdout).rstrip("\n")

    out = review("--annotations", "github", "-o", str(tmp_path / "c.md"))
    assert out.stdout.rstrip("\n") == annotation.split("\n", 1)[1].rstrip("\n")

    (sample,) = blocks("review.md", "json")
    shown_json = json.loads(sample)
    real = json.loads(review("--format", "json").stdout)
    for side in ("base", "head"):
        real[side]["commit"] = shown_json[side]["commit"]
    assert real["files"][0].pop("diff")["format"] == shown_json["files"][0].pop("diff")["format"]
    assert real == shown_json
