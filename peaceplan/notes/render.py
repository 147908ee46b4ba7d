"""Text, Markdown and JSON output for notes, carry reports, blame, status and point traces."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from peaceplan.model import Plan
from peaceplan.notes.anchor import count_exact
from peaceplan.notes.carry import CarryReport
from peaceplan.notes.lineage import Blame, PointTrace, point_label
from peaceplan.notes.model import Annotation
from peaceplan.notes.status import StatusReport
from peaceplan.render.cells import align, cut
from peaceplan.render.cells import width as cells_width
from peaceplan.render.problems import problem_line, problems_html, problems_markdown
from peaceplan.render.records import records_html
from peaceplan.text import html_text, markdown_text, one_line, terminal_safe

TEXT_WIDTH = 60  # the free-text column is cut to this when the terminal width is unknown


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return terminal_safe(one_line(str(value)))


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    right: Iterable[int] = (),
    width: int | None = None,
) -> str:
    """A plain aligned table; the last column is cut to fit `width` (default TEXT_WIDTH)."""
    cells = [[_cell(c) for c in row] for row in rows]
    head = [_cell(h) for h in header]  # party names head the columns of a status table
    n = len(head)
    widths = [max(cells_width(r[i]) for r in [head, *cells]) for i in range(n - 1)]
    room = TEXT_WIDTH
    if width is not None:
        room = max(width - sum(widths) - 2 * (n - 1), 20)
    for r in cells:
        r[-1] = cut(r[-1], room)
    return "\n".join(align([head, *cells], widths, right=set(right))) + "\n"


def _dumps(data: Any) -> str:
    from peaceplan.text import json_safe

    return json_safe(json.dumps(data, indent=2, ensure_ascii=False, default=str)) + "\n"


# -- notes -----------------------------------------------------------------------------------------


def _what(note: Annotation) -> str:
    if note.kind == "position":
        what = f"{note.party} {note.stance}"
    elif note.kind == "tag":
        what = f"tag {note.tag}"
    elif note.kind == "status":
        what = f"status {note.status}"
    else:
        what = "note"
    return what if note.reported else f"{what} ({note.certainty})"


def notes_table(notes: Sequence[Annotation], plan: Plan, *, width: int | None = None) -> str:
    """The annotations of a version, one per line."""
    if not notes:
        return f"no notes on {plan.qualified}\n"
    rows = []
    for n in notes:
        where = point_label(plan, n.point) if n.point and plan.get(n.point) else None
        if n.point is None:
            where = "(unplaced)"
        elif where is None:
            where = f"{n.point} (missing)"
        carried = ""
        if n.carried_from is not None:
            c = n.carried_from
            was = f", was «{c.quote}»" if c.quote else ""
            carried = f"[{c.outcome} from {c.version}{was}] "
        text = n.body or ""
        if n.quote:
            text = f"«{n.quote}» {text}"
            point = plan.get(n.point) if n.point else None
            if point is not None and not count_exact(point, n.quote):
                text = f"[quote no longer in the point] {text}"
        rows.append((n.id, where, _what(n), f"{carried}{text}"))
    return table(("id", "point", "what", "text"), rows, width=width)


def notes_json(notes: Sequence[Annotation], plan: Plan) -> str:
    """The annotations as a JSON object (`"format": "peaceplan.notes/1"`)."""
    return _dumps(
        {
            "format": "peaceplan.notes/1",
            "plan": plan.plan,
            "version": plan.version,
            "notes": [n.to_json_dict() for n in notes],
        }
    )


# -- carry -----------------------------------------------------------------------------------------


def carry_table(report: CarryReport, *, width: int | None = None) -> str:
    """One line per annotation of the source: outcome, from -> to, and why; then the counts."""
    rows = []
    for item in report.items:
        p = item.placement
        to = p.point or (f"? {', '.join(p.candidates)}" if p.candidates else "-")
        score = f"{p.score:.2f}" if p.score is not None else ""
        why = p.reason
        if item.already:
            why = f"already carried as {item.already}"
        elif not report.dry_run:
            why = f"-> {item.target.id}: {why}"
        rows.append((item.source.id, item.outcome, item.source.point, to, score, why))
    head = f"{report.source} -> {report.target}" + (
        " (dry run: nothing written)" if report.dry_run else ""
    )
    out = head + "\n"
    if rows:
        out += table(("note", "outcome", "from", "to", "score", "detail"), rows, width=width)
    counts = ", ".join(f"{v} {k}" for k, v in report.counts().items() if v)
    new = len(report.written)
    out += f"{len(report.items)} notes: {counts or 'none'}; {new} written\n"
    return out


def carry_json(report: CarryReport) -> str:
    return _dumps(report.to_json_dict())


# -- blame -----------------------------------------------------------------------------------------


def blame_table(blame: Blame, *, width: int | None = None) -> str:
    """Per point: its number, the version (and proposer) that wrote its wording, its ancestry."""
    rows = [
        (
            line.label,
            line.introduced_in,
            line.proposed_by,
            line.chain(),
        )
        for line in blame.lines
    ]
    said = "".join(terminal_safe(problem_line(p)) + "\n" for p in blame.problems)
    return said + table(("point", "wording from", "proposed by", "ancestry"), rows, width=width)


def blame_json(blame: Blame) -> str:
    return _dumps(blame.to_json_dict())


# -- log --point -------------------------------------------------------------------------------


def trace_table(trace: PointTrace, *, width: int | None = None) -> str:
    """One point through every version: number there, what changed, its text."""
    rows = [
        (
            "*" if s.start else "",
            s.version,
            s.date.isoformat() if s.date else None,
            " + ".join(s.labels) or "-",
            s.change,
            s.text or "",
        )
        for s in trace.steps
    ]
    head = f"{trace.plan}: point {trace.start_key} of {trace.start_version} (*) in every version\n"
    head += "".join(terminal_safe(problem_line(p)) + "\n" for p in trace.problems)
    return head + table(("", "version", "date", "point", "change", "text"), rows, width=width)


def trace_json(trace: PointTrace) -> str:
    return _dumps(trace.to_json_dict())


# -- status ----------------------------------------------------------------------------------------


def _stance_cell(s: Any) -> str:
    if s is None:
        return "-"
    return str(s.cell())


def _count(n: int, unsure: int) -> str:
    """A count, with how many of its points rest on an uncertain or inferred position: `3 (1~)`."""
    return f"{n} ({unsure}~)" if unsure else str(n)


def _conv_rows(report: StatusReport) -> list[tuple[Any, ...]]:
    return [
        (
            c.version,
            c.date.isoformat() if c.date else "-",
            c.points,
            c.sub_points,
            c.bracketed,
            c.options,
            c.positions,
            _count(c.agreed, c.agreed_uncertain),
            _count(c.rejected, c.rejected_uncertain),
            c.proposed_by,
        )
        for c in report.convergence
    ]


def _legend(report: StatusReport) -> list[str]:
    """The lines explaining the markers used in the positions matrix."""
    cells = [s for r in report.positions for s in r.stances if s is not None]
    out = []
    if any(s.stale for s in cells):
        out.append("? carried onto changed wording: shown, not counted")
    if any(s.certainty == "uncertain" for s in cells):
        out.append("~ uncertain: sources conflict or are thin")
    if any(s.certainty == "inferred" for s in cells):
        out.append("* inferred: our reading, not a stated position")
    if any(r.bracketed for r in report.positions):
        out.append("[ ] bracketed: alternative wordings still open")
    return out


def _conv_legend(report: StatusReport) -> list[str]:
    if any(c.agreed_uncertain or c.rejected_uncertain for c in report.convergence):
        return ["(n~): of which n rest on an uncertain or inferred position"]
    return []


_CONV_HEAD = (
    "version",
    "date",
    "points",
    "sub-points",
    "bracketed",
    "options",
    "with positions",
    "all accept",
    "rejected",
    "proposed by",
)


def status_table(report: StatusReport, *, width: int | None = None) -> str:
    """The positions matrix of one version, then the convergence figures of every version."""
    out = [f"Positions on {report.plan}/{report.version} (latest stance of each party)"]
    out += [terminal_safe(problem_line(p)) for p in report.problems]
    if report.positions:
        head = ("point", *report.parties, "title")
        rows = []
        for r in report.positions:
            label = r.label + (" [ ]" if r.bracketed else "")
            rows.append((label, *(_stance_cell(s) for s in r.stances), r.title or ""))
        out.append(table(head, rows, width=width).rstrip("\n"))
        out.extend(_legend(report))
    else:
        out.append("no positions recorded (peaceplan note add VERSION POINT --party P --stance S)")
    out.append("")
    out.append(f"Convergence of {report.plan}")
    conv = table(_CONV_HEAD, _conv_rows(report), right=range(2, 9))
    out.append(conv.rstrip("\n"))
    out.extend(_conv_legend(report))
    out.extend(side_lines(report))
    out += [terminal_safe(line) for line in partial_lines(report)]
    return "\n".join(out) + "\n"


def side_lines(report: StatusReport) -> list[str]:
    """One line per version with side documents: "ua-20: 20 points, and 4 more in 3 side
    documents" (its `points` count only the main text)."""
    out = []
    for c in report.convergence:
        if c.side_documents:
            docs = f"{c.side_documents} side document{'s' if c.side_documents != 1 else ''}"
            out.append(f"{c.version}: {c.points} points, and {c.side_points} more in {docs}")
    return out


