"""Turn parsed YAML into a Plan, collecting every problem with its position (not just the first)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from peaceplan.errors import Problem, closest
from peaceplan.io.checker import Checker
from peaceplan.io.spec import (
    CONFLICT_FIELD_NAMES,
    CONFLICT_FIELDS,
    DOCUMENT_FIELDS,
    FIELD_OPTION_FIELDS,
    ID_RE,
    NAME_RE,
    OPTION_FIELDS,
    PLAN_FIELDS,
    POINT_FIELDS,
    Field,
)
from peaceplan.io.yamlread import Limits, Marks, or_current
from peaceplan.model import (
    CERTAINTIES,
    COVERAGES,
    STATUSES,
    Document,
    FieldConflict,
    FieldOption,
    Option,
    Plan,
    Point,
    full_number,
)

_TYPE_NAMES = {
    dict: "a mapping",
    list: "a list",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true/false",
    type(None): "nothing",
    dt.date: "a date",
    dt.datetime: "a timestamp",
}


# Fields whose value is one of a fixed set of words.
_CHOICES = {"status": STATUSES, "certainty": CERTAINTIES, "coverage": COVERAGES}
# Words people write for one of those values, too unlike it for a spelling hint: still a hint.
_SYNONYMS = {
    "certainty": dict.fromkeys(
        ("maybe", "unsure", "unconfirmed", "doubtful", "disputed", "unclear", "single source"),
        "uncertain",
    )
    | dict.fromkeys(("guess", "guessed", "inference", "assumed", "ours"), "inferred")
    | dict.fromkeys(("confirmed", "certain", "sure", "known", "sourced"), "reported"),
    "coverage": {"full": "complete", "incomplete": "partial", "reconstruction": "partial"},
}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


# The key names of each field table, for the common case of a mapping with known keys only.
_NAMES = {
    id(table): frozenset(f.name for f in table)
    for table in (
        PLAN_FIELDS,
        POINT_FIELDS,
        OPTION_FIELDS,
        DOCUMENT_FIELDS,
        CONFLICT_FIELDS,
        FIELD_OPTION_FIELDS,
    )
}
_PLAN_FIELD = {f.name: f for f in PLAN_FIELDS}
_DOCUMENT_TITLE = next(f for f in DOCUMENT_FIELDS if f.name == "title")
_POINT_ID = next(f for f in POINT_FIELDS if f.name == "id")


def conflict_target(name: str) -> Field | None:
    """The field a plan-level merge conflict names (`title`, `documents.ID.title`,
    `points.KEY.id`), or None."""
    if name in CONFLICT_FIELD_NAMES:
        return _PLAN_FIELD[name]
    if name.startswith("documents.") and name.endswith(".title") and len(name) > 16:
        return _DOCUMENT_TITLE
    if name.startswith("points.") and name.endswith(".id") and len(name) > 10:
        return _POINT_ID
    return None


def _plain(kind: str, value: Any, max_text: int) -> Any:
    """`value` itself when it is a valid text, string or number field (most of a plan), else
    None: the caller then runs the full check, which builds its message only when needed."""
    if type(value) is str:
        if kind == "text":
            return value if value and not value.isspace() and len(value) <= max_text else None
        if kind == "str" or (kind == "number" and value and not value.isspace()):
            return value
    return None


class _Checker(Checker):
    """A plan file's checker: its fields, points and limits."""

    def __init__(self, path: str, marks: Marks, limits: Limits):
        super().__init__(path, marks, limits.max_problems)
        self.limits = limits
        self.npoints = 0

    # -- generic field handling -------------------------------------------------------------
    def fields(
        self, data: Any, table: tuple[Field, ...], where: str, pos: tuple[int, int] | None
    ) -> dict[str, Any] | None:
        """Check a mapping against a field table; return {name: checked value} or None."""
        if not isinstance(data, dict):
            self.add(pos, f"{where}: expected a mapping, got {_type_name(data)}")
            return None
        names = _NAMES.get(id(table)) or frozenset(f.name for f in table)
        out: dict[str, Any] = {}
        if not names.issuperset(data):
            order = [f.name for f in table]
            for key in data:
                if key not in names and self.room():
                    hint = closest(str(key), order)
                    tip = f" (did you mean '{hint}'?)" if hint else f"; known: {', '.join(order)}"
                    prefix = f"{where}: " if where else ""
                    self.add(self.marks.of_key(data, key), f"{prefix}unknown key '{key}'{tip}")
        for field in table:
            name = field.name
            if name not in data:
                if field.required:
                    prefix = f"{where}: " if where else ""
                    self.add(pos, f"{prefix}missing required key '{name}'")
                continue
            value = data[name]
            checked = _plain(field.kind, value, self.limits.max_text)
            if checked is None:  # not a plain valid value: the full check, with its message
                kpos = self.marks.of_key(data, name)
                checked = self.value(field, value, f"{where}.{name}" if where else name, kpos)
            if checked is not None:
                out[name] = checked
        return out

    def value(self, field: Field, value: Any, where: str, pos: tuple[int, int] | None) -> Any:
        kind = field.kind
        if value is None and not field.required and kind not in ("text",):
            return None
        if kind in ("any", "field", "field options"):  # checked by conflicts()
            return value
        if kind in ("str", "text"):
            if not isinstance(value, str):
                self.add(pos, f"{where}: expected a string, got {_type_name(value)}")
                return None
            if kind == "text":
                if not value.strip():
                    self.add(pos, f"{where}: empty text")
                    return None
                if len(value) > self.limits.max_text:
                    self.add(pos, f"{where}: text longer than {self.limits.max_text:,} characters")
                    return None
            return value
        if kind in ("name", "id", "number"):
            if isinstance(value, int) and not isinstance(value, bool) and kind != "id":
                value = str(value)
            if not isinstance(value, str):
                self.add(pos, f"{where}: expected a string, got {_type_name(value)}")
                return None
            if kind == "name" and not NAME_RE.match(value):
                self.add(pos, f"{where}: {value!r} is not a valid name (letters, digits, . _ -)")
                return None
            if kind == "id" and not ID_RE.match(value):
                self.add(pos, f"{where}: {value!r} is not a valid id (letters, digits, . _ : -)")
                return None
            if kind == "number" and not value.strip():
                self.add(pos, f"{where}: empty number")
                return None
            return value
        if kind == "names":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list):
                self.add(pos, f"{where}: expected a version name or a list of them")
                return None
            out = []
            for i, item in enumerate(items):
                ipos = self.marks.of_item(items, i) if items is value else pos
                if not isinstance(item, str) or not all(
                    NAME_RE.match(part) for part in item.split("/", 1)
                ):
                    self.add(ipos, f"{where}: {item!r} is not a version name")
                    continue
                out.append(item)
            return tuple(out)
        if kind == "strs":
            if not isinstance(value, list):
                self.add(pos, f"{where}: expected a list of strings, got {_type_name(value)}")
                return None
            out = []
            for i, item in enumerate(value):
                if not isinstance(item, str):
                    self.add(
                        self.marks.of_item(value, i) or pos,
                        f"{where}[{i}]: expected a string, got {_type_name(item)}",
                    )
                    continue
                out.append(item)
            return tuple(out)
        if kind == "date":
            if isinstance(value, dt.datetime):
                return value.date()
            if not isinstance(value, dt.date):
                self.add(pos, f"{where}: expected a date YYYY-MM-DD, got {value!r}")
                return None
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                self.add(pos, f"{where}: expected true or false, got {value!r}")
                return None
            return value
        if kind in _CHOICES:
            choices = _CHOICES[kind]
            if value not in choices:
                word = str(value)
                hint = _SYNONYMS.get(kind, {}).get(word.strip().lower()) or closest(word, choices)
                tip = f" (did you mean '{hint}'?)" if hint else ""
                self.add(pos, f"{where}: {kind} must be one of {', '.join(choices)}{tip}")
                return None
            return value
        if kind == "points":
            return self.items(value, POINT_FIELDS, where, pos, _point, count_points=True)
        if kind == "options":
            return self.items(value, OPTION_FIELDS, where, pos, _option)
        if kind == "documents":
            return self.items(value, DOCUMENT_FIELDS, where, pos, _document)
        if kind == "conflicts":
            return self.conflicts(value, where, pos)
        raise AssertionError(f"unknown field kind {kind}")  # pragma: no cover

    def _list(self, value: Any, where: str, pos: tuple[int, int] | None) -> list[Any] | None:
        if not isinstance(value, list):
            self.add(pos, f"{where}: expected a list, got {_type_name(value)}")
            return None
        return value

    # -- structures --------------------------------------------------------------------------
    def conflicts(
        self, value: Any, where: str, pos: tuple[int, int] | None
    ) -> tuple[FieldConflict, ...]:
        """The plan-level merge conflicts: each names a known field, and its base value and
        options are checked as values of that field."""
        items = self._list(value, where, pos)
        out: list[FieldConflict] = []
        for i, item in enumerate(items or ()):
            here, ipos = f"{where}[{i}]", self.marks.of_item(items, i) or pos
            got = self.fields(item, CONFLICT_FIELDS, here, ipos)
            if not got or "field" not in got or "options" not in got:
                continue
            name = got["field"]
            target = conflict_target(name) if isinstance(name, str) else None
            if target is None:
                hint = closest(str(name), CONFLICT_FIELD_NAMES)
                tip = f" (did you mean '{hint}'?)" if hint else ""
                self.add(self.marks.of_key(item, "field"), f"{here}.field: no such field{tip}")
                continue
            base = self._as(target, item, "base", f"{here}.base")
            raw = self._list(item["options"], f"{here}.options", self.marks.of_key(item, "options"))
            options = []
            for j, opt in enumerate(raw or ()):
                there = f"{here}.options[{j}]"
                checked = self.fields(opt, FIELD_OPTION_FIELDS, there, self.marks.of_item(raw, j))
                if checked and "by" in checked:
                    value_ = self._as(target, opt, "value", f"{there}.value")
                    options.append(FieldOption(checked["by"], value_))
            out.append(FieldConflict(name, base, tuple(options), line=ipos[0] if ipos else None))
        return tuple(out)

    def _as(self, target: Field, data: dict[Any, Any], key: str, where: str) -> Any:
        """`data[key]` checked as a value of the field `target` (None when absent or empty)."""
        if data.get(key) is None:
            return None
        value = self.value(target, data[key], where, self.marks.of_key(data, key))
        return value if value != () else None

    def items(
        self,
        value: Any,
        table: tuple[Field, ...],
        where: str,
        pos: tuple[int, int] | None,
        build: Callable[[dict[str, Any], tuple[int, int] | None], Any],
        *,
        count_points: bool = False,
    ) -> tuple[Any, ...]:
        """Check each mapping of a list against a field table and `build` an object of each
        (None when it lacks what the object needs); with `count_points`, items are points and
        count towards max_points."""
        items = self._list(value, where, pos)
        if items is None:
            return ()
        out = []
        for i, item in enumerate(items):
            ipos = self.marks.of_item(items, i) or pos
            if count_points:
                self.npoints += 1
                if self.npoints == self.limits.max_points + 1:
                    self.add(ipos, f"more than {self.limits.max_points:,} points")
            got = self.fields(item, table, f"{where}[{i}]", ipos)
            built = build(got, ipos) if got else None
            if built is not None:
                out.append(built)
        return tuple(out)


