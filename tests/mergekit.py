"""Helpers for the merge tests: disjoint revisions of one base plan, with what each side did.

`revise(base, seed, share, avoid)` edits, deletes and inserts top-level points of `base` and
renumbers the result the way a new draft does; it never touches the base points in `avoid`,
so two revisions with disjoint `touched` sets are non-overlapping by construction.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import attrs

from peaceplan.model import Plan, Point

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ (the synthetic plan generator) is not installed
    sys.path.insert(0, str(ROOT))


@attrs.frozen
class Revision:
    """A revised plan and its changes, by base point key and by the new wordings."""

    plan: Plan
    touched: frozenset[str]  # base keys this side edited, deleted or inserted after
    edited: dict[str, str]  # base key -> new text
    retitled: dict[str, str]  # base key -> new title
    deleted: frozenset[str]  # base keys
    inserted: tuple[tuple[str | None, str], ...]  # (base key it follows or None, new text)


def _key(point: Point) -> str:
    return point.id if point.id is not None else str(point.number)


def revise(
    base: Plan, seed: int, share: float = 0.2, avoid: frozenset[str] = frozenset(), tag: str = "x"
) -> Revision:
    """A revision of `base` changing about `share` of its top-level points, none in `avoid`."""
    rng = random.Random(seed)
    edited: dict[str, str] = {}
    retitled: dict[str, str] = {}
    deleted: set[str] = set()
    inserted: list[tuple[str | None, str]] = []
    out: list[Point] = []
    top = base.top_points()
    if rng.random() < 0.5 and top and _key(top[0]) not in avoid:  # renumber everything
        text = f"New opening point {tag}{seed} on the {rng.choice(['ceasefire', 'guarantees'])}."
        inserted.append((None, text))
        out.append(Point(text=text, number="0"))
    for n, point in enumerate(top):
        key = _key(point)
        if key in avoid or rng.random() > share:
            out.append(point)
            continue
        fate = rng.choice(["edit", "edit", "title", "delete", "insert"])
        if fate == "delete" and len(top) > 3:
            deleted.add(key)
            continue
        if fate == "title":
            title = f"Heading {tag}{seed}-{n}"
            retitled[key] = title
            out.append(attrs.evolve(point, title=title))
            continue
        if fate == "insert":
            out.append(point)
            text = f"A further commitment {tag}{seed}-{n} binds the parties to report monthly."
            inserted.append((key, text))
            out.append(Point(text=text, number="0"))
            continue
        text = point.text.rstrip(".") + f", subject to review {tag}{seed}-{n}."
        edited[key] = text
        out.append(attrs.evolve(point, text=text))
    numbered = tuple(attrs.evolve(p, number=str(i + 1)) for i, p in enumerate(out))
    touched = set(edited) | set(retitled) | deleted | {k for k, _ in inserted if k}
    if any(k is None for k, _ in inserted) and top:
        touched.add(_key(top[0]))
    plan = attrs.evolve(base, version=f"{base.version}-{tag}{seed}", points=numbered)
    return Revision(plan, frozenset(touched), edited, retitled, frozenset(deleted), tuple(inserted))


# -- commented drafts: plan-level fields, comments and points, edited on two sides -------------

STATUS_WORDS = ("draft", "proposed", "agreed", "superseded")
WORDS = ("ceasefire", "prisoners", "elections", "sanctions", "guarantees", "monitoring", "grain")


@attrs.define
class Draft:
    """A plan file as parts, so that a test can edit it and write it with its comments."""

    fields: dict[str, object]  # title, date, status, proposed_by, language (None: left out)
    sources: list[str]
    parties: list[str]
    points: list[dict]  # {"id", "text", "above": [comments], "eol": comment | None}
    head: list[str]  # comments at the top of the file
    above: dict[str, list[str]]  # comments above plan-level keys

    def text(self, version: str) -> str:
        """The YAML file of this draft."""
        out = [*self.head, "plan: demo", f"version: {version}"]
        for key in ("title", "date", "status", "proposed_by", "language"):
            value = self.fields.get(key)
            if value is not None:
                out += self.above.get(key, [])
                out.append(f"{key}: {value}")
        for key in ("parties", "sources"):
            items = getattr(self, key)
            if items:
                out += self.above.get(key, [])
                out.append(f"{key}:")
                out += [f"  - {item}" for item in items]
        out.append("points:")
        for p in self.points:
            out += [f"  {c}" for c in p["above"]]
            out.append(f"  - id: {p['id']}")
            eol = f"  {p['eol']}" if p["eol"] else ""
            out.append(f"    text: {p['text']}{eol}")
        return "\n".join(out) + "\n"

    def comments(self) -> list[str]:
        """Every comment of the file, in order."""
        found = list(self.head) + [c for cs in self.above.values() for c in cs]
        for p in self.points:
            found += p["above"] + ([p["eol"]] if p["eol"] else [])
        return found


def commented_draft(seed: int, n: int = 8) -> Draft:
    """A base draft: a few plan-level fields, sources, parties, and `n` points with comments."""
    rng = random.Random(seed)
    points = []
    for i in range(n):
        words = " ".join(rng.choice(WORDS) for _ in range(6))
        above = [f"# base note {i}"] if rng.random() < 0.4 else []
        eol = f"# base eol {i}" if rng.random() < 0.2 else None
        points.append(
            {"id": f"p{i}", "text": f"Point {i} covers {words}.", "above": above, "eol": eol}
        )
    return Draft(
        fields={
            "title": "Demo framework",
            "date": "2025-11-20",
            "status": "draft",
            "proposed_by": "United States",
            "language": "en",
        },
        sources=["https://base.example/1", "https://base.example/2"],
        parties=["Ukraine", "Russia"],
        points=points,
        head=["# A demo draft.", "# base head"],
        above={"sources": ["# base sources note"]},
    )


@attrs.frozen
class Edits:
    """What one side did to a commented draft."""

    draft: Draft
    removed_comments: frozenset[str]  # base comments removed on purpose (their place kept)
    edited: dict[str, str]  # point id -> new text
    deleted: frozenset[str]  # point ids
    added: tuple[str, ...]  # texts of new points


def edit_draft(base: Draft, seed: int, tag: str) -> Edits:
    """A revision of `base`: fields, lists, comments and points edited at random."""
    import copy

    rng = random.Random(seed)
    d = copy.deepcopy(base)
    fresh = {
        "title": lambda: f"Framework {tag}{rng.randrange(3)}",
        "date": lambda: f"2025-12-{rng.randrange(1, 29):02d}",
        "status": lambda: rng.choice(STATUS_WORDS),
        "proposed_by": lambda: f"Delegation {tag}{rng.randrange(3)}",
        "language": lambda: rng.choice(["en", "fr", "de", "uk", None]),
    }
    for key, make in fresh.items():
        if rng.random() < 0.35:
            d.fields[key] = make()
    for key in ("sources", "parties"):
        items = getattr(d, key)
        if rng.random() < 0.3 and items:
            items.remove(rng.choice(items))
        if rng.random() < 0.4:
            items.append(
                f"https://{tag}.example/{rng.randrange(99)}" if key == "sources" else f"Party {tag}"
            )
    removed: set[str] = set()
    if rng.random() < 0.3:
        d.head.append(f"# {tag} head {seed}")
    if rng.random() < 0.25:
        d.above.setdefault(rng.choice(["title", "sources", "status"]), []).append(
            f"# {tag} key note"
        )
    edited: dict[str, str] = {}
    deleted: set[str] = set()
    added: list[str] = []
    out = []
    for i, p in enumerate(d.points):
        roll = rng.random()
        if roll < 0.08 and len(d.points) > 3:
            deleted.add(p["id"])
            continue
        if roll < 0.25:
            p["text"] = p["text"].rstrip(".") + f" with {tag} review {i}."
            edited[p["id"]] = p["text"]
        if rng.random() < 0.25:
            p["above"].append(f"# [uncertain] {tag} note {i}")
        if rng.random() < 0.12 and p["above"]:
            gone = p["above"].pop(0)
            if gone.startswith("# base"):
                removed.add(gone)
        if rng.random() < 0.12:
            if p["eol"] and p["eol"].startswith("# base"):
                removed.add(p["eol"])
            p["eol"] = f"# {tag} eol {i}"
        out.append(p)
        if rng.random() < 0.08:
            text = f"New point {tag}{i} on {rng.choice(WORDS)} and {rng.choice(WORDS)}."
            added.append(text)
            out.append(
                {"id": f"{tag}-new-{i}", "text": text, "above": [f"# {tag} new {i}"], "eol": None}
            )
    d.points = out
    return Edits(d, frozenset(removed), edited, frozenset(deleted), tuple(added))
