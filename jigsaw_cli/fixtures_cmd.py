"""`jigsaw fixtures generate`: deterministic synthetic data in the documented format."""

from __future__ import annotations

import time
from enum import Enum
from pathlib import Path

import typer

from .common import console

app = typer.Typer(help="Synthetic data for demos, tests and benchmarks (never real people).", no_args_is_help=True)


class ScaleName(str, Enum):
    S = "S"
    M = "M"
    L = "L"


class Noise(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


class Format(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


@app.command()
def generate(
    out: Path = typer.Option(..., help="Folder to write into."),
    seed: int = typer.Option(7, help="The same seed gives byte-identical files."),
    scale: ScaleName = typer.Option(ScaleName.S, help="S (demo), M (one borough, ten years), L (pan-London)."),
    noise: Noise = typer.Option(Noise.medium, help="How differently agencies record the same person."),
    rows: int | None = typer.Option(None, min=100, help="Aim for about this many source rows instead of the scale's."),
    fmt: Format = typer.Option(Format.csv, "--format", help="csv (linked files per source) or jsonl."),
) -> None:
    """Write MASH, gangs-matrix and HSB files plus ground_truth.json."""
    from fixtures.generator import generate as run

    began = time.monotonic()
    summary = run(seed, scale.value, out, noise=noise.value, rows=rows, fmt=fmt.value)
    for name, count in summary["rows"].items():
        console.print(f"{name}: {count:,} rows")
    console.print(
        f"{summary['persons']:,} true persons, {summary['scenarios']} planted scenarios; "
        f"ground truth in {out / 'ground_truth.json'} ({time.monotonic() - began:.1f}s)"
    )


@app.command("from-adjacency")
def from_adjacency(
    adjacency: Path = typer.Option(
        ...,
        exists=True,
        dir_okay=False,
        help="Square CSV matrix; first row and column label the members (any labels). Not symmetric = directed.",
    ),
    out: Path = typer.Option(..., help="Folder to write matrix_nominals.csv into."),
    attributes: Path | None = typer.Option(
        None, exists=True, dir_okay=False, help="Per-member CSV with an ID column (Age is used)."
    ),
    gang: str = typer.Option(..., help="Gang name given to every member."),
    borough: str = typer.Option(..., help="Borough that holds the nominals."),
    prefix: str = typer.Option("LG", help="Prefix for the nominal ids."),
    network: str | None = typer.Option(
        None, help="Network id (default: the prefix): made-up names and dates of birth are unique to it."
    ),
    seed: int = typer.Option(7, help="Seed for the synthetic names."),
    kinds: bool = typer.Option(
        False,
        "--values-are-kinds",
        help="The values code kinds of tie (e.g. 1 hang out, 2 co-offend), not strengths: each tie counts once.",
    ),
) -> None:
    """Convert a published adjacency matrix (e.g. the London Gang network) into gangs-matrix nominals."""
    from fixtures.published.adjacency import read_adjacency

    _convert(
        lambda: read_adjacency(adjacency, attributes),
        out,
        gang=gang,
        borough=borough,
        prefix=prefix,
        network=network,
        seed=seed,
        strengths=not kinds,
    )


@app.command("from-edge-list")
def from_edge_list(
    edges: Path = typer.Option(
        ...,
        exists=True,
        dir_okay=False,
        help="CSV with a header: source, target, and optionally weight and date (yyyy-mm-dd).",
    ),
    out: Path = typer.Option(..., help="Folder to write matrix_nominals.csv into."),
    attributes: Path | None = typer.Option(
        None, exists=True, dir_okay=False, help="Per-member CSV with an ID column (Age is used)."
    ),
    gang: str = typer.Option(..., help="Gang name given to every member."),
    borough: str = typer.Option(..., help="Borough that holds the nominals."),
    prefix: str = typer.Option("NET", help="Prefix for the nominal ids."),
    network: str | None = typer.Option(
        None, help="Network id (default: the prefix): made-up names and dates of birth are unique to it."
    ),
    directed: bool = typer.Option(True, help="Each row is a tie from source to target (--no-directed: both ways)."),
    seed: int = typer.Option(7, help="Seed for the synthetic names."),
    kinds: bool = typer.Option(
        False,
        "--values-are-kinds",
        help="The weight column codes kinds of tie (1 hang out, 2 co-offend), not strengths: each tie counts once.",
    ),
) -> None:
    """Convert a published edge list (who called or named whom, how often, when) into gangs-matrix nominals."""
    from fixtures.published.adjacency import read_edge_list

    _convert(
        lambda: read_edge_list(edges, attributes, directed=directed),
        out,
        gang=gang,
        borough=borough,
        prefix=prefix,
        network=network,
        seed=seed,
        strengths=not kinds,
    )


def _convert(
    read, out: Path, *, gang: str, borough: str, prefix: str, network: str | None, seed: int, strengths: bool = True
) -> None:
    """Read, convert and write; any fault in the file is a message, never a traceback."""
    from pydantic import ValidationError
    from rich.markup import escape

    from fixtures.published.adjacency import NetworkError, write_matrix_folder

    try:
        found = read()
        count = write_matrix_folder(
            found, out, gang=gang, borough=borough, prefix=prefix, seed=seed, network_id=network, strengths=strengths
        )
    except NetworkError as err:
        console.print(f"[bold red]Error:[/] {escape(str(err))}")
        raise typer.Exit(2) from None
    except ValidationError as err:
        first = err.errors()[0]
        console.print(
            f"[bold red]Error:[/] a nominal could not be made: {escape(str(first.get('loc', '')))}: "
            f"{escape(first.get('msg', ''))}"
        )
        raise typer.Exit(2) from None
    kind = ("directed" if found.directed else "undirected") + (", weighted" if found.weighted else "")
    console.print(
        f"{count} nominals with {len(found.ties)} ties ({kind}) written to {escape(str(out / 'matrix_nominals.csv'))}"
    )
    if found.weighted:
        kept = "kept as each associate link's strength" if strengths else "read as kinds of tie: each tie counts once"
        console.print(f"Tie values {kept} (associate_weights).")
