"""Figure timelines (`peaceplan figures PLAN`) as text, Markdown and JSON."""

from __future__ import annotations

import json

from peaceplan.lineage import local_version
from peaceplan.render.markdown import table
from peaceplan.render.problems import problem_line, problems_html, problems_markdown
from peaceplan.render.records import records_html
from peaceplan.text import markdown_text, one_line, terminal_safe
from peaceplan.timeline import FigureHistory, FigureStep, FigureTimeline

ARROW = "->"


def figures_text(h: FigureHistory) -> str:
    """A heading, then one line per figure: "Size of the armed forces: 600,000 personnel
    (us-28) -> 800,000 personnel (e3-counter) -> 600,000 personnel (geneva-19, from us-28)"."""
    lines = [terminal_safe(_heading(h)), *(terminal_safe(problem_line(p)) for p in h.problems)]
    lines += ["", *(terminal_safe(_line(t)) for t in h.timelines)]
    if not h.timelines:
        lines.append("No figures.")
    return "\n".join(lines) + "\n"


def figures_markdown(h: FigureHistory) -> str:
    """One table row per figure, one column per version; which version each continues below."""
    names = [v.version for v in h.versions]
    rows = []
    for t in h.timelines:
        cells = dict.fromkeys(names, "")
        for s in t.steps:
            cells[s.version] = _value(s)
        rows.append([_name(t), *cells.values()])
    out = [f"### {markdown_text(_heading(h))}", "", *problems_markdown(h.problems)]
    out += table(["Point", *names], rows) if rows else ["No figures."]
    based = [
        f"{v.version} on {', '.join(local_version(b, h.plan) or b for b in v.based_on)}"
        for v in h.versions
        if v.based_on
    ]
    if based:
        said = "Based on: " + "; ".join(based) + "."
        out += ["", markdown_text(said)]
    return "\n".join(out) + "\n"


def figures_json(h: FigureHistory, *, indent: int | None = 2) -> str:
    """The `peaceplan.figures/1` JSON object (see docs/diff.md)."""
    return json.dumps(h.to_json_dict(), ensure_ascii=False, indent=indent) + "\n"


def _heading(h: FigureHistory) -> str:
    n = len(h.timelines)
    versions = ", ".join(v.version for v in h.versions)
    figures = f"{n} figure{'s' if n != 1 else ''}"
    return f"{h.plan}: {figures} across {len(h.versions)} versions ({versions})"


def _name(t: FigureTimeline) -> str:
    first = t.steps[0]
    return one_line(t.title) if t.title else f"{first.version} {first.label}"


def _value(s: FigureStep) -> str:
    text = one_line(s.figure) if s.figure is not None else "dropped"
    return text + (f" (option by {one_line(s.by)})" if s.by is not None else "")


def _line(t: FigureTimeline) -> str:
    """The steps of a timeline; a run of the same value continued version to version is said
    once, as first written."""
    groups: list[tuple[str, list[str], list[str]]] = []  # value, versions, notes
    last: FigureStep | None = None
    for s in t.steps:
        same = (  # the same value continued, however written ("600,000", "600 000")
            last is not None
            and not s.changed
            and s.source == last.version
            and s.by == last.by
            and None not in (s.figure, last.figure)
        )
        if same:
            groups[-1][1].append(s.version)
        else:
            shown = groups[-1][1][-1] if groups else None
            notes = [f"option by {one_line(s.by)}"] if s.by is not None else []
            if not groups and s.source is not None:
                notes.append("new")  # its point continues one of s.source that lacked it
            elif s.source is not None and s.source != shown:
                notes.append(f"from {s.source}")
            value = one_line(s.figure) if s.figure is not None else "dropped"
            groups.append((value, [s.version], notes))
        last = s
    parts = [f"{value} ({', '.join([*versions, *notes])})" for value, versions, notes in groups]
    return f"{_name(t)}: {f' {ARROW} '.join(parts)}"


def figures_html(history: FigureHistory) -> str:
    """The figure history as an HTML table (how it shows in Jupyter)."""
    cols = ["figure", "title", "version", "label", "value", "by", "source", "changed"]
    grid = records_html(history.to_records(), cols, caption=f"Figures of {history.plan}")
    return problems_html(history.problems) + grid
