"""Status, blame, point traces and carry reports render as tables in Jupyter (_repr_html_),
with the same rows as their records and hostile text escaped."""

from __future__ import annotations

from pathlib import Path

import peaceplan
from peaceplan.render.records import cell, records_html


def test_status_shows_positions_and_convergence(plans_dir: Path) -> None:
    page = peaceplan.status("ukraine-2025", plans=plans_dir)._repr_html_()
    assert "<caption>Positions on ukraine-2025/ua-20</caption>" in page
    assert "<th>Russia</th>" in page and "<td>Territory</td>" in page and "rejects" in page
    assert "<caption>Convergence of ukraine-2025</caption>" in page
    for version in ("us-28", "e3-counter", "geneva-19", "ua-20"):
        assert f"<td>{version}</td>" in page


def test_status_html_says_what_the_text_table_says_under_it(plans_dir: Path) -> None:
    # Uncertain positions, partial versions and side documents show in Jupyter as on the CLI.
    page = peaceplan.status("ukraine-2025", plans=plans_dir)._repr_html_()
    assert "<td>3 (3~)</td>" in page  # e3-counter's 3 rejections all rest on unsure positions
    assert "~ uncertain: sources conflict or are thin" in page
    assert "* inferred: our reading, not a stated position" in page
    assert "(n~): of which n rest on an uncertain or inferred position" in page
    assert "ua-20: 20 points, and 4 more in 3 side documents" in page
    assert "1 reported dropped" in page


def test_blame_and_point_trace_show_the_ancestry(plans_dir: Path) -> None:
    page = peaceplan.blame("ua-20", plans=plans_dir)._repr_html_()
    assert "<td>Size of the armed forces</td>" in page
    assert "us-28 #6" in page  # the chain back to the 28 points
    trace = peaceplan.follow_point("ukraine-2025", "armed-forces", plans=plans_dir)
    page = trace._repr_html_()
    assert "600,000 personnel" in page and "800,000 personnel" in page
    assert page.count("<tr>") == len(trace.to_records()) + 1


def test_carry_report_lists_outcomes_and_escapes_quotes(scratch_plans: Path) -> None:
    peaceplan.add_note(
        "us-28", "6", "<script>alert(1)</script>", quote="600,000", plans=scratch_plans
    )
    report = peaceplan.carry_notes("us-28", "ua-20", plans=scratch_plans, dry_run=True)
    page = report._repr_html_()
    assert "fuzzy" in page and "orphaned" in page
    assert "<script>" not in page
    assert page.count("<tr>") == len(report.items) + 1


def test_cells_and_escaping() -> None:
    assert [cell(None), cell(True), cell(0.456), cell(["6", "7"])] == ["", "yes", "0.46", "6, 7"]
    page = records_html([{"a": "<b>&</b>", "b": None}], ["a", "b"], headers={"a": "A|"})
    assert "<th>A|</th><th>b</th>" in page
    assert "<td>&lt;b&gt;&amp;&lt;/b&gt;</td><td></td>" in page
