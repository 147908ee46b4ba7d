"""`peaceplan review`: the plan changes between two git revisions, as a PR comment."""

from __future__ import annotations

import click

from peaceplan.cli.common import emit, say


@click.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="Markdown for a pull-request comment; json for tools (peaceplan.review/1).",
)
@click.option(
    "--merge-base",
    is_flag=True,
    help="Compare from the common ancestor of BASE and HEAD, as a pull request does.",
)
@click.option(
    "--link-base",
    metavar="URL",
    default="",
    help="Prefix of links to the new files' lines (e.g. https://github.com/O/R/blob/SHA/); "
    "default: paths relative to the repository top.",
)
@click.option(
    "--annotations",
    type=click.Choice(["github"]),
    help="Also print GitHub workflow commands flagging each changed point on its line.",
)
@click.option(
    "--max-length",
    type=click.IntRange(min=0),
    default=60_000,
    show_default=True,
    help="Markdown: show no more details past this many characters (0: no limit).",
)
@click.option(
    "-C",
    "--repo",
    type=click.Path(file_okay=False, path_type=str),
    default=".",
    help="Run in this git repository (default: the current folder).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.pass_context
def review(
    ctx: click.Context,
    base: str,
    head: str | None,
    fmt: str,
    merge_base: bool,
    link_base: str,
    annotations: str | None,
    max_length: int,
    repo: str,
    output: str | None,
) -> None:
    """Review every plan file changed from git revision BASE to HEAD.

    HEAD defaults to the work tree (uncommitted and untracked plan files too).
    Each added, removed, renamed or modified plan file is diffed against its
    old version (an added one against the version it is based_on), and the
    report suits a pull-request comment: a summary table, changed figures
    first, one <details> per changed point, links to the new file's lines.
    With -o, the report goes to FILE and workflow commands to standard output.
    Exit status: 0 no plan changed, 1 plans changed, 2 trouble.

    \b
    Examples:
      peaceplan review HEAD~1 HEAD
      peaceplan review main                     # main against the work tree
      peaceplan review --merge-base origin/main HEAD --format json
      peaceplan review "$BASE_SHA" "$HEAD_SHA" --merge-base --annotations github \\
          --link-base "https://github.com/OWNER/REPO/blob/$HEAD_SHA/" -o comment.md
    """
    import os

    from peaceplan.reviewing import review as build
    from peaceplan.reviewing.render import github_annotations, review_json, review_markdown

    plans = (ctx.find_root().obj or {}).get("plans_dir")
    result = build(
        base,
        head,
        repo,
        plans=os.path.abspath(plans) if plans else None,
        merge_base=merge_base,
    )
    if fmt == "json":
        text = review_json(result)
    else:
        text = review_markdown(result, link_base=link_base, max_length=max_length or None)
    emit(text, output)
    if annotations == "github":
        for line in github_annotations(result):
            say(line)
    for f in result.errors:
        say(f"peaceplan review: {f.error}", err=True)
    ctx.exit(2 if result.errors else 1 if result.changed else 0)
