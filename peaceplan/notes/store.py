"""Notes files: `plans/<plan>/notes/<version>.yaml`, read with located errors, written atomically.

Every change is a read-modify-write under an exclusive lock (flock on a lock file beside the notes
file), so two processes annotating one version at once lose nothing. New annotations are appended
as text, so hand-written comments and layout survive; removing one cuts its lines out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from peaceplan.errors import (
    MoreProblems,
    NoteNotFound,
    NotesError,
    PeaceplanError,
    PlanError,
    Problem,
    cap_problems,
    closest,
    did_you_mean,
    too_large,
)
from peaceplan.io.checker import Checker
from peaceplan.io.emit import scalar as emit_scalar
from peaceplan.io.yamlread import (
    Limits,
    Marks,
    current_limits,
    decode,
    or_current,
    read_yaml,
    resolve_plain,
)
from peaceplan.model import CERTAINTIES, Plan
from peaceplan.notes.keys import point_hint
from peaceplan.notes.model import (
    FIELD_ORDER,
    KINDS,
    NOTE_ID_RE,
    OUTCOMES,
    PAX_RE,
    POINT_STATUSES,
    STANCES,
    WORDINGS,
    Annotation,
    CarriedFrom,
)

CARRIED_FIELDS = ("version", "id", "outcome", "point", "score", "quote", "candidates", "wording")
_NOTE_NUMBER = re.compile(r"n-(\d+)\Z")


def notes_path(plan_path: str | os.PathLike[str], version: str) -> Path:
    """Where the notes of the version stored at `plan_path` live: `notes/<version>.yaml` beside."""
    return Path(plan_path).parent / "notes" / f"{version}.yaml"


@attrs.frozen
class NotesFile:
    """A parsed notes file: its annotations, its text, and where each entry starts (1-based)."""

    path: Path
    text: str
    annotations: tuple[Annotation, ...]
    starts: tuple[int, ...]  # line of each entry's "- "
    block: bool  # a plain block list at column 1 (new entries can be appended as text)

    def next_id(self, taken: Sequence[str] = ()) -> str:
        """The next free `n-NNNN` id."""
        numbers = [0]
        for ident in [a.id for a in self.annotations] + list(taken):
            m = _NOTE_NUMBER.match(ident)
            if m:
                numbers.append(int(m.group(1)))
        return f"n-{max(numbers) + 1:04d}"


# -- reading ------------------------------------------------------------------------------------


def read_notes(path: str | os.PathLike[str], *, plan: Plan | None = None) -> NotesFile:
    """Read and check a notes file; a missing file is an empty one. Raises NotesError.

    With `plan` (the version the notes are about), every point named must be one of its points
    (what `peaceplan validate` checks).
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        return NotesFile(p, "", (), (), True)
    limits = current_limits()  # the plans' limits ($PEACEPLAN_LIMITS), read once per file
    limit = limits.max_bytes
    if size > limit:
        raise NotesError([too_large(str(p), size, limit)])
    try:
        raw = p.read_bytes()
    except IsADirectoryError:
        raise NotesError([Problem(str(p), None, None, "is a folder, not a notes file")]) from None
    return parse_notes(raw, str(p), plan=plan, limits=limits)


def parse_notes(
    raw: str | bytes,
    path: str = "<notes>",
    *,
    plan: Plan | None = None,
    limits: Limits | None = None,
) -> NotesFile:
    """Parse notes text: a YAML list of annotations. Raises NotesError listing every problem.

    With `plan`, the points named are checked against that version too (see read_notes);
    `limits` default to those in force now ($PEACEPLAN_LIMITS).
    """
    limits = or_current(limits)
    try:
        text = decode(raw, path) if isinstance(raw, bytes) else raw
    except PlanError as exc:
        raise NotesError(exc.problems) from None
    if not _significant_lines(text):
        return NotesFile(Path(path), text, (), (), True)
    try:
        data, marks, problems = read_yaml(text, path, limits)
    except PlanError as exc:
        raise NotesError(exc.problems) from None
    if data is None:
        data = []
    if not isinstance(data, list):
        pos = marks.of(data) if isinstance(data, dict) else (1, 1)
        raise NotesError(
            [Problem(path, *(pos or (1, 1)), "a notes file is a list of annotations (- id: ...)")]
        )
    checker = _Checker(path, marks, limits.max_problems, plan)
    notes = checker.entries(data)
    problems = sorted(problems + checker.problems, key=lambda p: (p.line or 0, p.column or 0))
    if problems or checker.hidden:
        more: list[Problem] = [MoreProblems.of(path, checker.hidden)] if checker.hidden else []
        raise NotesError(cap_problems(problems + more, limits.max_problems))
    starts = tuple((marks.of_item(data, i) or (0, 0))[0] for i in range(len(data)))
    return NotesFile(Path(path), text, notes, starts, _is_block(text))


