"""Write docs/samples/minsk-2-draft.docx, the Word draft of docs/import.md's worked example.

The texts are the bundled minsk-2 paraphrases (plans/minsk/minsk-2.yaml), laid out as a drafter
would type them in Word: a title, a preamble, 13 points in Word's automatic numbering (the
numbers are not in the text), point 2's details as a nested numbered list, and a closing note
that is not a point. Run: python tools/make_sample_docx.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

import peaceplan

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "samples" / "minsk-2-draft.docx"


def main() -> None:
    plan = peaceplan.load(ROOT / "plans" / "minsk" / "minsk-2.yaml")
    doc = Document()
    doc.core_properties.author = "peaceplan sample"
    doc.add_heading("Package of measures (working draft)", 0)
    doc.add_paragraph("The parties, meeting in Minsk, agree on the following measures.")
    for point in plan.points:
        para = doc.add_paragraph(style="List Number")
        if point.title:
            para.add_run(point.title + ".").bold = True
            para.add_run(" ")
        para.add_run(point.text.split(". ")[0].rstrip(".") + ".")
        if point.number == "2":
            doc.add_paragraph("Artillery of 100 mm and above: 50 km.", style="List Number 2")
            doc.add_paragraph("Multiple rocket launchers: 70 km.", style="List Number 2")
    doc.add_paragraph("Signed by the members of the Trilateral Contact Group.")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(OUT))
    print(OUT)


if __name__ == "__main__":
    main()