def partial_lines(report: StatusReport) -> list[str]:
    """One line per partial version: what it does not report is not counted as removed.

    "e3-counter: partial; 9 points and 16 sub-points of us-28 not reported (unknown, not
    removed); 1 reported dropped"."""
    from peaceplan.render.describe import points_phrase

    out = []
    for c in report.convergence:
        if c.coverage == "complete":
            continue
        text = f"{c.version}: partial"
        missing = {"points": c.unreported, "sub_points": c.unreported_sub_points}
        if c.compared_with and any(missing.values()):
            text += (
                f"; {points_phrase(missing)} of {c.compared_with} not reported"
                " (unknown, not removed)"
            )
        if c.dropped:
            text += f"; {c.dropped} reported dropped"
        out.append(text)
    return out


def _md_row(cells: Sequence[Any]) -> str:
    return (
        "| " + " | ".join(markdown_text(one_line(str(c)), line_start=False) for c in cells) + " |"
    )


def status_markdown(report: StatusReport) -> str:
    """The same two tables in GitHub Markdown."""
    out = [f"## Positions on {report.plan}/{report.version}", ""]
    out += problems_markdown(report.problems)
    if report.positions:
        head = ("Point", "Title", *report.parties)
        out.append(_md_row(head))
        out.append("| " + " | ".join("---" for _ in head) + " |")
        for r in report.positions:
            label = r.label + (" (bracketed)" if r.bracketed else "")
            out.append(_md_row((label, r.title or "", *(_stance_cell(s) for s in r.stances))))
        legend = [ln for ln in _legend(report) if not ln.startswith("[ ]")]
        if legend:
            out += ["", markdown_text("; ".join(legend) + ".")]
    else:
        out.append("No positions recorded.")
    out += ["", f"## Convergence of {report.plan}", ""]
    out.append(_md_row(_CONV_HEAD))
    out.append("| --- | --- |" + " ---: |" * (len(_CONV_HEAD) - 3) + " --- |")
    out.extend(_md_row(r) for r in _conv_rows(report))
    partial = partial_lines(report)
    if partial:
        out.append("")
        out += [f"- {markdown_text(one_line(line))}" for line in partial]
    if _conv_legend(report):
        out += ["", markdown_text(_conv_legend(report)[0])]
    return "\n".join(out) + "\n"