def _point(got: dict[str, Any], pos: tuple[int, int] | None) -> Point | None:
    if "text" not in got:
        return None
    return Point(
        text=got["text"],
        id=got.get("id"),
        number=got.get("number"),
        title=got.get("title"),
        topics=got.get("topics") or (),
        points=got.get("points") or (),
        options=got.get("options") or (),
        conflict=bool(got.get("conflict")),
        certainty=got.get("certainty") or "reported",
        certainty_note=got.get("certainty_note"),
        sources=got.get("sources") or (),
        line=pos[0] if pos else None,
    )


def _option(got: dict[str, Any], pos: tuple[int, int] | None) -> Option | None:
    if "by" not in got or "text" not in got:
        return None
    return Option(
        by=got["by"],
        text=got["text"],
        certainty=got.get("certainty") or "reported",
        certainty_note=got.get("certainty_note"),
    )


def _document(got: dict[str, Any], pos: tuple[int, int] | None) -> Document | None:
    if "id" not in got:
        return None
    return Document(
        id=got["id"],
        title=got.get("title"),
        points=got.get("points") or (),
        line=pos[0] if pos else None,
    )


def build_plan(
    data: Any, marks: Marks, path: str, limits: Limits | None = None
) -> tuple[Plan | None, list[Problem]]:
    """Check parsed YAML against the plan format; return the Plan (if buildable) and problems."""
    checker = _Checker(path, marks, or_current(limits))
    if not isinstance(data, dict):
        what = _type_name(data)
        checker.add(marks.of(data) or (1, 1), f"expected a plan (a mapping of keys), got {what}")
        return None, checker.found()
    got = checker.fields(data, PLAN_FIELDS, "", marks.of(data))
    if got is None:
        return None, checker.found()
    if "points" in got and "documents" in got:
        checker.add(
            marks.of_key(data, "documents"), "plan: use either 'points' or 'documents', not both"
        )
    _check_unique_keys(checker, data, got)
    if "plan" not in got or "version" not in got:
        return None, checker.found()
    plan = Plan(
        plan=got["plan"],
        version=got["version"],
        points=got.get("points") or (),
        documents=got.get("documents") or (),
        title=got.get("title"),
        date=got.get("date"),
        proposed_by=got.get("proposed_by"),
        parties=got.get("parties") or (),
        based_on=got.get("based_on") or (),
        status=got.get("status"),
        language=got.get("language"),
        sources=got.get("sources") or (),
        coverage=got.get("coverage") or "complete",
        dropped=got.get("dropped") or (),
        conflicts=got.get("conflicts") or (),
        path=path,
    )
    return plan, checker.found()


