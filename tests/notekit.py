"""A small synthetic negotiation for the notes tests: three versions with a move, a split, a
merge, a dropped point, a changed figure and a bracketed point, written as real plan files."""

from __future__ import annotations

from pathlib import Path

V1 = """\
plan: talks
version: v1
title: Talks draft
date: 2025-01-10
proposed_by: Alpha
parties: [Alpha, Beta]
points:
  - number: "1"
    text: The parties agree to an immediate and complete ceasefire along the whole line of contact.
  - number: "2"
    text: Heavy weapons are withdrawn fifty kilometres from the line, and observers monitor
      the withdrawal from the first day.
  - number: "3"
    text: Prisoners are exchanged on an all for all basis within thirty days of signing.
  - number: "4"
    text: Local elections are held under a special law agreed with the regions.
  - number: "5"
    text: An international fund pays for reconstruction of damaged towns and roads.
  - number: "6"
    text: Border control returns to the government after the elections are held.
"""

# v1 #3 moves to the top (renumbered 3 -> 1), #1 becomes #2, #2 is split into #3 + #4,
# #4 and #6 merge into #5, #5 (the fund) is dropped.
V2 = """\
plan: talks
version: v2
title: Talks draft
date: 2025-02-01
proposed_by: Beta
parties: [Alpha, Beta]
based_on: [v1]
points:
  - number: "1"
    text: Prisoners are exchanged on an all for all basis within thirty days of signing.
  - number: "2"
    text: The parties agree to an immediate and complete ceasefire along the whole line of contact.
  - number: "3"
    text: Heavy weapons are withdrawn fifty kilometres from the line.
  - number: "4"
    text: Observers monitor the withdrawal of heavy weapons from the first day.
  - number: "5"
    text: Local elections are held under a special law agreed with the regions, and border
      control returns to the government after the elections are held.
"""

# v2 with one figure changed (thirty -> sixty days) and #5 bracketed between two wordings.
V3 = """\
plan: talks
version: v3
title: Talks draft
date: 2025-03-01
proposed_by: Alpha and Beta
parties: [Alpha, Beta]
based_on: [v2]
points:
  - number: "1"
    text: Prisoners are exchanged on an all for all basis within sixty days of signing.
  - number: "2"
    text: The parties agree to an immediate and complete ceasefire along the whole line of contact.
  - number: "3"
    text: Heavy weapons are withdrawn fifty kilometres from the line.
  - number: "4"
    text: Observers monitor the withdrawal of heavy weapons from the first day.
  - number: "5"
    text: Local elections are held, and border control returns to the government afterwards.
    options:
      - by: Alpha
        text: The elections follow a special law agreed with the regions.
      - by: Beta
        text: The elections follow the national electoral code.
"""


def write_talks(root: Path) -> Path:
    """Write the three versions under `root/plans/talks/`; return the plans folder."""
    plans = root / "plans"
    folder = plans / "talks"
    folder.mkdir(parents=True)
    for name, text in (("v1", V1), ("v2", V2), ("v3", V3)):
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return plans


def notes_text(plans: Path, version: str, plan: str = "talks") -> str:
    """The raw text of a version's notes file."""
    return (plans / plan / "notes" / f"{version}.yaml").read_text(encoding="utf-8")
