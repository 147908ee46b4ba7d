"""YAML files in a plans folder that no command reads, each with the reason.

Versions are read from `<plans>/<plan>/<version>.yaml` only (and notes from `<plan>/notes/`);
a draft saved as `minsk-3 copy.yaml` or in a subfolder would otherwise be skipped by every
command, `validate` included, without a word.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from peaceplan.errors import Problem
from peaceplan.io.spec import NAME_RE

SUFFIXES = (".yaml", ".yml")
RULE = "a version is <plans>/<plan>/<version>.yaml"


def why_not_read(rel: tuple[str, ...]) -> str | None:
    """Why the YAML file at `rel` (path parts below the plans folder) is not read, or None."""
    name = rel[-1]
    stem, suffix = name.rsplit(".", 1)[0], "." + name.rsplit(".", 1)[-1]
    notes = len(rel) == 3 and rel[1] == "notes"
    if len(rel) != 2 and not notes:
        return f"not one folder down ({RULE})"
    if not NAME_RE.match(rel[0]):
        return f"{rel[0]!r} is not a valid plan name (letters, digits, . _ -)"
    if notes:
        return None if suffix in SUFFIXES else "a notes file ends in .yaml or .yml"
    if suffix not in SUFFIXES:
        return f"a version's file ends in .yaml or .yml ({RULE})"
    if not NAME_RE.match(stem):
        return f"{stem!r} is not a valid version name (letters, digits, . _ -)"
    return None


def stray_problems(root: Path, read: Iterable[Path]) -> list[Problem]:
    """A problem for each YAML file under `root` that is not among the files `read` (resolved
    paths), hidden files and folders left out (a write's temporary file, a lock)."""
    seen = set(read)
    home = root.resolve()
    out = []
    for file in sorted(root.rglob("*")):
        rel = file.relative_to(root).parts
        if any(part.startswith(".") for part in rel) or not file.is_file():
            continue
        if file.suffix.lower() not in SUFFIXES or file.resolve() in seen:
            continue
        why = why_not_read(rel)
        if why is None and not file.resolve().is_relative_to(home):
            why = "a symbolic link leading out of the plans folder"
        if why is None:
            continue  # a version or notes file read elsewhere (checked there)
        out.append(Problem(str(file), 1, 1, f"not read as a plan or notes file: {why}"))
    return out
