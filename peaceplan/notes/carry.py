"""Carry annotations from one version to another through their alignment (and their quotes).

Each annotation gets one explicit outcome:

- `kept`: same point (same key and number, not moved), quote found exactly;
- `moved`: the point was renumbered, re-keyed or moved, quote found exactly;
- `fuzzy`: the quote was found only approximately (the score says how closely);
- `changed`: the quote was found, but with a different figure ("600,000" where "800,000" now
  stands): placed, with the old and the new quote, never taken for the same words;
- `ambiguous`: several candidate points or places, none chosen;
- `orphaned`: no longer placeable (point dropped, or its quoted words gone).

Pure functions: the caller reads and writes the notes files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from peaceplan.aligning.model import Alignment
from peaceplan.model import Plan
from peaceplan.notes.anchor import exact_hits, fuzzy_hits, normalize
from peaceplan.notes.model import Annotation, CarriedFrom


@attrs.frozen
class Placement:
    """Where one annotation lands in the target version, and why."""

    outcome: str
    point: str | None  # key in the target version (None: ambiguous or orphaned)
    quote: str | None  # the quote as found in the target (None: no quote)
    score: float | None  # quote similarity, 1.0 when found exactly
    candidates: tuple[str, ...] = ()
    reason: str = ""
    wording: str | None = None  # `same` / `changed`: the target point's wording vs the source's


@attrs.frozen
class CarryItem:
    """One annotation of the source version and what carrying did with it.

    `target` is the annotation as written (or, on a dry run, as it would be written) in the
    target version; `already` is the id of the earlier carried copy when it was carried before
    (then nothing new is written).
    """

    source: Annotation
    placement: Placement
    target: Annotation
    already: str | None = None

    @property
    def outcome(self) -> str:
        return self.placement.outcome


@attrs.frozen
class CarryReport:
    """Everything carrying did: one item per annotation of the source version, in file order."""

    source: str  # qualified names
    target: str
    items: tuple[CarryItem, ...]
    dry_run: bool = False
    path: str | None = None  # the target notes file

    def counts(self) -> dict[str, int]:
        """How many annotations got each outcome (every outcome listed, zero included)."""
        from peaceplan.notes.model import OUTCOMES

        out = dict.fromkeys(OUTCOMES, 0)
        for item in self.items:
            out[item.outcome] += 1
        return out

    @property
    def written(self) -> tuple[Annotation, ...]:
        """The annotations added to the target (none on a dry run or when all were carried)."""
        if self.dry_run:
            return ()
        return tuple(i.target for i in self.items if i.already is None)

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per annotation, for tables and DataFrames."""
        rows = []
        for i in self.items:
            p = i.placement
            rows.append(
                {
                    "id": i.source.id,
                    "kind": i.source.kind,
                    "from_point": i.source.point,
                    "to_point": p.point,
                    "outcome": p.outcome,
                    "score": p.score,
                    "quote": i.source.quote,
                    "new_quote": p.quote if p.quote != i.source.quote else None,
                    "candidates": ", ".join(p.candidates) or None,
                    "wording": p.wording,
                    "reason": p.reason,
                    "new_id": i.already or (None if self.dry_run else i.target.id),
                    "already_carried": i.already is not None,
                }
            )
        return rows

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs pandas)."""
        from peaceplan.notes.frames import frame

        return frame(self.to_records())

    def _repr_html_(self) -> str:
        """Jupyter: each annotation's outcome, with the counts as caption."""
        from peaceplan.notes.render import carry_html

        return carry_html(self)

    def to_json_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (`"format": "peaceplan.carry/1"`)."""
        return {
            "format": "peaceplan.carry/1",
            "from": self.source,
            "to": self.target,
            "dry_run": self.dry_run,
            "summary": self.counts(),
            "notes": self.to_records(),
        }


def _label(plan: Plan, key: str) -> str:
    fp = plan.locate(key)
    if fp is not None and fp.full_number is not None and fp.full_number != key:
        return f"{key} (#{fp.full_number})"
    return key


def _body(plan: Plan, key: str) -> tuple[str, tuple[str, ...]] | None:
    point = plan.get(key)
    if point is None:
        return None
    return normalize(point.text), tuple(normalize(o.text) for o in point.options)


def _wording_same(old: Plan, old_key: str, new: Plan, new_key: str) -> str:
    """`same` when the two points have the same text and options, else `changed`."""
    a, b = _body(old, old_key), _body(new, new_key)
    return "same" if a is not None and a == b else "changed"


class Carrier:
    """Places annotations of `alignment.old` onto `alignment.new` (one alignment, many notes)."""

    def __init__(self, alignment: Alignment):
        from peaceplan.diffing.moves import find_moves

        self.alignment = alignment
        self.old = alignment.old
        self.new = alignment.new
        self.moved = find_moves(alignment)
        self.match_of_old = {k: m for m, match in enumerate(alignment.matches) for k in match.old}

    def place(self, note: Annotation) -> Placement:
        """Where `note` lands in the new version (an outcome is always given)."""
        old, new = self.old, self.new
        if note.point is None:
            return Placement("orphaned", None, note.quote, None, reason="was not placed in source")
        if old.get(note.point) is None:
            return Placement(
                "orphaned",
                None,
                note.quote,
                None,
                reason=f"point {note.point} is not in {old.version}",
            )
        m = self.match_of_old.get(note.point)
        if m is None:
            hints = exact_hits(self._all_new(), note.quote) if note.quote else ()
            why = f"point {_label(old, note.point)} was removed in {new.version}"
            if hints:
                why += f"; the quote occurs in {', '.join(hints)} (not chosen)"
            return Placement("orphaned", None, note.quote, None, hints, why)
        match = self.alignment.matches[m]
        targets = match.new
        if note.quote:
            return self._by_quote(note, match.new, m)
        if len(targets) > 1:
            return Placement(
                "ambiguous",
                None,
                None,
                None,
                targets,
                f"point {_label(old, note.point)} was split into {', '.join(targets)}",
            )
        return self._landed(note, targets[0], m, None, 1.0)

    def _all_new(self) -> list[tuple[str, Any]]:
        return [(fp.key, fp.point) for fp in self.new.flat()]

    def _by_quote(self, note: Annotation, targets: tuple[str, ...], m: int) -> Placement:
        assert note.quote is not None
        points = [(k, p) for k in targets if (p := self.new.get(k)) is not None]
        exact = exact_hits(points, note.quote)
        if len(exact) == 1:
            return self._landed(note, exact[0], m, note.quote, 1.0)
        if len(exact) > 1:
            why = f"the quote occurs in {len(exact)} points: {', '.join(exact)}"
            return Placement("ambiguous", None, note.quote, 1.0, exact, why)
        hits, best = fuzzy_hits(points, note.quote)
        if not hits:
            where = ", ".join(targets)
            why = f"quote not found in {where} (best similarity {best:.0%})"
            return Placement("orphaned", None, note.quote, round(best, 3), targets, why)
        if len(hits) > 1:
            shown = "; ".join(f"{h.point}: {h.text!r} ({h.score:.0%})" for h in hits)
            cands = tuple(dict.fromkeys(h.point for h in hits))
            return Placement(
                "ambiguous",
                None,
                note.quote,
                round(hits[0].score, 3),
                cands,
                f"the quote matches several places equally well: {shown}",
            )
        hit = hits[0]
        placed = self._landed(note, hit.point, m, hit.text, hit.score)
        old, new = figures(note.quote), figures(hit.text)
        if old != new:
            outcome = "changed"
            why = f"quote {note.quote!r} is now {hit.text!r} ({_figure_change(old, new)})"
        else:
            outcome = "fuzzy"
            why = f"quote {note.quote!r} found as {hit.text!r} ({hit.score:.0%})"
        if placed.outcome == "moved":
            why += f"; {placed.reason}"
        return attrs.evolve(placed, outcome=outcome, score=round(hit.score, 3), reason=why)

    def _landed(
        self, note: Annotation, key: str, m: int, quote: str | None, score: float
    ) -> Placement:
        assert note.point is not None
        old_fp = self.old.locate(note.point)
        new_fp = self.new.locate(key)
        assert old_fp is not None and new_fp is not None
        how = []
        if old_fp.full_number != new_fp.full_number:
            a, b = old_fp.full_number or "-", new_fp.full_number or "-"
            how.append(f"renumbered {a} -> {b}")
        elif note.point != key:
            how.append(f"now {key}")
        if self.moved[m]:
            how.append("moved")
        outcome = "moved" if how else "kept"
        others = [k for k in self.alignment.matches[m].old if k != note.point]
        if others:
            how.append(f"merged with {', '.join(others)}")
        same = _wording_same(self.old, note.point, self.new, key)
        reason = "; ".join(how) if how else "same point"
        return Placement(
            outcome,
            key,
            quote,
            round(score, 3) if quote is not None else None,
            reason=reason,
            wording=same,
        )


# A run of digits, with the thousands separators of the usual styles (600,000 / 600.000 /
# 600 000 with a space, no-break or narrow no-break space, or an apostrophe) taken as part of it;
# or a small number in words ("thirty", "twenty-five").
_FIGURE = re.compile(
    r"\d+(?:[,.'\u00a0\u202f\u2009 ]\d{3}(?!\d))*|\b[a-z]+(?:-[a-z]+)?\b", re.IGNORECASE
)
_UNITS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# "one" alone is left out: far more often a pronoun ("no one", "one of them") than a figure.
_WORDS = {w: n for n, w in enumerate(_UNITS) if w != "one"}
_WORDS |= {w: 20 + 10 * i for i, w in enumerate(_TENS)}


def _word_value(word: str) -> int | None:
    """The value of a number written in words up to ninety-nine, else None."""
    tens, _, unit = word.lower().partition("-")
    if not unit:
        return _WORDS.get(tens)
    if tens in _TENS and unit in _UNITS[1:10]:
        return _WORDS[tens] + _UNITS.index(unit)
    return None


def figures(text: str) -> tuple[str, ...]:
    """The numbers written in `text`, in order, as bare digits ("600,000", "600 000" and
    "600000" are all "600000"; "thirty" is "30"): what must be the same for a quote to still
    say what it said."""
    out = []
    for m in _FIGURE.finditer(text):
        found = m.group()
        if found[0].isdigit():
            out.append(re.sub(r"\D", "", found).lstrip("0") or "0")
        elif (value := _word_value(found)) is not None:
            out.append(str(value))
    return tuple(out)


def _figure_change(old: tuple[str, ...], new: tuple[str, ...]) -> str:
    if not new:
        return "figure gone"
    if not old:
        return "figure added"
    return "figure changed"


def carry(
    notes: Sequence[Annotation],
    alignment: Alignment,
    existing: Sequence[Annotation] = (),
    next_id: Any = None,
) -> tuple[CarryItem, ...]:
    """Place every annotation of the old version onto the new one (pure).

    `existing` are the annotations already in the new version: one carried earlier from the same
    source note is not carried again (running carry twice duplicates nothing). `next_id(taken)`
    gives a fresh id for each new annotation.
    """
    carrier = Carrier(alignment)
    source = alignment.old.version
    done = {
        a.carried_from.id: a
        for a in existing
        if a.carried_from is not None and a.carried_from.version == source
    }
    taken: list[str] = []
    items = []
    for note in notes:
        placement = carrier.place(note)
        if note.id in done:
            prior = done[note.id]
            assert prior.carried_from is not None
            recorded = attrs.evolve(
                placement,
                outcome=prior.carried_from.outcome,
                point=prior.point,
                reason=f"already carried as {prior.id}",
            )
            items.append(CarryItem(note, recorded, prior, already=prior.id))
            continue
        new_id = next_id(taken) if next_id else note.id
        taken.append(new_id)
        items.append(CarryItem(note, placement, _carried(note, placement, source, new_id)))
    return tuple(items)


def _carried(note: Annotation, p: Placement, source: str, new_id: str) -> Annotation:
    changed_quote = note.quote if (p.quote != note.quote and note.quote is not None) else None
    if note.quote is not None and normalize(note.quote) == normalize(p.quote or ""):
        changed_quote = None
    return attrs.evolve(
        note,
        id=new_id,
        point=p.point,
        quote=p.quote if p.point is not None else note.quote,
        carried_from=CarriedFrom(
            version=source,
            id=note.id,
            outcome=p.outcome,
            point=note.point,
            score=p.score,
            quote=changed_quote,
            candidates=p.candidates,
            wording=p.wording,
        ),
        line=None,
    )
