"""A PlanDiff as an HTML redline: a self-contained page, or a fragment for Jupyter.

The page has inline CSS only: no script, no external resource (a Content-Security-Policy says so
too, as a second line of defence). Every piece of data is escaped with
peaceplan.text.html_text; markup comes only from this module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable

from peaceplan.diffing.model import Change, PlanDiff, Segment
from peaceplan.kinds import FILTERS
from peaceplan.render import certainty, describe
from peaceplan.render.metadata import metadata_html
from peaceplan.text import html_text, one_line

CSS = """
.peaceplan { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.45;
  color: #1f2328; max-width: 60rem; }
.peaceplan h2 { font-size: 1.3rem; margin: 0.2rem 0 0.4rem; }
.peaceplan h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
.peaceplan .pp-meta { color: #57606a; margin: 0.1rem 0; }
.peaceplan table { border-collapse: collapse; margin: 0.4rem 0; }
.peaceplan th, .peaceplan td { border: 1px solid #d0d7de; padding: 0.2rem 0.5rem;
  text-align: left; vertical-align: top; }
.peaceplan td.pp-num { text-align: right; font-variant-numeric: tabular-nums; }
.peaceplan .pp-change { border-left: 4px solid #d0d7de; padding: 0.1rem 0 0.1rem 0.8rem;
  margin: 0.8rem 0; }
.peaceplan .pp-change h4 { font-size: 1rem; margin: 0 0 0.3rem; }
.peaceplan .pp-modified { border-color: #bf8700; }
.peaceplan .pp-split, .peaceplan .pp-merged { border-color: #8250df; }
.peaceplan .pp-removed { border-color: #cf222e; }
.peaceplan .pp-added { border-color: #1a7f37; }
.peaceplan .pp-unreported { border-color: #0969da; border-left-style: dashed; }
.peaceplan .pp-kind { font-weight: 600; text-transform: uppercase; font-size: 0.75rem;
  letter-spacing: 0.04em; margin-right: 0.4rem; }
.peaceplan .pp-tag { background: #fff8c5; border-radius: 0.3rem; padding: 0 0.3rem;
  font-size: 0.8rem; margin-left: 0.4rem; }
.peaceplan .pp-badge { border-radius: 0.3rem; padding: 0 0.3rem; font-size: 0.75rem;
  margin-left: 0.4rem; font-weight: 600; color: #8250df; background: #fbefff;
  border: 1px solid #d8b9ff; }
.peaceplan .pp-badge.pp-inferred { color: #0969da; background: #ddf4ff; border-style: dashed; }
.peaceplan .pp-note { color: #8250df; font-style: italic; font-size: 0.9rem; }
.peaceplan .pp-certainty-inferred > .pp-note { color: #0969da; }
.peaceplan .pp-text { white-space: pre-wrap; margin: 0.2rem 0; }
.peaceplan .pp-explain { color: #57606a; font-style: italic; }
.peaceplan del { color: #cf222e; background: #ffebe9; }
.peaceplan ins { color: #1a7f37; background: #dafbe1; }
.peaceplan .pp-old { color: #cf222e; }
.peaceplan .pp-new { color: #1a7f37; font-weight: 600; }
.peaceplan .pp-depth-1 { margin-left: 1.5rem; }
.peaceplan .pp-depth-2 { margin-left: 3rem; }
.peaceplan .pp-depth-3 { margin-left: 4.5rem; }
.peaceplan .pp-options { margin: 0.3rem 0; padding-left: 1.2rem; }
.peaceplan .pp-doc { margin-top: 1rem; }
"""

# No script, no remote anything: only the inline styles of the page itself.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'"


def diff_html(
    d: PlanDiff,
    *,
    standalone: bool = True,
    only: Collection[str] | None = None,
    explain: bool = False,
    show_unchanged: bool = False,
) -> str:
    """The diff as an HTML redline: a whole page, or (standalone=False) a `<div>` for Jupyter."""
    body = _diff_body(d, only=only, explain=explain, show_unchanged=show_unchanged)
    return wrap(body, title=describe.title_phrase(d), standalone=standalone)


def wrap(body: str, *, title: str, standalone: bool) -> str:
    """Put rendered HTML in a styled `<div>`, and that in a full page when `standalone`."""
    div = f'<div class="peaceplan">\n<style>{CSS}</style>\n{body}</div>\n'
    if not standalone:
        return div
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_text(one_line(title))}</title>\n"
        "</head>\n<body>\n"
        f"{div}"
        "</body>\n</html>\n"
    )


def _diff_body(
    d: PlanDiff, *, only: Collection[str] | None, explain: bool, show_unchanged: bool
) -> str:
    h = html_text
    shown = describe.select(d, only, show_unchanged)
    out = [f"<h2>{h(describe.title_phrase(d))}</h2>"]
    out.append(f'<p class="pp-meta">old: {h(describe.side_phrase(d.old, d.new))}</p>')
    out.append(f'<p class="pp-meta">new: {h(describe.side_phrase(d.new, d.old))}</p>')
    out.append(f"<p><strong>{h(describe.counts_phrase(d))}</strong></p>")
    partial = describe.partial_phrase(d)
    if partial:
        out.append(f'<p class="pp-meta">{h(partial)}.</p>')
    if d.budget_exhausted:
        out.append(f"<p><strong>Warning:</strong> {h(describe.BUDGET_WARNING)}</p>")
    closing = describe.closing_phrase(d)
    if closing:
        out.append(f"<p>{h(closing)}</p>")
    out += metadata_html(d)
    out += _figures(d, shown)
    renumbered = describe.renumber_phrases(d, only)
    if renumbered:
        out.append("<h3>Renumbered</h3>")
        out.append("<ul>")
        out += [f"<li>{h(phrase)}</li>" for phrase in renumbered]
        out.append("</ul>")
    if shown:
        # Anchors unique per diff, so several diffs in one notebook do not share ids.
        anchor = "pp-" + hashlib.sha1(describe.title_phrase(d).encode()).hexdigest()[:8]
        out.append("<h3>Changes</h3>")
        out += _table(d, shown, anchor)
        for i, c in enumerate(shown):
            out += _change(d, c, f"{anchor}-{i}", explain)
    rest = describe.unchanged_phrase(d, shown)
    if rest and not only and d.changed:
        out.append(f'<p class="pp-meta">{h(rest)}.</p>')
    return "\n".join(out) + "\n"


def redline(segments: Iterable[Segment]) -> str:
    """A redline as HTML: deletions in <del>, insertions in <ins>, all text escaped."""
    return describe.marked_redline((s.op, html_text(s.text)) for s in segments)


def _figures(d: PlanDiff, shown: tuple[Change, ...]) -> list[str]:
    h = html_text
    out = []
    for what, heading in (("figures", "Changed figures"), ("dates", "Changed dates")):
        rows = describe.figure_rows(d, shown, what)
        if not rows:
            continue
        out += [
            f"<h3>{heading}</h3>",
            "<table>",
            "<tr><th>Point</th><th>Before</th><th>After</th></tr>",
        ]
        for label, old, new in rows:
            out.append(
                f"<tr><td>{h(label)}</td>"
                f'<td class="pp-old">{h(one_line(old))}</td>'
                f'<td class="pp-new">{h(one_line(new))}</td></tr>'
            )
        out.append("</table>")
    return out


def _table(d: PlanDiff, shown: tuple[Change, ...], anchor: str) -> list[str]:
    h = html_text
    out = [
        "<table>",
        "<tr><th>Kind</th><th>Old #</th><th>New #</th><th>Title</th><th>Similarity</th></tr>",
    ]
    for i, c in enumerate(shown):
        out.append(
            f'<tr><td><a href="#{anchor}-{i}">{h(describe.kind_phrase(c))}</a></td>'
            f"<td>{h(describe.numbers_cell(d.old, c.old, c.old_numbers))}</td>"
            f"<td>{h(describe.numbers_cell(d.new, c.new, c.new_numbers))}</td>"
            f"<td>{h(describe.change_title(d, c))}{_badge(d, c)}</td>"
            f'<td class="pp-num">{h(describe.similarity_cell(c))}</td></tr>'
        )
    out.append("</table>")
    return out


def _change(d: PlanDiff, c: Change, anchor: str, explain: bool) -> list[str]:
    h = html_text
    kind = c.kind if c.kind in FILTERS else "other"
    depth = min(c.depth, 3)
    head = f'<span class="pp-kind">{h(c.kind)}</span>{h(describe.where_phrase(d, c))}'
    title = describe.change_title(d, c)
    if title:
        head += f" &mdash; {h(title)}"
    if c.moved:
        head += '<span class="pp-tag">moved</span>'
    head += _badge(d, c)
    out = [
        f'<section class="pp-change pp-{kind} pp-depth-{depth}" id="{anchor}">',
        f"<h4>{head}</h4>",
    ]
    note = describe.unreported_note(d, c)
    if note:
        out.append(f'<p class="pp-meta">{h(note)}</p>')
    if explain:
        out.append(f'<p class="pp-explain">{h(describe.explain_phrase(c))}</p>')
    segs = describe.segments(d, c)
    if describe.text_changed(segs):
        out.append(f'<p class="pp-text">{redline(segs)}</p>')
    if c.fields:
        out.append("<ul>")
        out += [f"<li>{h(describe.field_phrase(f, c, d))}</li>" for f in c.fields]
        out.append("</ul>")
    out.append("</section>")
    return out


def _badge(d: PlanDiff, c: Change) -> str:
    """A badge when the change's points are not `reported` ("uncertain", "was inferred")."""
    mark = certainty.change_marker(d, c)
    return f'<span class="pp-badge">{html_text(mark[1:-1])}</span>' if mark else ""
