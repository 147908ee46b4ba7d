"""A trace rendered: plain text, Markdown, HTML, the `peaceplan.trace/1` JSON object, a frame.

Pure functions of a TraceResult; every piece of corpus text passes through peaceplan.text.
"""

from __future__ import annotations

import json
from typing import Any

from peaceplan.render.html import redline as html_redline
from peaceplan.render.html import wrap
from peaceplan.render.markdown import redline as md_redline
from peaceplan.text import html_text, json_safe, markdown_text, one_line, terminal_safe
from peaceplan.tracing.model import PointTrace, Source, TraceResult

FORMAT = "peaceplan.trace/1"


def _name(p: PointTrace) -> str:
    number = f"#{p.number}" if p.number else p.key
    return number + (f" {p.title}" if p.title else "")


def _where(s: Source) -> str:
    prov = s.provision
    number = f"#{prov.number}" if prov.number else prov.key
    return f"{prov.plan}/{prov.version} {number}" + (f" ({prov.date})" if prov.date else "")


def _heading(result: TraceResult) -> str:
    dated = f" ({result.date})" if result.date else ""
    found = sum(1 for p in result.points if p.matches)
    return (
        f"Trace of {result.plan}/{result.version}{dated}: {found} of {len(result.points)} points "
        f"reuse earlier wording (corpus of {result.corpus_provisions:,} provisions)"
    )


def trace_text(result: TraceResult, *, matches_only: bool = False) -> str:
    """The trace for a terminal: per point, its likely origin, then each candidate source."""
    out = [_heading(result), ""]
    for p in result.points:
        sources = p.matches if matches_only else p.sources
        origin = p.earliest
        verdict = f"from {_where(origin)}" if origin else "no earlier source found"
        out.append(f"{_name(p)}: {verdict}")
        for s in sources:
            flag = "match" if s.match else "weak "
            out.append(f"  {flag} {s.score:.2f}  {_where(s)}")
            if s.match and s.span:
                out.append(f"         shared: {s.span}")
        out.append("")
    return terminal_safe("\n".join(out).rstrip() + "\n")


def trace_markdown(result: TraceResult, *, matches_only: bool = False) -> str:
    """The trace as Markdown: a summary table, then the redline of each point's best source."""
    m = markdown_text
    out = [f"### {m(one_line(_heading(result)))}", ""]
    out += ["| point | likely origin | score | other sources |", "| --- | --- | --- | --- |"]
    for p in result.points:
        origin = p.earliest
        others = [s for s in (p.matches if matches_only else p.sources) if s is not origin]
        cells = [
            m(one_line(_name(p))),
            m(one_line(_where(origin))) if origin else "none found",
            f"{origin.score:.2f}" if origin else "",
            "; ".join(
                m(one_line(_where(s))) + f" {s.score:.2f}" + ("" if s.match else " (weak)")
                for s in others
            ),
        ]
        out.append("| " + " | ".join(cells) + " |")
    for p in result.points:
        origin = p.earliest
        if origin:
            out += ["", f"**{m(one_line(_name(p)))}** from {m(one_line(_where(origin)))}:", ""]
            out.append(md_redline(origin.redline))
    return "\n".join(out) + "\n"


def trace_html(result: TraceResult, *, standalone: bool = False) -> str:
    """The trace as HTML (a page, or a `<div>` for notebooks): each point with its sources and
    the redline from its likely origin."""
    h = html_text
    out = [f"<h2>{h(_heading(result))}</h2>"]
    for p in result.points:
        origin = p.earliest
        out.append(f"<h3>{h(_name(p))}</h3>")
        if not p.sources:
            out.append('<p class="pp-meta">No earlier source found.</p>')
            continue
        out.append("<table><tr><th>source</th><th>score</th><th>reuse</th></tr>")
        for s in p.sources:
            reuse = "match" if s.match else "weak"
            out.append(f"<tr><td>{h(_where(s))}</td><td>{s.score:.2f}</td><td>{reuse}</td></tr>")
        out.append("</table>")
        if not origin:
            out.append('<p class="pp-meta">No source is judged reuse of its wording.</p>')
        else:
            out.append(f"<p>From {h(_where(origin))}:</p>")
            out.append(f'<p class="pp-redline">{html_redline(origin.redline)}</p>')
    return wrap("\n".join(out) + "\n", title=_heading(result), standalone=standalone)


def _source_dict(s: Source) -> dict[str, Any]:
    prov = s.provision
    return {
        "plan": prov.plan,
        "version": prov.version,
        "point": prov.key,
        "number": prov.number,
        "date": prov.date,
        "score": s.score,
        "match": s.match,
        "shared_words": s.shared,
        "span": s.span,
        "text": [{"op": seg.op, "text": seg.text} for seg in s.redline],
    }


def trace_dict(result: TraceResult) -> dict[str, Any]:
    """The `peaceplan.trace/1` object (documented in docs/trace.md)."""
    points = []
    for p in result.points:
        origin = p.earliest
        points.append(
            {
                "point": p.key,
                "number": p.number,
                "title": p.title,
                "text": p.text,
                "origin": _source_dict(origin) if origin else None,
                "sources": [_source_dict(s) for s in p.sources],
            }
        )
    return {
        "format": FORMAT,
        "plan": result.plan,
        "version": result.version,
        "date": result.date,
        "corpus": {"provisions": result.corpus_provisions},
        "points": points,
    }


def trace_json(result: TraceResult) -> str:
    """The JSON text printed by `peaceplan trace --format json`."""
    return json_safe(json.dumps(trace_dict(result), indent=2, ensure_ascii=False)) + "\n"


def trace_frame(result: TraceResult) -> Any:
    """A pandas DataFrame, one row per (point, source); points with no source get one row."""
    import pandas as pd

    rows = []
    for p in result.points:
        origin = p.earliest
        for s in p.sources or (None,):
            prov = s.provision if s else None
            rows.append(
                {
                    "point": p.key,
                    "number": p.number,
                    "source_plan": prov.plan if prov else None,
                    "source_version": prov.version if prov else None,
                    "source_point": prov.key if prov else None,
                    "source_date": prov.date if prov else None,
                    "score": s.score if s else None,
                    "match": s.match if s else False,
                    "origin": s is not None and s is origin,
                }
            )
    return pd.DataFrame(rows)
