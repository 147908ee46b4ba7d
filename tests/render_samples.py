"""Hand-made PlanDiffs for the renderer tests: a US 28-point style revision and a hostile one.

Built directly from the record types so the renderers are tested independently of the diff builder.
"""

from __future__ import annotations

import datetime as dt

from peaceplan.diffing.model import Change, FieldChange, Figure, PlanDiff, RenumberRun, Segment
from peaceplan.model import Document, Option, Plan, Point

ARMED_OLD = "Ukraine's armed forces are capped at 600,000 personnel."
ARMED_NEW = "Ukraine's armed forces are kept at 800,000 personnel in peacetime."


def _p(number: str, title: str | None, text: str, **kw) -> Point:
    return Point(number=number, title=title, text=text, **kw)


def _territory(number: str, second: Option) -> Point:
    """The territory point as both versions have it: the US wording bracketed against `second`."""
    return _p(
        number,
        "Territory",
        "Crimea, Luhansk and Donetsk are recognised as de facto Russian.",
        id="territory",
        options=(
            Option("United States", "Ukraine withdraws from the part of Donetsk it holds."),
            second,
        ),
        points=(
            _p("a", None, "Kherson and Zaporizhzhia are frozen along the line of contact."),
            _p("b", None, "Russia gives up other agreed territories it controls."),
        ),
    )


OLD_POINTS = (
    _p("1", "Sovereignty", "Ukraine's sovereignty is confirmed.", id="sovereignty"),
    _p("2", "Non-aggression pact", "Russia, Ukraine and Europe conclude a non-aggression pact."),
    _p("3", "No NATO expansion", "Russia is expected not to invade its neighbours."),
    _p("4", "Security guarantees", "Ukraine receives reliable security guarantees."),
    _p("5", "Size of the armed forces", ARMED_OLD, id="armed-forces"),
    _p("6", "No NATO troops", "NATO agrees not to station troops in Ukraine."),
    _p("7", "Fighter jets in Poland", "European fighter jets are stationed in Poland."),
    _p(
        "8",
        "Reconstruction package",
        "$100 billion of frozen assets go to rebuilding Ukraine"
        " and the US takes 50% of the profit.",
    ),
    _p("9", "Frozen assets", "Frozen Russian assets are unfrozen."),
    _p("10", "Security working group", "A joint security working group is set up."),
    _p("11", "Elections", "Ukraine holds elections within 100 days."),
    _territory("12", Option("Russia", "The whole of Donetsk oblast is handed over.")),
    _p("13", "Ceasefire", "A ceasefire takes effect once both sides withdraw."),
)

NEW_POINTS = (
    OLD_POINTS[0],
    _p(
        "2",
        "Non-aggression and monitoring",
        "Russia, Ukraine and Europe conclude a non-aggression pact, monitored by satellites.",
    ),
    _p("3", "Security guarantees", "Ukraine receives reliable security guarantees."),
    _p("4", "Size of the armed forces", ARMED_NEW, id="armed-forces"),
    _p("5", "No NATO troops", "NATO agrees not to station troops in Ukraine."),
    _p("6", "Fighter jets in Poland", "European fighter jets are stationed in Poland."),
    _p("7", "Recovery funds", "$200 billion of frozen assets go to rebuilding Ukraine."),
    _p("8", "Development package", "The US takes no share of the profit."),
    _p("9", "Frozen assets", "Frozen Russian assets stay frozen until a joint group decides."),
    _territory("10", Option("Ukraine", "Forces stay where they stand.")),
    _p("11", "Ceasefire", "A ceasefire takes effect once both sides withdraw."),
    _p("12", "Elections", "Ukraine holds elections within 60 days of signature."),
    _p("13", "Humanitarian committee", "A humanitarian committee settles open questions."),
)

OLD = Plan(
    plan="ukraine-2025",
    version="us-28",
    title="28-point plan",
    date=dt.date(2025, 11, 20),
    proposed_by="United States",
    parties=("Ukraine", "Russia", "United States"),
    points=OLD_POINTS,
)
NEW = Plan(
    plan="ukraine-2025",
    version="ua-20",
    title="20-point framework",
    date=dt.date(2025, 12, 23),
    proposed_by="Ukraine",
    based_on=("us-28",),
    points=NEW_POINTS,
)


