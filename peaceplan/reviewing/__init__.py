"""Review the plan changes between two git revisions, as for a pull request.

>>> import peaceplan
>>> r = peaceplan.review("main", "HEAD")       # or head=None for the work tree
>>> print(r.to_markdown())                     # a PR comment: tables, figures, <details>
"""

from __future__ import annotations

import os

from peaceplan.reviewing.gitfiles import FileChange, GitError, changed_files
from peaceplan.reviewing.report import FileReview, LineEdit, Review, build_review

__all__ = [
    "FileChange",
    "FileReview",
    "GitError",
    "LineEdit",
    "Review",
    "build_review",
    "changed_files",
    "review",
]


def review(
    base: str,
    head: str | None = None,
    repo: str | os.PathLike[str] = ".",
    *,
    plans: str | os.PathLike[str] | None = None,
    merge_base: bool = False,
) -> Review:
    """Diff every plan file changed from git revision `base` to `head` (None: the work tree).

    `repo` is any folder inside the git work tree; `plans` the plans folder (default: the
    nearest `plans/`). With `merge_base`, compare from the common ancestor, as a PR does.
    """
    return build_review(base, head, repo, plans=plans, use_merge_base=merge_base)
