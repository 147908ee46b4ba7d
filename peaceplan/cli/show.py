"""`peaceplan show`: one version, readable in a terminal or as Markdown, HTML, JSON or YAML."""

from __future__ import annotations

import click

from peaceplan.cli.common import color_option, emit, resolve, terminal_width, use_color


@click.command()
@click.argument("version")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "markdown", "html", "json", "yaml", "txt", "md", "docx", "pdf"]),
    default="terminal",
    show_default=True,
    help="Output format: a view (terminal, markdown, json, yaml) or a document that "
    "`peaceplan import` reads back (txt, md, docx, pdf; docx and pdf need -o).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead.")
@color_option
@click.pass_context
def show(ctx: click.Context, version: str, fmt: str, output: str | None, color: str) -> None:
    """Print VERSION: its metadata and points, bracketed options shown as alternatives.

    Uncertain and inferred points and options are marked ([uncertain], [inferred]) with their
    notes; a partial version says that only reported points are listed.

    VERSION is a name (us-28), plan/name (ukraine-2025/us-28), a file path,
    - for standard input, or a git object REV:path.

    \b
    Examples:
      peaceplan show ua-20
      peaceplan show ukraine-2025/us-28 --format markdown
      peaceplan show ua-20 --format html > ua-20.html
      peaceplan show HEAD~1:plans/minsk/minsk-2.yaml --format json
      peaceplan show ua-20 --format docx -o ua-20.docx
    """
    plan = resolve(ctx, version)
    if fmt in ("txt", "md", "docx", "pdf"):
        from peaceplan.render import document

        if fmt in ("docx", "pdf"):
            if not output or output == "-":
                raise click.UsageError(f"--format {fmt} writes a file: give it with -o FILE")
            from peaceplan.io.atomic import atomic_write

            if fmt == "pdf":
                from peaceplan.render.pdf import html_to_pdf

                atomic_write(output, html_to_pdf(document.plan_html_document(plan)))
            else:
                atomic_write(output, document.plan_docx(plan))
            return
        emit(document.plan_text(plan, markdown=fmt == "md"), output)
        return
    color_on = fmt == "terminal" and use_color(color)
    if fmt == "terminal":
        from peaceplan.render.plan import plan_terminal

        text = plan_terminal(plan, color=color_on, width=terminal_width())
    elif fmt == "markdown":
        from peaceplan.render.plan import plan_markdown

        text = plan_markdown(plan)
    elif fmt == "html":
        from peaceplan.render.plan import plan_html

        text = plan_html(plan, standalone=True)
    elif fmt == "json":
        from peaceplan.render.plan_data import plan_json

        text = plan_json(plan)
    else:
        from peaceplan.io.save import dump_text
        from peaceplan.text import has_controls

        text = dump_text(plan)
        if has_controls(text):  # bidi or C1 controls YAML would print raw: escape them
            text = dump_text(plan, ascii_only=True)
    emit(text, output, color=color_on)