def _one(
    kind: str,
    old: str | None,
    new: str | None,
    old_number: str | None = None,
    new_number: str | None = None,
    **kw,
) -> Change:
    """A change of point `old` into point `new` (keys; None for none); numbers default to keys."""
    return Change(
        kind,
        old=(old,) if old else (),
        new=(new,) if new else (),
        old_numbers=(old_number or old,) if old else (),
        new_numbers=(new_number or new,) if new else (),
        **kw,
    )


def _same(old: str, new: str, text: str, *, method: str = "exact", **kw) -> Change:
    """An unchanged point; renumbered when its key changed, unless told otherwise."""
    kw.setdefault("renumbered", old != new)
    return _one(
        "unchanged", old, new, similarity=1.0, method=method, text=(Segment("equal", text),), **kw
    )


CHANGES = (
    _same(
        "sovereignty",
        "sovereignty",
        OLD_POINTS[0].text,
        old_number="1",
        new_number="1",
        method="id",
    ),
    _one(
        "modified",
        "2",
        "2",
        similarity=0.83,
        method="content",
        text=(
            Segment("equal", "Russia, Ukraine and Europe conclude a non-aggression pact"),
            Segment("insert", ", monitored by satellites"),
            Segment("equal", "."),
        ),
        fields=(FieldChange("title", "Non-aggression pact", "Non-aggression and monitoring"),),
    ),
    _one(
        "removed",
        "3",
        None,
        text=(Segment("delete", "Russia is expected not to invade its neighbours."),),
    ),
    _same("4", "3", "Ukraine receives reliable security guarantees."),
    _one(
        "modified",
        "armed-forces",
        "armed-forces",
        "5",
        "4",
        renumbered=True,
        similarity=0.78,
        method="id",
        text=(
            Segment("equal", "Ukraine's armed forces are "),
            Segment("delete", "capped"),
            Segment("insert", "kept"),
            Segment("equal", " at "),
            Segment("delete", "600,000"),
            Segment("insert", "800,000"),
            Segment("equal", " personnel"),
            Segment("insert", " in peacetime"),
            Segment("equal", "."),
        ),
        figures=(Figure("600,000 personnel", "800,000 personnel"),),
    ),
    _same("6", "5", "NATO agrees not to station troops in Ukraine."),
    _same("7", "6", "European fighter jets are stationed in Poland."),
    Change(
        "split",
        old=("8",),
        new=("7", "8"),
        old_numbers=("8",),
        new_numbers=("7", "8"),
        similarity=0.71,
        method="content",
        text=(
            Segment("delete", "$100 billion"),
            Segment("insert", "$200 billion"),
            Segment("equal", " of frozen assets go to rebuilding Ukraine"),
            Segment("delete", " and the US takes 50% of the profit."),
            Segment("insert", ". The US takes no share of the profit."),
        ),
        figures=(Figure("$100 billion", "$200 billion"), Figure("50%", None)),
        fields=(FieldChange("title", "Reconstruction package", "Recovery funds"),),
    ),
    Change(
        "merged",
        old=("9", "10"),
        new=("9",),
        old_numbers=("9", "10"),
        new_numbers=("9",),
        similarity=0.64,
        method="content",
        text=(
            Segment("equal", "Frozen Russian assets "),
            Segment("delete", "are unfrozen. A joint security working group is set up"),
            Segment("insert", "stay frozen until a joint group decides"),
            Segment("equal", "."),
        ),
    ),
    _one(
        "modified",
        "territory",
        "territory",
        "12",
        "10",
        renumbered=True,
        similarity=1.0,
        method="id",
        text=(Segment("equal", "Crimea, Luhansk and Donetsk are recognised as de facto Russian."),),
        fields=(
            FieldChange(
                "options",
                [
                    {"by": "United States", "text": "Ukraine withdraws from the part of Donetsk."},
                    {"by": "Russia", "text": "The whole of Donetsk oblast is handed over."},
                ],
                [
                    {"by": "United States", "text": "Ukraine withdraws from the part of Donetsk."},
                    {"by": "Ukraine", "text": "Forces stay where they stand."},
                ],
            ),
        ),
    ),
    # The sub-points keep their letters: not renumbered, though their keys follow the parent's.
    *(
        _same(f"12.{sub.number}", f"10.{sub.number}", sub.text, renumbered=False, depth=1)
        for sub in OLD_POINTS[11].points
    ),
    _same("13", "11", "A ceasefire takes effect once both sides withdraw."),
    _one(
        "modified",
        "11",
        "12",
        moved=True,
        renumbered=True,
        similarity=0.8,
        method="content",
        text=(
            Segment("equal", "Ukraine holds elections within "),
            Segment("delete", "100"),
            Segment("insert", "60"),
            Segment("equal", " days"),
            Segment("insert", " of signature"),
            Segment("equal", "."),
        ),
        figures=(Figure("100 days", "60 days"),),
    ),
    _one("added", None, "13"),  # no text: renderers fetch the point's
)

