"""`jigsaw map suggest FILE --source S` and `jigsaw map check MAPPING FILE`: mappings for
exports that do not arrive in the common dataset's columns (graph_loader/mapping/examples/ has examples)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from graph_loader.load import LoadError
from graph_loader.mapping.model import MappingError, read_mapping
from graph_loader.mapping.preview import preview
from graph_loader.mapping.suggest import render
from graph_loader.mapping.suggest import suggest as propose

from .common import console, print_problems

app = typer.Typer(help="Mappings for agency exports in their own columns, codes and layouts.", no_args_is_help=True)


@app.command()
def suggest(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="The export (CSV) to propose a mapping for."),
    source: str = typer.Option(..., "--source", help="What the export holds: mash, matrix or hsb."),
    out: Path | None = typer.Option(None, "--out", help="Write the proposed mapping here (default: standard output)."),
    force: bool = typer.Option(False, "--force", help="Overwrite --out if it exists."),
) -> None:
    """Propose a mapping from the file's headers and a sample of its values, explained per column."""
    from graph_loader.models import SOURCES

    if source not in SOURCES:
        raise typer.BadParameter(f"--source must be one of {', '.join(SOURCES)}")
    if out is not None and out.exists() and not force:
        raise typer.BadParameter(f"{out} exists; choose another --out or add --force")
    try:
        proposals = propose(file, source)
    except MappingError as err:
        console.print(f"[bold red]Cannot propose a mapping:[/] {escape(str(err))}")
        raise typer.Exit(2) from None
    table = Table(title=f"Proposed mapping for {escape(file.name)} ({source})", title_justify="left")
    for name in ("column", "goes to", "score", "why"):
        table.add_column(name)
    for p in proposals:
        target = f"{p.output}.{p.field}" if p.confident else f"[yellow]? ({p.field or 'none'})[/]"
        table.add_row(escape(" + ".join([p.column, *p.also])), target, f"{p.score:g}", escape(p.why))
    console.print(table)
    text = render(proposals, source, file.name)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(
            f"Written to {escape(str(out))}: review it, then `jigsaw map check {escape(str(out))} {escape(str(file))}`."
        )


@app.command()
def check(
    mapping: Path = typer.Argument(..., help="The mapping file (TOML)."),
    file: Path = typer.Argument(..., help="The export it is for."),
    as_json: bool = typer.Option(False, "--json", help="Print the preview as JSON on standard output."),
) -> None:
    """Dry run: each column (original -> common field, sample values), every doubtful value and every row that would be rejected."""  # noqa: E501 - the command's help, one line
    try:
        result = preview(read_mapping(mapping), file)
    except (MappingError, LoadError) as err:
        console.print(f"[bold red]Mapping not usable:[/] {escape(str(err))}")
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "columns": [c.__dict__ for c in result.columns],
                    "rows_read": result.rows_read,
                    "records_valid": result.records_valid,
                    "notices": result.notices,
                    "rejections": [
                        {"file": r.file, "row": r.row, "column": f, "reason": why}
                        for r in result.rejections
                        for f, why in r.errors
                    ],
                    "doubts": [
                        {
                            "file": d.file,
                            "row": d.row,
                            "column": d.field,
                            "as_recorded": d.as_recorded,
                            "reason": d.reason,
                        }
                        for d in result.doubts
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    table = Table(title=f"{escape(file.name)} through {escape(mapping.name)} (nothing written)", title_justify="left")
    for name in ("column in the file", "goes to", "sample values"):
        table.add_column(name)
    for c in result.columns:
        table.add_row(escape(c.original), escape(f"{c.output}.{c.fields}"), escape(" | ".join(c.samples)))
    console.print(table)
    console.print(
        f"rows read {result.rows_read}, records valid {result.records_valid}, values kept but doubtful "
        f"{len(result.doubts)}, rows with a problem {len(result.rejections)}"
    )
    for notice in result.notices:
        console.print(f"[yellow]Note:[/] {escape(notice)}")
    print_problems(
        [d.as_dict() for d in result.doubts],
        [{"file": r.file, "row": r.row, "field": f, "reason": why} for r in result.rejections for f, why in r.errors],
    )
