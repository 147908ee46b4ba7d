"""`peaceplan import` of Word, PDF, Markdown and text drafts; documents and redlines out."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from browser import chromium, tool
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import peaceplan
from peaceplan.importing.api import import_document
from peaceplan.model import Document as PlanDocument
from peaceplan.model import Option, Plan, Point
from peaceplan.render.document import plan_docx, plan_text

BUNDLED = ["us-28", "e3-counter", "geneva-19", "ua-20", "minsk-1", "minsk-2"]


def signature(plan: Plan, titles: bool = True) -> list[tuple]:
    """What show -> import must keep: nesting, numbers, titles, texts, options, documents, and
    the certainty of every point and option."""
    out = []
    for fp in plan.flat():
        p = fp.point
        out.append(
            (
                fp.document,
                fp.depth,
                fp.full_number,
                " ".join(p.text.split()),
                p.title if titles else None,
                tuple((o.by, " ".join(o.text.split()), *_sure(o)) for o in p.options),
                _sure(p),
            )
        )
    return out


def _sure(item: Point | Option) -> tuple[str, str | None]:
    return item.certainty, " ".join((item.certainty_note or "").split()) or None


def _write(plan: Plan, fmt: str, folder: Path) -> Path:
    path = folder / f"{plan.version}.{fmt}"
    if fmt == "docx":
        path.write_bytes(plan_docx(plan))
    else:
        path.write_text(plan_text(plan, markdown=fmt == "md"), "utf-8")
    return path


@pytest.mark.parametrize("fmt", ["txt", "md", "docx"])
@pytest.mark.parametrize("name", BUNDLED)
def test_show_then_import_is_the_identity_on_bundled_plans(
    name: str, fmt: str, tmp_path: Path, run, plans_dir: Path
) -> None:
    out = tmp_path / f"{name}.{fmt}"
    code, _, err = run("show", name, "--format", fmt, "-o", str(out))
    assert code == 0, err
    original = peaceplan.load(name, plans=plans_dir)
    back = import_document(out, plan=original.plan, version=original.version)
    assert not back.unclassified
    assert signature(back.plan, titles=fmt != "txt") == signature(original, titles=fmt != "txt")


def test_show_pdf_then_import_is_the_identity(tmp_path: Path, run, plans_dir: Path) -> None:
    chromium()  # skips (fails in CI) without a browser to print with
    for name in ("ua-20", "minsk-2"):
        out = tmp_path / f"{name}.pdf"
        code, _, err = run("show", name, "--format", "pdf", "-o", str(out))
        assert code == 0, err
        assert out.read_bytes().startswith(b"%PDF")
        back = import_document(out, plan="x", version="y")
        original = peaceplan.load(name, plans=plans_dir)
        assert signature(back.plan, titles=False) == signature(original, titles=False)


_VOCAB = [
    "ceasefire",
    "troops",
    "600,000",
    "(a)",
    "1.",
    "don't",
    "pull-back",
    "Донецк",
    "and",
    "the",
    "elections;",
    "Article",
    "5:",
    "[brackets]",
    "non-aggression",
    "e.g.",
    "-",
]
_FIRST = ["Ukraine", "Russia", "Monitors", "The", "Elections", "Prisoners"]
_text = st.builds(
    lambda first, rest: " ".join([first, *rest]),
    st.sampled_from(_FIRST),
    st.lists(st.sampled_from(_VOCAB), max_size=12),
)
_title = st.sampled_from(["Ceasefire", "Army cap", "Sanctions and assets", "Elections"])
_certainty = st.sampled_from(
    [
        ("reported", None),
        ("uncertain", None),
        ("inferred", "From a statement of the delegation."),
        ("uncertain", "Two reprints differ [one says (a)]: see sources."),
    ]
)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """Plans of numbered points, lettered and decimal sub-points, bullets, options, documents."""

    def point(number: str | None, depth: int) -> Point:
        subs: list[Point] = []
        if depth < 2:
            # numbered sub-points only under a numbered point (else keys would repeat)
            styles = ["letters", "decimal", "bullets", "none"] if number else ["bullets", "none"]
            style = draw(st.sampled_from(styles))
            for i in range(draw(st.integers(0, 3))):
                n = {"letters": "abc"[i], "decimal": f"{number}.{i + 1}" if number else None}
                subs.append(point(n.get(style), depth + 1))
        options = tuple(
            Option(
                draw(st.sampled_from(["Ukraine", "Russia", "US"])), draw(_text), *draw(_certainty)
            )
            for _ in range(draw(st.integers(0, 2)))
        )
        title = draw(st.one_of(st.none(), _title))
        certainty, note = draw(_certainty)
        return Point(
            text=draw(_text),
            number=number,
            title=title,
            points=tuple(subs),
            options=options,
            certainty=certainty,
            certainty_note=note,
        )

    numbered = draw(st.booleans())
    top = tuple(point(str(i + 1) if numbered else None, 0) for i in range(draw(st.integers(1, 6))))
    if draw(st.booleans()):
        return Plan(plan="p", version="v", title="Generated", points=top)
    annex = tuple(point(None, 0) for _ in range(draw(st.integers(1, 3))))
    return Plan(
        plan="p",
        version="v",
        title="Generated",
        documents=(
            PlanDocument(id="main", points=top),
            PlanDocument(id="annex", title="An annex", points=annex),
        ),
    )


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=plans(), fmt=st.sampled_from(["txt", "md", "docx"]))
def test_show_then_import_is_the_identity_on_generated_plans(
    plan: Plan, fmt: str, tmp_path: Path
) -> None:
    back = import_document(_write(plan, fmt, tmp_path), plan="p", version="v")
    assert signature(back.plan, titles=fmt != "txt") == signature(plan, titles=fmt != "txt")


def test_word_automatic_numbering_13_points_two_sub_points(tmp_path: Path, run) -> None:
    doc = Document()
    doc.add_heading("Draft framework", 0)
    doc.add_paragraph("The parties, wishing to end the war, agree as follows.")
    for i in range(1, 14):
        doc.add_paragraph(f"Provision number {i} of the draft.", style="List Number")
        if i == 2:  # Word's numbers are in numbering.xml, not in the text
            doc.add_paragraph("Heavy weapons are pulled back.", style="List Number 2")
            doc.add_paragraph("Monitors verify the pull-back.", style="List Number 2")
    path = tmp_path / "draft.docx"
    doc.save(str(path))
    out = tmp_path / "plans" / "talks" / "draft-1.yaml"
    out.parent.mkdir(parents=True)
    code, _, err = run(
        "import", str(path), "--plan", "talks", "--version", "draft-1", "-o", str(out), plans=None
    )
    assert code == 0, err
    plan = peaceplan.load(out)
    assert [p.number for p in plan.points] == [str(i) for i in range(1, 14)]
    assert [p.text for p in plan.points[1].points] == [
        "Heavy weapons are pulled back.",
        "Monitors verify the pull-back.",
    ]
    assert plan.title == "Draft framework"
    text = out.read_text("utf-8")
    assert "# Preamble:\n#   The parties, wishing to end the war, agree as follows." in text
    assert "#   date: YYYY-MM-DD" in text
    code, _, err = run("validate", str(out), plans=None)
    assert code == 0, err


def test_plain_text_briefing_and_unclassified_lines(tmp_path: Path, run) -> None:
    brief = tmp_path / "briefing.txt"
    brief.write_text(
        "Briefing after the talks\n"
        "1) A full ceasefire from midnight.\n"
        "2) Heavy weapons are pulled back:\n"
        "a) artillery by 50 km;\n"
        "b) rocket systems by 70 km.\n"
        "3) Monitors from the OSCE\n"
        "   verify the pull-back.\n"
        "\n"
        "Questions were taken afterwards.\n",
        "utf-8",
    )
    code, out, err = run("import", str(brief), "--plan", "talks", plans=None)
    assert code == 0
    assert (
        err == f"{brief}:9: not classified, kept as a comment: Questions were taken afterwards.\n"
    )
    assert f"#   {brief}:9: Questions were taken afterwards." in out
    plan = peaceplan.io.load.load_text(out, "briefing.yaml")
    assert plan.version == "briefing" and plan.title == "Briefing after the talks"
    assert [p.number for p in plan.points] == ["1", "2", "3"]
    assert [fp.key for fp in plan.flat()][2:4] == ["2.a", "2.b"]
    assert plan.points[2].text == "Monitors from the OSCE verify the pull-back."


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Point 1: First.\nPoint 2: Second.\n", [("1", 0), ("2", 0)]),
        ("Article 1. First.\nArticle 2 Second.\n", [("1", 0), ("2", 0)]),
        (
            "1. One.\n(a) Sub.\n(i) Deeper.\n(ii) Deeper too.\n(b) Next.\n",
            [("1", 0), ("1.a", 1), ("1.a.i", 2), ("1.a.ii", 2), ("1.b", 1)],
        ),
        ("1. One.\na. Sub.\nb. Sub.\n2. Two.\n", [("1", 0), ("1.a", 1), ("1.b", 1), ("2", 0)]),
        ("1. One.\n1.1 Sub.\n1.2 Sub.\n", [("1", 0), ("1.1", 1), ("1.2", 1)]),
        ("I. One.\nII. Two.\n", [("I", 0), ("II", 0)]),
        (
            "1. One.\n- first bullet\n- second bullet\n2. Two.\n",
            [("1", 0), (None, 1), (None, 1), ("2", 0)],
        ),
        ("1. One.\n(h) eight\n(i) nine, a letter here\n", [("1", 0), ("1.h", 1), ("1.i", 1)]),
    ],
)
def test_marker_styles(source: str, expected: list, tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(source, "utf-8")
    plan = import_document(path, plan="p", version="v").plan
    assert [(fp.full_number, fp.depth) for fp in plan.flat()] == expected


def test_markdown_headings_start_side_documents(tmp_path: Path) -> None:
    path = tmp_path / "package.md"
    path.write_text(
        "# Peace package\n\nIntro paragraph of the package.\n\n1. Ceasefire.\n2. Elections.\n\n"
        "## Security guarantees\n\n1. A guarantee mirroring Article 5.\n",
        "utf-8",
    )
    result = import_document(path, plan="p", version="v")
    assert result.plan.title == "Peace package"
    assert result.preamble == ("Intro paragraph of the package.",)
    assert [(d.id, d.title, len(d.points)) for d in result.plan.documents] == [
        ("main", None, 2),
        ("security-guarantees", "Security guarantees", 1),
    ]


def test_diff_docx_has_tracked_changes(tmp_path: Path, run) -> None:
    out = tmp_path / "x.docx"
    code, _, err = run("diff", "us-28", "ua-20", "--format", "docx", "-o", str(out))
    assert code == 1, err  # differences, as for every diff format
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    inserts = re.findall(r'<w:ins w:id="\d+" w:author="([^"]+)" w:date="([^"]+)">', xml)
    deletes = re.findall(r'<w:del w:id="\d+" w:author="([^"]+)" w:date="([^"]+)">', xml)
    assert len(inserts) > 20 and len(deletes) > 20
    assert set(inserts) | set(deletes) == {("Ukraine and United States", "2025-12-23T00:00:00Z")}
    assert re.search(r"<w:del [^>]*><w:r><w:delText[^>]*>600,000</w:delText>", xml)
    assert re.search(r"<w:ins [^>]*><w:r><w:t[^>]*>800,000</w:t>", xml)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "14 points and 2 sub-points modified" in text and "Changes" in text
    cells = [c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells]
    assert "600,000 personnel" in cells and "800,000 personnel" in cells  # the figures table


def test_libreoffice_opens_the_redline(tmp_path: Path, run) -> None:
    soffice = tool("soffice", "libreoffice-writer-nogui")
    out = tmp_path / "x.docx"
    run("diff", "us-28", "ua-20", "--format", "docx", "-o", str(out))
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")


def test_diff_pdf_pages(tmp_path: Path, run) -> None:
    chromium()
    out = tmp_path / "d.pdf"
    code, _, err = run("diff", "us-28", "ua-20", "--format", "pdf", "-o", str(out))
    assert code == 1, err
    pdftoppm = tool("pdftoppm", "poppler-utils")
    subprocess.run(
        [
            pdftoppm,
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "2",
            str(out),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 2 and all(p.stat().st_size > 5_000 for p in pages)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "600,000" in text and "800,000" in text


def test_import_bad_input(tmp_path: Path, run) -> None:
    odd = tmp_path / "draft.odt"
    odd.write_text("x")
    code, _, err = run("import", str(odd), plans=None)
    assert (
        code == 2
        and err == f"{odd}: cannot import a '.odt' file; known: .txt, .md, .markdown, .docx, .pdf\n"
    )
    broken = tmp_path / "broken.docx"
    broken.write_text("not a zip")
    code, _, err = run("import", str(broken), plans=None)
    assert code == 2 and err.startswith(f"{broken}: not a Word document") and err.count("\n") == 1
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.4 nonsense")
    code, _, err = run("import", str(broken_pdf), plans=None)
    assert code == 2 and err.startswith(f"{broken_pdf}: not a readable PDF")
    twice = tmp_path / "twice.txt"
    twice.write_text("1. One.\n1. One again.\n")
    code, _, err = run("import", str(twice), plans=None)
    assert code == 2 and "duplicate point number '1'" in err and "Traceback" not in err
    code, _, err = run("diff", "us-28", "ua-20", "--format", "docx")
    assert code == 2 and "--format docx writes a file: give it with -o FILE" in err
    code, _, err = run("show", "ua-20", "--format", "pdf")
    assert code == 2 and "-o FILE" in err


@pytest.mark.parametrize("fmt", ["txt", "md", "docx"])
def test_a_document_says_what_is_uncertain_and_partial_and_reads_it_back(
    fmt: str, tmp_path: Path, run, plans_dir: Path
) -> None:
    # geneva-19 is a partial reconstruction whose options are inferred: a document of it that
    # read as a complete, certain text would present guesses as the draft's words
    out = tmp_path / f"geneva-19.{fmt}"
    assert run("show", "geneva-19", "--format", fmt, "-o", str(out))[0] == 0
    if fmt != "docx":
        text = out.read_text("utf-8")
        assert "Version ukraine-2025/geneva-19 of 2025-11-23, proposed by" in text
        assert "a point not listed is unreported, not removed" in text
        assert "[Inferred, option (Ukraine): From the Ukrainian delegation" in text
    back = import_document(out, plan="ukraine-2025", version="geneva-19")
    assert back.plan.partial and not back.unclassified
    assert any("Version ukraine-2025/geneva-19" in line for line in back.preamble)
    original = peaceplan.load("geneva-19", plans=plans_dir)
    titles = fmt != "txt"  # plain text has no way to mark a title
    assert signature(back.plan, titles) == signature(original, titles)
    # a complete version stays complete
    out = tmp_path / f"ua-20.{fmt}"
    assert run("show", "ua-20", "--format", fmt, "-o", str(out))[0] == 0
    assert not import_document(out, plan="p", version="v").plan.partial


def test_a_certainty_line_naming_no_option_is_reported_not_glued_to_the_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(
        "Draft\n\n1. Troops withdraw.\n    [Option (Ukraine): Troops withdraw at once.]\n"
        "    [Inferred, option (Russia): From a statement.]\n",
        "utf-8",
    )
    back = import_document(path, plan="p", version="v")
    assert back.plan.points[0].text == "Troops withdraw."
    assert [line.text for line in back.unclassified] == [
        "[Inferred, option (Russia): From a statement.]"
    ]


def test_a_bad_imported_plan_is_located_in_the_document_not_in_a_file_never_written(
    tmp_path: Path, run
) -> None:
    text = tmp_path / "twice.txt"
    text.write_text("Draft\n\n1. One.\n    (a) A sub-point.\n    (a) Again.\n1. One again.\n")
    code, out, err = run("import", str(text), plans=None)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"{text}:5: duplicate point number '1.a' (first at {text}:4)",
        f"{text}:6: duplicate point number '1' (first at {text}:3)",
    ]
    assert not (tmp_path / "twice.yaml").exists()
    doc = Document()
    doc.add_heading("Draft", 0)
    doc.add_paragraph("Preamble text.")
    for line in ("1. One.", "2. Two.", "2. Two again."):
        doc.add_paragraph(line)
    word = tmp_path / "twice.docx"
    doc.save(str(word))
    code, _, err = run("import", str(word), plans=None)
    assert code == 2
    assert err.strip() == (
        f"{word}:paragraph 5: duplicate point number '2' (first at {word}:paragraph 4)"
    )
