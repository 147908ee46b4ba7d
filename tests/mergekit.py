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
