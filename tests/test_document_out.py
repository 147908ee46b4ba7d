"""Word output hides nothing and never breaks: `show --format docx` and `diff --format docx`."""

from __future__ import annotations

import io

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
        "1. Cease\\x07fire. Troops \\x1b[2J withdraw \\u202e now.",
        "[Option (U\\x01S): By March.]",
    ]
