"""Stand-off annotations, party positions, lineage (blame) and convergence across versions.

    >>> from peaceplan.notes import add_note, carry_notes, blame, status
    >>> add_note("us-28", "armed-forces", "Kyiv asks for 800,000.", quote="600,000",
    ...          party="Ukraine", stance="rejects")
    >>> carry_notes("us-28", "ua-20").counts()
    >>> print(blame("ua-20").lines[3].chain())        # ua-20 #4 <- geneva-19 ... <- us-28 #6
    >>> status("ukraine-2025").to_frame("positions")

Notes live in `plans/<plan>/notes/<version>.yaml`, never inside a plan's text.
"""

from __future__ import annotations

from peaceplan.errors import NoteNotFound, NotesError
from peaceplan.notes.api import (
    NoteWarning,
    add_note,
    blame,
    carry_notes,
    convergence,
    follow_point,
    list_notes,
    notes_file,
    plot_convergence,
    remove_note,
    status,
)
from peaceplan.notes.model import (
    KINDS,
    OUTCOMES,
    POINT_STATUSES,
    STANCES,
    Annotation,
    CarriedFrom,
)
from peaceplan.notes.store import read_notes

__all__ = [
    "KINDS",
    "OUTCOMES",
    "POINT_STATUSES",
    "STANCES",
    "Annotation",
    "CarriedFrom",
    "NoteNotFound",
    "NoteWarning",
    "NotesError",
    "add_note",
    "blame",
    "carry_notes",
    "convergence",
    "follow_point",
    "list_notes",
    "notes_file",
    "plot_convergence",
    "read_notes",
    "remove_note",
    "status",
]