def _check_unique_keys(checker: _Checker, data: dict[str, Any], got: dict[str, Any]) -> None:
    """Point keys (id, else full number) must be unique within a version; so must document ids.

    Works on the raw data, so a point that has other problems still counts.
    """
    marks = checker.marks
    seen: dict[str, int | None] = {}

    def walk(items: Any, parent_number: str | None) -> None:
        if not isinstance(items, list):
            return
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            raw_id, raw_number = item.get("id"), item.get("number")
            number = full_number(parent_number, _str(raw_number))
            key = _str(raw_id) or number
            pos = marks.of_item(items, i)
            if key is not None:
                if key in seen:
                    what = "id" if raw_id is not None else "number"
                    first = seen[key]
                    checker.add(pos, f"duplicate point {what} {key!r} (first at line {first})")
                else:
                    seen[key] = pos[0] if pos else None  # no marks: read by read_plain
            walk(item.get("points"), number)

    documents = data.get("documents")
    if isinstance(documents, list) and "documents" in got:
        doc_ids: set[str] = set()
        for i, doc in enumerate(documents):
            if not isinstance(doc, dict):
                continue
            ident = _str(doc.get("id"))  # a missing or non-text id is reported elsewhere
            if ident is not None:
                if ident in doc_ids:
                    checker.add(marks.of_item(documents, i), f"duplicate document id {ident!r}")
                doc_ids.add(ident)
            walk(doc.get("points"), None)
    else:
        walk(data.get("points"), None)


def _str(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    return str(value) if isinstance(value, (str, int)) else None
