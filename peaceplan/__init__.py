"""peaceplan: version, diff, merge and annotate negotiated documents point by point.

    >>> import peaceplan
    >>> d = peaceplan.diff("us-28", "ua-20")      # names, paths or Plan objects
    >>> d.summary()

Public names are imported lazily so that `import peaceplan` and the CLI start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "Alignment",
    "Annotation",
    "Change",
    "CorpusIndexError",
    "Document",
    "GitError",
    "ImportFormatError",
    "Library",
    "Match",
    "MergeError",
    "MergeResult",
    "MissingExtraError",
    "NoteNotFound",
    "NotesError",
    "Option",
    "PdfError",
    "PeaceplanError",
    "Plan",
    "PlanDiff",
    "PlanError",
    "Point",
    "ResolveConflictError",
    "ResolveError",
    "Review",
    "TraceResult",
    "UsageError",
    "VersionLog",
    "add_note",
    "align",
    "blame",
    "build_index",
    "build_site",
    "carry_notes",
    "convergence",
    "diff",
    "figures",
    "flow",
    "follow_point",
    "list_notes",
    "load",
    "log",
    "matrix",
    "merge",
    "plot_convergence",
    "remove_note",
    "review",
    "save",
    "status",
    "trace",
    "validate_paths",
]

_LAZY = {
    "Plan": "peaceplan.model",
    "Point": "peaceplan.model",
    "Option": "peaceplan.model",
    "Document": "peaceplan.model",
    "PeaceplanError": "peaceplan.errors",
    "PlanError": "peaceplan.errors",
    "CorpusIndexError": "peaceplan.errors",
    "GitError": "peaceplan.errors",
    "ImportFormatError": "peaceplan.errors",
    "MergeError": "peaceplan.errors",
    "MissingExtraError": "peaceplan.errors",
    "NoteNotFound": "peaceplan.errors",
    "NotesError": "peaceplan.errors",
    "PdfError": "peaceplan.errors",
    "ResolveConflictError": "peaceplan.errors",
    "ResolveError": "peaceplan.errors",
    "UsageError": "peaceplan.errors",
    "Alignment": "peaceplan.aligning.model",
    "Match": "peaceplan.aligning.model",
    "PlanDiff": "peaceplan.diffing.model",
    "Change": "peaceplan.diffing.model",
    "Library": "peaceplan.library",
    "load": "peaceplan.api",
    "save": "peaceplan.api",
    "validate_paths": "peaceplan.api",
    "align": "peaceplan.api",
    "diff": "peaceplan.api",
    "merge": "peaceplan.api",
    "MergeResult": "peaceplan.merging.result",
    "figures": "peaceplan.timeline",
    "log": "peaceplan.history",
    "VersionLog": "peaceplan.history",
    "review": "peaceplan.reviewing",
    "Review": "peaceplan.reviewing.report",
    "Annotation": "peaceplan.notes.model",
    "add_note": "peaceplan.notes.api",
    "blame": "peaceplan.notes.api",
    "carry_notes": "peaceplan.notes.api",
    "convergence": "peaceplan.notes.api",
    "follow_point": "peaceplan.notes.api",
    "list_notes": "peaceplan.notes.api",
    "plot_convergence": "peaceplan.notes.api",
    "remove_note": "peaceplan.notes.api",
    "status": "peaceplan.notes.api",
    "trace": "peaceplan.tracing.api",
    "build_index": "peaceplan.tracing.api",
    "TraceResult": "peaceplan.tracing.model",
    "matrix": "peaceplan.negotiation.matrix",
    "flow": "peaceplan.negotiation.flow",
    "build_site": "peaceplan.site",
}

if TYPE_CHECKING:
    from peaceplan.aligning.model import Alignment, Match
    from peaceplan.api import align, diff, load, merge, save
    from peaceplan.diffing.model import Change, PlanDiff
    from peaceplan.errors import (
        CorpusIndexError,
        GitError,
        ImportFormatError,
        MergeError,
        MissingExtraError,
        NoteNotFound,
        NotesError,
        PdfError,
        PeaceplanError,
        PlanError,
        ResolveConflictError,
        ResolveError,
        UsageError,
    )
    from peaceplan.history import VersionLog, log
    from peaceplan.library import Library
    from peaceplan.merging.result import MergeResult
    from peaceplan.model import Document, Option, Plan, Point
    from peaceplan.negotiation.flow import flow
    from peaceplan.negotiation.matrix import matrix
    from peaceplan.notes.api import (
        add_note,
        blame,
        carry_notes,
        convergence,
        follow_point,
        list_notes,
        plot_convergence,
        remove_note,
        status,
    )
    from peaceplan.notes.model import Annotation
    from peaceplan.reviewing import review
    from peaceplan.reviewing.report import Review
    from peaceplan.site import build_site
    from peaceplan.timeline import figures
    from peaceplan.tracing.api import build_index, trace
    from peaceplan.tracing.model import TraceResult


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'peaceplan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
