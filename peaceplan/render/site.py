"""The pages of a static site of a plans folder, as {relative path: content}; no file is written
here (peaceplan.site writes them).

Every page is self-contained: inline CSS, no script, no remote resource, relative links only,
so the site works from `file://` and from GitHub Pages. Every piece of data is escaped with
peaceplan.text.html_text; markup comes only from the renderers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

import attrs

from peaceplan.errors import Problem
from peaceplan.lineage import local_version
from peaceplan.model import Plan
from peaceplan.render.convergence import convergence_svg
from peaceplan.render.site_paths import Paths, rel
from peaceplan.text import html_text, one_line

h = html_text

# Up to this many versions, a diff page for every pair (n(n-1)/2 of them); beyond, the pairs
# with the first and the newest version only, beside each version's own parents.
ALL_PAIRS_MAX = 12

SITE_CSS = """
body { margin: 0; background: #ffffff; }
.pp-site { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328;
  line-height: 1.45; padding: 0.8rem 1.4rem 2rem; }
.pp-site .peaceplan { max-width: 68rem; }
.pp-site.pp-wide .peaceplan { max-width: none; }
.pp-site table.pp-list td:first-child { white-space: nowrap; }
.pp-nav { font-size: 0.9rem; margin-bottom: 0.8rem; padding-bottom: 0.4rem;
  border-bottom: 1px solid #d0d7de; }
.pp-nav a { margin-right: 0.2rem; }
.pp-site a { color: #0969da; text-decoration: none; }
.pp-site a:hover { text-decoration: underline; }
.pp-site h1 { font-size: 1.5rem; margin: 0.4rem 0; }
.pp-site table.pp-list { border-collapse: collapse; margin: 0.4rem 0 1rem; }
.pp-site table.pp-list th, .pp-site table.pp-list td { border: 1px solid #d0d7de;
  padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
.pp-site table.pp-list th { background: #f6f8fa; }
.pp-site .pp-muted { color: #57606a; }
.pp-site .pp-flowbox { overflow-x: auto; border: 1px solid #d0d7de; padding: 0.4rem; }
.pp-site .pp-card { border: 1px solid #d0d7de; border-radius: 0.4rem; padding: 0.6rem 1rem;
  margin: 0.6rem 0 1rem; max-width: 68rem; }
.pp-site ul.pp-links li { margin: 0.15rem 0; }
.pp-site .pp-timeline { margin: 0.3rem 0; }
.pp-site .pp-chg { font-weight: 600; }
"""


def page(
    path: str, title: str, body: str, crumbs: Sequence[tuple[str, str]], wide: bool = False
) -> str:
    """A whole page: inline CSS, no script, the CSP of the diff pages, a breadcrumb bar."""
    from peaceplan.render.html import CSP, CSS
    from peaceplan.render.matrix import MATRIX_CSS

    nav = " / ".join(
        f'<a href="{h(rel(path, target))}">{h(label)}</a>' if target else h(label)
        for label, target in crumbs
    )
    cls = "pp-site pp-wide" if wide else "pp-site"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n'
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="peaceplan site">\n'
        f"<title>{h(one_line(title))}</title>\n"
        f"<style>{SITE_CSS}{CSS}{MATRIX_CSS}</style>\n"
        "</head>\n<body>\n"
        f'<div class="{cls}">\n<nav class="pp-nav">{nav}</nav>\n'
        f'<div class="peaceplan">\n{body}</div>\n</div>\n</body>\n</html>\n'
    )


def index_page(negotiations: Sequence[tuple[str, Sequence[Plan]]]) -> str:
    """The front page: every negotiation with its versions."""
    path = "index.html"
    out = ["<h1>Plans</h1>"]
    for name, versions in negotiations:
        p = Paths(name)
        out.append('<section class="pp-card">')
        out.append(f'<h2><a href="{h(p.index())}">{h(name)}</a></h2>')
        out.append(_versions_table(path, p, versions))
        out.append(
            '<p class="pp-links">'
            f'<a href="{h(p.matrix())}">every point through every version</a> · '
            f'<a href="{h(p.index())}#flow">flow</a> · '
            f'<a href="{h(p.figures())}">figures</a> · '
            f'<a href="{h(p.status())}">positions and convergence</a></p>'
        )
        out.append("</section>")
    return page(path, "peaceplan: plans", "\n".join(out) + "\n", [("plans", "")])


def _versions_table(here: str, p: Paths, versions: Sequence[Plan]) -> str:
    from peaceplan.history import main_points

    rows = [
        '<table class="pp-list"><tr><th>Version</th><th>Date</th><th>Proposed by</th>'
        "<th>Points</th><th>Coverage</th><th>Based on</th><th>Changes</th></tr>"
    ]
    names = {v.version for v in versions}
    for v in versions:
        # a version of this negotiation by its name; another negotiation's as written (minsk/x)
        based = [(local_version(b, v.plan), b) for b in v.based_on]
        based_html = ", ".join(
            f'<a href="{h(rel(here, p.version(b)))}">{h(b)}</a>' if b in names else h(b or ref)
            for b, ref in based
        )
        diffs = ", ".join(
            f'<a href="{h(rel(here, p.diff(b, v.version)))}">from {h(b)}</a>'
            for b, _ in based
            if b in names
        )
        rows.append(
            f'<tr><td><a href="{h(rel(here, p.version(v.version)))}">{h(v.version)}</a></td>'
            f"<td>{h(v.date.isoformat() if v.date else '')}</td>"
            f"<td>{h(one_line(v.proposed_by or ''))}</td>"
            f'<td class="pp-num">{main_points(v)}</td>'
            f"<td>{h(v.coverage)}</td><td>{based_html}</td><td>{diffs}</td></tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)


def negotiation_pages(
    versions: Sequence[Plan],
    notes: Mapping[str, Sequence[Any]],
    status: Any,
    figures: Any,
    *,
    pairs: str = "all",
    lineage: Any = None,
) -> dict[str, str]:
    """Every page of one negotiation: its index (versions, diffs, flow), each version, each
    diff (consecutive ones, and with `pairs="all"` every pair), each point, the matrix, the
    figures and the positions. `notes`: each version's annotations; `status`: its StatusReport;
    `figures`: its FigureHistory. `pairs="all"` gives every pair up to ALL_PAIRS_MAX versions.
    `lineage`: the versions' Lineage when the caller has one (its alignments are reused)."""
    from peaceplan.negotiation.flow import flow_of
    from peaceplan.negotiation.matrix import build_matrix
    from peaceplan.notes.lineage import Lineage

    lin = lineage or Lineage(versions)
    order = lin.order
    name = order[0].plan
    p = Paths(name)
    # the matrix (its page, and the flow drawn from it) says the lineage's problems as published
    m = attrs.evolve(build_matrix(order, lin), problems=published(lin.problems))
    f = flow_of(m, versions=order)
    pages: dict[str, str] = {}
    top = [("plans", "index.html"), (name, p.index())]

    from peaceplan.render.flow import flow_svg

    pages[p.flow()] = flow_svg(f)  # alone, the SVG says the lineage's problems itself...
    svg = flow_svg(attrs.evolve(f, problems=()))  # ...on the front page, the page says them
    # diffs: each version against what it is based on, and every other pair in lineage order
    consecutive = [(a, v.version) for v in order for a in lin.parents(v.version)]
    all_pairs = list(consecutive)
    names = [v.version for v in order]
    if pairs == "all" and len(names) <= ALL_PAIRS_MAX:
        wanted = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]
    else:  # a long negotiation: each version against the first and the newest as well
        wanted = [(names[0], b) for b in names[1:]] + [(a, names[-1]) for a in names[:-1]]
    all_pairs += [pair for pair in dict.fromkeys(wanted) if pair not in consecutive]
    row_of = {(c.version, k): r.id for r in m.rows for c in r.cells for k in c.keys}
    for a, b in all_pairs:
        pages[p.diff(a, b)] = _diff_page(p, lin, a, b, top, row_of)
    pages[p.index()] = _negotiation_index(p, lin, consecutive, all_pairs, svg, top)
    blames = {v.version: _blame(lin, v.version) for v in order}
    for v in order:
        pages[p.version(v.version)] = _version_page(p, lin, v, notes.get(v.version, ()), m, top)
    for row in m.rows:
        pages[p.point(row.id)] = _point_page(p, lin, m, row, blames, notes, top)
    pages[p.matrix()] = _matrix_page(p, m, top)
    pages[p.figures()] = _figures_page(p, figures, top)
    pages[p.status()] = _status_page(p, status, top)
    return pages


def _blame(lin: Any, version: str) -> dict[str, Any]:
    from peaceplan.notes.lineage import blame_version

    return {line.key: line for line in blame_version(lin, version).lines}


def published(problems: Sequence[Problem]) -> tuple[Problem, ...]:
    """The problems with each file named as NEGOTIATION/FILE: a published page says which plan
    file is wrong without showing the folders of the machine that built the site."""
    return tuple(attrs.evolve(p, path="/".join(PurePath(p.path).parts[-2:])) for p in problems)


def _negotiation_index(
    p: Paths,
    lin: Any,
    consecutive: list[tuple[str, str]],
    all_pairs: list[tuple[str, str]],
    svg: str,
    top: list[tuple[str, str]],
) -> str:
    from peaceplan.render.problems import problems_html

    path = p.index()
    name = lin.order[0].plan
    out = [f"<h1>{h(name)}</h1>"]
    out += problems_html(published(lin.problems)).splitlines()
    out.append(_versions_table(path, p, lin.order))
    out.append('<ul class="pp-links">')
    out.append(
        f'<li><a href="{h(rel(path, p.matrix()))}">Every point through every version</a> '
        "(the matrix: numbers, changes and figures)</li>"
    )
    out.append(f'<li><a href="{h(rel(path, p.figures()))}">Figures through the versions</a></li>')
    out.append(f'<li><a href="{h(rel(path, p.status()))}">Positions and convergence</a></li>')
    out.append(f'<li><a href="{h(rel(path, p.flow()))}">The flow diagram (SVG)</a></li>')
    out.append("</ul>")
    out.append('<h2>Changes, version by version</h2><ul class="pp-links">')
    out += [
        f'<li><a href="{h(rel(path, p.diff(a, b)))}">{h(a)} → {h(b)}</a></li>'
        for a, b in consecutive
    ]
    out.append("</ul>")
    names = [v.version for v in lin.order]
    done = set(all_pairs)
    if len(names) > 2:
        out.append("<h2>Any two versions</h2>")
        out.append('<table class="pp-list"><tr><th>from \\ to</th>')
        out += [f"<th>{h(n)}</th>" for n in names]
        out.append("</tr>")
        for a in names:
            out.append(f"<tr><th>{h(a)}</th>")
            for b in names:
                link = (a, b) in done
                out.append(
                    f'<td><a href="{h(rel(path, p.diff(a, b)))}">diff</a></td>'
                    if link
                    else "<td></td>"
                )
            out.append("</tr>")
        out.append("</table>")
    out.append('<h2 id="flow">The points through the versions</h2>')
    out.append(f'<div class="pp-flowbox">{svg}</div>')
    return page(path, name, "\n".join(out) + "\n", [*top[:1], (name, "")], wide=True)


def _diff_page(
    p: Paths,
    lin: Any,
    a: str,
    b: str,
    top: list[tuple[str, str]],
    row_of: Mapping[tuple[str, str], str],
) -> str:
    from peaceplan.diffing import build_diff
    from peaceplan.render import describe
    from peaceplan.render.html import _diff_body

    d = build_diff(lin.alignment(a, b))
    path = p.diff(a, b)
    links = (
        f'<p class="pp-muted"><a href="{h(rel(path, p.version(a)))}">{h(a)}</a> → '
        f'<a href="{h(rel(path, p.version(b)))}">{h(b)}</a></p>'
    )
    body = links + _diff_body(d, only=None, explain=False, show_unchanged=False)
    items = []
    for c in d.changes:
        if (c.kind == "unchanged" and not c.moved) or c.depth:
            continue
        side, keys = (b, c.new) if c.new else (a, c.old)
        row = row_of.get((side, keys[0]))
        if row is None:
            continue
        title = describe.change_title(d, c)
        where = describe.where_phrase(d, c)
        items.append(
            f'<li><a href="{h(rel(path, p.point(row)))}">{h(where)}</a> '
            f'<span class="pp-muted">{h(c.kind)}</span> {h(title)}</li>'
        )
    if items:
        body += '<h3>Each changed point through every version</h3>\n<ul class="pp-links">\n'
        body += "\n".join(items) + "\n</ul>\n"
    return page(path, describe.title_phrase(d), body, [*top, (f"{a} → {b}", "")])


def _version_page(
    p: Paths, lin: Any, v: Plan, notes: Sequence[Any], m: Any, top: list[tuple[str, str]]
) -> str:
    from peaceplan.render.plan import plan_body_html

    path = p.version(v.version)
    out = []
    parents = lin.parents(v.version)
    children = lin.children(v.version)
    nav = [
        f'<a href="{h(rel(path, p.diff(a, v.version)))}">changes from {h(a)}</a>' for a in parents
    ]
    nav += [
        f'<a href="{h(rel(path, p.diff(v.version, c)))}">changes in {h(c)}</a>' for c in children
    ]
    if nav:
        out.append(f'<p class="pp-links">{" · ".join(nav)}</p>')
    out.append(plan_body_html(v))
    # every point's history
    rows = {k: r for r in m.rows for c in r.cells if c.version == v.version for k in c.keys}
    links = []
    for fp in v.flat():
        r = rows.get(fp.key)
        if r is None:
            continue
        label = f"#{fp.full_number}" if fp.full_number else fp.key
        title = one_line(fp.point.title or "")
        links.append(
            f'<li style="margin-left:{fp.depth * 1.2}rem"><a href="{h(rel(path, p.point(r.id)))}">'
            f"{h(label)}</a> {h(title)}</li>"
        )
    if links:
        out += [
            "<h3>History and blame of each point</h3>",
            '<ul class="pp-links">',
            *links,
            "</ul>",
        ]
    if notes:
        from peaceplan.render.records import records_html

        recs = [_note_record(n, v) for n in notes]
        cols = ["point", "kind", "party", "stance", "date", "certainty", "quote", "body", "source"]
        out += ["<h3>Notes</h3>", records_html(recs, _used(cols, recs))]
    return page(path, f"{v.plan}/{v.version}", "\n".join(out) + "\n", [*top, (v.version, "")])


def _used(columns: list[str], records: Sequence[Mapping[str, Any]]) -> list[str]:
    """`columns` without the quote column when no record has a quote (no empty column)."""
    if any(r.get("quote") for r in records):
        return columns
    return [c for c in columns if c != "quote"]


def _note_record(n: Any, v: Plan) -> dict[str, Any]:
    """A note as a row of the site's tables: every fact it records, none in place of another
    (the quote, the tag or status and the body each keep their own cell or part of one)."""
    from peaceplan.notes.anchor import count_exact
    from peaceplan.notes.lineage import point_label

    quote = n.quote
    point = v.get(n.point) if quote and n.point else None
    if quote and point is not None and not count_exact(point, quote):
        quote = f"{quote} [no longer in the point]"
    certainty = n.certainty + (f": {n.certainty_note}" if n.certainty_note else "")
    return {
        "point": point_label(v, n.point) if n.point else "",
        "kind": n.kind,
        "party": n.party,
        "stance": n.stance,
        "date": n.date.isoformat() if n.date else None,
        "certainty": certainty,
        "quote": quote,
        "body": " — ".join(x for x in (n.tag, n.status, n.body) if x) or None,
        "source": n.source,
    }


def _point_page(
    p: Paths,
    lin: Any,
    m: Any,
    row: Any,
    blames: Mapping[str, Mapping[str, Any]],
    notes: Mapping[str, Sequence[Any]],
    top: list[tuple[str, str]],
) -> str:
    from peaceplan.render.matrix import WORDS, matrix_cell_html

    path = p.point(row.id)
    title = one_line(row.title) if row.title else row.key
    out = [f"<h1>{h(title)}</h1>"]
    out.append(
        f'<p class="pp-muted">first seen as {h(row.id)} · '
        f'<a href="{h(rel(path, p.matrix()))}">every point</a></p>'
    )
    out.append('<table class="pp-matrix"><thead><tr>')
    out += [f"<th>{h(c.version)}</th>" for c in row.cells]
    out.append("</tr></thead><tbody><tr>")
    out += [matrix_cell_html(c) for c in row.cells]
    out.append("</tr></tbody></table>")
    out.append("<h2>History</h2>")
    out.append(
        '<table class="pp-list"><tr><th>Version</th><th>Point</th><th>Change</th>'
        "<th>Text</th><th>Wording introduced in</th><th>Ancestry</th></tr>"
    )
    for c in row.cells:
        if c.change is None:
            continue
        plan = lin.plans[c.version]
        texts = []
        for k in c.keys:
            pt = plan.get(k)
            if pt is None:
                continue
            text = h(pt.text)
            for o in pt.options:
                text += f"<br><em>option{h(' by ' + o.by if o.by else '')}:</em> {h(o.text)}"
            texts.append(text)
        blame_lines = [blames[c.version][k] for k in c.keys if k in blames[c.version]]
        intro = ", ".join(
            dict.fromkeys(
                f"{b.introduced_in}" + (f" ({one_line(b.proposed_by)})" if b.proposed_by else "")
                for b in blame_lines
            )
        )
        chain = "; ".join(b.chain() for b in blame_lines)
        change = WORDS[c.change] or "first version"
        if c.source and c.present and c.source != c.version:
            change = (
                f'<a href="{h(rel(path, p.diff(c.source, c.version)))}">{h(change)}</a>'
                f'<br><span class="pp-muted">from {h(c.source)}</span>'
            )
        else:
            change = h(change)
        version_link = f'<a href="{h(rel(path, p.version(c.version)))}">{h(c.version)}</a>'
        out.append(
            f"<tr><td>{version_link}</td><td>{h(c.label)}</td><td>{change}</td>"
            f"<td>{'<hr>'.join(texts)}</td><td>{h(intro)}</td><td>{h(chain)}</td></tr>"
        )
    out.append("</table>")
    said = []
    for c in row.cells:
        for n in notes.get(c.version, ()):
            if n.point in c.keys:
                said.append({"version": c.version, **_note_record(n, lin.plans[c.version])})
    if said:
        from peaceplan.render.records import records_html

        cols = ["version", "point", "kind", "party", "stance", "date", "certainty"]
        cols += ["quote", "body", "source"]
        out += ["<h2>Notes and positions</h2>", records_html(said, _used(cols, said))]
    return page(path, title, "\n".join(out) + "\n", [*top, (title, "")], wide=True)


def _matrix_page(p: Paths, m: Any, top: list[tuple[str, str]]) -> str:
    from peaceplan.render.matrix import matrix_table_html

    path = p.matrix()
    body = f"<h1>{h(m.plan)}: every point through every version</h1>\n"
    body += matrix_table_html(m, link=lambda r: rel(path, p.point(r.id)))
    return page(path, f"{m.plan}: matrix", body, [*top, ("every point", "")], wide=True)


def _figures_page(p: Paths, history: Any, top: list[tuple[str, str]]) -> str:
    from peaceplan.render.figures import _line
    from peaceplan.render.problems import problems_html

    path = p.figures()
    out = [f"<h1>{h(history.plan)}: figures through the versions</h1>"]
    out += problems_html(published(history.problems)).splitlines()
    changed = [t for t in history.timelines if t.changed]
    same = [t for t in history.timelines if not t.changed]
    for heading, group in (("Changed or dropped", changed), ("Unchanged", same)):
        if not group:
            continue
        out.append(f"<h2>{h(heading)} ({len(group)})</h2><ul>")
        out += [f'<li class="pp-timeline">{h(_line(t))}</li>' for t in group]
        out.append("</ul>")
    if not history.timelines:
        out.append('<p class="pp-muted">No figures.</p>')
    return page(path, f"{history.plan}: figures", "\n".join(out) + "\n", [*top, ("figures", "")])


def _status_page(p: Paths, report: Any, top: list[tuple[str, str]]) -> str:
    path = p.status()
    out = [f"<h1>{h(report.plan)}: positions and convergence</h1>"]
    out.append("<h2>Convergence across versions</h2>")
    out.append(convergence_svg(report))
    out.append(f"<h2>Positions on {h(report.version)}</h2>")
    from peaceplan.notes.render import status_html

    out.append(status_html(report))
    return page(path, f"{report.plan}: status", "\n".join(out) + "\n", [*top, ("status", "")])


def report_html(report: Any) -> str:
    """A SiteReport for Jupyter: the files written, the files kept, the lineage problems."""
    from peaceplan.render.problems import problems_html

    out = (
        f"<p>{report.pages} files for {h(', '.join(report.negotiations))} in "
        f"<code>{h(report.out)}</code> ({report.seconds:.2f} s)</p>"
    )
    if report.kept:
        out += f"<p>kept from the earlier site: {h(', '.join(report.kept))}</p>"
    if report.dropped:
        lost = "; ".join(report.dropped)
        out += f'<p class="pp-warning" style="color:#a40e26">not kept: {h(lost)}</p>'
    if report.removed:
        gone = ", ".join(report.removed)
        out += f"<p>removed from the earlier site (not in this one): {h(gone)}</p>"
    return out + problems_html(report.problems)