def status_json(report: StatusReport) -> str:
    return _dumps(report.to_json_dict())


def blame_html(blame: Blame) -> str:
    """Jupyter: one row per point, who introduced its wording and its ancestry."""
    cols = ["number", "title", "introduced_in", "proposed_by", "date", "method", "chain"]
    grid = records_html(blame.to_records(), cols, caption=f"Blame of {blame.version}")
    return problems_html(blame.problems) + grid


def trace_html(trace: PointTrace) -> str:
    """Jupyter: the point in every version, with what happened to it."""
    cols = ["version", "date", "proposed_by", "numbers", "change", "text"]
    grid = records_html(
        trace.to_records(),
        cols,
        caption=f"Point {trace.start_key} of {trace.plan}/{trace.start_version}",
    )
    return problems_html(trace.problems) + grid


def status_html(report: StatusReport) -> str:
    """Jupyter: the positions matrix, then the convergence figures of every version, with every
    line the text table has under them (what the markers mean, partial versions, side
    documents), so an uncertain position or an unreported point is never silently dropped."""
    cols = ["number", "title", *report.parties, "bracketed", "agreed_by_all"]
    conv = ["version", "date", "proposed_by", "points", "sub_points", "bracketed", "options"]
    conv += ["positions", "agreed", "rejected"]
    if any(c.coverage != "complete" for c in report.convergence):
        conv += ["coverage", "unreported", "unreported_sub_points"]
    # "3 (3~)", as the text table: how many of the counted points rest on an unsure position.
    rows = [
        {
            **r,
            "agreed": _count(c.agreed, c.agreed_uncertain),
            "rejected": _count(c.rejected, c.rejected_uncertain),
        }
        for r, c in zip(report.convergence_records(), report.convergence)
    ]
    legend = [ln for ln in _legend(report) if not ln.startswith("[ ]")]
    after = _conv_legend(report) + side_lines(report) + partial_lines(report)
    return (
        problems_html(report.problems)
        + records_html(
            report.positions_records(),
            cols,
            caption=f"Positions on {report.plan}/{report.version}",
            headers={"number": "point", "agreed_by_all": "all accept"},
        )
        + _lines_html(legend)
        + records_html(
            rows,
            conv,
            caption=f"Convergence of {report.plan}",
            headers={
                "positions": "with positions",
                "agreed": "all accept",
                "unreported": "unreported points",
            },
        )
        + _lines_html(after)
    )


def _lines_html(lines: Sequence[str]) -> str:
    """Lines of plain text as escaped paragraphs ("" for none)."""
    return "".join(f"<p>{html_text(line)}</p>" for line in lines)


def carry_html(report: CarryReport) -> str:
    """Jupyter: each annotation's outcome, with the counts as caption."""
    counts = ", ".join(f"{n} {k}" for k, n in report.counts().items() if n)
    cols = ["id", "kind", "from_point", "to_point", "outcome", "score", "quote", "reason"]
    caption = f"{report.source} -> {report.target}: {counts or 'nothing to carry'}"
    return records_html(report.to_records(), cols, caption=caption)
