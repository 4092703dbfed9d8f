"""`jigsaw schema export [--check]`: JSON Schemas, CSV templates and the data dictionary from the models."""

from __future__ import annotations

from pathlib import Path

import typer

from graph_loader.schema_export import export as write_files
from graph_loader.schema_export import stale

from .common import console

app = typer.Typer(help="Files generated from the record models.", no_args_is_help=True)


@app.command()
def export(
    check: bool = typer.Option(False, help="Write nothing; exit 1 if any generated file is missing or out of date."),
    docs: Path = typer.Option(Path("docs"), help="Where the generated files live (run from the checkout: its docs/)."),
) -> None:
    """Write docs/data-dictionary.md, docs/schemas/*.json, docs/templates/* and the generated part of
    docs/graph-model.md from the models."""
    if check:
        behind = stale(docs)
        for path in behind:
            console.print(f"out of date: {path}", soft_wrap=True)
        if behind:
            console.print("Run `jigsaw schema export` and commit the result.")
            raise typer.Exit(1)
        console.print("All generated files match the models.")
        return
    written = write_files(docs)
    console.print(f"{len(written)} file(s) written" + (": " + ", ".join(p.name for p in written) if written else ""))
