"""`peaceplan import`: a Word, PDF, Markdown or text draft -> a plan file."""

from __future__ import annotations

import click

from peaceplan.cli.common import emit


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the plan to FILE.")
@click.option("--plan", "plan_name", help="The plan (negotiation) name (default: the folder's).")
@click.option("--version", "version_name", help="The version name (default: the file's stem).")
def import_(file: str, output: str | None, plan_name: str | None, version_name: str | None) -> None:
    """Read a draft (.docx, .pdf, .md or .txt) into a plan file.

    Finds numbered points and sub-points in the usual styles ("1.", "1)",
    "Point 1:", "Article 1", "6.1", "(a)", "a)", "i.", bullets under a
    number, Word's automatic numbering), headings that start side documents,
    the title and a preamble. Metadata a document does not state (date,
    proposer, sources) is left as placeholders in comments at the top. Lines
    it cannot classify are kept there too and printed with their location.
    Word and PDF need the import extra: pip install 'peaceplan[import]'.

    \b
    Examples:
      peaceplan import draft.docx -o plans/talks/draft-1.yaml
      peaceplan import briefing.txt --plan talks --version briefing
    """
    from peaceplan.importing.api import import_document
    from peaceplan.text import terminal_safe

    result = import_document(file, plan=plan_name, version=version_name)
    emit(result.text, output)
    for line in result.unclassified:
        click.echo(
            terminal_safe(f"{line.where}: not classified, kept as a comment: {line.text}"), err=True
        )
    n = len(result.plan.flat())
    if output:
        click.echo(f"{output}: {result.plan.qualified}, {n} points and sub-points", err=True)
