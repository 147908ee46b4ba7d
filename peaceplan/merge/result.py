"""What a three-way merge returns: the merged plan and the conflicts left in it."""

from __future__ import annotations

import attrs

from peaceplan.model import Plan


@attrs.frozen
class Conflict:
    """One conflicted point of the merged plan: its key there and why it is conflicted."""

    key: str
    reasons: tuple[str, ...]
    number: str | None = None

    def __str__(self) -> str:
        where = f"point {self.key}"
        if self.number and self.number != self.key:
            where += f" (number {self.number})"
        return f"{where}: {'; '.join(self.reasons)}"


@attrs.frozen
class MergeResult:
    """The merged plan (conflicts kept in it as bracketed points) and a record of them.

    `notes` lists what was decided without a conflict but deserves a look (a point moved to
    different places by the two sides: ours' place kept; a renumbered list).
    """

    plan: Plan
    conflicts: tuple[Conflict, ...] = ()
    notes: tuple[str, ...] = ()
    base: str = ""
    ours: str = ""
    theirs: str = ""

    @property
    def clean(self) -> bool:
        """True when no conflict remains."""
        return not self.conflicts

    def summary(self) -> str:
        """One line: what was merged and how many conflicts remain."""
        what = f"merged {self.ours} and {self.theirs} (base {self.base})"
        if self.clean:
            return f"{what}: clean"
        n = len(self.conflicts)
        return f"{what}: {n} conflict{'s' if n != 1 else ''}"

    def text(self) -> str:
        """The merged plan as YAML, ready to save (a new file in the house style)."""
        from peaceplan.io.emit import plan_yaml

        return plan_yaml(self.plan)

    def _repr_html_(self) -> str:
        from peaceplan.render.escape import html_text

        rows = []
        for c in self.conflicts:
            point = self.plan.get(c.key)
            options = "".join(
                f"<li><b>{html_text(o.by)}</b>: {html_text(o.text)}</li>"
                for o in (point.options if point else ())
            )
            base = html_text(point.text) if point else ""
            rows.append(
                f"<tr><td>{html_text(c.key)}</td><td>{html_text('; '.join(c.reasons))}</td>"
                f"<td>{base}</td><td><ul>{options}</ul></td></tr>"
            )
        head = f"<p><b>{html_text(self.summary())}</b></p>"
        if not rows:
            return head
        table = (
            "<table><thead><tr><th>point</th><th>why</th><th>base wording</th>"
            "<th>options</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )
        notes = "".join(f"<li>{html_text(n)}</li>" for n in self.notes)
        return head + table + (f"<ul>{notes}</ul>" if notes else "")
