"""docs/tutorial.ipynb runs from top to bottom (nbclient), and its rich outputs are real HTML.

The kernel is this test's own Python (a kernelspec written to a temporary JUPYTER_PATH), so the
notebook runs against the peaceplan under test, never a kernel registered elsewhere.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from browser import dump_dom
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "tutorial.ipynb"
KERNEL = "peaceplan-test"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> nbformat.NotebookNode:
    """The tutorial, executed in docs/ with a kernel running this interpreter."""
    jupyter = tmp_path_factory.mktemp("jupyter")
    spec = jupyter / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.joinpath("kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": KERNEL, "language": "python"})
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(jupyter))
        mp.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        mp.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
        mp.delenv("PEACEPLAN_PLANS", raising=False)
        nb = nbformat.read(NOTEBOOK, as_version=4)
        client = NotebookClient(
            nb,
            kernel_name=KERNEL,
            timeout=120,
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        )
        client.execute()
    return nb


def outputs(nb: nbformat.NotebookNode, mime: str) -> list[str]:
    return [
        out["data"][mime]
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if mime in out.get("data", {})
    ]


def test_notebook_is_stored_without_outputs() -> None:
    # Outputs are made by running it; stored ones would go stale and bloat diffs.
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_tutorial_runs_and_shows_plan_diff_merge_table_and_charts(executed) -> None:
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    html = outputs(executed, "text/html")
    plans = [h for h in html if 'class="peaceplan"' in h and "<del>" not in h]
    diffs = [h for h in html if 'class="peaceplan"' in h and "<del>" in h]
    assert plans and "20-point framework" in plans[0]  # Plan._repr_html_
    assert diffs and "800,000" in diffs[0]  # PlanDiff._repr_html_, the redline
    merges = [h for h in html if "<th>base wording</th>" in h]
    assert merges and "e3-counter" in merges[0]  # MergeResult._repr_html_, its conflicts
    frames = [h for h in html if "dataframe" in h]
    assert any("800,000 personnel" in h for h in frames)  # the figures table
    assert any("new_title" in h for h in frames)  # to_frame()
    # the convergence table says which drafts are partial: geneva-19's 5 points are what was
    # reported, not a 5-point draft
    convergence = [h for h in frames if "all_points" in h]
    assert convergence and "partial" in convergence[0] and "unreported" in convergence[0]
    assert len(outputs(executed, "image/png")) == 2  # changes per kind, convergence
    text = "".join(outputs(executed, "text/plain"))
    assert "'ukraine-2025'" in text
    streams = "".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", []))
    assert "[-600,000-]{+800,000+}" in streams


def test_notebook_html_renders_in_a_browser(executed, tmp_path: Path) -> None:
    page = tmp_path / "notebook.html"
    body = "".join(f"<section class='output'>{h}</section>" for h in outputs(executed, "text/html"))
    page.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>tutorial</title></head>"
        f"<body>{body}</body></html>",
        encoding="utf-8",
    )
    dom = dump_dom(page, tmp_path / "profile")
    assert "<title>tutorial</title>" in dom
    assert "<del>" in dom and "<ins>" in dom
    assert "<script" not in dom.lower()