def _significant_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _is_block(text: str) -> bool:
    """A block list starting at column 1 with no document markers: safe to append to as text."""
    lines = _significant_lines(text)
    if not lines or not (lines[0] == "-" or lines[0].startswith("- ")):
        return False
    return not any(ln.startswith(("---", "...")) for ln in lines)


def _type_name(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", str: "a string", bool: "true/false"}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    if value is None:
        return "nothing"
    if isinstance(value, dt.date):
        return "a date"
    return names.get(type(value), type(value).__name__)


class _Checker(Checker):
    """Turn parsed entries into Annotations, collecting every problem with its position."""

    def __init__(self, path: str, marks: Marks, max_problems: int, plan: Plan | None = None):
        super().__init__(path, marks, max_problems)
        self.plan = plan

    def entries(self, data: list[Any]) -> tuple[Annotation, ...]:
        out: list[Annotation] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(data):
            pos = self.marks.of_item(data, i)
            note = self.entry(item, f"notes[{i}]", pos)
            if note is None:
                continue
            if note.id in seen:
                self.add(
                    self.marks.of_key(item, "id"),
                    f"notes[{i}].id: duplicate id {note.id!r} (first at line {seen[note.id]})",
                )
                continue
            seen[note.id] = note.line or 0
            out.append(note)
        return tuple(out)

    def _unknown(self, data: dict[Any, Any], known: Sequence[str], where: str) -> None:
        for key in data:
            if key not in known:
                if not self.room():
                    continue  # no hint worked out for a flood of unknown keys
                hint = closest(str(key), known)
                tip = f" (did you mean '{hint}'?)" if hint else f"; known: {', '.join(known)}"
                self.add(self.marks.of_key(data, key), f"{where}: unknown key '{key}'{tip}")

    def _str(self, data: dict[Any, Any], key: str, where: str, *, number: bool = False) -> Any:
        if key not in data or data[key] is None:
            return None
        value = data[key]
        if number and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.add(
                self.marks.of_key(data, key),
                f"{where}.{key}: expected a string, got {_type_name(value)}",
            )
            return None
        if not value.strip():
            self.add(self.marks.of_key(data, key), f"{where}.{key}: empty")
            return None
        return value

    def _choice(
        self, data: dict[Any, Any], key: str, where: str, choices: Sequence[str]
    ) -> str | None:
        value: str | None = self._str(data, key, where)
        if value is None or value in choices:
            return value
        hint = closest(value, choices, cutoff=0.5)
        tip = f"; did you mean '{hint}'?" if hint else ""
        self.add(
            self.marks.of_key(data, key),
            f"{where}.{key}: {value!r} is not one of {', '.join(choices)}{tip}",
        )
        return None

    def _date(self, data: dict[Any, Any], key: str, where: str) -> dt.date | None:
        if key not in data or data[key] is None:
            return None
        value = data[key]
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        self.add(
            self.marks.of_key(data, key),
            f"{where}.{key}: expected a date (YYYY-MM-DD), got {_type_name(value)}",
        )
        return None

    def entry(self, item: Any, where: str, pos: tuple[int, int] | None) -> Annotation | None:
        if not isinstance(item, dict):
            self.add(pos, f"{where}: expected an annotation (a mapping), got {_type_name(item)}")
            return None
        before = len(self.problems)
        self._unknown(item, FIELD_ORDER, where)
        ident = self._str(item, "id", where)
        if "id" not in item:
            self.add(pos, f"{where}: missing required key 'id'")
        elif ident is not None and not NOTE_ID_RE.match(ident):
            self.add(self.marks.of_key(item, "id"), f"{where}.id: {ident!r} is not a valid id")
        point = self._str(item, "point", where, number=True)
        kind = self._choice(item, "kind", where, KINDS) or "note"
        stance = self._choice(item, "stance", where, STANCES)
        status = self._choice(item, "status", where, POINT_STATUSES)
        fields = {k: self._str(item, k, where) for k in ("quote", "party", "tag", "body")}
        fields |= {k: self._str(item, k, where) for k in ("author", "source", "certainty_note")}
        certainty = self._choice(item, "certainty", where, CERTAINTIES) or "reported"
        created = self._date(item, "created", where)
        date = self._date(item, "date", where)
        carried_pos = self.marks.of_key(item, "carried_from")
        carried = self.carried(item.get("carried_from"), where, carried_pos)
        here = self.marks.of_key(item, "kind") or pos
        if fields["tag"] and fields["tag"].startswith("pax:") and not PAX_RE.match(fields["tag"]):
            self.add(
                self.marks.of_key(item, "tag"),
                f"{where}.tag: {fields['tag']!r} is not a PA-X code (pax:Code, e.g. pax:SsrArm)",
            )
        # (an invalid stance is reported above; do not also call it missing)
        if kind == "position" and not (fields["party"] and item.get("stance") is not None):
            self.add(here, f"{where}: a position needs a party and a stance")
        if stance and kind != "position":
            self.add(self.marks.of_key(item, "stance"), f"{where}.stance: only positions have one")
        if kind == "tag" and not fields["tag"]:
            self.add(here, f"{where}: a tag annotation needs a tag")
        if kind == "status" and not status:
            self.add(here, f"{where}: a status annotation needs a status")
        if kind == "note" and not fields["body"] and item.get("kind") in (None, "note"):
            self.add(pos, f"{where}: a note needs a body")
        unplaced_ok = carried is not None and carried.outcome in ("ambiguous", "orphaned")
        if "point" not in item:
            self.add(pos, f"{where}: missing required key 'point'")
        elif item["point"] is None and not unplaced_ok:
            self.add(
                self.marks.of_key(item, "point"),
                f"{where}.point: no point (only an ambiguous or orphaned carried note has none)",
            )
        if self.plan is not None and point is not None:
            self.against_plan(item, where, point)
        if len(self.problems) > before or ident is None:
            return None
        return Annotation(
            id=ident,
            point=point,
            kind=kind,
            body=fields["body"],
            quote=fields["quote"],
            party=fields["party"],
            stance=stance,
            tag=fields["tag"],
            status=status,
            author=fields["author"],
            created=created,
            date=date,
            source=fields["source"],
            certainty=certainty,
            certainty_note=fields["certainty_note"],
            carried_from=carried,
            line=pos[0] if pos else None,
        )

    def against_plan(self, item: dict[Any, Any], where: str, point: str) -> None:
        """The point must be in the version. (A quote the point no longer holds is not an error:
        editing a figure the notes quote is an ordinary change; `note list` flags such notes.)"""
        plan = self.plan
        assert plan is not None
        if plan.get(point) is None:
            self.add(
                self.marks.of_key(item, "point"),
                f"{where}.point: no point {point!r} in {plan.qualified}{point_hint(plan, point)}",
            )

    def carried(self, data: Any, where: str, pos: tuple[int, int] | None) -> CarriedFrom | None:
        if data is None:
            return None
        where = f"{where}.carried_from"
        if not isinstance(data, dict):
            self.add(pos, f"{where}: expected a mapping, got {_type_name(data)}")
            return None
        before = len(self.problems)
        self._unknown(data, CARRIED_FIELDS, where)
        version = self._str(data, "version", where, number=True)
        ident = self._str(data, "id", where)
        outcome = self._choice(data, "outcome", where, OUTCOMES)
        for key in ("version", "id", "outcome"):
            if key not in data:
                self.add(pos, f"{where}: missing required key '{key}'")
        point = self._str(data, "point", where, number=True)
        quote = self._str(data, "quote", where)
        wording = self._choice(data, "wording", where, WORDINGS)
        score = data.get("score")
        if score is not None and (
            isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 1
        ):
            self.add(self.marks.of_key(data, "score"), f"{where}.score: expected a number 0-1")
        candidates = data.get("candidates") or []
        if not isinstance(candidates, list) or not all(
            isinstance(c, (str, int)) and not isinstance(c, bool) for c in candidates
        ):
            self.add(
                self.marks.of_key(data, "candidates"), f"{where}.candidates: expected point keys"
            )
            candidates = []
        if len(self.problems) > before or not (version and ident and outcome):
            return None
        return CarriedFrom(
            version=version,
            id=ident,
            outcome=outcome,
            point=point,
            score=float(score) if score is not None else None,
            quote=quote,
            candidates=tuple(str(c) for c in candidates),
            wording=wording,
        )


# -- writing ------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.;()/_+%&'-]*\Z")
_FLOW_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


def notes_plain(text: str, flow: bool = False) -> bool:
    """Whether a notes file may hold `text` plain: a narrower style than a plan's, and only
    when it reads back as the same string (`flow`: an item of a `[a, b]` list)."""
    pattern = _FLOW_PLAIN if flow else _PLAIN
    if not pattern.match(text) or text.endswith(" "):
        return False
    try:
        return bool(resolve_plain(text) == text)
    except ValueError:
        return False


def scalar(value: Any, *, flow: bool = False) -> str:
    """One value as a notes-file YAML scalar (peaceplan.io.emit.scalar in the notes' style)."""
    return emit_scalar(value, flow=flow, plain=notes_plain)


def emit_annotation(note: Annotation) -> str:
    """One annotation as a notes-file list entry (block style, keys in contract order)."""
    lines: list[str] = []
    for n, (key, value) in enumerate(note.to_dict().items()):
        lead = "- " if n == 0 else "  "
        if isinstance(value, dict):
            lines.append(f"{lead}{key}:")
            lines.extend(f"    {k}: {scalar(v)}" for k, v in value.items())
        else:
            lines.append(f"{lead}{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def emit_notes(notes: Sequence[Annotation], header: str | None = None) -> str:
    """A whole notes file."""
    head = f"# {header}\n" if header else ""
    if not notes:
        return head + "[]\n"
    return head + "\n".join(emit_annotation(n) for n in notes)


def _check_emitted(text: str, expected: Sequence[Annotation], path: str) -> None:
    """Read back what is about to be written: it must parse to exactly `expected`."""
    got = parse_notes(text, path).annotations
    if tuple(got) != tuple(expected):  # pragma: no cover - a bug of ours, never user input
        raise PeaceplanError(f"{path}: internal error: notes did not read back as written")


# -- locking ------------------------------------------------------------------------------------


@contextlib.contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold an exclusive lock on the notes file `path` (a `.NAME.lock` file beside it)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = target.with_name(f".{target.name}.lock")
    try:  # never through a symbolic link: a committed one could create a file anywhere
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except OSError:
        if not lock.is_symlink():
            raise
        why = "the lock file is a symbolic link; not followed (remove it)"
        raise NotesError([Problem(str(lock), None, None, why)]) from None
    try:
        _lock_fd(fd)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _lock_fd(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt
        import time

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                time.sleep(0.05)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)


# -- read-modify-write ------------------------------------------------------------------------


def append_notes(
    path: str | os.PathLike[str],
    make: Callable[[NotesFile], Sequence[Annotation]],
    *,
    header: str | None = None,
    dry_run: bool = False,
) -> tuple[Annotation, ...]:
    """Under the lock: read the file, ask `make` for the annotations to add, append them.

    `make` sees the current file (ids, existing annotations) so ids and duplicates are decided
    on what is really there. Returns what was added (nothing is written on a dry run).
    """
    from peaceplan.io.atomic import atomic_write

    target = Path(path)
    with locked(target) if not dry_run else contextlib.nullcontext():
        current = read_notes(target)
        new = tuple(make(current))
        if not new or dry_run:
            return new
        all_notes = (*current.annotations, *new)
        chunk = "".join(emit_annotation(n) for n in new)
        if current.block:
            # A "- " line at column 1 always starts a new entry of a top-level block list,
            # so checking the new entries alone suffices (and keeps large files fast).
            _check_emitted(chunk, new, str(target))
            text = current.text or (f"# {header}\n" if header else "")
            if text and not text.endswith("\n"):
                text += "\n"
            atomic_write(target, text + chunk)
            return new
        elif not current.annotations and not _significant_lines(current.text):
            text = current.text + ("" if current.text.endswith("\n") or not current.text else "\n")
            text = (text or (f"# {header}\n" if header else "")) + chunk
        else:  # an unusual layout (flow list, document markers): rewrite it whole
            text = emit_notes(all_notes, header)
        _check_emitted(text, all_notes, str(target))
        atomic_write(target, text)
        return new


def remove_note(path: str | os.PathLike[str], note_id: str) -> Annotation:
    """Under the lock: remove the annotation `note_id` (its lines and the comments just above)."""
    from peaceplan.io.atomic import atomic_write

    target = Path(path)
    with locked(target):
        current = read_notes(target)
        ids = [a.id for a in current.annotations]
        if note_id not in ids:
            tip = did_you_mean(note_id, ids)
            raise NoteNotFound(f"{target}: no annotation {note_id!r}{tip}")
        i = ids.index(note_id)
        removed = current.annotations[i]
        rest = current.annotations[:i] + current.annotations[i + 1 :]
        text = _cut_entry(current, i) if current.block else None
        if text is not None:
            try:
                _check_emitted(text, rest, str(target))
            except PeaceplanError:
                text = None
        if text is None:
            text = emit_notes(rest)
            _check_emitted(text, rest, str(target))
        atomic_write(target, text)
        return removed


def _cut_entry(current: NotesFile, i: int) -> str | None:
    """The file text without entry `i`: from the comments just above it to the next entry's."""
    lines = current.text.splitlines(keepends=True)
    if len(current.starts) != len(current.annotations) or not all(current.starts):
        return None

    def lead_in(line_no: int) -> int:
        """0-based index of the first comment line directly above the (1-based) line."""
        k = line_no - 1
        while k > 0 and lines[k - 1].lstrip().startswith("#"):
            k -= 1
        return k

    start = lead_in(current.starts[i])
    end = lead_in(current.starts[i + 1]) if i + 1 < len(current.starts) else len(lines)
    if i + 1 == len(current.starts):
        # The last entry: keep trailing comments that are not indented into it.
        while end > start and lines[end - 1].startswith("#"):
            end -= 1
    return "".join(lines[:start] + lines[end:])
