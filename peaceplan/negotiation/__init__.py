"""A negotiation seen whole: every point against every version (the matrix) and the flow of
points through the versions. Data and algorithms only; renderers live in peaceplan.render."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peaceplan.library import Library


def negotiation_name(library: Library, spec: str) -> str:
    """The negotiation `spec` names: a negotiation (`ukraine-2025`) or one of its versions
    (`us-28`, `ukraine-2025/us-28`); an unknown name raises ResolveError with close matches."""
    from peaceplan.errors import ResolveError

    if spec in library.plans():
        return spec
    try:
        return library.find(spec).plan
    except ResolveError:
        if not any(r.version == spec for r in library.refs):
            library.versions(spec)  # raises "no such plan" with the close negotiation names
        raise  # a version of several negotiations: find's "ambiguous" message says which
