"""`jigsaw geo import FILE` and `jigsaw geo status`: the deployment's postcode lookup for maps."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape

from graph_loader.postcode_directory import GeoImportError, import_onspd
from jigsaw import audit
from jigsaw.geo.postcodes import PostcodeLookup, lookup_path

from .common import console, settings

app = typer.Typer(help="Where places are: the postcode lookup that puts places on the map.", no_args_is_help=True)


@app.command("import")
def import_file(
    file: Path = typer.Argument(
        ...,
        exists=True,
        dir_okay=False,
        readable=True,
        help="The ONS Postcode Directory's CSV (e.g. Data/ONSPD_MAY_2025_UK.csv), or a CSV with "
        "its columns: pcds (or pcd, pcd2), lat, long, oslaua, doterm. Rows whose postcode is "
        "a district (N4) or sector (N4 1) give that area's centre.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON on standard output."),
) -> None:
    """Import a postcode lookup (replacing the previous one whole), read as a stream."""
    cfg = settings()
    try:
        result = import_onspd(
            file,
            cfg.jigsaw_home,
            user=cfg.acting_user(),
            progress=None if as_json else lambda n: console.print(f"{n:,} rows read", end="\r"),
        )
    except GeoImportError as err:
        console.print(f"[bold red]Nothing imported:[/] {escape(str(err))}")
        raise typer.Exit(2) from None
    audit.record(
        cfg.jigsaw_home,
        "collection",
        user=cfg.acting_user(),
        purpose=None,
        action="geo import",
        file=result.file,
        sha256=result.sha256,
        rows_read=result.rows_read,
        postcodes=result.postcodes,
    )
    summary = {
        "file": result.file,
        "sha256": result.sha256,
        "rows_read": result.rows_read,
        "postcodes": result.postcodes,
        "terminated": result.terminated,
        "sectors": result.sectors,
        "districts": result.districts,
        "skipped": dict(result.skipped),
        "seconds": result.seconds,
    }
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    console.print(
        f"Imported {result.postcodes:,} postcodes ({result.terminated:,} terminated), {result.sectors:,} sectors "
        f"and {result.districts:,} districts from {result.rows_read:,} rows in {result.seconds} s."
    )
    for reason, count in result.skipped.most_common():
        console.print(f"  skipped {count:,} row(s): {reason}")


@app.command("status")
def status() -> None:
    """Which postcode lookup the maps use, if any."""
    lookup = PostcodeLookup(lookup_path(settings().jigsaw_home))
    about = lookup.about()
    lookup.close()
    if not about:
        console.print(
            "No postcode lookup: places without coordinates are put at their borough's centre, marked approximate. "
            "Import one with `jigsaw geo import ONSPD.csv`."
        )
        return
    for key, value in about.items():
        console.print(f"{key}: {value}")
