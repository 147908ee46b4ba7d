"""Render a Review: Markdown for a pull-request comment, JSON, and GitHub workflow commands.

Pure functions of a Review. Point text passes through peaceplan.text; on top of that,
`@` is defused so that a plan quoting "@someone" cannot notify anyone from a PR comment.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from peaceplan.diffing.model import Change, PlanDiff
from peaceplan.model import Plan
from peaceplan.render import describe
from peaceplan.reviewing.report import FileReview, LineEdit, OtherFile, Review
from peaceplan.text import (
    html_text,
    markdown_text,
    mention_safe,
    one_line,
    terminal_safe,
)

FORMAT = "peaceplan.review/1"
# GitHub refuses comments longer than 65,536 characters; leave room for the action's marker.
MAX_COMMENT = 60_000
# Rows of the tables, whatever the room: a pull request touching 5,000 files or a point with
# 1,000 changed figures gives a readable comment ("... and N more"), not a wall of rows.
MAX_FILE_ROWS = 100
MAX_FIGURE_ROWS = 30
MAX_RENUMBER_LINES = 20
# Kept free below max_length for the closing notes ("N more changed points not shown").
_RESERVE = 600
_KIND_COLUMNS = ("modified", "split", "merged", "removed", "added", "moved")


# -- escaping ----------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Point text for Markdown: shown literally, and no @mention can form."""
    return markdown_text(text)


def _html(text: str) -> str:
    """Text for raw HTML (a <summary>): escaped, and no @mention can form."""
    return mention_safe(html_text(one_line(text)))


def link(path: str, line: int | None = None, link_base: str = "") -> str:
    """The address of a file (and line) for a Markdown link: LINK_BASE + path + #Lline.

    With no `link_base` the link is relative to the repository top (fine in a rendered file,
    not in a PR comment: the action passes https://github.com/OWNER/REPO/blob/SHA/).
    """
    base = link_base if not link_base or link_base.endswith("/") else link_base + "/"
    # Nothing in the address may end the link or open HTML: encode it.
    url = quote(base, safe=":/?=&%~+@!$',;") + quote(path, safe="/")
    return url + (f"#L{line}" if line else "")


def _md_link(label: str, url: str) -> str:
    return f"[{_md(label)}]({url})"


# -- pieces ------------------------------------------------------------------------------------


def _line_of(plan: Plan | None, keys: Iterable[str]) -> int | None:
    if plan is None:
        return None
    for key in keys:
        point = plan.get(key)
        if point is not None and point.line:
            return point.line
    return None


def change_line(f: FileReview, c: Change) -> int | None:
    """The line of the change's (first) new point in the new file, if it has one."""
    return _line_of(f.new, c.new)


def _rev_label(rev: str | None, commit: str | None) -> str:
    if commit is None:
        return "the work tree"
    short = commit[:7]
    return f"`{short}`" if rev is None or rev == commit else f"{_md(rev)} (`{short}`)"


def _plan_size(plan: Plan | None) -> str:
    # Points as `peaceplan log` counts them: the main text's top-level points (ua-20: 20).
    from peaceplan.history import main_points

    return str(main_points(plan)) if plan is not None else ""


def _status_cell(f: FileReview) -> str:
    status = f.change.status
    if f.base_error:
        return f"{status} ⚠ unreadable at the base"
    if status == "renamed":
        sim = f" {f.change.similarity}%" if f.change.similarity is not None else ""
        return f"renamed{sim} from {_md(f.change.old_path or '')}"
    if status == "added" and f.compared_with:
        return f"added, based on {_md(f.compared_with)}"
    if f.diff is not None and f.diff.metadata:
        status += ", metadata"
    if f.text_only:
        status += f" ({f.text_only} only)"
    return status


def _kind_columns(review: Review) -> tuple[str, ...]:
    """The count columns: `unreported` after `removed` only when some diff has a partial side."""
    if not any(f.diff is not None and f.diff.partial for f in review.files):
        return _KIND_COLUMNS
    i = _KIND_COLUMNS.index("removed") + 1
    return (*_KIND_COLUMNS[:i], "unreported", *_KIND_COLUMNS[i:])


def _counts_cells(d: PlanDiff | None, kinds: tuple[str, ...] = _KIND_COLUMNS) -> list[str]:
    if d is None:
        return [""] * len(kinds)
    n = describe.counts(d)
    return [str(n.get(k, 0)) if n.get(k) else "·" for k in kinds]


