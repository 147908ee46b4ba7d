"""Word output hides nothing and never breaks: `show --format docx` and `diff --format docx`."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document

from peaceplan.model import Option, Plan, Point
from peaceplan.render.document import plan_docx


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def test_show_docx_makes_control_characters_visible_instead_of_failing() -> None:
    point = Point(
        number="1",
        title="Cease\x07fire",
        text="Troops \x1b[2J withdraw \u202e now.",
        options=(Option(by="U\x01S", text="By March."),),
    )
    plan = Plan(plan="p", version="v", title="Draft\x00", points=(point,))
    assert _paragraphs(plan_docx(plan)) == [
        "Draft\\x00",
        "Version p/v",
        "1. Cease\\x07fire. Troops \\x1b[2J withdraw \\u202e now.",
        "[Option (U\\x01S): By March.]",
    ]


def test_diff_docx_says_what_every_human_format_says(tmp_path: Path, run) -> None:
    out = tmp_path / "e3.docx"
    code, _, err = run("diff", "us-28", "e3-counter", "--format", "docx", "-o", str(out))
    assert code == 1, err
    text = _paragraphs(out.read_bytes())
    assert (
        "e3-counter is partial: 8 points and 17 sub-points of us-28 not in it, unreported (not"
        " removed); reported dropped: #3."
    ) in text
    assert text[text.index("Metadata") + 1 :][:2] == [
        'title: "28-point plan to end the war in Ukraine" -> "European (E3) counter-proposal to'
        ' the 28-point plan"',
        'date: "2025-11-20" -> "2025-11-23"',
    ]
    assert 'coverage: "complete" -> "partial"' in text
    assert "not in the partial e3-counter; not reported removed" in text
    assert "removed: us-28 #3 (No invasion, no NATO expansion [uncertain])" in text
    assert text[-1] == "7 points unchanged."


def test_diff_docx_of_metadata_alone_is_not_blank() -> None:
    from peaceplan.diffing import diff_plans
    from peaceplan.render.docx import diff_docx

    old = Plan(plan="p", version="a", status="draft", points=(Point(number="1", text="Truce."),))
    new = Plan(plan="p", version="b", status="agreed", points=(Point(number="1", text="Truce."),))
    text = _paragraphs(diff_docx(diff_plans(old, new)))
    assert text[text.index("Metadata") + 1] == 'status: "draft" -> "agreed"'
