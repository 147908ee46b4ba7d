"""The plan file format as data: one table drives validation, the JSON Schema and the docs.

Keeping the fields in one place means the validator, `peaceplan schema` and the format
reference cannot drift apart (tests check the table against the attrs model too).
"""

from __future__ import annotations

import re

import attrs

from peaceplan.model import STATUSES

# Names of plans and versions become file names: no slashes, no "..", nothing hidden.
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
ID_RE = re.compile(ID_PATTERN[1:-1] + r"\Z")


@attrs.frozen
class Field:
    """One key of a plan, point, option or document mapping."""

    name: str
    kind: str  # str | text | name | names | id | number | date | bool | strs | status | ...
    doc: str
    required: bool = False
    # The value an absent key stands for; a field holding it is not written back out.
    default: object = None


PLAN_FIELDS = (
    Field("plan", "name", "The negotiation this draft belongs to (the folder name).", True),
    Field("version", "name", "This draft's name, unique within the plan (the file name).", True),
    Field("title", "str", "The draft's title."),
    Field("date", "date", "When the draft was tabled or reported, YYYY-MM-DD."),
    Field("proposed_by", "str", "Who tabled the draft."),
    Field("parties", "strs", "The parties to the negotiation."),
    Field("based_on", "names", "The versions this one revises (two or more after a merge)."),
    Field("status", "status", "One of: " + ", ".join(STATUSES) + "."),
    Field("language", "str", "Language of the text (BCP 47 code, such as en)."),
    Field("sources", "strs", "Where the text was reported (URLs or references)."),
    Field(
        "coverage",
        "coverage",
        "complete (the default): every point of the draft is listed; partial: only the points "
        "that were reported, so a point missing here is unreported, not removed.",
        default="complete",
    ),
    Field(
        "dropped",
        "strs",
        "Keys of earlier points reported deleted in this draft (what a partial version knows "
        "was removed, as opposed to merely not reported).",
    ),
    Field(
        "conflicts",
        "conflicts",
        "Set by merge: plan-level fields both sides changed differently, each with the base "
        "value (which the field keeps meanwhile) and the sides' values; settled by "
        "`peaceplan resolve FILE FIELD --take OPTION`.",
    ),
    Field("points", "points", "The numbered points (or use documents for a package)."),
    Field("documents", "documents", "For a package of several documents: each with points."),
)

POINT_FIELDS = (
    Field("id", "id", "Optional stable identity: the same id in two versions is the same point."),
    Field("number", "number", "The number as printed in this draft; renumbered freely."),
    Field("title", "str", "A short heading."),
    Field("text", "text", "The wording of the point (a paraphrase for reported texts).", True),
    Field("topics", "strs", "Free tags or PA-X codes such as pax:SsrArm."),
    Field("options", "options", "Bracketed alternative wordings still under negotiation."),
    Field("conflict", "bool", "Set by merge on an unresolved conflict; cleared by resolve."),
    Field(
        "certainty",
        "certainty",
        "How sure the record is: reported (the default: a source states it), uncertain (sources "
        "conflict or are thin) or inferred (our inference, not reported).",
        default="reported",
    ),
    Field("certainty_note", "str", "Why the certainty is what it is (sources, doubts)."),
    Field("sources", "strs", "Where this point was reported, when not the version's sources."),
    Field("points", "points", "Sub-points, same shape (6.a, 6.b...)."),
)

OPTION_FIELDS = (
    Field("by", "str", "Who proposes this wording (a party or a version).", True),
    Field("text", "text", "The alternative wording.", True),
    Field(
        "certainty",
        "certainty",
        "How sure the record is: reported (the default: a source states it), uncertain (sources "
        "conflict or are thin) or inferred (our inference, not reported).",
        default="reported",
    ),
    Field("certainty_note", "str", "Why the certainty is what it is (sources, doubts)."),
)

DOCUMENT_FIELDS = (
    Field("id", "id", "The document's identity within the package.", True),
    Field("title", "str", "The document's title."),
    Field("points", "points", "The document's points."),
)

# The plan-level fields a merge can leave in conflict, with `documents.ID.title` for a document's
# title and `points.KEY.id` for a point's id: every key of the plan but its points, documents
# and the conflicts themselves.
CONFLICT_FIELD_NAMES = tuple(
    f.name for f in PLAN_FIELDS if f.name not in ("points", "documents", "conflicts")
)

CONFLICT_FIELDS = (
    Field(
        "field",
        "field",
        "The plan field in conflict: " + ", ".join(CONFLICT_FIELD_NAMES) + ", "
        "documents.ID.title, or points.KEY.id (a point's id).",
        True,
    ),
    Field("base", "any", "The base version's value, which the field keeps until settled."),
    Field("options", "field options", "Each side's value, attributed (ours first).", True),
)

FIELD_OPTION_FIELDS = (
    Field("by", "str", "Who gave the field this value (a version or branch name).", True),
    Field("value", "any", "That side's value of the field (absent: the side left it out)."),
)

TABLES = {
    "plan": PLAN_FIELDS,
    "point": POINT_FIELDS,
    "option": OPTION_FIELDS,
    "document": DOCUMENT_FIELDS,
    "conflict": CONFLICT_FIELDS,
    "field option": FIELD_OPTION_FIELDS,
}