def _figure_count(d: PlanDiff | None) -> int:
    return sum(len(c.figures) for c in d.changes) if d is not None else 0


def summary_table(
    review: Review, link_base: str = "", *, max_rows: int | None = MAX_FILE_ROWS
) -> list[str]:
    """One row per changed file: what happened to it and how many points changed, by kind;
    past `max_rows` files (None: no cap), a last line counts the others."""
    kinds = _kind_columns(review)
    head = ["file", "change", "points", *kinds, "figures"]
    rows = [
        "| " + " | ".join(head) + " |",
        "| --- | --- | ---: | " + " | ".join("---:" for _ in kinds) + " | ---: |",
    ]
    for f in review.files[:max_rows]:
        points = _plan_size(f.new) if f.change.status != "removed" else _plan_size(f.old)
        if f.old is not None and f.new is not None:
            points = f"{_plan_size(f.old)} → {_plan_size(f.new)}"
        cells = [
            _md_link(f.path, link(f.path, None, link_base)) if f.new else _md(f.path),
            _status_cell(f) + (" ⚠ unreadable" if f.error else ""),
            points,
            *_counts_cells(f.diff, kinds),
            str(_figure_count(f.diff)) if f.diff is not None else "",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    more = len(review.files) - len(rows) + 2
    if more > 0:
        rows += ["", f"*... and {more:,} more changed plan file{'s' if more != 1 else ''}.*"]
    return rows


def _figures_table(
    f: FileReview,
    link_base: str,
    what: str = "figures",
    heading: str = "Changed figures",
    max_rows: int | None = MAX_FIGURE_ROWS,
) -> list[str]:
    d = f.diff
    if d is None:
        return []
    figs = describe.figures_of(d.changes, what)
    if not figs:
        return []
    rows = [f"**{heading}**", "", "| point | was | now |", "| --- | --- | --- |"]
    for c, fig in figs[:max_rows]:
        rows.append(
            "| "
            + " | ".join(
                [
                    _point_link(f, c, link_base) + _md(describe.option_phrase(fig)),
                    _md(one_line(fig.old)) if fig.old else "—",
                    _md(one_line(fig.new)) if fig.new else "—",
                ]
            )
            + " |"
        )
    if max_rows is not None and len(figs) > max_rows:
        more = len(figs) - max_rows
        rows += ["", f"*... and {more:,} more changed figure{'s' if more != 1 else ''}.*"]
    return [*rows, ""]


def _point_label(d: PlanDiff, c: Change, *, kind: bool = False) -> str:
    """ "#4 Size of the armed forces", "#4 → #6 ...", with "(added)" / "(removed)" if `kind`."""
    old = describe.refs(d.old, c.old, c.old_numbers)
    new = describe.refs(d.new, c.new, c.new_numbers)
    where = f"{old} → {new}"
    if not c.old or not c.new or old == new:
        where = new if c.new else old
    title = describe.change_title(d, c, limit=60)
    label = f"{where} {title}".strip()
    return f"{label} ({c.kind})" if kind and c.kind in ("added", "removed", "unreported") else label


def _point_link(f: FileReview, c: Change, link_base: str) -> str:
    d = f.diff
    assert d is not None
    label = _point_label(d, c, kind=True)
    line = change_line(f, c)
    if line and f.new is not None:
        return _md_link(label, link(f.path, line, link_base))
    return _md(label)


def _redline(segments: Iterable[Any]) -> str:
    return describe.marked_redline(((s.op, _md(s.text)) for s in segments), bare_blanks=True)


def _details(f: FileReview, c: Change, link_base: str) -> list[str]:
    d = f.diff
    assert d is not None
    summary = f"{_point_label(d, c)} · {describe.kind_phrase(c)}"
    if c.figures or c.dates:
        summary += " · " + "; ".join(describe.figure_phrase(x) for x in c.figures + c.dates)
    body = ["<details>", f"<summary>{_html(summary)}</summary>", ""]
    segs = describe.segments(d, c)
    if segs:
        body += [_redline(segs), ""]
    note = describe.unreported_note(d, c)
    if note:
        body.append(f"- {_md(note)}")
    body += [f"- {_md(describe.field_phrase(x, c, d))}" for x in c.fields]
    if c.kind in ("split", "merged") or (c.kind == "modified" and c.similarity is not None):
        body.append(f"- {_md(describe.explain_phrase(c))}")
    line = change_line(f, c)
    if line and f.new is not None:
        body.append(f"- {_md_link(f'{f.path} line {line}', link(f.path, line, link_base))}")
    return [*body, "", "</details>", ""]


def _file_section(
    f: FileReview, link_base: str, *, capped: bool = True
) -> tuple[list[str], list[Change]]:
    """A file's heading, figures and notes, and the changes to show as <details> blocks
    (`capped`: the figures and renumbering lists cut to their first rows)."""
    title = _md_link(f.path, link(f.path, None, link_base)) if f.new else _md(f.path)
    head = [f"#### {title}", ""]
    if f.error:
        head += [f"⚠ Could not read this file as a plan: {_md(f.error)}", ""]
        return head, []
    if f.base_error:
        head += [f"⚠ The old version could not be read as a plan: {_md(f.base_error)}", ""]
    d = f.diff
    if d is None:
        plan = f.new or f.old
        if plan is None:  # removed, and unreadable before: said above
            return head, []
        what = "New version" if f.new is not None else "Removed version"
        size = describe.size_phrase(plan) if plan is not None else ""
        name = _md(plan.qualified) if plan is not None else ""
        note = (
            ""
            if f.new is None
            else " (not compared)"
            if f.base_error
            else " (no `based_on` version in the same revision to compare with)"
        )
        head += [f"{what} {name}: {size}{note}.", ""]
        return head, []
    name = describe.title_phrase(d) if d.old.qualified != d.new.qualified else d.new.qualified
    intro = f"{_md(name)}: {_md(describe.counts_phrase(d))}."
    if f.compared_with:
        intro = f"New version, compared with {_md(f.compared_with)}. " + intro
    head += [intro, ""]
    partial = describe.partial_phrase(d)
    if partial:
        head += [f"_{_md(partial)}._", ""]
    if not d.changed and not describe.unreported_count(d):
        what = f.text_only or "comments or layout"
        head += [f"No point or metadata changed: {what} only.", ""]
        head += _edit_lines(f, f.edits, link_base)
        return head, []
    head += _metadata_list(d)
    head += _figures_table(f, link_base, max_rows=MAX_FIGURE_ROWS if capped else None)
    if f.comment_edits:
        head += ["**Comments changed**", ""]
        head += _edit_lines(f, f.comment_edits, link_base)
    head += _figures_table(
        f, link_base, "dates", "Changed dates", MAX_FIGURE_ROWS if capped else None
    )
    phrases = describe.renumber_phrases(d)
    shown = phrases[:MAX_RENUMBER_LINES] if capped else phrases
    head += [f"- {_md(phrase)}" for phrase in shown]
    if len(phrases) > len(shown):
        head.append(f"- ... and {len(phrases) - len(shown):,} more renumbered runs")
    if d.renumbered_runs:
        head.append("")
    return head, list(describe.select(d))


# A file's raw line edits (comments, layout) are listed up to this many, then counted.
EDIT_LIMIT = 20


def _metadata_list(d: PlanDiff) -> list[str]:
    """The version's own fields that changed (status, date...), first, as a bullet list."""
    from peaceplan.render.metadata import metadata_phrases

    phrases = metadata_phrases(d)
    if not phrases:
        return []
    return ["**Metadata**", "", *[f"- {_md(p)}" for p in phrases], ""]


def edit_phrase(e: LineEdit) -> str:
    """A raw line edit in words: "+ line 46: # [uncertain] ..." (line of the new file for `+`,
    of the old file for `-`)."""
    return f"{e.op} line {e.line}: {describe.snippet(e.text.strip(), 200)}"


def _edit_lines(f: FileReview, edits: tuple[LineEdit, ...], link_base: str) -> list[str]:
    out = []
    for e in edits[:EDIT_LIMIT]:
        phrase = _md(edit_phrase(e))
        if e.op == "+" and f.new is not None:
            phrase += f" ({_md_link('view', link(f.path, e.line, link_base))})"
        out.append(f"- {phrase}")
    if len(edits) > EDIT_LIMIT:
        out.append(f"- … and {len(edits) - EDIT_LIMIT} more lines")
    return [*out, ""] if out else []


def review_markdown(
    review: Review, *, link_base: str = "", max_length: int | None = MAX_COMMENT
) -> str:
    """The review as Markdown for a PR comment: a summary table, then per file its changed
    figures first and one `<details>` per changed point, linked to its line in the new file.

    Beyond `max_length` characters (GitHub's comment limit) the remaining points are counted,
    not shown; None or 0 means no limit.
    """
    old = _rev_label(review.base, review.base_commit)
    span = f"{old} → {_rev_label(review.head, review.head_commit)}"
    if review.merge_base:
        span = f"merge base {span}"
    out = ["### peaceplan review", ""]
    if not review.files:
        out += [f"No plan file changed ({span}).", ""]
        return "\n".join([*out, *others_list(review.others)])
    n = len(review.files)
    out += [f"{n} plan file{'s' if n != 1 else ''} changed, {span}.", ""]
    limit = max_length or None
    room = _Room(None if limit is None else max(limit - _RESERVE, 0))
    room.take(out)
    table = summary_table(review, link_base, max_rows=MAX_FILE_ROWS if limit else None)
    if not room.take([*table, ""]):
        # Even the table does not fit (very long file names): its first rows only.
        table = summary_table(review, link_base, max_rows=0)
        room.take([*table, ""])
    out += [*table, ""]
    others = others_list(review.others)
    room.take(others)  # short (capped): said even when the details run out of room
    out += others
    left_out = 0
    files_out = 0
    for f in review.files:
        if files_out:  # out of room: counted, not rendered
            files_out += 1
            left_out += len(describe.select(f.diff)) if f.diff is not None and not f.error else 0
            continue
        head, changes = _file_section(f, link_base, capped=limit is not None)
        if not room.take(head):
            files_out += 1
            left_out += len(changes)
            continue
        out += head
        for c in changes:
            block = _details(f, c, link_base) if not left_out else []
            if left_out or not room.take(block):
                left_out += 1
                continue
            out += block
    if left_out:
        out += [
            f"*{left_out:,} more changed point{'s' if left_out != 1 else ''} not shown "
            "(comment size limit); run `peaceplan review` locally for the rest.*",
            "",
        ]
    if files_out:
        s = "s" if files_out != 1 else ""
        out += [f"*{files_out:,} more changed file{s} not detailed (comment size limit).*", ""]
    text = "\n".join(out)
    if limit is not None and len(text) > limit:  # a last guard; the room above should hold
        cut = text.rfind("\n", 0, max(limit - 200, 0))
        text = text[: max(cut, 0)] + "\n\n*... (cut at the comment size limit)*\n"
    return text


# Other files changed under the plans folder are listed up to this many, then counted.
MAX_OTHER_ROWS = 20


def others_list(others: tuple[OtherFile, ...], max_rows: int = MAX_OTHER_ROWS) -> list[str]:
    """The files changed under the plans folder that are not plan files (a version's notes, a
    README, a YAML file in a subfolder), listed so that none passes unsaid."""
    if not others:
        return []
    out = ["**Other files changed in the plans folder** (not compared point by point)", ""]
    for o in others[:max_rows]:
        what = "notes" if o.kind == "notes" else "not a plan file"
        status = o.change.status
        if status == "renamed":
            status = f"renamed from {_md(o.change.old_path or '')}"
        out.append(f"- {_md(o.path)}: {what}, {status}")
    if len(others) > max_rows:
        out.append(f"- … and {len(others) - max_rows:,} more")
    return [*out, ""]


class _Room:
    """What is left of a size budget in characters (None: no limit), taken a block at a time."""

    def __init__(self, limit: int | None):
        self.left = limit

    def take(self, lines: list[str]) -> bool:
        """Whether `lines` fit in what is left; if so, they are counted as used."""
        if self.left is None:
            return True
        size = sum(len(x) + 1 for x in lines)
        if size > self.left:
            return False
        self.left -= size
        return True


# -- JSON --------------------------------------------------------------------------------------


def _version(plan: Plan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {"plan": plan.plan, "version": plan.version, "points": len(plan.flat())}


def file_dict(f: FileReview) -> dict[str, Any]:
    """One changed file as a JSON-ready dict (the diff is the `peaceplan.diff/1` object)."""
    lines: dict[str, int] = {}
    if f.diff is not None and f.new is not None:
        for c in describe.select(f.diff):
            for key in c.new:
                point = f.new.get(key)
                if point is not None and point.line:
                    lines[key] = point.line
    return {
        "path": f.path,
        "status": f.change.status,
        "old_path": f.change.old_path,
        "new_path": f.change.new_path,
        "similarity": f.change.similarity,
        "changed": f.changed,
        "old": _version(f.old),
        "new": _version(f.new),
        "compared_with": f.compared_with,
        "error": f.error,
        "base_error": f.base_error,
        "diff": f.diff.to_json_dict() if f.diff is not None else None,
        "lines": lines,
        # Additions: the raw lines that differ, and what they are when the plans do not.
        "text_only": f.text_only,
        "line_edits": [
            {"op": e.op, "line": e.line, "text": e.text, "comment": e.comment} for e in f.edits
        ],
    }


def review_dict(review: Review) -> dict[str, Any]:
    """The review as the `peaceplan.review/1` JSON object (documented in docs/review.md)."""
    return {
        "format": FORMAT,
        "base": {"rev": review.base, "commit": review.base_commit},
        "head": {"rev": review.head, "commit": review.head_commit},
        "merge_base": review.merge_base,
        "changed": review.changed,
        "files": [file_dict(f) for f in review.files],
        "other_files": [
            {
                "path": o.path,
                "status": o.change.status,
                "old_path": o.change.old_path,
                "new_path": o.change.new_path,
                "kind": o.kind,
            }
            for o in review.others
        ],
    }


def review_json(review: Review, *, indent: int | None = None) -> str:
    """The review as one JSON object, newline-terminated."""
    from peaceplan.text import json_safe

    return json_safe(json.dumps(review_dict(review), ensure_ascii=False, indent=indent)) + "\n"


# -- GitHub workflow commands ------------------------------------------------------------------


def escape_data(text: str) -> str:
    """Escape a workflow command's message as GitHub's runner expects (% CR LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command property (file, title...): also `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(
    command: str,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    col: int | None = None,
    title: str | None = None,
) -> str:
    """One `::command file=…,line=…,col=…,title=…::message` line, every part escaped."""
    props = []
    if file is not None:  # a file name from a pull request is hostile text too
        props.append(f"file={escape_property(terminal_safe(file))}")
    if line is not None:
        props.append(f"line={int(line)}")
        if col is not None:
            props.append(f"col={int(col)}")
    if title is not None:
        props.append(f"title={escape_property(terminal_safe(title))}")
    head = f"::{command}" + (" " + ",".join(props) if props else "")
    return f"{head}::{escape_data(terminal_safe(message))}"


def _plain_redline(segments: Iterable[Any], limit: int = 400) -> str:
    text = "".join(
        f"[-{s.text}-]" if s.op == "delete" else f"{{+{s.text}+}}" if s.op == "insert" else s.text
        for s in segments
    )
    return describe.snippet(text, limit)


def github_annotations(review: Review) -> list[str]:
    """GitHub workflow commands flagging each changed point on its line of the new file.

    Removed points are flagged on the file (they have no line in it); unreadable files as errors.
    """
    out: list[str] = []
    for f in review.files:
        if f.error is not None:
            out.append(workflow_command("error", f.error, file=f.path, title="peaceplan"))
            continue
        if f.new is None:
            continue
        if f.base_error is not None:
            why = "the old version could not be read as a plan, so this one is not compared: "
            why += f.base_error
            out.append(workflow_command("warning", why, file=f.path, title="peaceplan"))
            continue
        d = f.diff
        if d is None:
            size = describe.size_phrase(f.new)
            out.append(
                workflow_command(
                    "notice",
                    f"new version {f.new.qualified}: {size}",
                    file=f.path,
                    line=1,
                    title="peaceplan: new version",
                )
            )
            continue
        out += _text_annotations(f, d)
        for c in describe.select(d):
            parts = [describe.figure_phrase(x) for x in c.figures + c.dates]
            segs = describe.segments(d, c)
            if describe.text_changed(segs):
                parts.append(_plain_redline(segs))
            parts += [describe.field_phrase(x, c, d) for x in c.fields]
            note = describe.unreported_note(d, c)
            if note:
                parts.append(note)
            message = "\n".join(parts) or describe.kind_phrase(c)
            title = f"peaceplan: {_point_label(d, c)} ({describe.kind_phrase(c)})"
            out.append(
                workflow_command(
                    "notice", message, file=f.path, line=change_line(f, c), title=title
                )
            )
    return out


def _text_annotations(f: FileReview, d: PlanDiff) -> list[str]:
    """Notices for what no point change carries: the metadata changes (on the file) and the
    comment lines added (each on its line)."""
    from peaceplan.render.metadata import metadata_phrases

    out = []
    phrases = metadata_phrases(d)
    if phrases:
        message = "\n".join(phrases)
        out.append(workflow_command("notice", message, file=f.path, title="peaceplan: metadata"))
    for e in f.comment_edits:
        if e.op == "+":
            title = "peaceplan: comment"
            out.append(
                workflow_command("notice", e.text.strip(), file=f.path, line=e.line, title=title)
            )
    return out