RUNS = (
    RenumberRun(
        "4",
        "7",
        "3",
        "6",
        -1,
        4,
        old_keys=("4", "armed-forces", "6", "7"),
        new_keys=("3", "armed-forces", "5", "6"),
    ),
    RenumberRun(
        "12", "13", "10", "11", -2, 2, old_keys=("territory", "13"), new_keys=("territory", "11")
    ),
)


def sample_diff() -> PlanDiff:
    """us-28 -> ua-20 in miniature: a figure change, a split, a merge, removal, addition, move."""
    return PlanDiff(old=OLD, new=NEW, changes=CHANGES, renumbered_runs=RUNS)


def same_diff() -> PlanDiff:
    """A version compared with itself: every point unchanged."""
    changes = tuple(
        _same(
            fp.key,
            fp.key,
            fp.point.text,
            old_number=fp.full_number,
            new_number=fp.full_number,
            method="exact" if fp.point.id is None else "id",
            depth=fp.depth,
        )
        for fp in OLD.flat()
    )
    return PlanDiff(old=OLD, new=OLD, changes=changes)


# Every trick we know against a terminal, Markdown (tables, <details>, links, code, math) and HTML.
HOSTILE = (
    "Evil | pipe || `code` ``` <script>alert(1)</script> </details><details open><summary>x"
    " </td></tr></table> <!-- [link](javascript:alert(1)) ![img](http://x.invalid/y.png)"
    " <img src=x onerror=alert(1)> *bold* __under__ ~~strike~~ $x^2$ &amp; &lt;b&gt;"
    " [b]bold?[/b] [red]:smile:"
    " \x1b[2J\x1b[31mred\x1b]0;pwned\x07 \x9b2J \x07\x08\r \u202egnp.exe\u202c"
    "\n# heading\n\n| a | b |\n|---|---|\n- item\n    indented code\n> quote\n===\n"
)
HOSTILE_TITLE = "# Not a heading | col <b>bold</b> `x`\n\n</summary></details>"


def hostile_diff() -> PlanDiff:
    """Hostile text in every field a renderer shows: text, titles, options, figures, fields."""
    old_points = (
        Point(number="1", title=HOSTILE_TITLE, text=HOSTILE, id="evil"),
        Point(number="2", title="- list? " + HOSTILE_TITLE, text="1. " + HOSTILE),
        Point(
            number="3",
            title="    indented",
            text="Gone: " + HOSTILE,
            options=(Option(HOSTILE_TITLE, HOSTILE),),
        ),
    )
    new_points = (
        Point(number="1", title=HOSTILE_TITLE, text=HOSTILE + " more", id="evil"),
        Point(number="2", title="+ plus " + HOSTILE_TITLE, text="= " + HOSTILE),
        Point(number="3", title=HOSTILE_TITLE, text="New: " + HOSTILE),
    )
    old = Plan(plan="ukraine-2025", version="old", points=old_points, title=HOSTILE_TITLE)
    new = Plan(
        plan="ukraine-2025",
        version="new",
        documents=(Document(id="framework", title=HOSTILE_TITLE, points=new_points),),
        proposed_by=HOSTILE_TITLE,
    )
    changes = (
        _one(
            "modified",
            "evil",
            "evil",
            "1",
            "1",
            similarity=0.9,
            method="id",
            text=(Segment("equal", HOSTILE), Segment("insert", " more" + HOSTILE)),
            figures=(Figure(HOSTILE_TITLE, HOSTILE),),
            fields=(
                FieldChange("title", HOSTILE_TITLE, HOSTILE),
                FieldChange("topics", [HOSTILE_TITLE], [HOSTILE]),
                FieldChange("options", None, [{"by": HOSTILE_TITLE, "text": HOSTILE}]),
            ),
        ),
        _one(
            "modified",
            "2",
            "2",
            moved=True,
            similarity=0.5,
            method="content",
            text=(
                Segment("delete", "1."),
                Segment("insert", "="),
                Segment("equal", " " + HOSTILE),
            ),
        ),
        _one("removed", "3", None),
        _one("added", None, "3"),
    )
    return PlanDiff(
        old=old,
        new=new,
        changes=changes,
        renumbered_runs=(RenumberRun("1", "2", "1", "2", 0, 2),),
    )
